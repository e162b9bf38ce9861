"""Both engines publish the same report from the sample workbooks: what a reader sees is
compared format by format, and each engine rebuilds its publication byte for byte.

Builds the report four times with `python build.py` (embedded and Quarto, twice each), so it
needs Quarto on PATH; CI installs it with ../shared/tools/quarto/setup.sh. The known
differences (README, "Quarto") are in how Quarto writes the HTML and the DOCX's custom
properties, not in anything a reader sees.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from test_publish_accessibility import WIDTHS, _axe, _chromium, _run_axe
from word_support import paragraphs, part, sections

from tests.conftest import DATA, run_build

ENGINES = ("embedded", "quarto")
FORMATS = ("pdf", "html", "docx")
ACCENT = (0x15 / 255, 0x42 / 255, 0x73 / 255)  # fill of table header cells in the PDF

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("quarto") is None,
        reason="quarto staat niet in het PATH (installeer met ../shared/tools/quarto/setup.sh)",
    ),
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[tuple[str, int], Path]:
    """(engine, run) → the build's folder, with output/ and build/ in it."""
    base = tmp_path_factory.mktemp("pariteit")
    folders = {}
    for engine in ENGINES:
        for run in (1, 2):
            folder = base / f"{engine}-{run}"
            result = run_build(DATA, folder / "output", folder / "build", "--engine", engine)
            assert result.returncode == 0, result.stdout + result.stderr
            folders[engine, run] = folder
    return folders


def _outputs(builds, fmt: str) -> dict[str, Path]:
    return {engine: builds[engine, 1] / "output" / f"rapport.{fmt}" for engine in ENGINES}


def test_each_engine_rebuilds_byte_identical_outputs(builds):
    for engine in ENGINES:
        for fmt in FORMATS:
            first, second = (builds[engine, run] / "output" / f"rapport.{fmt}" for run in (1, 2))
            assert first.read_bytes() == second.read_bytes(), (engine, fmt)


# --- PDF -------------------------------------------------------------------------------------


def _captions(pdf: Path) -> list[tuple[int, str, int, str]]:
    """(page, word, number, text) of every table and figure caption, in reading order."""
    found = []
    for index, page in enumerate(pypdf.PdfReader(pdf).pages):
        for word, number, text in re.findall(
            r"^(Tabel|Figuur)[\s\u00a0](\d+): (.+)$", page.extract_text(), re.M
        ):
            found.append((index, word, int(number), text.strip()))
    return found


def test_pdf_has_the_same_pages_and_captions_numbered_through(builds):
    pdfs = _outputs(builds, "pdf")
    counts = {engine: len(pypdf.PdfReader(path).pages) for engine, path in pdfs.items()}
    assert counts["embedded"] == counts["quarto"]
    captions = {engine: _captions(path) for engine, path in pdfs.items()}
    assert captions["embedded"] == captions["quarto"]
    document = (builds["embedded", 1] / "build" / "rapport.qmd").read_text(encoding="utf-8")
    for word, prefix in (("Tabel", "tbl"), ("Figuur", "fig")):
        numbers = [n for _, w, n, _ in captions["quarto"] if w == word]
        assert numbers == list(range(1, len(re.findall(rf"\{{#{prefix}-", document)) + 1))


def _is_accent(colour) -> bool:
    return (
        bool(colour)
        and len(colour) == 3
        and all(abs(a - b) < 0.01 for a, b in zip(colour, ACCENT, strict=True))
    )


def _header_cells(pdf: Path) -> list[tuple[int, float, float, float]]:
    """(page, top, left, right) of every cell filled with the accent: the table header cells."""
    with pdfplumber.open(pdf) as document:
        return [
            (index, round(rect["top"], 1), round(rect["x0"], 1), round(rect["x1"], 1))
            for index, page in enumerate(document.pages)
            for rect in page.rects
            if rect.get("fill") and _is_accent(rect.get("non_stroking_color"))
        ]


def test_pdf_tables_have_the_same_column_widths(builds):
    cells = {engine: _header_cells(path) for engine, path in _outputs(builds, "pdf").items()}
    assert len(cells["embedded"]) > 100  # every header cell of every table
    assert cells["embedded"] == cells["quarto"]


