"""The real report, built from the sample workbooks by `python build.py`, as a reader gets it."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.cli_support import snapshot
from tests.conftest import DATA, run_build

pytestmark = pytest.mark.slow


def build(output: Path, build_dir: Path) -> subprocess.CompletedProcess:
    return run_build(DATA, output, build_dir)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("rapport")
    result = build(base / "output", base / "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[4/4] Publiceren" in result.stdout  # progress per stage
    return base


def test_all_formats_are_published(report):
    names = sorted(p.name for p in (report / "output").iterdir())
    assert names == [
        "herkomst.csv",
        "open-data",
        "rapport.docx",
        "rapport.html",
        "rapport.pdf",
        "tabellen.xlsx",
    ]


def test_pdf_is_a4_tagged_pdf_ua_with_the_departures_table(report):
    pdf = report / "output" / "rapport.pdf"
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        assert "Tagged:          yes" in info
        assert "595.276 x 841.89 pts (A4)" in info
    data = pdf.read_bytes()
    assert re.search(rb"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", data)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)
    # Tabel 2 of the reference edition: 2011 total 21.540, grand total 136.590
    assert re.search(
        r"Totaal 21\.540 20\.870 15\.830 16\.000 16\.610 24\.900 20\.840 136\.590", text
    )
    assert "Figuur 1" in text and "??" not in text


def test_html_is_one_dutch_self_contained_file(report):
    page = (report / "output" / "rapport.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in page
    assert not re.search(r'(src|href)="https?://', page)
    assert page.count("data:image/png;base64,") == 5  # the five figures are embedded


def test_docx_holds_every_table(report):
    qmd = (report / "build" / "rapport.qmd").read_text(encoding="utf-8")
    tables = len(re.findall(r"\{#tbl-[\w-]+\}", qmd))
    with zipfile.ZipFile(report / "output" / "rapport.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert body.count("<w:tbl>") == tables


def test_tables_workbook_has_a_sheet_per_model_table(report):
    from report.inputs.read import read_inputs
    from report.model import build_model

    model = build_model(read_inputs(DATA))
    book = openpyxl.load_workbook(report / "output" / "tabellen.xlsx")
    assert book.sheetnames[0] == "Inhoud"
    tables = [name for name in book.sheetnames if name.startswith("Tabel ")]
    assert len(tables) == len(model.tables)
    assert book.sheetnames == ["Inhoud", *tables, "Herkomst", "Besparingsvariant"]


def captions(page: str) -> dict[int, str]:
    """'Tabel N: caption' of every table in the HTML, by number (caption text without tags)."""
    found = {}
    for caption in re.findall(r"<caption>(.*?)</caption>", page, re.DOTALL):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", caption)).split())
        number, title = re.fullmatch(r"Tabel\W(\d+): (.*)", text).groups()
        found[int(number)] = title
    return found


def test_every_sheet_of_the_tables_workbook_has_the_number_of_its_table(report):
    """Sheet "Tabel N" is the report's Tabel N, in the HTML and in the PDF (issue 11)."""
    page = (report / "output" / "rapport.html").read_text(encoding="utf-8")
    in_html = captions(page)
    pdf = " ".join(
        " ".join((p.extract_text() or "").split())
        for p in PdfReader(report / "output" / "rapport.pdf").pages
    ).replace("\u00a0", " ")
    book = openpyxl.load_workbook(report / "output" / "tabellen.xlsx")
    numbers = []
    for name in book.sheetnames[1:-2]:  # after the contents, before Herkomst and Besparingsvariant
        number, title = re.fullmatch(r"Tabel (\d+)\. (.*)", book[name]["A1"].value).groups()
        assert name.startswith(f"Tabel {number} ")
        caption = in_html[int(number)]  # the title, with its unit unless the title says it
        assert caption == title or caption.startswith(title + " ("), (name, caption)
        assert f"Tabel {number}: {title[:40]}" in pdf, name
        numbers.append(int(number))
    assert numbers == sorted(numbers)  # in the report's order
    assert len(numbers) < len(in_html)  # tables of words (Tabel 1, …) have no sheet


def test_two_builds_are_byte_identical(report, tmp_path):
    result = build(tmp_path / "output", tmp_path / "build")
    assert result.returncode == 0, result.stderr
    assert snapshot(tmp_path / "output") == snapshot(report / "output")
    assert "open-data/datapackage.json" in snapshot(report / "output")
