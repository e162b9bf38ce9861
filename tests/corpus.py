"""A corpus of bad and unusual workbooks, generated on demand into a copy of data/.

Each case is a function that damages or varies a copy of the sample data in one way, the way
a finance department, another tool or an attacker might: with openpyxl where a user could
have done it in Excel, by editing the XML inside the zip where Excel stores something openpyxl
cannot write (cached formula results, error values, external links), and with raw bytes for
files that are not workbooks at all. Nothing here is committed as a binary.

`tests/test_robustness_inputs.py` holds what the reader must do with each case.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
from openpyxl.styles import Font
from openpyxl.workbook.workbook import Workbook

FINANCE = "financien.xlsx"
STATISTICS = "vertrekcijfers.xlsx"

# Text that means something to HTML, Markdown, Typst or Jinja; the reader must keep it as is.
PAYLOADS = (
    "<script>alert(1)</script>",
    "**x** _y_ # z",
    "#set page(width: 1cm)",
    "{{ 7*7 }}",
    "{% raw %}",
    "$x$",
    "@tbl-x",
    "[link](http://x)",
)

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    make: Callable[[Path], None]


CASES: dict[str, Case] = {}


def case(what: str) -> Callable[[Callable[[Path], None]], Callable[[Path], None]]:
    """Register a generator under its function name."""

    def register(make: Callable[[Path], None]) -> Callable[[Path], None]:
        CASES[make.__name__] = Case(make.__name__, what, make)
        return make

    return register


# -- helpers: openpyxl ----------------------------------------------------------------------
def edit(path: Path, change: Callable[[Workbook], None]) -> None:
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)


def cell_of(ws, label: str, year: int) -> str:
    """The address of (row label, year) in a year sheet laid out by the contract."""
    header = next(r for r in range(1, 30) if any(c.value == year for c in ws[r]))
    column = next(c.column_letter for c in ws[header] if c.value == year)
    row = next(c.row for c in ws["A"] if c.value == label)
    return f"{column}{row}"


def column_of(ws, header: object, header_row: int = 6) -> str:
    """The letter of the column headed `header` (the contract's header row is row 6)."""
    return next(c.column_letter for c in ws[header_row] if c.value == header)


def use_file(data: Path, workbook: str, name: str) -> None:
    """Point editie.yml's `werkmappen:` entry at another file name."""
    path = data / "editie.yml"
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(rf"(?m)^(\s+{workbook}:\s*).*$", rf"\g<1>{name}", text)
    assert count == 1, f"werkmappen.{workbook} not found in editie.yml"
    path.write_text(text, encoding="utf-8")


# -- helpers: the zip container --------------------------------------------------------------
def read_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_parts(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def sheet_part(parts: dict[str, bytes], title: str) -> str:
    """The zip member that holds the sheet called `title`."""
    book = ElementTree.fromstring(parts["xl/workbook.xml"])
    rels = ElementTree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    rid = next(
        s.get(f"{{{_REL_NS}}}id")
        for s in book.iter(f"{{{_MAIN_NS}}}sheet")
        if s.get("name") == title
    )
    target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def patch_sheet(path: Path, title: str, change: Callable[[str], str]) -> None:
    parts = read_parts(path)
    name = sheet_part(parts, title)
    parts[name] = change(parts[name].decode("utf-8")).encode("utf-8")
    write_parts(path, parts)


def set_cell_xml(xml: str, ref: str, markup: str) -> str:
    """Replace the <c r="ref"> element of a sheet's XML with `markup`."""
    pattern = re.compile(rf'<c r="{ref}"(?:\s[^>]*?)?(?:/>|>.*?</c>)', re.DOTALL)
    xml, count = pattern.subn(lambda _: markup, xml, count=1)
    assert count == 1, f"cell {ref} not found"
    return xml


def add_sheet(parts: dict[str, bytes], title: str, part: str) -> None:
    """Register a new worksheet part (its XML written separately) in the workbook."""
    _register(
        parts,
        part,
        f"{_REL_NS}/worksheet",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        sheet=title,
    )


def _register(
    parts: dict[str, bytes], part: str, rel_type: str, content_type: str, sheet: str = ""
) -> str:
    rid = f"rIdCorpus{len(parts)}"
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Type="{rel_type}" Target="/{part}" Id="{rid}" /></Relationships>',
    )
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode()
    types = types.replace(
        "</Types>", f'<Override PartName="/{part}" ContentType="{content_type}" /></Types>'
    )
    parts["[Content_Types].xml"] = types.encode()
    if sheet:
        book = parts["xl/workbook.xml"].decode()
        ids = [int(i) for i in re.findall(r'sheetId="(\d+)"', book)]
        book = book.replace(
            "</sheets>",
            f'<sheet name="{sheet}" sheetId="{max(ids) + 1}" state="visible" r:id="{rid}" />'
            "</sheets>",
        )
        parts["xl/workbook.xml"] = book.encode()
    return rid


def sheet_xml(rows: int, columns: int) -> bytes:
    """A worksheet with rows x columns numeric cells, built without openpyxl (fast)."""
    letters = [openpyxl.utils.get_column_letter(c) for c in range(1, columns + 1)]
    out = io.StringIO()
    out.write(f'<worksheet xmlns="{_MAIN_NS}"><sheetData>')
    for r in range(1, rows + 1):
        out.write(f'<row r="{r}">')
        for letter in letters:
            out.write(f'<c r="{letter}{r}"><v>{r}</v></c>')
        out.write("</row>")
    out.write("</sheetData></worksheet>")
    return out.getvalue().encode()


def write_raw_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> None:
    """Write a zip from (name, raw deflate data, crc, declared uncompressed size) by hand.

    zipfile cannot store data that is already deflated, nor a size that lies; bombs need both.
    """
    body = io.BytesIO()
    central = io.BytesIO()
    for name, raw, crc, size in entries:
        encoded = name.encode()
        offset = body.tell()
        fields = (20, 0, 8, 0, 0x21, crc, len(raw), size, len(encoded))
        body.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded + raw)
        central.write(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset)
            + encoded
        )
    directory = central.getvalue()
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), body.tell(), 0
    )
    path.write_bytes(body.getvalue() + directory + end)


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def bomb_entries(
    parts: dict[str, bytes], target: str, megabytes: int, declared: int | None
) -> list[tuple[str, bytes, int, int]]:
    """All parts as raw entries, with `target` replaced by megabytes of whitespace XML.

    Whitespace between tags is valid XML, so the part is a real, well-formed sheet once
    inflated. A deflate block of 1 MiB of spaces, flushed so that it stands alone, repeats;
    the file grows by about 1 kB per megabyte. `declared` overrides the stated size.
    """
    head = f'<worksheet xmlns="{_MAIN_NS}"><sheetData>'.encode()
    tail = b"</sheetData></worksheet>"
    chunk = b" " * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw_head = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    raw_tail = compressor.compress(tail) + compressor.flush()
    count = megabytes
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + count * len(chunk) + len(tail)
    entries = []
    for name, data in parts.items():
        if name == target:
            raw = raw_head + block * count + raw_tail
            entries.append((name, raw, crc, size if declared is None else declared))
        else:
            entries.append((name, _deflate(data), zlib.crc32(data), len(data)))
    return entries


