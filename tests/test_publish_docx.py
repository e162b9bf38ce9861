"""The Word edition for reviewers: page set-up, title page, contents, tables, captions, notes.

Structure is checked in the XML (with the standard library, see word_support.py); LibreOffice
then lays the file out as a reader's word processor does (skipped with a reason without
`soffice`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pypdf
import pytest
from test_publish_support import sample_document
from word_support import W, paragraphs, part, sections

from report.publish import publish
from report.publish.embedded import TEMPLATES

A4 = (11906, 16838)  # twips: 210 × 297 mm
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
    ("toc2", "Bijlage 1 Afkortingen"),
]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("word")
    return publish(sample_document(root / "build"), root / "output", ["docx"])["docx"]


@pytest.fixture(scope="module")
def body(published) -> str:
    return part(published, "word/document.xml")


def _footer_has_page_number(docx: Path, relationship: str) -> bool:
    relations = ElementTree.fromstring(part(docx, "word/_rels/document.xml.rels"))
    target = next(r.get("Target") for r in relations if r.get("Id") == relationship)
    footer = part(docx, f"word/{target}")
    return bool(re.search(r'w:instr="\s*PAGE\s*"|<w:instrText[^>]*>\s*PAGE\s*<', footer))


def test_reference_document_is_a4_with_page_numbers_and_house_styles():
    reference = TEMPLATES / "reference.docx"
    (section,) = sections(reference)
    assert (section.width, section.height) == A4
    margins = re.search(r"<w:pgMar [^>]*>", part(reference, "word/document.xml")).group(0)
    left, right = (
        int(re.search(rf'w:{side}="(\d+)"', margins).group(1)) for side in ("left", "right")
    )
    assert abs((A4[0] - left - right) / TWIPS_PER_CM - 16.0) < 0.01  # 2,5 cm either side
    assert _footer_has_page_number(reference, section.footers[0])
    styles = ElementTree.fromstring(part(reference, "word/styles.xml"))
    by_name = {s.find(f"{W}name").get(f"{W}val"): s for s in styles.iter(f"{W}style")}
    for name in ("Bron", "Caption label", "Periode", "toc 1", "toc 2", "Table Caption", "Table"):
        assert name in by_name
    assert by_name["heading 1"].find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert by_name["Table Caption"].find(f"{W}pPr/{W}keepNext") is not None
    # a "Bron:" note never starts a page alone: a table's last row and a figure's caption
    # keep with the next paragraph
    assert by_name["Laatste tabelregel"].find(f"{W}pPr/{W}keepNext") is not None
    assert by_name["Image Caption"].find(f"{W}pPr/{W}keepNext") is not None
    header_row = by_name["Table"].find(f"{W}tblStylePr[@{W}type='firstRow']")
    assert header_row.find(f"{W}tcPr/{W}shd").get(f"{W}fill") == "154273"  # the accent


def _sections(body: str) -> list[tuple[int, bool]]:
    """Where each section ends in document.xml, and whether it is landscape."""
    return [
        (m.start(), 'w:orient="landscape"' in m.group(0))
        for m in re.finditer(r"<w:sectPr>.*?</w:sectPr>", body, re.DOTALL)
    ]


def _is_landscape(body: str, position: int) -> bool:
    """Whether the element at `position` lies in a landscape section."""
    return next(landscape for end, landscape in _sections(body) if end > position)


def test_every_section_is_a4_and_the_wide_table_is_in_the_only_landscape_section(published, body):
    found = sections(published)
    assert {(s.width, s.height, s.landscape) for s in found} == {(*A4, False), (A4[1], A4[0], True)}
    assert [s.landscape for s in found].count(True) == 1
    for label in ("tbl-vertrek-type", "tbl-breed", "tbl-uitgaven"):
        position = body.index(f'w:name="{label}"')
        assert _is_landscape(body, position) == (label == "tbl-breed"), label


def test_title_page_is_a_section_without_page_number_and_counts_as_page_0(published):
    title, *later = sections(published)
    assert title.title_page  # the title page has no footer
    assert title.first_page_number == "0"  # so the contents page is page 1, as in the PDF
    assert all(s.first_page_number is None and not s.title_page for s in later)
    footers = {s.footers for s in sections(published)}  # every section names the footer
    assert len(footers) == 1
    assert _footer_has_page_number(published, footers.pop()[0])
    assert paragraphs(published)[:5] == [
        ("Subtitle", "Begrotingsartikel 37.3 — Vertrek"),
        ("Title", "Beleidsdoorlichting vertrek van vreemdelingen"),
        ("Periode", "Periode 2011–2017"),
        ("Author", "Ministerie van Justitie en Veiligheid"),
        ("Date", "14 juni 2019"),
    ]


def test_table_of_contents_is_filled_with_links_and_page_fields(published, body):
    entries = [(style, text) for style, text in paragraphs(published) if style.startswith("toc")]
    assert entries == CONTENTS
    bookmarks = set(re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', body))
    anchors = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', body)
    references = re.findall(r"PAGEREF (\S+) \\h", body)
    assert len(references) == len(CONTENTS)
    assert references == anchors[: len(references)]
    assert set(references) <= bookmarks
    with zipfile.ZipFile(published) as archive:
        settings = archive.read("word/settings.xml").decode("utf-8")
    assert "updateFields" not in settings  # Word need not ask to update anything


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


def test_captions_source_notes_footnotes_and_alt_text(published, body):
    styles = paragraphs(published)
    captions = [text for style, text in styles if style in ("TableCaption", "ImageCaption")]
    assert captions == [
        "Tabel 1: Vertrek naar type (aantal vreemdelingen)",
        "Figuur 1: Aandeel zelfstandig en gedwongen vertrek per jaar",
        "Tabel 2: Vertrek met toezicht over een langere reeks (aantal vreemdelingen)",
        "Tabel 3: Programma-uitgaven artikel 37.3 (x € 1.000)",
    ]
    labels = re.findall(
        r'<w:rStyle w:val="Captionlabel" />.*?<w:t[^>]*>([^<]*)</w:t>', body, re.DOTALL
    )
    assert labels == ["Tabel\u00a01:", "Figuur\u00a01:", "Tabel\u00a02:", "Tabel\u00a03:"]
    sources = [text for style, text in styles if style == "Bron"]
    assert sources[0].startswith("Bron: KMI+, peildatum 1 februari 2019.")
    assert len(sources) == 3
    assert "Bedragen zijn afgerond op hele duizenden euro" in part(published, "word/footnotes.xml")
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
