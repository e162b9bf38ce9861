"""Write workbooks in the contract's layout: blank templates for finance, or filled with values.

`write_template` gives finance a blank, documented edition folder: both workbooks (instructions
sheet, Excel's own validation with Dutch messages, input cells shaded, headers frozen and
protected) and editie.yml. The sample data and the tests fill the same layout through
`write_workbook`, so what the reader expects and what the template offers are one thing.

The sheets are protected without a password: headings and the contract's row labels cannot be
changed by accident, while every input cell, the open rows for extra lines, inserting rows and
formatting stay free. Nothing finance needs requires deleting a column: a year without figures
is left empty. Anyone who must change more can lift the protection (Controleren › Beveiliging
blad opheffen) without a password.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from report.inputs import contract
from report.inputs.cell_rules import amount_rule, column_rule, phase_rule, status_rule
from report.inputs.contract import RecordSheet, Role, Sheet, YearSheet
from report.inputs.edition import Edition, edition_yaml
from report.inputs.instructions import write_instructions

HEADER_ROW = 6
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells finance fills in
TOTAL_FONT = Font(bold=True)
OPEN_ROWS = 10  # empty lines for finance's own rows under a sheet's fixed lines
OPEN_LIST_ROWS = 60  # a sheet that is only a list (nationalities): room for every line
OPEN_RECORDS = 10
OPEN = Protection(locked=False)

# what may be written into a cell
WrittenValue = str | int | float | Decimal | bool | dt.date | None
RowValues = tuple[str, str, dict[int, WrittenValue], int | None, str, dict[str, WrittenValue]]


@dataclass
class SheetValues:
    """What goes into one sheet; empty means a blank template."""

    bron: str = ""
    peildatum: str = ""
    periode: str = ""
    years: tuple[int, ...] = ()
    budget_years: frozenset[int] = frozenset()
    # year sheets: (group, label, {year: value}, printed total or None, toelichting, attributes)
    rows: list[RowValues] = field(default_factory=list)
    with_total_column: bool = False
    # record sheets: one dict per record (column header -> value, year -> phase-in %)
    records: list[dict[str | int, WrittenValue]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # extra lines on the instructions sheet


def write_template(target: Path, edition: Edition) -> list[Path]:
    """A blank edition folder: both workbooks and editie.yml; existing files are never replaced."""
    paths = {
        contract.FINANCE: target / edition.finance_file,
        contract.STATISTICS: target / edition.statistics_file,
    }
    settings = target / "editie.yml"
    existing = [p for p in (*paths.values(), settings) if p.exists()]
    if existing:
        raise FileExistsError(existing[0])
    for workbook, path in paths.items():
        write_workbook(workbook, edition, path)
    settings.write_text(edition_yaml(edition), encoding="utf-8")
    return [*paths.values(), settings]


def write_workbook(
    workbook: str, edition: Edition, path: Path, values: dict[str, SheetValues] | None = None
) -> None:
    """Write one of the two workbooks; `values` fills sheets, missing keys are left out."""
    book = Workbook()
    instructions = book.active
    assert instructions is not None
    instructions.title = "Instructie"
    specs = [s for s in contract.sheets_of(workbook) if values is None or s.key in values]
    years: dict[str, tuple[int, ...]] = {}
    for spec in specs:
        content = (values or {}).get(spec.key) or SheetValues()
        ws = book.create_sheet(spec.sheet)
        if isinstance(spec, YearSheet):
            years[spec.key] = content.years or default_years(spec, edition)
            _year_sheet(ws, spec, edition, content, years[spec.key], blank=values is None)
        else:
            _record_sheet(ws, spec, edition, content)
    notes = {key: content.notes for key, content in (values or {}).items()}
    write_instructions(instructions, workbook, edition, specs, years, notes)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fixed_bytes(book, dt.datetime.combine(edition.published, dt.time())))


def default_years(spec: YearSheet, edition: Edition) -> tuple[int, ...]:
    first = spec.first_year or edition.first_year
    last = spec.last_year or edition.last_year
    if spec.workbook == contract.FINANCE and spec.required:
        last = max(last, edition.savings.reference_year)
    return tuple(range(first, last + 1))


def _fixed_bytes(book: Workbook, moment: dt.datetime) -> bytes:
    """The workbook's bytes, dated `moment` instead of now, so the same input gives the same file."""
    book.properties.created = book.properties.modified = moment
    book.properties.creator = "python build.py"
    buffer = io.BytesIO()
    ExcelWriter(
        book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)
    ).save()  # save() stamps now
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zip_:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            zip_.writestr(fixed, source.read(info))
    return out.getvalue()


def _open(cell: Cell | MergedCell) -> None:
    """An input cell: unlocked and shaded."""
    cell.protection = OPEN
    cell.fill = INPUT_FILL


def _head(ws: Worksheet, spec: Sheet, content: SheetValues) -> None:
    ws["A1"] = spec.title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"], ws["B2"] = "Eenheid", spec.unit
    ws["A3"], ws["B3"] = "Bron", content.bron or None
    ws["A4"], ws["B4"] = "Peildatum", content.peildatum or None
    fields = ["B3", "B4"]
    if isinstance(spec, RecordSheet) and spec.extra.get("period"):
        ws["A5"], ws["B5"] = "Periode", content.periode or None
        fields.append("B5")
    for coordinate in fields:
        _open(ws[coordinate])
    ws.column_dimensions["A"].width = 38