# == sheets ===================================================================================
@case("a required sheet (Apparaatsuitgaven) is deleted")
def sheet_required_missing(data: Path) -> None:
    edit(data / FINANCE, lambda book: book.remove(book["Apparaatsuitgaven"]))


@case("an optional sheet (Ontvangsten) is deleted")
def sheet_optional_missing(data: Path) -> None:
    edit(data / FINANCE, lambda book: book.remove(book["Ontvangsten"]))


@case("a sheet name in other case")
def sheet_name_other_case(data: Path) -> None:
    def change(book):
        ws = book["Programma-uitgaven"]
        ws.title = "tijdelijk"  # openpyxl compares new titles case-blind with the old one
        ws.title = "PROGRAMMA-uitgaven"

    edit(data / FINANCE, change)


@case("a sheet name with trailing spaces")
def sheet_name_trailing_spaces(data: Path) -> None:
    def change(book):
        book["Apparaatsuitgaven"].title = "Apparaatsuitgaven  "

    edit(data / FINANCE, change)


@case("a required sheet renamed to something else")
def sheet_name_different(data: Path) -> None:
    def change(book):
        book["Programma-uitgaven"].title = "Programma 2019"

    edit(data / FINANCE, change)


@case("two sheets whose names differ only by trailing spaces")
def sheet_name_twice(data: Path) -> None:
    def change(book):
        copy = book.copy_worksheet(book["Apparaatsuitgaven"])
        copy.title = "Apparaatsuitgaven "

    edit(data / FINANCE, change)


