"""Printed totals in a sheet are compared with the sum of their printed parts, never trusted.

A total row is compared year by year with the sum of its component rows, and every cell of a
printed "Totaal" column with what the report shows there: the row's years added up, or for a
(sub)total row every year of every component. A difference beyond rounding is an input error
at its cell; one within rounding is left to the model, which notes it under the table and in
the report's Verantwoording (report.model.printed).
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from report.inputs.contract import Role, YearSheet, normalise
from report.inputs.findings import SheetCells
from report.inputs.tables import TableRow
from report.numbers import exact, number, signed


def parts_of(row: TableRow, rows: list[TableRow]) -> list[TableRow]:
    """The component rows a (sub)total row adds up; none for any other row."""
    components = [r for r in rows if r.role is Role.COMPONENT]
    if row.role is Role.TOTAL:
        return components
    if row.role is Role.SUBTOTAL:
        return [r for r in components if normalise(r.group) == normalise(row.group)]
    return []


def margin(rounding: int, cells: int) -> float:
    """Half the rounding unit for every rounded cell in a sum (at least two)."""
    return rounding * max(cells, 2) / 2


def check_totals(
    cells: SheetCells,
    spec: YearSheet,
    rows: list[TableRow],
    years: dict[int, int],
    total_col: int | None,
) -> None:
    """Total and subtotal rows against their parts; every Totaal cell against what it sums."""
    for row in rows:
        parts = parts_of(row, rows)
        for year, col in years.items() if parts else ():
            printed = row.values.get(year)
            known = all((p.excel_row, col) not in cells.unreadable for p in parts)
            if printed is not None and known:
                summed = sum(p.values.get(year) or 0 for p in parts)
                cell = f"{get_column_letter(col)}{row.excel_row}"
                _compare(cells, spec, cell, row.label, printed, summed, len(parts))
        if row.printed_total is None or not total_col or not row.values:
            continue
        summed_rows = parts or [row]
        readable = all(
            (r.excel_row, c) not in cells.unreadable for r in summed_rows for c in years.values()
        )
        if readable:
            summed = sum(v or 0 for r in summed_rows for v in r.values.values())
            cell = f"{get_column_letter(total_col)}{row.excel_row}"
            terms = len(summed_rows) * len(row.values)
            _compare(cells, spec, cell, row.label, row.printed_total, summed, terms)


def _compare(
    cells: SheetCells,
    spec: YearSheet,
    cell: str,
    label: str,
    printed: int,
    summed: int,
    terms: int,
) -> None:
    """Beyond half the rounding unit per summed cell a difference is a problem."""
    difference = printed - summed
    tolerance = margin(spec.rounding, terms)
    if abs(difference) > tolerance:
        cells.problem(
            cell,
            f"totaal {label!r} is {number(printed)}, de som is {number(summed)} "
            f"(verschil {signed(difference)}); dat is meer dan de afrondingsmarge van "
            f"{exact(tolerance, 1)}",
        )
