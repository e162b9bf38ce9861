"""The cells of the input tables as traced numbers: each knows its workbook, sheet and address.

The model's builders take their numbers from here, so every figure they compute carries the
cells it was made of (report.provenance composes them).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from report.inputs.tables import Record, RecordTable, TableRow, YearTable
from report.provenance import Traced, cell, or_zero, total


def year_cell(table: YearTable, row: TableRow, year: int) -> Traced | None:
    """The row's cell in `year`; None when it is empty or n.b."""
    value = row.values.get(year)
    if value is None:
        return None
    return cell(value, table.origin.file, table.origin.sheet, table.cell(row, year))


def year_count(table: YearTable, row: TableRow, year: int) -> Traced:
    """The row's cell in `year` as a number to add up: an empty or n.b. cell counts as 0."""
    return or_zero(year_cell(table, row, year))


def row_cells(table: YearTable, row: TableRow, years: Sequence[int]) -> dict[int, Traced | None]:
    return {year: year_cell(table, row, year) for year in years}


def added(table: YearTable, rows: Sequence[TableRow], year: int) -> Traced | None:
    """The sum of the rows' filled cells in `year`; None when none is filled."""
    cells = [c for c in (year_cell(table, r, year) for r in rows) if c is not None]
    return total(cells) if cells else None


def record_cell(table: RecordTable, record: Record, column: str) -> Traced | None:
    """A number in a record's column (None when empty or not a number)."""
    value = record.values.get(column)
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None
    origin = table.origin
    return cell(value, origin.file, origin.sheet, table.cell(record, column))