def _tags(pdf: Path) -> dict:
    reader = pypdf.PdfReader(pdf)
    found: list = []

    def walk(element) -> None:
        element = element.get_object()
        if isinstance(element, pypdf.generic.ArrayObject):
            for child in element:
                walk(child)
        elif isinstance(element, pypdf.generic.DictionaryObject):
            if "/S" in element:
                found.append(element)
            if "/K" in element:
                walk(element["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return {
        "pdf/ua-1": bool(re.search(rb"<pdfuaid:part>1</pdfuaid:part>", pdf.read_bytes())),
        "lang": reader.trailer["/Root"]["/Lang"],
        "figures": [str(e.get("/Alt")) for e in found if e["/S"] == "/Figure"],
        "tables": sum(e["/S"] == "/Table" for e in found),
        "header cells": sum(e["/S"] == "/TH" for e in found),
    }


def test_pdf_is_tagged_pdf_ua_alike(builds):
    tags = {engine: _tags(path) for engine, path in _outputs(builds, "pdf").items()}
    assert tags["embedded"] == tags["quarto"]
    assert tags["quarto"]["pdf/ua-1"]
    assert len(tags["quarto"]["figures"]) == 5 and all(tags["quarto"]["figures"])


# --- HTML ------------------------------------------------------------------------------------


class _Reading(HTMLParser):
    """Elements with their attributes and the text between them, as a reader's browser has them
    (spelling of the markup, such as `<br>` or `<br />`, left out; embedded data by hash)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple] = []
        self._text: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.items.append(("tekst", text))
        self._text = []

    def handle_starttag(self, tag, attrs):
        self._flush()
        self.items.append(("element", tag, tuple(sorted((k, _short(v)) for k, v in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self._flush()
        self.items.append(("einde", tag))

    def handle_data(self, data):
        self._text.append(data)


def _short(value: str | None) -> str | None:
    if value and value.startswith("data:"):
        return hashlib.sha256(value.encode()).hexdigest()
    return value


def _reading(page: Path) -> list[tuple]:
    parser = _Reading()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    parser._flush()
    return parser.items


def test_html_has_the_same_elements_attributes_and_text(builds):
    pages = {engine: _reading(path) for engine, path in _outputs(builds, "html").items()}
    assert len(pages["embedded"]) > 1000
    assert pages["embedded"] == pages["quarto"]


@pytest.mark.browser
@pytest.mark.parametrize("layout", sorted(WIDTHS))
def test_quarto_html_has_no_wcag_a_or_aa_violations(builds, tmp_path, layout):
    # The embedded engine's HTML is checked in test_publish_accessibility.py.
    chromium, axe = _chromium(), _axe()
    if chromium is None or axe is None:
        pytest.skip("chromium of axe-core ontbreekt (zie test_publish_accessibility.py)")
    page = tmp_path / "rapport.html"
    shutil.copyfile(_outputs(builds, "html")["quarto"], page)
    outcome = _run_axe(page, chromium, axe, WIDTHS[layout], tmp_path / "profiel")
    assert "error" not in outcome, outcome.get("error")
    assert outcome["passes"] > 10
    assert [v["id"] for v in outcome["violations"]] == []


# --- DOCX ------------------------------------------------------------------------------------


def _word(path: Path) -> dict:
    body = part(path, "word/document.xml")
    return {
        "tables": body.count("<w:tbl>"),
        "paragraphs": paragraphs(path),
        "sections": sections(path),
        "images": re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', body),
    }


def test_docx_has_the_same_tables_paragraphs_sections_and_figures(builds):
    words = {engine: _word(path) for engine, path in _outputs(builds, "docx").items()}
    document = (builds["quarto", 1] / "build" / "rapport.qmd").read_text(encoding="utf-8")
    assert words["quarto"]["tables"] == len(re.findall(r"\{#tbl-", document))
    assert len(words["quarto"]["images"]) == 5 and all(words["quarto"]["images"])
    assert words["embedded"] == words["quarto"]
