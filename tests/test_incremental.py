"""What a build, `check` and `scenario` may skip, and that skipping never changes a result.

- An unchanged build (the same edition folder, program, formats and engine, and output/ as the
  stamp describes) skips every stage and reports the notes of the build that published.
- The inputs of the last read are kept in the build folder and used while the edition folder
  and the program are unchanged; any change reads the workbooks again, and a cache file that
  is damaged or planted is never trusted.
- Figures drawn in the child process are the bytes drawn in the main process.
- `scenario` and an unchanged build import neither the plotting stack nor the readers.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from report import fingerprint, pipeline, reading
from report.inputs import cache
from report.inputs.read import read_inputs
from report.model import build_model
from report.problems import DraftRefused
from report.render.drawing import DrawingFailed, FigureWorker
from report.render.figures import draw_figure, plan_figures
from tests.conftest import DATA, ROOT
from tests.progress_support import Recorder


def build(data: Path, work: Path, formats=("html",)) -> tuple[pipeline.BuildResult, Recorder]:
    progress = Recorder()
    result = pipeline.build(data, work / "output", work / "build", formats, "embedded", progress)
    return result, progress


def test_an_unchanged_build_skips_every_stage_and_keeps_its_notes(work, reads):
    first, progress = build(DATA, work)
    assert first.republished and progress.skipped == [] and reads.count == 1
    assert first.notes  # the sample has notes (rounding differences) to keep
    again, progress = build(DATA, work)
    assert not again.republished
    assert progress.skipped == [
        pipeline.READ,
        pipeline.COMPUTE,
        pipeline.RENDER,
        pipeline.PUBLISH_STAGE,
    ]
    assert reads.count == 1  # nothing was read
    assert again.notes == first.notes
    assert again.outputs == first.outputs


def mark_for_review(data: Path) -> None:
    """Put the first paragraph of a text file under `::: nakijken`: the report is a draft."""
    part = data / "tekst" / "h1-aanleiding.qmd"
    text = part.read_text(encoding="utf-8")
    first, rest = text.split("\n\n", 1)
    part.write_text(f"::: nakijken\n{first}\n:::\n\n{rest}", encoding="utf-8")


def test_an_unchanged_draft_keeps_its_findings_and_a_final_build_is_refused(work, data_copy):
    mark_for_review(data_copy)
    first, _ = build(data_copy, work)
    assert first.findings and any("nakijken" in f.message for f in first.findings)
    page = (work / "output" / "rapport.html").read_bytes()
    again, progress = build(data_copy, work)
    assert progress.skipped[0] == pipeline.READ  # nothing changed: every stage skipped
    assert again.findings == first.findings and again.notes == first.notes
    with pytest.raises(DraftRefused) as refused:
        pipeline.build(
            data_copy, work / "output", work / "build", ["html"], "embedded", Recorder(), final=True
        )
    assert refused.value.findings == first.findings
    assert (work / "output" / "rapport.html").read_bytes() == page


def test_an_unchanged_build_names_the_files_it_kept(work, reads):
    build(DATA, work, ("html", "xlsx"))
    fewer, _ = build(DATA, work, ("html",))
    assert fewer.kept == ("tabellen.xlsx",) and reads.count == 1
    again, progress = build(DATA, work, ("html",))
    assert progress.skipped[0] == pipeline.READ
    assert again.kept == ("tabellen.xlsx",)
    names = ["herkomst.csv", "rapport.html", "tabellen.xlsx"]  # herkomst.csv goes with every build
    assert again.outputs == [work / "output" / name for name in names]


def test_a_build_with_every_figure_drawn_starts_no_drawing_process(work, monkeypatch):
    started: list[FigureWorker] = []
    monkeypatch.setattr(FigureWorker, "_start", lambda worker: started.append(worker))
    result, progress = build(DATA, work)
    assert result.republished and progress.skipped == []
    assert started == []  # every figure was in the build folder: nothing imported, nothing drawn


def test_a_changed_edition_file_builds_again(work, data_copy, reads):
    build(data_copy, work)
    settings = data_copy / "editie.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "# een opmerking\n", encoding="utf-8"
    )
    result, progress = build(data_copy, work)
    assert reads.count == 2  # the edition folder changed: read again
    assert progress.skipped == [pipeline.PUBLISH_STAGE]  # a comment leaves the document as it was
    assert not result.republished


def test_a_file_added_to_the_edition_folder_counts_as_a_change(work, data_copy, reads):
    build(data_copy, work)
    (data_copy / "toelichting.md").write_text("Nieuw.\n", encoding="utf-8")
    _, progress = build(data_copy, work)
    assert reads.count == 2 and progress.skipped == [pipeline.PUBLISH_STAGE]


def test_other_formats_are_built_again(work, reads):
    build(DATA, work, ("html",))
    result, progress = build(DATA, work, ("html", "xlsx"))
    assert result.republished and progress.skipped == []
    assert reads.count == 1  # the inputs came from the cache


def test_cached_inputs_are_the_inputs_read(tmp_path, reads):
    fresh = reading.read(DATA, tmp_path)
    cached = reading.read(DATA, tmp_path)
    assert reads.count == 1
    assert cached == fresh
    assert build_model(cached) == build_model(fresh)


def test_check_and_scenario_use_the_cache(tmp_path, reads):
    pipeline.check(DATA, tmp_path)
    text = pipeline.run_scenario(DATA, ["1.percentage=40"], tmp_path)
    assert reads.count == 1
    assert text == pipeline.run_scenario(DATA, ["1.percentage=40"])  # read without cache
    assert reads.count == 2


def key() -> str:
    return fingerprint.combine(fingerprint.folder(DATA), fingerprint.program())


class Planted:
    """An object whose unpickling would run a command."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_cache_file_runs_nothing(tmp_path, reads):
    marker = tmp_path / "uitgevoerd"
    (tmp_path / cache.FILE).write_bytes(key().encode() + b"\n" + pickle.dumps(Planted(marker)))
    inputs = reading.read(DATA, tmp_path)
    assert not marker.exists()
    assert reads.count == 1  # refused, so read from the workbooks
    assert inputs == read_inputs(DATA)


