#!/usr/bin/env python3
"""Build templates/publish/reference.docx, the house style of the Word edition.

pandoc takes styles, page set-up and footer of a DOCX from a reference document. This script
makes that document from pandoc's own default (so every style pandoc uses exists) and sets
the house style of the PDF where Word can follow it: A4, Arial (Source Sans Pro, which the PDF
embeds, is not on a reviewer's machine; Arial is, and LibreOffice substitutes the
metric-compatible Liberation Sans), the dark-blue accent for headings and captions, captions
above tables, small grey "Bron:" notes kept with their table or figure, tables with a coloured header row and thin rules, and
a page number in the footer. The output is byte-identical on every run (fixed zip dates).
tests/test_publish_docx.py checks the committed file's page set-up and styles.

    pip install -e ".[tools]"   # python-docx, kept out of the dev install (it brings lxml)
    python tools/make_reference_docx.py [OUTPUT]
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pypandoc
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "templates" / "publish" / "reference.docx"

FONT = "Arial"
ACCENT = RGBColor(0x15, 0x42, 0x73)  # the PDF's accent, #154273
MUTED = RGBColor(0x4D, 0x4D, 0x4D)
RULE = "B8C7D9"
TEXT_SIZE = Pt(10.5)
TABLE_SIZE = Pt(9)
A4 = (Cm(21.0), Cm(29.7))
MARGINS = {"left": Cm(2.5), "right": Cm(2.5), "top": Cm(2.6), "bottom": Cm(2.4)}
TEXT_WIDTH = A4[0] - MARGINS["left"] - MARGINS["right"]
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def pandoc_default() -> docx.document.Document:
    data = subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
        capture_output=True,
        check=True,
    ).stdout
    return docx.Document(io.BytesIO(data))


def _set(parent, tag: str, **attributes: str):
    """The child `tag` of `parent` (made when missing) with the given w: attributes."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    for name, value in attributes.items():
        child.set(qn(f"w:{name}"), value)
    return child


def _paragraph(
    document,
    name: str,
    *,
    size=None,
    bold=None,
    italic=None,
    colour=None,
    before=None,
    after=None,
    keep_next=None,
    page_break=None,
    base: str | None = None,
    kind=WD_STYLE_TYPE.PARAGRAPH,
):
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, kind)
    if base:
        style.base_style = styles[base]
    font = style.font
    font.size, font.bold, font.italic = size, bold, italic
    if colour is not None:
        font.color.rgb = colour
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        paragraph = style.paragraph_format
        if before is not None:
            paragraph.space_before = before
        if after is not None:
            paragraph.space_after = after
        if keep_next is not None:
            paragraph.keep_with_next = keep_next
        if page_break is not None:
            paragraph.page_break_before = page_break
    return style


