"""`--formats` builds a set of formats; other publication files in output/ stay or go, explicitly.

A file that was not asked for stays only when the publication stamp shows it was made from
the same source (the same document, engine and code) and is unchanged since; otherwise it is
removed, and the command says which and why. The in-process cases publish tabellen.xlsx and
the open data only (no pandoc or Typst), from build folders that start with the figures drawn.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from report import pipeline, stamp
from report.folders import FolderRefused, check_folders
from tests.cli_support import run_cli, second_edition, snapshot
from tests.conftest import DATA
from tests.progress_support import Recorder


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("figuren")
    pipeline.build(DATA, base / "output", base / "build", ["xlsx"], "embedded", Recorder())
    return base / "build" / "figuren"


@pytest.fixture
def build(figures):
    def run(data: Path, output: Path, build_dir: Path, formats: str) -> pipeline.BuildResult:
        if not build_dir.exists():
            shutil.copytree(figures, build_dir / "figuren")
        return pipeline.build(data, output, build_dir, formats.split(","), "embedded", Recorder())

    return run


def test_a_file_from_the_same_inputs_is_kept(build, tmp_path):
    output, work = tmp_path / "output", tmp_path / "build"
    build(DATA, output, work, "xlsx,csv")
    before = snapshot(output)
    result = build(DATA, output, work, "xlsx")
    assert result.kept == (stamp.OPEN_DATA,) and result.removed == ()
    assert snapshot(output) == before  # the open data stayed, byte for byte
    assert output / stamp.OPEN_DATA in result.outputs
    again = build(DATA, output, work, "xlsx")  # nothing changed: nothing to publish
    assert not again.republished and again.kept == (stamp.OPEN_DATA,)


def test_a_file_from_other_inputs_is_removed_and_named(build, tmp_path):
    output, work = tmp_path / "output", tmp_path / "build"
    build(DATA, output, work, "xlsx,csv")
    other = second_edition(tmp_path / "B")
    result = build(other, output, work, "xlsx")
    assert result.removed == ((stamp.OPEN_DATA, stamp.OTHER_SOURCE),)
    assert sorted(p.name for p in output.iterdir()) == [stamp.HERKOMST, stamp.TABLES]


def test_a_file_changed_after_publication_is_removed(build, tmp_path):
    output, work = tmp_path / "output", tmp_path / "build"
    build(DATA, output, work, "xlsx,csv")
    (output / stamp.OPEN_DATA / "vertrek-type.csv").write_text("met de hand", encoding="utf-8")
    result = build(DATA, output, work, "xlsx")
    assert result.removed == ((stamp.OPEN_DATA, stamp.CHANGED),)
    assert not (output / stamp.OPEN_DATA).exists()


def test_without_a_stamp_the_origin_is_unknown_and_the_file_goes(build, tmp_path):
    output = tmp_path / "output"
    build(DATA, output, tmp_path / "build-1", "xlsx,csv")
    result = build(DATA, output, tmp_path / "build-2", "csv")  # another build folder
    assert result.removed == ((stamp.TABLES, stamp.UNKNOWN_SOURCE),)
    assert sorted(p.name for p in output.iterdir()) == [stamp.HERKOMST, stamp.OPEN_DATA]


def test_a_failed_build_removes_nothing(build, tmp_path, monkeypatch):
    output, work = tmp_path / "output", tmp_path / "build"
    build(DATA, output, work, "xlsx,csv")
    before = snapshot(output)
    other = second_edition(tmp_path / "B")
    (other / "editie.yml").write_text("titel: [", encoding="utf-8")
    with pytest.raises(Exception, match="editie"):
        build(other, output, work, "xlsx")
    assert snapshot(output) == before


def test_an_open_data_folder_with_other_files_is_not_a_publication(tmp_path):
    output = tmp_path / "output"
    (output / stamp.OPEN_DATA).mkdir(parents=True)
    (output / stamp.OPEN_DATA / "tabel.csv").write_text("a\n", encoding="utf-8")
    check_folders(output, tmp_path / "build", [DATA])  # a publication's open data: allowed
    (output / stamp.OPEN_DATA / "notities.docx").write_bytes(b"eigen werk")
    with pytest.raises(FolderRefused, match="open-data"):
        check_folders(output, tmp_path / "build", [DATA])


@pytest.mark.slow
def test_the_command_says_what_it_kept_and_what_it_removed(tmp_path):
    """The issue's case: `--formats pdf,html` after a full build no longer deletes in silence."""
    output, work = tmp_path / "output", tmp_path / "build"
    first = run_cli("--data", DATA, "--output", output, "--build-dir", work)
    assert first.returncode == 0, first.stderr
    full = snapshot(output)
    result = run_cli(
        "--data", DATA, "--output", output, "--build-dir", work, "--formats", "pdf,html"
    )
    assert result.returncode == 0, result.stderr
    assert snapshot(output) == full  # docx, xlsx and open data kept; pdf and html the same
    for name in ("rapport.docx", "tabellen.xlsx", "open-data/"):
        assert f"  {name} (behouden: niet gevraagd, wel uit dezelfde invoer gemaakt)" in (
            result.stdout
        )
    other = second_edition(tmp_path / "B")
    result = run_cli("--data", other, "--output", output, "--build-dir", work, "--formats", "html")
    assert result.returncode == 0, result.stderr
    # herkomst.csv goes with every publication (the source of each number it prints)
    assert sorted(p.name for p in output.iterdir()) == ["herkomst.csv", "rapport.html"]
    assert (
        f"Verwijderd uit {output} (niet gevraagd en {stamp.OTHER_SOURCE}): "
        "open-data, rapport.docx, rapport.pdf, tabellen.xlsx"
    ) in result.stdout