def test_a_damaged_cache_file_reads_again(tmp_path, reads):
    reading.read(DATA, tmp_path)
    stored = (tmp_path / cache.FILE).read_bytes()
    (tmp_path / cache.FILE).write_bytes(stored[: len(stored) // 2])
    reading.read(DATA, tmp_path)
    assert reads.count == 2


def test_the_restricted_unpickler_refuses_other_classes():
    data = pickle.dumps(io.BytesIO(b"x"))
    with pytest.raises(pickle.UnpicklingError):
        cache._Restricted(io.BytesIO(data)).load()


@pytest.fixture(scope="module")
def model():
    return build_model(read_inputs(DATA))


def test_figures_drawn_in_the_child_are_the_bytes_drawn_here(tmp_path, model):
    _, jobs = plan_figures(model, tmp_path / "hier")
    job = next(j for j in jobs if j.key == "uitgaven")
    draw_figure(job, tmp_path / "hier")
    with FigureWorker() as worker:
        worker.draw([job], tmp_path / "kind")
        worker.wait()
    here = (tmp_path / "hier" / job.path).read_bytes()
    assert (tmp_path / "kind" / job.path).read_bytes() == here
    assert here.startswith(b"\x89PNG")


def test_a_figure_the_child_cannot_draw_is_reported(tmp_path, model):
    _, jobs = plan_figures(model, tmp_path)
    (tmp_path / "geen-map").write_text("een bestand, geen map", encoding="utf-8")
    with FigureWorker() as worker, pytest.raises(DrawingFailed, match="Traceback"):
        worker.draw(jobs[:1], tmp_path / "geen-map")
        worker.wait()


def test_a_child_that_dies_is_reported(tmp_path, model):
    _, jobs = plan_figures(model, tmp_path)
    with FigureWorker() as worker, pytest.raises(DrawingFailed, match="stopte onverwacht"):
        worker.draw(jobs, tmp_path)
        for child in multiprocessing.active_children():
            if child.name == "figuren-tekenen":
                child.kill()
        worker.wait()
    assert not [c for c in multiprocessing.active_children() if c.name == "figuren-tekenen"]


HEAVY = ("pandas", "plotnine", "matplotlib", "numpy", "openpyxl", "pydantic")
_IMPORTS = textwrap.dedent(
    """
    import sys
    from report.cli import main
    code = main(sys.argv[2:])
    heavy = sorted(m for m in sys.argv[1].split(",") if m in sys.modules)
    print("zwaar:", ",".join(heavy), file=sys.stderr)
    sys.exit(code)
    """
)


def imported(*arguments: str | Path) -> list[str]:
    """The heavy modules a command imported (run in a new process, as a user runs it)."""
    result = subprocess.run(
        [sys.executable, "-c", _IMPORTS, ",".join(HEAVY), *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return [m for m in result.stderr.rsplit("zwaar:", 1)[1].strip().split(",") if m]


@pytest.mark.slow
def test_scenario_and_an_unchanged_build_import_only_what_they_need(tmp_path):
    build_dir, output = tmp_path / "build", tmp_path / "output"
    first = ["--output", output, "--build-dir", build_dir, "--formats", "xlsx"]
    assert {"openpyxl", "pydantic"} <= set(imported(*first))  # read, and tabellen.xlsx written
    assert imported(*first) == []  # unchanged: nothing read, drawn or written
    assert imported("scenario", "--set", "1.percentage=40", "--build-dir", build_dir) == []
    other = tmp_path / "andere-bouwmap"  # no cached inputs there: the workbooks are read
    assert {"openpyxl", "pydantic"} <= set(imported("scenario", "--build-dir", other))
