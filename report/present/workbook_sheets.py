"""The sheets of tabellen.xlsx: one per table of figures, a contents sheet, and lists.

A table sheet shows what the report's table shows, in a form finance can compute with:
caption and unit above, the header row frozen and repeated on every printed page, amounts and
counts with a thousands format, percentages stored as percentages (0,63 shown as 63%), a unit
column where rows differ in unit, and below the table the source with its peildatum, the
workbook › sheet › cell range the figures came from, and the notes. Every sheet prints on A4
landscape, one page wide.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from report.inputs.contract import Unit
from report.model.tables import ModelRow, ModelTable, RowKind
from report.present.table_text import (
    UNIT_WORDS,
    as_fraction,
    mixed_units,
    origins,
    row_unit,
    source_texts,
)

CONTENTS = "Inhoud"
EMPTY = "–"  # as in the report: no figure (the notes say why)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
BOLD = Font(bold=True)
CAPTION = Font(bold=True, size=12)
LINK = Font(color="0563C1", underline="single")
SUM_BORDER = Border(top=Side(style="thin"))
LABEL_WIDTH = 70  # characters; longer labels wrap
LINE_HEIGHT = 15  # points per line of text in the default font
ListValue = str | int | Decimal | None


@dataclass(frozen=True)
class ListSheet:
    """An extra sheet of rows after the tables (for example the origin of every number).

    It is listed in the contents under its caption, printed like the tables, and its header
    row is frozen and repeated on every page.
    """

    name: str  # the sheet's name, at most 31 characters
    caption: str
    header: tuple[str, ...]
    rows: Sequence[Sequence[ListValue]]
    notes: tuple[str, ...] = ()


WRAPPED = Alignment(
    vertical="top", wrap_text=True
)  # one object: openpyxl compares each one it is given


def number_format(unit: Unit, decimals: int) -> str:
    """'#,##0' for amounts and counts, '0%' for percentages (with the table's decimals)."""
    places = "." + "0" * decimals if decimals else ""
    return f"0{places}%" if unit is Unit.PERCENT else f"#,##0{places}"


def link(cell: Cell, target: str) -> None:
    """Make `cell` a link to the top of sheet `target` inside this workbook."""
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(target)}!A1")
    cell.font = LINK
    cell.alignment = Alignment(vertical="top")


def fit_heights(ws: Worksheet, rows: range) -> None:
    """Make rows tall enough for their wrapped text (Excel and LibreOffice do not do it on open).

    The sheet's width is counted once: openpyxl counts it over every cell each time it is
    asked, which made a sheet of a thousand rows take seconds.
    """
    columns = ws.max_column
    for row in rows:
        _fit_height(ws, row, columns)


def _fit_height(ws: Worksheet, row: int, columns: int) -> None:
    lines = 1
    for (cell,) in ws.iter_cols(min_row=row, max_row=row, max_col=columns):
        if cell.value is not None and cell.alignment.wrap_text:
            width = ws.column_dimensions[cell.column_letter].width or 10
            lines = max(lines, math.ceil(len(str(cell.value)) / max(1.0, width)))
    if lines > 1:
        ws.row_dimensions[row].height = LINE_HEIGHT * lines


