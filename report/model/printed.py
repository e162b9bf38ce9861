"""Totals printed in a sheet against what the report shows there: the sum of the printed parts.

The report never copies a printed total (see tables.py); the reader has refused any that is
off by more than rounding (inputs/totals.py). What remains are rounding differences, and the
reader of the report is told exactly where: how many cells, the largest difference under the
table, every cell in the Verantwoording. Each figure is traced to its cells, so the notes print
them with their sources (`Cited` text).
"""

from __future__ import annotations

from collections.abc import Sequence

from report.cited import Cited, Shown, cite
from report.inputs.contract import normalise
from report.inputs.tables import TableRow, YearTable
from report.inputs.totals import parts_of
from report.model.reconcile import Difference
from report.model.tables import TOTAL_COLUMN, ModelTable
from report.model.traced import year_cell, year_count
from report.numbers import exact, number, signed
from report.problems import Note
from report.provenance import Traced, cell, count, total

SEE = "zie de Verantwoording van de cijfers"


def printed_differences(key: str, table: YearTable, shown: ModelTable) -> list[Difference]:
    """Every printed total of `table` that differs from the sum the report shows in its place.

    Year cells of (sub)total rows against their components; the cells of a printed Totaal
    column against the row's years (a (sub)total row: every year of its components). Only
    rows and years the report shows count.
    """
    rows = list(table.rows)
    labels = {normalise(r.label) for r in shown.rows}
    years = [y for y in shown.years if y in table.years]
    total_shown = TOTAL_COLUMN in shown.columns and tuple(years) == table.years
    found = []
    for row in rows:
        if normalise(row.label) not in labels:
            continue
        parts = parts_of(row, rows)
        for year in years if parts else ():
            printed = year_cell(table, row, year)
            if printed is not None:
                summed = total(year_count(table, p, year) for p in parts)
                found.append(
                    _difference(key, table, table.cell(row, year), row, str(year), printed, summed)
                )
        if row.printed_total is not None and total_shown and table.total_column:
            summed = total(year_count(table, r, year) for r in parts or [row] for year in r.values)
            address = table.total_cell(row)
            origin = table.origin
            printed = cell(row.printed_total, origin.file, origin.sheet, address)
            found.append(_difference(key, table, address, row, TOTAL_COLUMN, printed, summed))
    return [d for d in found if d.difference]


def _difference(
    key: str,
    table: YearTable,
    address: str,
    row: TableRow,
    column: str,
    printed: Traced,
    summed: Traced,
) -> Difference:
    origin = table.origin
    return Difference(key, origin.file, origin.sheet, address, row.label, column, printed, summed)


def rounding_note(d: Difference) -> Note:
    """The difference as the terminal and opmerkingen.txt show it."""
    return Note(
        d.file,
        d.sheet,
        d.cell,
        f"totaal {d.label!r} ({d.column}) is {number(d.printed)}, de som is "
        f"{number(d.compared)} (verschil {signed(d.printed - d.compared)}); "
        "afrondingsverschil binnen de marge",
    )


def cell_order(cell: str) -> tuple[int, int, str]:
    """Natural order of cells: by row, then by column (B7 before B10, J7 before B8)."""
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    return (int(digits or 0), len(letters), letters)


def ordered(found: Sequence[Difference]) -> list[Difference]:
    """Differences by workbook and sheet, then in natural cell order."""
    return sorted(
        found, key=lambda d: (d.file, d.sheet, cell_order(d.cell.split(":")[0].split("+")[0]))
    )


def count_text(found: Sequence[Difference], one: str, more: str) -> Cited:
    """'één cel', '12 cellen': the count traced as the number of differences that are not 0."""
    if len(found) == 1:
        return Cited(f"één {one}")
    how_many = count([d.difference for d in found])
    return cite("{n} {more}", n=Shown(how_many, number(how_many)), more=more)


def _largest(found: Sequence[Difference]) -> Difference:
    return max(ordered(found), key=lambda d: abs(d.difference))


def _shown(value: Traced) -> Shown:
    return Shown(value, exact(value, 1))


def totals_note(found: Sequence[Difference]) -> Cited:
    """Under a table: how many printed totals differ from the sums, and the largest difference."""
    if not found:
        return Cited("")
    top = _largest(found)
    return cite(
        "Totalen zijn de som van de regels; de bron wijkt daarvan door afronding af in "
        "{count}, ten hoogste {largest} ({cell}: {printed} in de bron); {see}.",
        count=count_text(found, "cel", "cellen"),
        largest=_shown(abs(top.difference)),
        cell=top.cell,
        printed=_shown(top.printed),
        see=SEE,
    )


def partner_note(found: Sequence[Difference], other: str, unit: str = "") -> Cited:
    """Under a table: its rounding differences with another table of the same figures."""
    if not found:
        return Cited("")
    top = _largest(found)
    years = sorted({int(d.column) for d in found if d.column.isdigit()})
    when = f" (in {_years(years)})" if years else ""
    return cite(
        "Door afronding wijkt deze tabel op {count}{when} ten hoogste {largest}{unit} af van "
        "{other}; {see}.",
        count=count_text(found, "plaats", "plaatsen"),
        when=when,
        largest=_shown(abs(top.difference)),
        unit=unit,
        other=other,
        see=SEE,
    )


def _years(years: Sequence[int]) -> str:
    texts = [str(y) for y in years]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " en " + texts[-1]
