"""Printed totals in a sheet are compared with the computed sum, never trusted.

A note on a difference within rounding cites its numbers with their cells (a `Cited` text), so
the report can show where each came from.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.utils import get_column_letter

from report.cited import Shown, cite
from report.inputs.contract import Role, YearSheet, normalise
from report.inputs.findings import SheetCells
from report.inputs.tables import TableRow
from report.numbers import exact, number
from report.provenance import Traced, cell, constant, difference, total


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
                    letter = get_column_letter(col)
                    summed = [
                        _cell(cells, f"{letter}{p.excel_row}", value)
                        for p in parts
                        if (value := p.values.get(year)) is not None
                    ]
                    address = f"{letter}{row.excel_row}"
                    _compare(cells, spec, address, row.label, printed, summed, len(parts))
        readable = all((row.excel_row, c) not in cells.unreadable for c in years.values())
        if row.printed_total is not None and total_col and row.values and readable:
            summed = [
                _cell(cells, f"{get_column_letter(years[year])}{row.excel_row}", value)
                for year, value in row.values.items()
                if value is not None
            ]
            address = f"{get_column_letter(total_col)}{row.excel_row}"
            _compare(cells, spec, address, row.label, row.printed_total, summed, len(row.values))


def _cell(cells: SheetCells, address: str, value: int) -> Traced:
    return cell(value, cells.path.name, cells.title, address)


def _compare(
    cells: SheetCells,
    spec: YearSheet,
    address: str,
    label: str,
    printed: int,
    summed: list[Traced],
    parts: int,
) -> None:
    """Within half the rounding unit per summed cell a difference is a note, beyond it a problem."""
    shown, computed = _cell(cells, address, printed), total(summed)
    gap = difference(shown, computed)
    if gap == 0:
        return
    tolerance = Decimal(spec.rounding * max(parts, 2)) / 2
    margin = constant(
        tolerance,
        f"afrondingsmarge: de helft van de afrondingseenheid ({spec.rounding}) per opgetelde "
        f"waarde ({max(parts, 2)})",
    )
    text = cite(
        "totaal {label} is {printed}, de som is {summed} (verschil {gap}); {verdict} {margin}",
        label=repr(label),
        printed=Shown(shown, number(printed)),
        summed=Shown(computed, number(computed)),
        gap=Shown(gap, f"{'+' if gap > 0 else ''}{number(gap)}"),
        verdict="afrondingsverschil binnen de marge van"
        if abs(gap) <= tolerance
        else "dat is meer dan de afrondingsmarge van",
        margin=Shown(margin, exact(tolerance, 1)),
    )
    if abs(gap) <= tolerance:
        cells.note(address, text)
    else:
        cells.problem(address, text)
