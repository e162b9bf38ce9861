"""No cache ever publishes a stale number.

Three things are kept between commands: the inputs of the last read (`invoer.pickle`), the
stamp of the last publication (`publicatie.json`) and the figures (named by a hash of their
data and drawing code). Each case below changes one thing a publication depends on (a
workbook cell, `editie.yml`, a file in the edition folder, a chapter template, the code, the
drawing code) and checks that what comes out is computed from the change, and that what the
change cannot touch (the figures, for a template) is kept.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from report import fingerprint, pipeline, reading
from report.inputs.read import read_inputs
from report.model import build_model
from report.render.figures import plan_figures
from tests.conftest import DATA
from tests.preview_support import copy_project
from tests.progress_support import Recorder

SPENDING = "Programma-uitgaven"


def build(data: Path, work: Path) -> tuple[pipeline.BuildResult, Recorder]:
    progress = Recorder()
    result = pipeline.build(data, work / "output", work / "build", ["html"], "embedded", progress)
    return result, progress


def add_to_cells(workbook: Path, sheet: str, amounts: dict[str, int]) -> None:
    """Add to cells of a workbook and save it as Excel would, replacing the file."""
    book = openpyxl.load_workbook(workbook)
    for cell, amount in amounts.items():
        book[sheet][cell] = book[sheet][cell].value + amount
    scratch = workbook.with_name("opslaan.xlsx")
    book.save(scratch)
    os.replace(scratch, workbook)


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_workbook_cell_is_published(work, data_copy, reads):
    build(data_copy, work)
    page = work / "output" / "rapport.html"
    assert "19.737" in page.read_text(encoding="utf-8")  # Opdracht vreemdelingenvertrek 2017
    add_to_cells(data_copy / "financien.xlsx", SPENDING, {"H8": 111, "H12": 111})
    result, progress = build(data_copy, work)
    assert result.republished and progress.skipped == [] and reads.count == 2
    text = page.read_text(encoding="utf-8")
    assert "19.848" in text and "36.833" in text  # 19.737 + 111, its total 36.722 + 111
    assert "19.737" not in text


def test_the_scenario_after_a_workbook_change_uses_the_new_workbook(tmp_path, data_copy, reads):
    before = pipeline.run_scenario(data_copy, [], tmp_path)
    assert "€ 6,7 mln (REAN-regeling 2022)" in before
    assert pipeline.run_scenario(data_copy, [], tmp_path) == before and reads.count == 1
    add_to_cells(data_copy / "financien.xlsx", SPENDING, {"M9": 1000, "M12": 1000})
    after = pipeline.run_scenario(data_copy, [], tmp_path)
    assert reads.count == 2
    assert "€ 7,7 mln (REAN-regeling 2022)" in after  # 6.689 + 1.000, in millions
    assert after == pipeline.run_scenario(data_copy, [])  # as read without any cache


def test_a_changed_editie_yml_reaches_the_document_and_the_scenario(work, data_copy, reads):
    build(data_copy, work)
    before = pipeline.run_scenario(data_copy, [], work / "build")
    assert reads.count == 1  # the scenario took the build's inputs
    settings = data_copy / "editie.yml"
    replace_text(settings, "titel: Beleidsdoorlichting vertrek", "titel: Doorlichting vertrek")
    replace_text(settings, "  percentage: 20\n", "  percentage: 25\n")
    result, progress = build(data_copy, work)
    assert result.republished and progress.skipped == [] and reads.count == 2
    assert "Doorlichting vertrek" in words(work / "output" / "rapport.html")
    after = pipeline.run_scenario(data_copy, [], work / "build")
    assert reads.count == 2  # taken from the new build's inputs
    assert after != before
    assert after == pipeline.run_scenario(data_copy, [])


def test_a_changed_text_file_is_published(work, data_copy, reads):
    build(data_copy, work)
    replace_text(
        data_copy / "tekst" / "h1-aanleiding.qmd",
        "Volgens de Regeling periodiek evaluatieonderzoek (RPE) wordt",
        "Volgens de regeling voor periodiek evaluatieonderzoek wordt",
    )
    result, progress = build(data_copy, work)
    assert result.republished and progress.skipped == [] and reads.count == 2
    assert "Volgens de regeling voor periodiek evaluatieonderzoek wordt" in words(
        work / "output" / "rapport.html"
    )


def test_the_edition_fingerprint_sees_every_file_by_content(tmp_path):
    edition = tmp_path / "editie"
    (edition / "tekst").mkdir(parents=True)
    part = edition / "tekst" / "h1.qmd"
    part.write_text("Eerste zin.\n", encoding="utf-8")
    first = fingerprint.folder(edition)
    os.utime(part, ns=(1, 1))  # another time, the same content: unchanged
    assert fingerprint.folder(edition) == first
    part.write_text("Eerste zin!\n", encoding="utf-8")
    changed = fingerprint.folder(edition)
    assert changed != first
    (edition / "tekst" / "nieuw.qmd").write_text("", encoding="utf-8")  # an empty file counts
    assert fingerprint.folder(edition) not in (first, changed)


def test_a_text_folder_behind_a_link_is_followed(tmp_path):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "h1.qmd").write_text("Eerste zin.\n", encoding="utf-8")
    edition = tmp_path / "editie"
    edition.mkdir()
    (edition / "tekst").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "lus").symlink_to(elsewhere, target_is_directory=True)  # a loop ends
    first = fingerprint.folder(edition)
    (elsewhere / "h1.qmd").write_text("Andere zin.\n", encoding="utf-8")
    assert fingerprint.folder(edition) != first


def test_the_inputs_cache_is_keyed_to_the_program(tmp_path, reads, monkeypatch):
    reading.read(DATA, tmp_path)
    reading.read(DATA, tmp_path)
    assert reads.count == 1
    monkeypatch.setattr(fingerprint, "program", lambda: "een andere versie van het programma")
    reading.read(DATA, tmp_path)
    assert reads.count == 2


def copy_package(target: Path) -> Path:
    shutil.copytree(
        fingerprint._PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    return target


def test_the_program_fingerprint_covers_code_and_templates(tmp_path, monkeypatch):
    package = copy_package(tmp_path / "report")
    templates = tmp_path / "templates"
    shutil.copytree(fingerprint.TEMPLATES, templates)
    monkeypatch.setattr(fingerprint, "_PACKAGE", package)
    monkeypatch.setattr(fingerprint, "TEMPLATES", templates)
    program = fingerprint.program.__wrapped__
    first = program()
    replace_text(templates / "chapters" / "h1_inleiding.qmd.j2", "\n", "\n\n")
    second = program()
    assert second != first
    (package / "numbers.py").write_text(
        (package / "numbers.py").read_text(encoding="utf-8") + "# gewijzigd\n", encoding="utf-8"
    )
    assert program() not in (first, second)


def test_only_the_drawing_code_redraws_figures(tmp_path, monkeypatch):
    """A figure is named by its data and the code, fonts and libraries that draw it; a change
    to other code or to a template leaves its name (so its file) as it was."""
    package = copy_package(tmp_path / "report")
    monkeypatch.setattr(fingerprint, "_PACKAGE", package)
    drawing = fingerprint.drawing.__wrapped__
    first = drawing()
    replace_text(package / "render" / "document.py", "\n", "\n\n")
    assert drawing() == first
    replace_text(package / "present" / "figures.py", "\n", "\n\n")
    assert drawing() != first

    model = build_model(read_inputs(DATA))
    before, _ = plan_figures(model, tmp_path)
    monkeypatch.setattr(fingerprint, "drawing", lambda: "andere tekencode")
    after, missing = plan_figures(model, tmp_path)
    assert {key for key in before if before[key].path != after[key].path} == set(model.figures)
    assert {job.key for job in missing} == set(model.figures)


def run(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "build.py", "--formats", "html", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def words(page: Path) -> str:
    """The page's text with pandoc's line breaks as spaces."""
    return " ".join(page.read_text(encoding="utf-8").split())


def drawn(project: Path) -> dict[str, int]:
    """The figure files of the build and when each was written."""
    return {p.name: p.stat().st_mtime_ns for p in (project / "build" / "figuren").glob("*.png")}


@pytest.mark.slow
def test_code_and_template_changes_reach_the_publication(tmp_path):
    """In a copy of the project, as a user's checkout: `python build.py` after each change."""
    project = copy_project(tmp_path / "project")
    page = project / "output" / "rapport.html"
    run(project)
    figures = drawn(project)
    assert len(figures) == 5

    # a code change (the reader now leaves a mark): the inputs are read again, not reused
    marker = project / "gelezen"
    with (project / "report" / "inputs" / "read.py").open("a", encoding="utf-8") as code:
        code.write(
            "\n_read_inputs = read_inputs\n\n\ndef read_inputs(data_dir: Path) -> Inputs:\n"
            "    (data_dir.parent / 'gelezen').touch()\n    return _read_inputs(data_dir)\n"
        )
    assert "ongewijzigd sinds de vorige bouw" not in run(project).stdout
    assert marker.exists()
    assert drawn(project) == figures  # not the drawing code: no figure drawn again
    marker.unlink()
    assert "ongewijzigd sinds de vorige bouw" in run(project).stdout
    assert not marker.exists()

    # a chapter template: the new heading is published, the figures stay as they are
    template = project / "templates" / "chapters" / "h4_herkomstlanden.qmd.j2"
    replace_text(template, "## Inzet vanuit Nederland {", "## Inzet vanuit Nederland zelf {")
    assert "Inzet vanuit Nederland zelf" not in words(page)
    run(project)
    assert "Inzet vanuit Nederland zelf" in words(page)
    assert drawn(project) == figures

    # the drawing code: every figure is drawn again, under a new name
    replace_text(project / "report" / "present" / "figures.py", "\n", "\n\n")
    run(project)
    redrawn = drawn(project)
    assert len(redrawn) == 5 and not set(redrawn) & set(figures)
