"""Printed totals in a sheet are compared with the computed sum, never trusted."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from report.inputs.contract import Role, YearSheet, normalise
from report.inputs.findings import SheetCells
from report.inputs.tables import TableRow
from report.numbers import number


def check_totals(
    cells: SheetCells,
    spec: YearSheet,
    rows: list[TableRow],
    years: dict[int, int],
    total_col: int | None,
) -> None:
    """Total and subtotal rows against their parts; the Totaal column against its row."""
    components = [r for r in rows if r.role is Role.COMPONENT]
    for row in rows:
        if row.role is Role.TOTAL:
            parts = components
        elif row.role is Role.SUBTOTAL:
            parts = [r for r in components if normalise(r.group) == normalise(row.group)]
        else:
            parts = []
        if parts:
            for year, col in years.items():
                printed = row.values.get(year)
                known = all((p.excel_row, col) not in cells.unreadable for p in parts)
                if printed is not None and known:
                    summed = sum(p.values.get(year) or 0 for p in parts)
                    cell = f"{get_column_letter(col)}{row.excel_row}"
                    _compare(cells, spec, cell, row.label, printed, summed, len(parts))
        readable = all((row.excel_row, c) not in cells.unreadable for c in years.values())
        if row.printed_total is not None and total_col and row.values and readable:
            summed = sum(v or 0 for v in row.values.values())
            cell = f"{get_column_letter(total_col)}{row.excel_row}"
            _compare(cells, spec, cell, row.label, row.printed_total, summed, len(row.values))


def _compare(
    cells: SheetCells,
    spec: YearSheet,
    cell: str,
    label: str,
    printed: int,
    summed: int,
    parts: int,
) -> None:
    """Within half the rounding unit per summed cell a difference is a note, beyond it a problem."""
    difference = printed - summed
    if difference == 0:
        return
    tolerance = spec.rounding * max(parts, 2) / 2
    text = (
        f"totaal {label!r} is {number(printed)}, de som is {number(summed)} "
        f"(verschil {'+' if difference > 0 else ''}{number(difference)})"
    )
    if abs(difference) <= tolerance:
        cells.note(cell, text + f"; afrondingsverschil binnen de marge van {number(tolerance)}")
    else:
        cells.problem(cell, text + f"; dat is meer dan de afrondingsmarge van {number(tolerance)}")