def set_defaults(document) -> None:
    """Arial 10,5 pt, Dutch; paragraph spacing as in the PDF."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(run):
        run.remove(child)
    _set(run, "w:rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT)
    _set(run, "w:sz", val=str(int(TEXT_SIZE.pt * 2)))
    _set(run, "w:szCs", val=str(int(TEXT_SIZE.pt * 2)))
    _set(run, "w:lang", val="nl-NL", eastAsia="nl-NL", bidi="ar-SA")
    paragraph = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set(paragraph, "w:spacing", after="120", line="264", lineRule="auto")
    for fonts in document.styles.element.iter(qn("w:rFonts")):  # theme fonts (Calibri, Cambria)
        if fonts.getparent() is not run:
            fonts.getparent().remove(fonts)
    settings = document.settings.element
    for tag, value in (
        ("w:themeFontLang", "nl-NL"),
        ("w:decimalSymbol", ","),
        ("w:listSeparator", ";"),
    ):
        _set(settings, tag, val=value)


def set_text_styles(document) -> None:
    for name in ("Body Text", "First Paragraph"):
        _paragraph(document, name, before=Pt(0), after=Pt(6))
    _paragraph(document, "Compact", before=Pt(1), after=Pt(1))
    # the cells of a table's last row (tables.lua): kept with the "Bron:" note under the table
    _paragraph(
        document, "Laatste tabelregel", before=Pt(1), after=Pt(1), keep_next=True, base="Compact"
    )
    # Title page (the template puts the subtitle above the title, as the PDF does).
    _paragraph(
        document, "Subtitle", size=Pt(12), bold=True, colour=ACCENT, before=Cm(5), after=Pt(10)
    )
    _paragraph(document, "Title", size=Pt(26), bold=True, colour=ACCENT, before=Pt(0), after=Pt(14))
    _paragraph(
        document, "Periode", size=Pt(13), colour=MUTED, before=Pt(0), after=Pt(0), base="Normal"
    )
    author = _paragraph(
        document, "Author", size=Pt(11), bold=True, colour=None, before=Cm(9), after=Pt(2)
    )
    borders = _set(author.element.get_or_add_pPr(), "w:pBdr")
    _set(borders, "w:top", val="single", sz="6", space="6", color=str(ACCENT))
    _paragraph(document, "Date", size=Pt(11), colour=MUTED, before=Pt(0), after=Pt(0))
    for name in ("Subtitle", "Title", "Author", "Date"):
        document.styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    # Headings: chapters on a new page; the numbers are in the text (as in the HTML).
    _paragraph(
        document,
        "Heading 1",
        size=Pt(20),
        bold=True,
        colour=ACCENT,
        before=Pt(0),
        after=Pt(14),
        keep_next=True,
        page_break=True,
    )
    _paragraph(
        document,
        "Heading 2",
        size=Pt(13.5),
        bold=True,
        colour=ACCENT,
        before=Pt(16),
        after=Pt(6),
        keep_next=True,
    )
    _paragraph(
        document,
        "Heading 3",
        size=Pt(11.5),
        bold=True,
        colour=ACCENT,
        before=Pt(12),
        after=Pt(4),
        keep_next=True,
    )
    _paragraph(
        document,
        "Heading 4",
        size=TEXT_SIZE,
        bold=True,
        italic=True,
        colour=ACCENT,
        before=Pt(10),
        after=Pt(4),
        keep_next=True,
    )
    _paragraph(
        document,
        "TOC Heading",
        size=Pt(20),
        bold=True,
        colour=ACCENT,
        before=Pt(0),
        after=Pt(14),
        page_break=False,
    )
    # Captions: table captions above their table (kept with it), figure captions below.
    _paragraph(
        document,
        "Table Caption",
        size=TEXT_SIZE,
        italic=False,
        colour=None,
        before=Pt(12),
        after=Pt(4),
        keep_next=True,
    )
    _paragraph(  # kept with the "Bron:" note under the figure
        document,
        "Image Caption",
        size=TEXT_SIZE,
        italic=False,
        colour=None,
        before=Pt(4),
        after=Pt(12),
        keep_next=True,
    )
    _paragraph(document, "Captioned Figure", before=Pt(12), after=Pt(0), keep_next=True)
    _paragraph(document, "Caption label", bold=True, colour=ACCENT, kind=WD_STYLE_TYPE.CHARACTER)
    _paragraph(
        document, "Bron", size=Pt(8), colour=MUTED, before=Pt(3), after=Pt(11), base="Normal"
    )
    _paragraph(document, "Block Text", size=TEXT_SIZE, before=Pt(6), after=Pt(6))
    quote = document.styles["Block Text"].element.get_or_add_pPr()
    for child in quote.findall(qn("w:pBdr")):
        quote.remove(child)
    _set(_set(quote, "w:pBdr"), "w:left", val="single", sz="16", space="8", color=str(ACCENT))
    _set(quote, "w:ind", left="360", right="0")
    _paragraph(document, "Footnote Text", size=Pt(8.5))
    _paragraph(document, "Hyperlink", colour=ACCENT, kind=WD_STYLE_TYPE.CHARACTER)
    _paragraph(document, "Definition Term", size=TEXT_SIZE, bold=True, before=Pt(6), after=Pt(0))


def set_contents_styles(document) -> None:
    """'toc 1' and 'toc 2': chapters bold, sections indented, page numbers right after dots."""
    for level, (bold, indent, before) in {1: (True, 0, Pt(8)), 2: (False, Cm(0.8), Pt(1))}.items():
        style = _paragraph(
            document, f"toc {level}", bold=bold, before=before, after=Pt(1), base="Normal"
        )
        style.paragraph_format.left_indent = indent
        style.paragraph_format.tab_stops.add_tab_stop(
            TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )


def set_table_style(document) -> None:
    """pandoc's table style 'Table': 9 pt, thin rules, header row white on the accent colour."""
    style = document.styles["Table"].element
    for child in list(style):
        if child.tag in (qn("w:pPr"), qn("w:rPr"), qn("w:tblPr"), qn("w:tblStylePr"), qn("w:tcPr")):
            style.remove(child)
    paragraph = OxmlElement("w:pPr")
    _set(paragraph, "w:spacing", before="20", after="20", line="240", lineRule="auto")
    run = OxmlElement("w:rPr")
    _set(run, "w:sz", val=str(int(TABLE_SIZE.pt * 2)))
    _set(run, "w:szCs", val=str(int(TABLE_SIZE.pt * 2)))
    table = OxmlElement("w:tblPr")
    borders = _set(table, "w:tblBorders")
    for edge in ("bottom", "insideH"):
        _set(borders, f"w:{edge}", val="single", sz="4", space="0", color=RULE)
    margins = _set(table, "w:tblCellMar")
    for edge, width in (("top", "29"), ("left", "85"), ("bottom", "29"), ("right", "85")):
        _set(margins, f"w:{edge}", w=width, type="dxa")
    header = OxmlElement("w:tblStylePr")
    header.set(qn("w:type"), "firstRow")
    header_run = _set(header, "w:rPr")
    _set(header_run, "w:b")
    _set(header_run, "w:color", val="FFFFFF")
    _set(_set(header, "w:tcPr"), "w:shd", val="clear", color="auto", fill=str(ACCENT))
    for element in (paragraph, run, table, header):
        style.append(element)


def set_page(document) -> None:
    """A4 upright with the PDF's margins, footnotes numbered through, page number in the footer."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = document.sections[0]
    section.page_width, section.page_height = A4
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.header_distance = section.footer_distance = Cm(1.2)
    for footnotes in section._sectPr.findall(qn("w:footnotePr")):
        section._sectPr.remove(footnotes)
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    run_properties = _set(run, "w:rPr")
    _set(run_properties, "w:sz", val="17")
    _set(run_properties, "w:color", val=str(MUTED))
    text = _set(run, "w:t")
    text.text = "1"
    field.append(run)
    paragraph._p.append(field)


def build() -> bytes:
    document = pandoc_default()
    set_defaults(document)
    set_text_styles(document)
    set_contents_styles(document)
    set_table_style(document)
    set_page(document)
    saved = io.BytesIO()
    document.save(saved)
    return _fixed_dates(saved.getvalue())


def _fixed_dates(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so each run gives the same bytes."""
    result = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(result, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(entry.filename))
    return result.getvalue()


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else OUTPUT
    output.write_bytes(build())
    print(f"{output} geschreven")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
