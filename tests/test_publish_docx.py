"""The Word edition for reviewers: page set-up, title page, contents, tables, captions, notes.

Structure is checked with python-docx and the XML; LibreOffice then lays the file out as a
reader's word processor does (skipped with a reason without `soffice`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Twips
from test_publish_support import sample_document

from report.publish import publish
from report.publish.embedded import TEMPLATES

A4 = (Twips(11906), Twips(16838))  # 210 × 297 mm
TEXT_WIDTH = Cm(16.0)  # A4 less 2 × 2,5 cm
TWIPS_PER_CM = 1440 / 2.54
# The sample's headings of levels 1 and 2, numbered as crossref.lua numbers them.
CONTENTS = [
    ("toc1", "Samenvatting"),
    ("toc1", "1 Inleiding"),
    ("toc2", "1.1 Leeswijzer"),
    ("toc2", "1.2 Doel van het artikel"),
    ("toc1", "2 Vertrek"),
    ("toc2", "2.1 Resultaten"),
    ("toc1", "3 Uitgaven"),
    ("toc1", "Bijlagen"),
    ("toc2", "Afkortingen"),
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("word")
    return publish(sample_document(root / "build"), root / "output", ["docx"])["docx"]


@pytest.fixture(scope="module")
def document(published):
    return docx.Document(str(published))


@pytest.fixture(scope="module")
def body(published) -> str:
    with zipfile.ZipFile(published) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def _paragraph_styles(document) -> list[tuple[str, str]]:
    return [(p.style.style_id, " ".join(p.text.split())) for p in document.paragraphs if p.text]


def test_reference_document_is_a4_with_page_numbers_and_house_styles():
    reference = docx.Document(str(TEMPLATES / "reference.docx"))
    section = reference.sections[0]
    assert (section.page_width, section.page_height) == A4
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(text_width - TEXT_WIDTH) < Cm(0.01)
    footer = section.footer._element.xml
    assert "PAGE" in footer and "fldSimple" in footer
    names = {style.name for style in reference.styles}
    for name in ("Bron", "Caption label", "Periode", "toc 1", "toc 2", "Table Caption"):
        assert name in names
    assert reference.styles["Heading 1"].paragraph_format.page_break_before
    assert reference.styles["Table Caption"].paragraph_format.keep_with_next


def test_reference_document_script_is_reproducible(tmp_path):
    script = Path(__file__).resolve().parents[1] / "tools" / "make_reference_docx.py"
    outputs = [tmp_path / "een.docx", tmp_path / "twee.docx"]
    for output in outputs:
        subprocess.run([sys.executable, str(script), str(output)], check=True, capture_output=True)
    assert outputs[0].read_bytes() == outputs[1].read_bytes()


def _sections(body: str) -> list[tuple[int, bool]]:
    """Where each section ends in document.xml, and whether it is landscape."""
    return [
        (m.start(), 'w:orient="landscape"' in m.group(0))
        for m in re.finditer(r"<w:sectPr>.*?</w:sectPr>", body, re.DOTALL)
    ]


def _is_landscape(body: str, position: int) -> bool:
    """Whether the element at `position` lies in a landscape section."""
    return next(landscape for end, landscape in _sections(body) if end > position)


def test_every_section_is_a4_and_the_wide_table_is_in_the_only_landscape_section(document, body):
    sizes = {(s.page_width, s.page_height, s.orientation) for s in document.sections}
    assert sizes == {
        (*A4, WD_ORIENT.PORTRAIT),
        (A4[1], A4[0], WD_ORIENT.LANDSCAPE),
    }
    assert [s.orientation for s in document.sections].count(WD_ORIENT.LANDSCAPE) == 1
    for label in ("tbl-vertrek-type", "tbl-breed", "tbl-uitgaven"):
        position = body.index(f'w:name="{label}"')
        assert _is_landscape(body, position) == (label == "tbl-breed"), label


def test_title_page_is_a_section_without_page_number_and_counts_as_page_0(document):
    title = document.sections[0]
    assert title.different_first_page_header_footer  # titlePg: the title page has no footer
    assert title._sectPr.find(f"{W}pgNumType").get(f"{W}start") == "0"
    later = document.sections[1:]
    assert all(s._sectPr.find(f"{W}pgNumType") is None for s in later)  # numbering continues
    for section in document.sections:  # every section has the footer with the page number
        assert "PAGE" in section.footer._element.xml
    assert _paragraph_styles(document)[:5] == [
        ("Subtitle", "Begrotingsartikel 37.3 — Vertrek"),
        ("Title", "Beleidsdoorlichting vertrek van vreemdelingen"),
        ("Periode", "Periode 2011–2017"),
        ("Author", "Ministerie van Justitie en Veiligheid"),
        ("Date", "14 juni 2019"),
    ]


def test_table_of_contents_is_filled_with_links_and_page_fields(document, body):
    entries = [
        (style, text) for style, text in _paragraph_styles(document) if style.startswith("toc")
    ]
    assert entries == CONTENTS
    bookmarks = set(re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', body))
    anchors = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', body)
    references = re.findall(r"PAGEREF (\S+) \\h", body)
    assert len(references) == len(CONTENTS)
    assert references == anchors[: len(references)]
    assert set(references) <= bookmarks
    assert "w:updateFields" not in body  # no field Word must be asked to update


def test_tables_span_the_text_width_with_wide_labels_and_narrow_numbers(body):
    tables = list(re.finditer(r"<w:tbl>.*?</w:tbl>", body, re.DOTALL))
    assert len(tables) == 3
    padding = 2 * 85  # twips: the table style's cell margins
    for match in tables:
        table = match.group(0)
        assert '<w:tblW w:type="pct" w:w="5000" />' in table  # the full text width
        text_width = (24.7 if _is_landscape(body, match.start()) else 16.0) * TWIPS_PER_CM
        grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', table)]
        widths = [w * text_width / sum(grid) for w in grid]
        label, numbers = widths[0], widths[1:]
        assert label > 2 * max(numbers)
        # Each number column holds its longest number on one line (9 pt digits: 0.556 em).
        rows = re.findall(r"<w:tr>.*?</w:tr>", table, re.DOTALL)[1:]
        for column, width in enumerate(numbers, start=1):
            longest = max(
                len("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", cells[column])))
                for cells in (re.findall(r"<w:tc>.*?</w:tc>", row, re.DOTALL) for row in rows)
            )
            assert width >= longest * 0.556 * 9 * 20 + padding, (column, width, longest)
        first_row = re.search(r"<w:tr>.*?</w:tr>", table, re.DOTALL).group(0)
        assert '<w:tblHeader w:val="on" />' in first_row  # repeated on every page


def test_captions_source_notes_footnotes_and_alt_text(document, published):
    styles = _paragraph_styles(document)
    captions = [text for style, text in styles if style in ("TableCaption", "ImageCaption")]
    assert captions == [
        "Tabel 1: Vertrek naar type (aantal vreemdelingen)",
        "Figuur 1: Aandeel zelfstandig en gedwongen vertrek per jaar",
        "Tabel 2: Vertrek met toezicht over een langere reeks (aantal vreemdelingen)",
        "Tabel 3: Programma-uitgaven artikel 37.3 (x € 1.000)",
    ]
    labels = [
        run.text
        for p in document.paragraphs
        for run in p.runs
        if run.style is not None and run.style.name == "Caption label"
    ]
    assert labels == ["Tabel\u00a01:", "Figuur\u00a01:", "Tabel\u00a02:", "Tabel\u00a03:"]
    sources = [text for style, text in styles if style == "Bron"]
    assert sources[0].startswith("Bron: KMI+, peildatum 1 februari 2019.")
    assert len(sources) == 3
    with zipfile.ZipFile(published) as archive:
        notes = archive.read("word/footnotes.xml").decode("utf-8")
        body = archive.read("word/document.xml").decode("utf-8")
    assert "Bedragen zijn afgerond op hele duizenden euro" in notes
    assert 'descr="Staafdiagram met het aandeel zelfstandig en gedwongen vertrek' in body
    headings = [text for style, text in styles if style.startswith("Heading")]
    assert headings[:3] == ["Samenvatting", "1 Inleiding", "1.1 Leeswijzer"]


@pytest.mark.slow
def test_libreoffice_lays_it_out_on_a4_with_computed_contents(published, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is niet geïnstalleerd")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profiel').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(published),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "rapport.pdf"
    pages = []
    reader = pypdf.PdfReader(pdf)
    for number in range(1, len(reader.pages) + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        pages.append(text)
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert sorted((round(width), round(height))) == [595, 842]  # A4, upright or turned
    # The contents page lists each chapter with the page number on which it starts; the
    # footer numbers pages from the contents page on (title page = 0).
    contents = pages[1]
    for title in ("1 Inleiding", "2 Vertrek", "3 Uitgaven"):
        listed = int(re.search(re.escape(title) + r"\.+\s*(\d+)", contents).group(1))
        start = next(
            i for i, page in enumerate(pages) if re.search(rf"^\s*{title}\s*$", page, re.M)
        )
        assert listed == start, title
        assert re.search(rf"\s{start}\s*$", pages[start])  # its footer shows that number
    assert "Ministerie van Justitie en Veiligheid" in pages[0]
    assert not re.search(r"^\s*\d+\s*$", pages[0], re.M)  # no page number on the title page