@case("an extra sheet with scribbles")
def sheet_extra(data: Path) -> None:
    def change(book):
        ws = book.create_sheet("Kladblok")
        ws["A1"], ws["B2"], ws["C3"] = "berekening", "=1/0", "n.v.t."

    edit(data / FINANCE, change)


@case("sheets in another order")
def sheets_reordered(data: Path) -> None:
    def change(book):
        book._sheets.reverse()
        book.active = 0

    edit(data / FINANCE, change)
    edit(data / STATISTICS, change)


@case("a required sheet is hidden")
def sheet_hidden(data: Path) -> None:
    def change(book):
        book["Apparaatsuitgaven"].sheet_state = "hidden"

    edit(data / FINANCE, change)


# == header ===================================================================================
@case("header years typed as text")
def header_years_as_text(data: Path) -> None:
    def change(book):
        ws = book["Apparaatsuitgaven"]
        for cell in ws[6][1:13]:
            cell.value = str(cell.value)

    edit(data / FINANCE, change)


@case("a year column (2013) deleted")
def header_year_missing(data: Path) -> None:
    edit(data / FINANCE, lambda book: book["Apparaatsuitgaven"].delete_cols(4))


@case("a year twice in the header")
def header_year_twice(data: Path) -> None:
    def change(book):
        book["Vertrek naar type"]["C6"] = 2011

    edit(data / STATISTICS, change)


@case("a header year entered as a date")
def header_year_as_date(data: Path) -> None:
    def change(book):
        book["Vertrek naar type"]["B6"] = dt.datetime(2011, 1, 1)

    edit(data / STATISTICS, change)


@case("two year columns swapped, values and all")
def header_years_out_of_order(data: Path) -> None:
    def change(book):
        ws = book["Vertrek naar type"]
        for row in range(6, 11):
            ws.cell(row, 3).value, ws.cell(row, 4).value = (
                ws.cell(row, 4).value,
                ws.cell(row, 3).value,
            )

    edit(data / STATISTICS, change)


@case("the header row's label cell renamed")
def header_row_missing(data: Path) -> None:
    def change(book):
        book["Vertrek naar type"]["A6"] = "Soort"

    edit(data / STATISTICS, change)


# == labels and layout ========================================================================
@case("a row label in other case")
def label_other_case(data: Path) -> None:
    def change(book):
        book["Apparaatsuitgaven"]["A9"] = "EXTERNE inhuur van PERSONEEL"

    edit(data / FINANCE, change)


@case("a row label with trailing, doubled and non-breaking spaces")
def label_spaces(data: Path) -> None:
    def change(book):
        book["Apparaatsuitgaven"]["A8"] = " Ambtelijk\u00a0 personeel   "

    edit(data / FINANCE, change)


@case("empty rows between the data rows")
def empty_rows_between(data: Path) -> None:
    edit(data / FINANCE, lambda book: book["Apparaatsuitgaven"].insert_rows(9, 2))
    edit(data / STATISTICS, lambda book: book["Vertrek naar type"].insert_rows(8))


