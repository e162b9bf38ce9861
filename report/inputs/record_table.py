"""A record sheet (one record per row, named columns, optional phase-in years) read into a RecordTable."""

from __future__ import annotations

from decimal import Decimal

from openpyxl.utils import get_column_letter

from report.inputs.cells import (
    is_blank,
    is_percent_format,
    parse_choice,
    parse_number,
    parse_percent,
    parse_whole,
    read_text,
    year_of,
)
from report.inputs.contract import Column, ColumnKind, RecordSheet, normalise
from report.inputs.findings import SheetCells
from report.inputs.layout import read_layout
from report.inputs.tables import CellValue, Record, RecordTable


def read_record_table(cells: SheetCells, spec: RecordSheet) -> RecordTable | None:
    """The records, or None when the sheet cannot be read or was left blank."""
    mark = cells.findings.mark()
    layout = read_layout(cells, spec)
    if layout is None:
        return None
    columns, years = _header(cells, spec, layout.header)
    if spec.extra.get("period") and not layout.meta.get("periode"):
        cells.problem(
            layout.meta_cells.get("periode", ""),
            "periode ontbreekt (vul 'Periode' in boven de tabel)",
        )
    records = []
    first_seen: dict[str, str] = {}
    key_column = spec.columns[0]
    for r in cells.filled_rows(layout.header + 1):
        used = [*columns.values(), *years.values()]
        if all(is_blank(cells.raw(r, c)) for c in used):
            continue
        values = {
            column.header: _value(cells, r, columns[column.header], column)
            for column in spec.columns
            if column.header in columns
        }
        phase = {year: _phase(cells, r, col) for year, col in years.items()}
        key = values.get(key_column.header)
        if key is not None:
            here = cells.coordinate(r, columns[key_column.header])
            if normalise(key) in first_seen:
                cells.problem(
                    here,
                    f"{key_column.header} {key} staat twee keer in de tabel: in "
                    f"{first_seen[normalise(key)]} en in {here}; geef elke regel een eigen "
                    f"waarde in de kolom {key_column.header}",
                )
                continue
            first_seen[normalise(key)] = here
        records.append(Record(values, phase, r))
    if not records:
        cells.left_blank(mark, spec.required)
        return None
    last_col = max([*columns.values(), *years.values(), 1])
    last_row = max(rec.excel_row for rec in records)
    origin = layout.origin(cells, last_col, last_row)
    return RecordTable(
        spec,
        origin,
        tuple(records),
        {name: get_column_letter(col) for name, col in columns.items()},
        tuple(sorted(years)),
        {year: get_column_letter(col) for year, col in years.items()},
        layout.meta.get("periode", ""),
    )


def _header(
    cells: SheetCells, spec: RecordSheet, header: int
) -> tuple[dict[str, int], dict[int, int]]:
    """Named columns and phase-in year columns of the header row."""
    columns: dict[str, int] = {}
    years: dict[int, int] = {}
    by_name = {normalise(c.header): c for c in spec.columns}
    for col in range(1, cells.ws.max_column + 1):
        raw = cells.raw(header, col)
        if is_blank(raw):
            continue
        coordinate = cells.coordinate(header, col)
        year = year_of(raw) if spec.year_columns else None
        column = by_name.get(normalise(raw))
        if year is not None:
            if year in years:
                cells.problem(coordinate, f"jaar {year} staat twee keer in de kopregel")
            years[year] = col
        elif column is not None:
            columns[column.header] = col
        else:
            cells.problem(coordinate, f"onbekende kolomkop {str(raw)[:40]!r}")
    for column in spec.columns:
        if column.header not in columns:
            cells.problem(f"rij {header}", f"kolom {column.header!r} ontbreekt")
    if spec.year_columns and not years:
        cells.problem(f"rij {header}", "geen jaartallen (fasering) in de kopregel")
    return columns, years


def _value(cells: SheetCells, r: int, col: int, column: Column) -> CellValue:
    """One cell by its column's kind; a problem leaves it None."""
    raw = cells.value(r, col)
    coordinate = cells.coordinate(r, col)
    if is_blank(raw):
        if column.required and (r, col) not in cells.unreadable:
            cells.problem(coordinate, f"{column.header} ontbreekt")
        return None
    if column.kind is ColumnKind.TEXT:
        text = read_text(raw)
        if text.problem:
            cells.problem(coordinate, text.problem)
            return None
        if text.note:
            cells.note(coordinate, text.note)
        return text.value
    if column.kind is ColumnKind.CHOICE:
        choice, problem = parse_choice(raw, column.choices)
        if problem:
            cells.problem(coordinate, problem)
        return choice
    if column.kind is ColumnKind.PERCENT:
        parsed = parse_percent(raw, cells.number_format(r, col))
    elif column.kind is ColumnKind.NUMBER and is_percent_format(cells.number_format(r, col)):
        # 0,66 shown as 66%: a percentage where a plain number belongs could mean 0,66 or 66
        cells.problem(
            coordinate,
            f"{column.header}: de cel heeft een procentopmaak; typ het getal zonder "
            "procentteken (66 voor 66%)",
        )
        return None
    elif column.kind is ColumnKind.INT:
        parsed = parse_whole(raw, column.header.lower())
    else:
        parsed = parse_number(raw, column.header.lower())
    if parsed.problem:
        cells.problem(coordinate, parsed.problem)
        return None
    if parsed.note:
        cells.note(coordinate, parsed.note)
    if parsed.value is not None and parsed.value < 0:
        cells.problem(coordinate, f"{column.header} mag niet negatief zijn")
        return None
    if column.kind is ColumnKind.INT and parsed.value is not None:
        return int(parsed.value)
    return parsed.value


def _phase(cells: SheetCells, r: int, col: int) -> Decimal | None:
    raw = cells.value(r, col)
    coordinate = cells.coordinate(r, col)
    if is_blank(raw):
        if (r, col) not in cells.unreadable:
            cells.problem(
                coordinate,
                "fasering ontbreekt; vul een percentage in (0 als er dat jaar niets wordt bespaard)",
            )
        return None
    parsed = parse_percent(raw, cells.number_format(r, col))
    if parsed.problem:
        cells.problem(coordinate, parsed.problem)
    return parsed.value
