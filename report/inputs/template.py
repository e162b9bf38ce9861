"""Write workbooks in the contract's layout: blank and documented, or filled with values.

Finance starts from a blank template (instructions sheet, protected headers, data
validation); the sample data and the tests fill the same layout, so what the reader expects
and what the template offers are one thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from report.inputs import contract
from report.inputs.contract import RecordSheet, Role, YearSheet
from report.inputs.edition import Edition

HEADER_ROW = 6
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
TOTAL_FONT = Font(bold=True)


@dataclass
class SheetValues:
    """What goes into one sheet; empty means a blank template."""

    bron: str = ""
    peildatum: str = ""
    periode: str = ""
    years: tuple[int, ...] = ()
    budget_years: frozenset[int] = frozenset()
    # year sheets: (group, label, {year: value}, printed total or None, toelichting, attributes)
    rows: list[tuple] = field(default_factory=list)
    with_total_column: bool = False
    # record sheets: one dict per record (column header -> value, year -> phase-in %)
    records: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # extra lines on the instructions sheet


def write_workbook(
    workbook: str, edition: Edition, path: Path, values: dict[str, SheetValues] | None = None
) -> None:
    """Write one of the two workbooks; `values` fills sheets, missing keys are left out."""
    book = Workbook()
    instructions = book.active
    instructions.title = "Instructie"
    specs = [s for s in contract.sheets_of(workbook) if values is None or s.key in values]
    _instructions(instructions, workbook, edition, specs, values or {})
    for spec in specs:
        content = (values or {}).get(spec.key) or SheetValues()
        ws = book.create_sheet(spec.sheet)
        if isinstance(spec, YearSheet):
            _year_sheet(ws, spec, edition, content)
        else:
            _record_sheet(ws, spec, edition, content)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def default_years(spec: YearSheet, edition: Edition) -> tuple[int, ...]:
    first = spec.first_year or edition.first_year
    last = spec.last_year or edition.last_year
    if spec.workbook == contract.FINANCE and spec.required:
        last = max(last, edition.savings.reference_year)
    return tuple(range(first, last + 1))


def _head(ws: Worksheet, spec, content: SheetValues) -> None:
    ws["A1"] = spec.title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"], ws["B2"] = "Eenheid", spec.unit
    ws["A3"], ws["B3"] = "Bron", content.bron
    ws["A4"], ws["B4"] = "Peildatum", content.peildatum
    if isinstance(spec, RecordSheet) and spec.extra.get("period"):
        ws["A5"], ws["B5"] = "Periode", content.periode
    for cell in ("B3", "B4", "B5"):
        ws[cell].protection = Protection(locked=False)
    ws.column_dimensions["A"].width = 38


def _protect(ws: Worksheet) -> None:
    """Headers and labels are locked; finance may still add rows and resize."""
    ws.protection.sheet = True
    ws.protection.insertRows = False
    ws.protection.deleteRows = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _year_sheet(ws: Worksheet, spec: YearSheet, edition: Edition, content: SheetValues) -> None:
    _head(ws, spec, content)
    years = content.years or default_years(spec, edition)
    label_col = 2 if spec.grouped else 1
    headers = (["Groep"] if spec.grouped else []) + [spec.label_header, *spec.attributes]
    first_year_col = len(headers) + 1
    headers += [*years]
    if content.with_total_column:
        headers.append("Totaal")
    headers.append("Toelichting")
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, col, text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    if spec.grouped:
        ws.column_dimensions["B"].width = 38
    row = HEADER_ROW + 1
    if spec.status_row:
        ws.cell(row, 1, "Status").font = Font(italic=True)
        status = DataValidation(type="list", formula1='"realisatie,begroting"', allow_blank=False)
        status.error = "Kies realisatie of begroting."
        ws.add_data_validation(status)
        for i, year in enumerate(years):
            cell = ws.cell(
                row,
                first_year_col + i,
                "begroting" if year in content.budget_years else "realisatie",
            )
            cell.protection = Protection(locked=False)
            status.add(cell)
        row += 1
    amounts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    amounts.error = f"Vul een heel getal in ({spec.unit}), 0 of groter."
    amounts.errorTitle = "Geen geldig getal"
    ws.add_data_validation(amounts)
    template_rows = [(r.group, r.label, {}, None, "", {}) for r in spec.rows]
    extra = 15 if spec.extra_rows and not content.rows else 0
    for group, label, values, total, note, attributes in content.rows or template_rows:
        role = spec.row(label, group).role if spec.row(label, group) else Role.COMPONENT
        if spec.grouped:
            ws.cell(row, 1, group)
        label_cell = ws.cell(row, label_col, label)
        if role in (Role.TOTAL, Role.SUBTOTAL):
            label_cell.font = TOTAL_FONT
        for i, name in enumerate(spec.attributes):
            ws.cell(row, label_col + 1 + i, attributes.get(name)).protection = Protection(
                locked=False
            )
        for i, year in enumerate(years):
            cell = ws.cell(row, first_year_col + i, values.get(year))
            cell.number_format = "#,##0"
            cell.protection = Protection(locked=False)
            amounts.add(cell)
        col = first_year_col + len(years)
        if content.with_total_column:
            ws.cell(row, col, total).number_format = "#,##0"
            col += 1
        ws.cell(row, col, note or None).protection = Protection(locked=False)
        row += 1
    for _ in range(extra):  # open rows for lines of finance's own
        for col in range(1, first_year_col + len(years) + 1):
            ws.cell(row, col).protection = Protection(locked=False)
        row += 1
    ws.column_dimensions[get_column_letter(first_year_col + len(years) + 1)].width = 50
    _protect(ws)


def _record_sheet(ws: Worksheet, spec: RecordSheet, edition: Edition, content: SheetValues) -> None:
    _head(ws, spec, content)
    years = content.years or (edition.savings.years if spec.year_columns else ())
    headers = [c.header for c in spec.columns] + list(years)
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, col, text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = 14
    for column in spec.columns:
        if column.kind == "choice":
            choice = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"')
            choice.error = "Kies een van de rekenregels uit de lijst."
            ws.add_data_validation(choice)
            col = headers.index(column.header) + 1
            choice.add(
                f"{get_column_letter(col)}{HEADER_ROW + 1}:{get_column_letter(col)}{HEADER_ROW + 50}"
            )
    if years:
        phase = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
        phase.error = "Vul een percentage tussen 0 en 100 in."
        ws.add_data_validation(phase)
        first = len(spec.columns) + 1
        phase.add(
            f"{get_column_letter(first)}{HEADER_ROW + 1}:"
            f"{get_column_letter(first + len(years) - 1)}{HEADER_ROW + 50}"
        )
    records = content.records or [{} for _ in range(10)]
    for r, record in enumerate(records, start=HEADER_ROW + 1):
        for col, header in enumerate(headers, start=1):
            cell = ws.cell(r, col, record.get(header))
            cell.protection = Protection(locked=False)
            cell.alignment = Alignment(
                wrap_text=isinstance(record.get(header), str), vertical="top"
            )
    _protect(ws)


def _instructions(ws: Worksheet, workbook: str, edition: Edition, specs, values) -> None:
    lines = [
        (contract.WORKBOOK_TITLES[workbook], Font(bold=True, size=14)),
        (f"{edition.title} — editie {edition.published.year}", Font(italic=True)),
        ("", None),
        ("Zo vult u deze werkmap in", Font(bold=True)),
        (
            "• Elk werkblad bevat één tabel. Wijzig de namen van werkbladen, kolomkoppen en vaste regels niet.",
            None,
        ),
        (
            "• Vul bij 'Bron' boven elke tabel de herkomst van de cijfers in (verplicht) en zo mogelijk de peildatum.",
            None,
        ),
        (
            "• Bedragen zijn hele bedragen x € 1.000; aantallen zijn hele getallen. Typ getallen, geen tekst als 'n.v.t.'.",
            None,
        ),
        (
            "• Een totaalregel is niet nodig. Staat er een totaal, dan controleert het programma het tegen de som van de regels.",
            None,
        ),
        (
            "• Gebruik geen formules die naar andere bestanden verwijzen en sla de werkmap op in Excel of LibreOffice (.xlsx).",
            None,
        ),
        (
            "• Op Programma-uitgaven en Apparaatsuitgaven geeft de rij 'Status' per jaar aan of het om realisatie of begroting gaat.",
            None,
        ),
        (
            "• Een lege cel mag alleen waar het werkblad dat toestaat én de kolom Toelichting uitlegt waarom.",
            None,
        ),
        ("• Controleer de werkmap met: python build.py check", None),
        ("", None),
        ("Werkbladen", Font(bold=True)),
    ]
    for spec in specs:
        need = (
            "verplicht"
            if spec.required
            else "optioneel; ontbreekt het blad, dan vervalt de paragraaf"
        )
        lines.append((f"{spec.sheet} ({need}): {spec.title}, {spec.unit}.", None))
        if spec.hint:
            lines.append((f"    {spec.hint}", None))
    for spec in specs:
        for note in values.get(spec.key, SheetValues()).notes:
            lines.append((f"Toelichting {spec.sheet}: {note}", None))
    for row, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row, 1, text)
        if font:
            cell.font = font
    ws.column_dimensions["A"].width = 120