@case("merged cells inside the table")
def merged_cells_in_table(data: Path) -> None:
    edit(data / FINANCE, lambda book: book["Apparaatsuitgaven"].merge_cells("B8:C8"))


@case("merged cells in the title above the table")
def merged_cells_in_title(data: Path) -> None:
    edit(data / FINANCE, lambda book: book["Apparaatsuitgaven"].merge_cells("A1:F1"))


@case("a hidden data row")
def hidden_row(data: Path) -> None:
    def change(book):
        book["Apparaatsuitgaven"].row_dimensions[9].hidden = True

    edit(data / FINANCE, change)


@case("a hidden year column")
def hidden_column(data: Path) -> None:
    def change(book):
        book["Apparaatsuitgaven"].column_dimensions["C"].hidden = True

    edit(data / FINANCE, change)


@case("a source note below the table ('Bron: ...')")
def source_note_below_table(data: Path) -> None:
    def change(book):
        book["Apparaatsuitgaven"]["A13"] = "Bron: jaarverslagen DT&V"

    edit(data / FINANCE, change)


@case("a source note without a colon below a table of fixed lines ('Bron KMI+')")
def source_note_without_colon(data: Path) -> None:
    def change(book):
        book["Vertrek naar type"]["A12"] = "Bron KMI+"

    edit(data / STATISTICS, change)


@case("an extra line whose label starts with 'Bron' (not a source note)")
def label_starting_with_bron(data: Path) -> None:
    def change(book):
        ws = book["Apparaatsuitgaven"]
        ws.insert_rows(11)
        ws["A11"] = "Bronbeveiliging ICT"
        for col in range(2, 14):
            ws.cell(11, col, 100)
            ws.cell(12, col).value += 100

    edit(data / FINANCE, change)


@case("a styled empty cell at the last row and column Excel allows (XFD1048576)")
def far_away_styled_cell(data: Path) -> None:
    def change(book):
        book["Programma-uitgaven"]["XFD1048576"].font = Font(bold=True)
        book["Besparingsmaatregelen"]["XFD1048576"].font = Font(bold=True)

    edit(data / FINANCE, change)


@case("a stray value far below and right of the table (Z1048576)")
def far_away_value(data: Path) -> None:
    def change(book):
        book["Vertrek naar type"]["Z1048576"] = "kladje"

    edit(data / STATISTICS, change)


# == numbers ==================================================================================
def _set_amount(data: Path, label: str, year: int, value: object) -> None:
    def change(book):
        ws = book["Apparaatsuitgaven"]
        ws[cell_of(ws, label, year)] = value

    edit(data / FINANCE, change)


@case("an amount as Dutch text with a thousands dot ('30.402')")
def amount_dutch_text(data: Path) -> None:
    _set_amount(data, "Ambtelijk personeel", 2011, "30.402")


@case("an amount as text with a euro sign ('€ 30.402')")
def amount_euro_text(data: Path) -> None:
    _set_amount(data, "Ambtelijk personeel", 2011, "€ 30.402")


@case("an amount as Dutch text with a decimal comma ('1.234,5')")
def amount_dutch_decimal(data: Path) -> None:
    _set_amount(data, "Ambtelijk personeel", 2011, "1.234,5")


@case("a negative amount")
def amount_negative(data: Path) -> None:
    _set_amount(data, "Ambtelijk personeel", 2011, -30402)


@case("'n.v.t.' where an amount belongs")
def amount_text(data: Path) -> None:
    _set_amount(data, "Ambtelijk personeel", 2011, "n.v.t.")


@case("a date where an amount belongs")
def amount_date(data: Path) -> None:
    _set_amount(data, "Ambtelijk personeel", 2011, dt.datetime(2011, 3, 4))


