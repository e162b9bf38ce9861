"""Issue 12: the layout a reader sees, checked on the published sample report.

The sample is built once (PDF, HTML and DOCX) and read back: no source note opens a page, no
table row is split over two pages, every figure has its "Bron:" line and is drawn in the
house font, the appendices are numbered in every format, the provenance table keeps its
columns apart and every numbered table and figure is referred to in the text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from word_support import paragraphs

from report.present import figures
from report.render.document import RenderError, check_cited
from tests.conftest import DATA, run_build

APPENDICES = (
    "Afkortingen",
    "Begrippen",
    "Actoren in het vertrekproces",
    "Vragen uit de RPE en waar ze worden beantwoord",
    "Verantwoording van de cijfers",
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sample")
    result = run_build(DATA, root / "output", root / "build", "--formats", "pdf,html,docx")
    assert result.returncode == 0, result.stderr
    return root / "output"


@pytest.fixture(scope="module")
def pages(output) -> list[list[str]]:
    """The lines of every page, without the running header and the page number."""
    reader = PdfReader(output / "rapport.pdf")
    found = []
    for page in reader.pages:
        text = page.extract_text().replace("\u00a0", " ")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        found.append([line for line in lines if "Begrotingsartikel 37.3" not in line][:-1])
    return found


def test_no_page_opens_with_a_source_note(pages):
    openings = [(n, lines[0]) for n, lines in enumerate(pages, start=1) if lines]
    assert not [(n, line) for n, line in openings if line.startswith("Bron:")]


def test_a_table_row_stays_on_one_page(pages):
    """Tabel 22 (actors): the row of Nidos with its role, never split between two pages."""
    [page] = [lines for lines in pages if any(line.startswith("Nidos Voogdij") for line in lines)]
    text = " ".join(page)
    assert "Voogdij-instelling voor alleenstaande minderjarige" in text
    assert "plan op voor een" in text  # the end of the row's text


def test_every_figure_has_its_source_line_below_it(pages):
    for lines in pages:
        for index, line in enumerate(lines):
            if re.match(r"Figuur \d+:", line):
                after = " ".join(lines[index + 1 : index + 4])
                assert after.startswith("Bron:"), line


def test_figures_are_drawn_in_the_house_font():
    from matplotlib import font_manager

    figures._plotnine()  # registers the fonts, as drawing does
    path = font_manager.findfont(font_manager.FontProperties(family=figures.FONT))
    assert Path(path).name == "SourceSansPro-Regular.ttf"


def test_appendices_are_numbered_in_every_format(output, pages):
    text = " ".join(" ".join(lines) for lines in pages)
    for number, title in enumerate(APPENDICES, start=1):
        assert f"Bijlage {number} {title}" in text, title
    page = html.unescape(re.sub(r"<[^>]+>", "", (output / "rapport.html").read_text("utf-8")))
    for number, title in enumerate(APPENDICES, start=1):
        assert re.search(rf"Bijlage\s{number}\s+{re.escape(title)}", page), title
    # the parts of an appendix have no number of their own (not "6.2.8 Afronding")
    assert "Afronding Dit rapport rondt af" in text
    assert not re.search(r"\d\.\d+ (Afronding|Correcties en keuzes|Afrondingsverschillen)", text)
    headings = [t for style, t in paragraphs(output / "rapport.docx") if style == "Heading2"]
    assert [f"Bijlage {n} {t}" for n, t in enumerate(APPENDICES, start=1)] == [
        h.replace("\u00a0", " ") for h in headings if h.startswith("Bijlage")
    ]


def test_provenance_table_keeps_sheet_and_cells_apart_in_table_order(output):
    with pdfplumber.open(output / "rapport.pdf") as pdf:
        words = [w | {"page": n} for n, page in enumerate(pdf.pages) for w in page.extract_words()]

    def right_of(word):
        return sorted(
            (
                w
                for w in words
                if w["page"] == word["page"]
                and abs(w["top"] - word["top"]) < 2
                and w["x0"] > word["x0"]
            ),
            key=lambda w: w["x0"],
        )

    [sheet] = [
        w
        for w in words
        if w["text"] == "Terugkeerondersteuning"
        and [c["text"] for c in right_of(w)][:1] == ["A6:J10"]
    ]
    cells = right_of(sheet)
    assert sheet["x1"] + 3 < cells[0]["x0"]  # a visible gap, not run together
    text = " ".join(w["text"] for w in words).replace("\u00a0", " ")
    start = text.index("Tabel 24: Herkomst van de tabellen en figuren")
    end = text.index("Bron: werkmappen en editie.yml van deze editie", start)
    listed = [int(n) for n in re.findall(r"Tabel (\d+) \w+\.xlsx", text[start:end])]
    assert listed == sorted(listed) and len(listed) >= 18


def test_a_table_from_two_sheets_gives_the_peildatum_once(pages):
    text = " ".join(" ".join(lines) for lines in pages)
    start = text.index("Tabel 19: Uitgaven van de DT&V")
    note = text[text.index("Bron:", start) : text.index("(b) begroting", start)]
    assert note.count("peildatum") == 1
    assert "Programma-uitgaven:" in note and "Apparaatsuitgaven:" in note


def test_every_numbered_table_and_figure_is_referred_to():
    text = "Zie @tbl-a en @Fig-b.\n\n{#tbl-a}\n{#fig-b}\n{#tbl-c}\n"
    with pytest.raises(RenderError, match="tbl-c"):
        check_cited(text, ["tbl-a", "fig-b", "tbl-c"])
    check_cited(text, ["tbl-a", "fig-b"])