def _protect(ws: Worksheet) -> None:
    """Headings and labels locked (no password); rows may be inserted, cells formatted."""
    ws.protection.sheet = True
    for action in ("insertRows", "deleteRows", "formatCells", "formatColumns", "formatRows"):
        setattr(ws.protection, action, False)


def _year_sheet(
    ws: Worksheet,
    spec: YearSheet,
    edition: Edition,
    content: SheetValues,
    years: tuple[int, ...],
    blank: bool,
) -> None:
    _head(ws, spec, content)
    label_col = 2 if spec.grouped else 1
    headers: list[str | int] = ["Groep"] if spec.grouped else []
    headers += [spec.label_header, *(a.header for a in spec.attributes)]
    first_year_col = len(headers) + 1
    headers += [*years]
    if content.with_total_column:
        headers.append("Totaal")
    headers.append("Toelichting")
    note_col = len(headers)
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, col, text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    if spec.grouped:
        ws.column_dimensions["B"].width = 38
    row = HEADER_ROW + 1
    if spec.status_row:
        row = _status_row(ws, row, first_year_col, years, edition, content, blank)
    first_row = row
    template_rows: list[RowValues] = [(r.group, r.label, {}, None, "", {}) for r in spec.rows]
    for group, label, values, total, note, attributes in content.rows or template_rows:
        found = spec.row(label, group)
        if spec.grouped:
            ws.cell(row, 1, group)
        label_cell = ws.cell(row, label_col, label)
        if found is not None and found.role in (Role.TOTAL, Role.SUBTOTAL):
            label_cell.font = TOTAL_FONT
        if found is None:  # a line of finance's own: its label stays editable
            _open(label_cell)
        for i, attribute in enumerate(spec.attributes):
            _open(ws.cell(row, label_col + 1 + i, attributes.get(attribute.header)))
        for i, year in enumerate(years):
            cell = ws.cell(row, first_year_col + i, values.get(year))
            cell.number_format = "#,##0"
            _open(cell)
        if content.with_total_column:
            ws.cell(row, note_col - 1, total).number_format = "#,##0"
        _open(ws.cell(row, note_col, note or None))
        row += 1
    if blank and spec.extra_rows:
        for _ in range(OPEN_LIST_ROWS if not spec.rows else OPEN_ROWS):
            for col in range(1, note_col + 1):
                _open(ws.cell(row, col))
            row += 1
    last_row = row - 1
    if last_row >= first_row:
        _validate_year_cells(ws, spec, first_row, last_row, label_col, first_year_col, len(years))
    ws.column_dimensions[get_column_letter(note_col)].width = 50
    ws.freeze_panes = ws.cell(first_row, first_year_col).coordinate
    _protect(ws)


def _status_row(
    ws: Worksheet,
    row: int,
    first_year_col: int,
    years: tuple[int, ...],
    edition: Edition,
    content: SheetValues,
    blank: bool,
) -> int:
    """Status per year: begroting is filled in for years not over on the peildatum."""
    ws.cell(row, 1, "Status").font = Font(italic=True)
    status = status_rule()
    ws.add_data_validation(status)
    for i, year in enumerate(years):
        if blank:
            value = "begroting" if year >= edition.peildatum.year else None
        else:
            value = "begroting" if year in content.budget_years else "realisatie"
        cell = ws.cell(row, first_year_col + i, value)
        _open(cell)
        status.add(cell)
    return row + 1


def _validate_year_cells(
    ws: Worksheet,
    spec: YearSheet,
    first: int,
    last: int,
    label_col: int,
    first_year_col: int,
    count: int,
) -> None:
    top_left = f"{get_column_letter(first_year_col)}{first}"
    amounts = amount_rule(spec, top_left)
    ws.add_data_validation(amounts)
    amounts.add(f"{top_left}:{get_column_letter(first_year_col + count - 1)}{last}")
    for i, attribute in enumerate(spec.attributes):
        letter = get_column_letter(label_col + 1 + i)
        rule = column_rule(attribute)
        ws.add_data_validation(rule)
        rule.add(f"{letter}{first}:{letter}{last}")


def _record_sheet(ws: Worksheet, spec: RecordSheet, edition: Edition, content: SheetValues) -> None:
    _head(ws, spec, content)
    years = content.years or (edition.savings.years if spec.year_columns else ())
    headers: list[str | int] = [c.header for c in spec.columns] + list(years)
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, col, text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = 14
    records = content.records or [{} for _ in range(OPEN_RECORDS)]
    last = HEADER_ROW + len(records)
    for col, column in enumerate(spec.columns, start=1):
        rule = column_rule(column)
        ws.add_data_validation(rule)
        rule.add(f"{get_column_letter(col)}{HEADER_ROW + 1}:{get_column_letter(col)}{last}")
    if years:
        phase = phase_rule()
        ws.add_data_validation(phase)
        first = len(spec.columns) + 1
        phase.add(
            f"{get_column_letter(first)}{HEADER_ROW + 1}:"
            f"{get_column_letter(first + len(years) - 1)}{last}"
        )
    for r, record in enumerate(records, start=HEADER_ROW + 1):
        for col, header in enumerate(headers, start=1):
            value = record.get(header)
            cell = ws.cell(r, col, value)
            _open(cell)
            cell.alignment = Alignment(wrap_text=isinstance(value, str), vertical="top")
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3).coordinate
    _protect(ws)