def print_setup(ws: Worksheet, header_row: int) -> None:
    """A4 landscape, one page wide, the header row on every page, page numbers in Dutch."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the table needs
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{header_row}:{header_row}"
    footer = ws.oddFooter
    if footer is not None:  # openpyxl always makes one; the stubs allow None
        footer.center.text = "&A — pagina &P van &N"


def _header(ws: Worksheet, row: int, headers: Sequence[str], first_left: int = 1) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row, col, text)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(
            horizontal="left" if col <= first_left else "right", vertical="top", wrap_text=True
        )


def table_sheet(ws: Worksheet, number: int, table: ModelTable) -> None:
    """Tabel `number` of the report on sheet `ws`."""
    units = mixed_units(table)
    ws["A1"] = f"Tabel {number}. {table.title}"
    ws["A1"].font = CAPTION
    unit = UNIT_WORDS[table.unit]
    ws["A2"] = "Eenheid: per regel, zie de kolom Eenheid" if units else f"Eenheid: {unit}"
    ws["A3"] = "Naar de inhoud"
    link(ws["A3"], CONTENTS)
    header_row = 4
    labels = [table.stub, *(["Eenheid"] if units else []), *table.columns]
    _header(ws, header_row, labels, first_left=2 if units else 1)
    first_value = 3 if units else 2
    for offset, model_row in enumerate(table.rows, start=1):
        _table_row(ws, header_row + offset, first_value, table, model_row, units)
    row = header_row + len(table.rows) + 2
    below = [f"Bron: {text}" for text in source_texts(table)]
    below += [f"Herkomst van de cijfers: {text}" for text in origins(table)]
    below += [f"{r.label}: {r.note}" for r in table.rows if r.note]
    below += list(table.notes)
    for offset, text in enumerate(below):
        ws.cell(row + offset, 1, text)
    longest = max(len(r.label) for r in table.rows)
    ws.column_dimensions["A"].width = min(LABEL_WIDTH, max(longest, len(table.stub)) + 3)
    if units:
        ws.column_dimensions["B"].width = 12
    for index, header in enumerate(table.columns, start=first_value):
        width = max(11, len(header) + 3)
        ws.column_dimensions[get_column_letter(index)].width = width
    fit_heights(ws, range(header_row, header_row + len(table.rows) + 1))
    ws.freeze_panes = ws.cell(header_row + 1, first_value).coordinate
    print_setup(ws, header_row)


def _table_row(
    ws: Worksheet, row: int, first_value: int, table: ModelTable, model_row: ModelRow, units: bool
) -> None:
    strong = model_row.kind.is_sum or model_row.kind is RowKind.GROUP
    label = ws.cell(row, 1, model_row.label)
    label.font = Font(bold=strong, italic=model_row.kind is RowKind.GROUP)
    label.alignment = Alignment(
        wrap_text=True, vertical="top", indent=1 if model_row.kind is RowKind.INFO else 0
    )
    if model_row.kind is RowKind.GROUP:
        return
    unit = row_unit(table, model_row)
    if units:
        ws.cell(row, 2, UNIT_WORDS[unit]).alignment = Alignment(vertical="top")
    style = number_format(unit, table.decimals)
    for col, value in enumerate(model_row.values, start=first_value):
        shown = as_fraction(value) if unit is Unit.PERCENT else value
        cell = ws.cell(row, col, EMPTY if shown is None else shown)
        cell.number_format = style
        cell.font = Font(bold=strong)
        cell.alignment = Alignment(horizontal="right", vertical="top")
    if model_row.kind.is_sum:
        for col in range(1, first_value + len(model_row.values)):
            ws.cell(row, col).border = SUM_BORDER


def list_sheet(ws: Worksheet, sheet: ListSheet) -> None:
    """A list of rows: caption, a link to the contents, the header row, the rows, notes."""
    ws["A1"] = sheet.caption
    ws["A1"].font = CAPTION
    ws["A2"] = "Naar de inhoud"
    link(ws["A2"], CONTENTS)
    header_row = 4
    _header(ws, header_row, sheet.header, first_left=len(sheet.header))
    for offset, values in enumerate(sheet.rows, start=1):
        for col, value in enumerate(values, start=1):
            ws.cell(header_row + offset, col, value).alignment = WRAPPED
    for offset, text in enumerate(sheet.notes, start=header_row + len(sheet.rows) + 2):
        ws.cell(offset, 1, text)
    for col, title in enumerate(sheet.header, start=1):
        longest = max([len(title), *(len(str(r[col - 1] or "")) for r in sheet.rows)])
        ws.column_dimensions[get_column_letter(col)].width = min(LABEL_WIDTH, longest + 3)
    fit_heights(ws, range(header_row, header_row + len(sheet.rows) + 1))
    ws.freeze_panes = ws.cell(header_row + 1, 1).coordinate
    print_setup(ws, header_row)