@case("TRUE where an amount belongs")
def amount_boolean(data: Path) -> None:
    _set_amount(data, "Ambtelijk personeel", 2011, True)


@case("the Excel error value #REF!")
def amount_error_ref(data: Path) -> None:
    _set_amount(data, "Ambtelijk personeel", 2011, "#REF!")


@case("a formula whose cached result is #DIV/0! (written into the sheet XML)")
def amount_error_div0(data: Path) -> None:
    patch_sheet(
        data / FINANCE,
        "Apparaatsuitgaven",
        lambda xml: set_cell_xml(xml, "B8", '<c r="B8" t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
    )


@case("a cached total with floating-point noise (47520.000000000004)")
def amount_float_noise(data: Path) -> None:
    patch_sheet(
        data / FINANCE,
        "Apparaatsuitgaven",
        lambda xml: set_cell_xml(
            xml, "C11", '<c r="C11"><f>SUM(C8:C10)</f><v>47520.000000000004</v></c>'
        ),
    )


@case("an amount in exponent notation in the XML (3.0402E4)")
def amount_exponent(data: Path) -> None:
    patch_sheet(
        data / FINANCE,
        "Apparaatsuitgaven",
        lambda xml: set_cell_xml(xml, "B8", '<c r="B8"><v>3.0402E4</v></c>'),
    )


@case("an amount too large for a float (1E+400, read as infinity)")
def amount_infinite(data: Path) -> None:
    patch_sheet(
        data / FINANCE,
        "Apparaatsuitgaven",
        lambda xml: set_cell_xml(xml, "B8", '<c r="B8"><v>1E+400</v></c>'),
    )


@case("a percentage typed as text with a % sign ('30%')")
def percent_text(data: Path) -> None:
    def change(book):
        book["Besparingsmaatregelen"]["D7"] = "30%"

    edit(data / FINANCE, change)


@case("a percentage as an Excel percent cell (0,3 shown as 30%)")
def percent_cell(data: Path) -> None:
    def change(book):
        cell = book["Besparingsmaatregelen"]["D7"]
        cell.value, cell.number_format = 0.3, "0%"

    edit(data / FINANCE, change)


@case("a phase-in cell with text")
def phase_text(data: Path) -> None:
    def change(book):
        ws = book["Besparingsmaatregelen"]
        ws[f"{column_of(ws, 2020)}7"] = "veel"

    edit(data / FINANCE, change)


# == formulas =================================================================================
@case("a formula without a cached result (written by openpyxl)")
def formula_without_cache(data: Path) -> None:
    def change(book):
        book["Apparaatsuitgaven"]["C11"] = "=SUM(C8:C10)"

    edit(data / FINANCE, change)


@case("a formula with its cached result, as Excel saves it")
def formula_with_cache(data: Path) -> None:
    patch_sheet(
        data / FINANCE,
        "Apparaatsuitgaven",
        lambda xml: set_cell_xml(xml, "C11", '<c r="C11"><f>SUM(C8:C10)</f><v>47520</v></c>'),
    )


@case("a total formula whose cached result differs from the sum")
def formula_cached_wrong(data: Path) -> None:
    patch_sheet(
        data / FINANCE,
        "Apparaatsuitgaven",
        lambda xml: set_cell_xml(xml, "C11", '<c r="C11"><f>SUM(C8:C9)</f><v>33395</v></c>'),
    )


@case("a shared formula across the total row, with cached results")
def formula_shared(data: Path) -> None:
    def change(xml: str) -> str:
        totals = [47756, 47520, 51187, 46028, 46217, 50065, 57172]
        for i, total in enumerate(totals):
            letter = "BCDEFGH"[i]
            formula = (
                '<f t="shared" ref="B11:H11" si="0">SUM(B8:B10)</f>'
                if i == 0
                else '<f t="shared" si="0"/>'
            )
            xml = set_cell_xml(xml, f"{letter}11", f'<c r="{letter}11">{formula}<v>{total}</v></c>')
        return xml

    patch_sheet(data / FINANCE, "Apparaatsuitgaven", change)


@case("a shared formula across the total row whose follower cells have no cached result")
def formula_shared_without_cache(data: Path) -> None:
    def change(xml: str) -> str:
        xml = set_cell_xml(
            xml,
            "B11",
            '<c r="B11"><f t="shared" ref="B11:D11" si="0">SUM(B8:B10)</f><v>47756</v></c>',
        )
        for letter in "CD":
            xml = set_cell_xml(xml, f"{letter}11", f'<c r="{letter}11"><f t="shared" si="0"/></c>')
        return xml

    patch_sheet(data / FINANCE, "Apparaatsuitgaven", change)


def _external_link(data: Path, cell: str) -> None:
    """A formula referring to another workbook ([1]Blad1!A1), with the link's parts."""
    path = data / FINANCE
    parts = read_parts(path)
    name = sheet_part(parts, "Apparaatsuitgaven")
    parts[name] = set_cell_xml(parts[name].decode(), "C11", cell).encode()
    link = "xl/externalLinks/externalLink1.xml"
    parts[link] = (
        f'<externalLink xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><externalBook r:id="rId1">'
        '<sheetNames><sheetName val="Blad1"/></sheetNames><sheetDataSet><sheetData sheetId="0">'
        '<row r="1"><cell r="A1"><v>47520</v></cell></row></sheetData></sheetDataSet>'
        "</externalBook></externalLink>"
    ).encode()
    parts["xl/externalLinks/_rels/externalLink1.xml.rels"] = (
        f'<Relationships xmlns="{_PKG_REL_NS}"><Relationship Id="rId1" '
        f'Type="{_REL_NS}/externalLinkPath" Target="begroting%202016.xlsx" '
        'TargetMode="External"/></Relationships>'
    ).encode()
    rid = _register(
        parts,
        link,
        f"{_REL_NS}/externalLink",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
    )
    book = (
        parts["xl/workbook.xml"]
        .decode()
        .replace(
            "</sheets>",
            f'</sheets><externalReferences><externalReference r:id="{rid}"/></externalReferences>',
        )
    )
    parts["xl/workbook.xml"] = book.encode()
    write_parts(path, parts)


@case("a formula referring to another workbook, with its cached result")
def external_link_cached(data: Path) -> None:
    _external_link(data, '<c r="C11"><f>[1]Blad1!A1</f><v>47520</v></c>')


@case("a formula referring to another workbook, without a cached result")
def external_link_uncached(data: Path) -> None:
    _external_link(data, '<c r="C11"><f>[1]Blad1!A1</f></c>')


@case("an external link whose relationships part is not XML")
def external_link_broken(data: Path) -> None:
    _external_link(data, '<c r="C11"><f>[1]Blad1!A1</f><v>47520</v></c>')
    parts = read_parts(data / FINANCE)
    parts["xl/externalLinks/_rels/externalLink1.xml.rels"] = b"<Relationships"
    write_parts(data / FINANCE, parts)


# == text that means something elsewhere ======================================================
@case("extra lines on Programma-uitgaven labelled with HTML/Markdown/Typst/Jinja payloads")
def payload_labels(data: Path) -> None:
    def change(book):
        ws = book["Programma-uitgaven"]
        ws.insert_rows(12, len(PAYLOADS))
        for i, payload in enumerate(PAYLOADS):
            ws.cell(12 + i, 1, payload)
            for col in range(2, 14):
                ws.cell(12 + i, col, 1)
        total_row = 12 + len(PAYLOADS)
        for col in range(2, 14):
            ws.cell(total_row, col).value += len(PAYLOADS)

    edit(data / FINANCE, change)


@case("payloads in the Toelichting column")
def payload_toelichting(data: Path) -> None:
    def change(book):
        cells = [("Programma-uitgaven", r) for r in range(8, 13)]
        cells += [("Apparaatsuitgaven", r) for r in range(8, 11)]
        for (sheet, row), payload in zip(cells, PAYLOADS, strict=True):
            book[sheet].cell(row, 14, payload)

    edit(data / FINANCE, change)


@case("payloads in the Gevolgen column and a measure name")
def payload_gevolgen(data: Path) -> None:
    def change(book):
        ws = book["Besparingsmaatregelen"]
        for row in range(7, 12):
            ws[f"{column_of(ws, 'Gevolgen')}{row}"] = " ".join(PAYLOADS)
        ws[f"{column_of(ws, 'Maatregel')}7"] = PAYLOADS[0]

    edit(data / FINANCE, change)


@case("payloads in a sheet's Bron")
def payload_bron(data: Path) -> None:
    def change(book):
        book["Vertrek naar type"]["B3"] = " ".join(PAYLOADS)

    edit(data / STATISTICS, change)


# == files that are not (sane) workbooks ======================================================
@case("the workbook named in editie.yml does not exist")
def file_missing(data: Path) -> None:
    use_file(data, "financien", "financien-2019.xlsx")


@case("a workbook file name without an Excel extension (financien.dat)")
def file_wrong_extension(data: Path) -> None:
    (data / FINANCE).rename(data / "financien.dat")
    use_file(data, "financien", "financien.dat")


@case("an old .xls file (OLE2 compound document header)")
def file_xls(data: Path) -> None:
    (data / "financien.xls").write_bytes(_OLE_MAGIC + b"\x00" * 504)
    use_file(data, "financien", "financien.xls")


@case("an old .xls file renamed to .xlsx")
def file_xls_renamed(data: Path) -> None:
    (data / FINANCE).write_bytes(_OLE_MAGIC + b"\x00" * 504)


@case("a password-protected workbook (encrypted with msoffcrypto-tool)")
def file_password(data: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with (data / FINANCE).open("rb") as handle:
        OOXMLFile(handle).encrypt("geheim", out)
    (data / FINANCE).write_bytes(out.getvalue())


@case(".xlsm with a vbaProject.bin part, named in editie.yml")
def file_xlsm(data: Path) -> None:
    parts = read_parts(data / FINANCE)
    parts["xl/vbaProject.bin"] = _OLE_MAGIC + b"\x00" * 504
    _register(
        parts,
        "xl/vbaProject.bin",
        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
        "application/vnd.ms-office.vbaProject",
    )
    parts["[Content_Types].xml"] = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
        .encode()
    )
    (data / FINANCE).unlink()
    write_parts(data / "financien.xlsm", parts)
    use_file(data, "financien", "financien.xlsm")


@case("a CSV file renamed to .xlsx")
def file_csv(data: Path) -> None:
    (data / STATISTICS).write_text("Omschrijving;2011;2012\nTotaal;21.540;20.870\n", "utf-8")


@case("an OpenDocument spreadsheet renamed to .xlsx")
def file_ods(data: Path) -> None:
    write_parts(
        data / FINANCE,
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": b"<office:document-content/>",
        },
    )


