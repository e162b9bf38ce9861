"""The preview's incremental rebuild: what a change makes it redo, and what it shows on errors.

In-process, on a copy of the sample data; the browser test drives the whole command.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from report.preview.rebuild import HTML_DIR, Rebuilder
from report.preview.watch import Work

FIGURES = {"besparing", "uitgaven", "uitstroom-dtv", "vertrek-aandeel", "vertrek-veilig"}
SHEET = "Programma-uitgaven"
LINE, TOTAL = "B8", "B12"  # Opdracht vreemdelingenvertrek 2011 and the sheet's printed total


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A preview build folder after a first build of the sample data (figures drawn once)."""
    from conftest import DATA

    build = tmp_path_factory.mktemp("voorbeeld")
    outcome = Rebuilder(DATA, build).rebuild(Work.READ)
    assert outcome.kind == "rapport", outcome.message or outcome.problems
    assert set(outcome.redrawn) == FIGURES  # an empty cache draws every figure
    return build


@pytest.fixture
def rebuilder(seeded: Path, data_copy: Path, tmp_path: Path) -> Rebuilder:
    build = tmp_path / "bouw"
    shutil.copytree(seeded, build)
    built = Rebuilder(data_copy, build)
    first = built.rebuild(Work.READ)
    assert first.kind == "rapport" and first.redrawn == []
    return built


def _edit(data: Path, **cells: object) -> None:
    path = data / "financien.xlsx"
    workbook = openpyxl.load_workbook(path)
    for cell, value in cells.items():
        workbook[SHEET][cell] = value
    workbook.save(path)


def _amounts(data: Path) -> tuple[int, int]:
    sheet = openpyxl.load_workbook(data / "financien.xlsx")[SHEET]
    return sheet[LINE].value, sheet[TOTAL].value


def test_a_data_change_redraws_only_the_figures_of_that_data(rebuilder: Rebuilder) -> None:
    line, total = _amounts(rebuilder.data_dir)
    # 2011 programme spending is drawn in the spending figure only; the savings base is the
    # reference year 2022 and the other figures show departures.
    _edit(rebuilder.data_dir, **{LINE: line + 1000, TOTAL: total + 1000})
    outcome = rebuilder.rebuild(Work.READ)
    assert outcome.kind == "rapport"
    assert outcome.redrawn == ["uitgaven"]
    assert outcome.republished
    assert f"{(line + 1000) // 1000}.{(line + 1000) % 1000:03d}" in outcome.html  # 8.834
    assert not list(rebuilder.build_dir.rglob("*.pdf"))  # the preview publishes HTML only


def test_a_template_change_renders_again_without_reading_the_inputs(
    rebuilder: Rebuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unread(*_):
        raise AssertionError("a template change must not read the workbooks again")

    monkeypatch.setattr("report.preview.rebuild.read_inputs", unread)
    html = rebuilder.build_dir / HTML_DIR / "rapport.html"
    before = html.stat().st_mtime_ns
    outcome = rebuilder.rebuild(Work.RENDER)
    assert outcome.kind == "rapport"
    assert outcome.redrawn == []
    assert not outcome.republished  # the same document is not published again
    assert html.stat().st_mtime_ns == before
    assert rebuilder.rebuild(Work.PUBLISH).republished  # a stylesheet change always is


def test_a_broken_cell_gives_the_problem_list_and_the_fix_the_report(
    rebuilder: Rebuilder,
) -> None:
    line, _ = _amounts(rebuilder.data_dir)
    _edit(rebuilder.data_dir, **{LINE: "veel"})
    broken = rebuilder.rebuild(Work.READ)
    assert broken.kind == "invoer"
    places = [(p.file, p.sheet, p.cell) for p in broken.problems]
    assert places == [("financien.xlsx", SHEET, LINE)]
    assert '"veel"' in broken.problems[0].message
    _edit(rebuilder.data_dir, **{LINE: line})
    fixed = rebuilder.rebuild(Work.READ)
    assert fixed.kind == "rapport"
    assert not fixed.republished  # the document is the one shown before the mistake


def test_a_template_change_after_an_input_problem_reads_the_inputs_again(
    rebuilder: Rebuilder,
) -> None:
    line, _ = _amounts(rebuilder.data_dir)
    _edit(rebuilder.data_dir, **{LINE: "veel"})
    assert rebuilder.rebuild(Work.READ).kind == "invoer"
    assert rebuilder.rebuild(Work.RENDER).kind == "invoer"  # no stale model behind the page
    _edit(rebuilder.data_dir, **{LINE: line})
    assert rebuilder.rebuild(Work.RENDER).kind == "rapport"


def test_an_internal_error_is_a_short_dutch_message_with_a_log(
    rebuilder: Rebuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_):
        raise ZeroDivisionError("deling door nul")

    monkeypatch.setattr("report.preview.rebuild.render_document", broken)
    outcome = rebuilder.rebuild(Work.RENDER)
    assert outcome.kind == "fout"
    log = rebuilder.build_dir / "fout.log"
    assert outcome.message == f"Interne fout: deling door nul. Details staan in {log}."
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")


def test_a_text_change_reads_only_the_text(rebuilder: Rebuilder, monkeypatch) -> None:
    """A saved tekst/ file is read again; the workbooks are not, and the model's figures stay."""
    from preview_support import prose_line

    import report.preview.rebuild as rebuild

    def refuse(data_dir: Path) -> None:
        raise AssertionError("a change of text read the workbooks again")

    monkeypatch.setattr(rebuild, "read_inputs", refuse)
    tables = rebuilder.model.tables
    text = rebuilder.data_dir / "tekst" / "h4-inleiding.qmd"
    sentence = prose_line(text)
    text.write_text(
        text.read_text(encoding="utf-8").replace(sentence, f"Een nieuwe zin. {sentence}", 1),
        encoding="utf-8",
    )
    outcome = rebuilder.rebuild(Work.TEXT)
    assert outcome.kind == "rapport" and outcome.republished and outcome.redrawn == []
    assert "Een nieuwe zin." in outcome.html
    assert rebuilder.model.tables is tables
    assert rebuilder.pages.converted == 1  # one chapter of the page converted again

    text.write_text("Een teken dat niet gedrukt kan worden: \U0001f600\n", encoding="utf-8")
    broken = rebuilder.rebuild(Work.TEXT)
    assert broken.kind == "invoer"
    assert any("h4-inleiding" in str(problem) for problem in broken.problems)
