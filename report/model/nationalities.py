"""Departures per nationality: the safe-country flag, first asylum applications, the ranking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from report.inputs import labels as L
from report.inputs.edition import Edition
from report.inputs.tables import YearTable
from report.model.tables import review_years
from report.model.traced import row_cells
from report.provenance import Traced, cell, total

TOP = 10


@dataclass(frozen=True)
class Nationality:
    label: str
    safe: bool
    cells: dict[int, Traced | None]  # year -> departures (None: empty)
    total: Traced  # over the evaluation period, computed
    asylum: Traced | None  # first asylum applications as given in the sheet
    excel_row: int

    @property
    def values(self) -> dict[int, int | None]:
        return {year: None if c is None else int(c) for year, c in self.cells.items()}


def nationalities(table: YearTable, edition: Edition) -> list[Nationality]:
    """Every nationality with its safe-country flag and its total over the period.

    The reader has validated both attribute columns (`inputs.cells`): a flag that is not ja/nee
    or a count that is not whole never reaches the model.
    """
    years = review_years(table, edition)
    origin = table.origin
    found = []
    for row in table.rows:
        safe = row.attributes.get(L.SAFE_COUNTRY)
        asylum = row.attributes.get(L.ASYLUM)
        cells = row_cells(table, row, table.years)
        period = total(c for y in years if (c := cells[y]) is not None)
        if isinstance(safe, bool):
            count = None
            if isinstance(asylum, int) and not isinstance(asylum, bool):
                address = table.attribute_cell(row, L.ASYLUM)
                count = cell(asylum, origin.file, origin.sheet, address)
            found.append(Nationality(row.label, safe, cells, period, count, row.excel_row))
    return found


def ranked(found: Sequence[Nationality], safe: bool) -> list[Nationality]:
    """The group's nationalities by total departures over the period, largest first."""
    return sorted((n for n in found if n.safe is safe), key=lambda n: (-n.total.value, n.label))


def top(found: Sequence[Nationality], safe: bool) -> list[Nationality]:
    """The TOP nationalities of the group (safe countries or the others)."""
    return ranked(found, safe)[:TOP]