@case("a Word document renamed to .xlsx")
def file_docx(data: Path) -> None:
    write_parts(
        data / FINANCE,
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"},
    )


@case("an empty file")
def file_empty(data: Path) -> None:
    (data / FINANCE).write_bytes(b"")


@case("a zip cut off halfway (an interrupted download)")
def file_truncated(data: Path) -> None:
    content = (data / FINANCE).read_bytes()
    (data / FINANCE).write_bytes(content[: len(content) // 2])


@case("a zip whose sheet data is overwritten with garbage (bad CRC)")
def file_corrupt(data: Path) -> None:
    content = bytearray((data / FINANCE).read_bytes())
    with zipfile.ZipFile(data / FINANCE) as archive:
        info = archive.getinfo(sheet_part(read_parts(data / FINANCE), "Programma-uitgaven"))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + 60):
        content[i] ^= 0x5A
    (data / FINANCE).write_bytes(bytes(content))


@case("a workbook without the part of one of its sheets")
def file_missing_part(data: Path) -> None:
    parts = read_parts(data / FINANCE)
    del parts[sheet_part(parts, "Apparaatsuitgaven")]
    write_parts(data / FINANCE, parts)


@case("a sheet whose XML is cut off")
def file_malformed_xml(data: Path) -> None:
    patch_sheet(data / FINANCE, "Apparaatsuitgaven", lambda xml: xml[: len(xml) // 2])


@case("a numeric cell whose XML value is not a number")
def file_bad_number_xml(data: Path) -> None:
    patch_sheet(
        data / FINANCE,
        "Apparaatsuitgaven",
        lambda xml: set_cell_xml(xml, "B8", '<c r="B8" t="n"><v>dertig</v></c>'),
    )


# == size and XML attacks =====================================================================
@case("an extra sheet with 1 million cells (1000 rows x 1000 columns, ~20 MB of XML)")
def huge_sheet(data: Path) -> None:
    parts = read_parts(data / FINANCE)
    add_sheet(parts, "Export", "xl/worksheets/export.xml")
    parts["xl/worksheets/export.xml"] = sheet_xml(1000, 1000)
    write_parts(data / FINANCE, parts)


@case("an extra sheet with 50.000 cells (within the limits)")
def large_sheet(data: Path) -> None:
    parts = read_parts(data / FINANCE)
    add_sheet(parts, "Export", "xl/worksheets/export.xml")
    parts["xl/worksheets/export.xml"] = sheet_xml(1000, 50)
    write_parts(data / FINANCE, parts)


@case("a zip bomb: 2 GB of whitespace in a sheet, honestly declared, ~2 MB on disk")
def zip_bomb(data: Path) -> None:
    parts = read_parts(data / FINANCE)
    entries = bomb_entries(parts, sheet_part(parts, "Programma-uitgaven"), 2048, None)
    write_raw_zip(data / FINANCE, entries)


@case("a zip bomb that declares 4 kB but inflates to 1 GB")
def zip_bomb_lying(data: Path) -> None:
    parts = read_parts(data / FINANCE)
    entries = bomb_entries(parts, sheet_part(parts, "Programma-uitgaven"), 1024, 4096)
    write_raw_zip(data / FINANCE, entries)


_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


@case("billion laughs (entity expansion) in a sheet's XML")
def xml_laughs_sheet(data: Path) -> None:
    def change(xml: str) -> str:
        xml = _LAUGHS + re.sub(r"^<\?xml[^>]*\?>", "", xml)
        return set_cell_xml(xml, "A8", '<c r="A8" t="inlineStr"><is><t>&lol9;</t></is></c>')

    patch_sheet(data / FINANCE, "Apparaatsuitgaven", change)


@case("billion laughs in sharedStrings.xml")
def xml_laughs_shared_strings(data: Path) -> None:
    parts = read_parts(data / FINANCE)
    parts["xl/sharedStrings.xml"] = (
        _LAUGHS + f'<sst xmlns="{_MAIN_NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    ).encode()
    _register(
        parts,
        "xl/sharedStrings.xml",
        f"{_REL_NS}/sharedStrings",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    )
    name = sheet_part(parts, "Apparaatsuitgaven")
    parts[name] = set_cell_xml(parts[name].decode(), "A8", '<c r="A8" t="s"><v>0</v></c>').encode()
    write_parts(data / FINANCE, parts)


@case("an external entity (XXE) reading /etc/passwd in workbook.xml")
def xml_external_entity(data: Path) -> None:
    parts = read_parts(data / FINANCE)
    book = re.sub(r"^<\?xml[^>]*\?>", "", parts["xl/workbook.xml"].decode())
    book = '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + book.replace(
        'name="Instructie"', 'name="&x;"'
    )
    parts["xl/workbook.xml"] = book.encode()
    write_parts(data / FINANCE, parts)
