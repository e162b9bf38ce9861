"""Departures per nationality: the safe-country flag, first asylum applications, the ranking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from report.inputs import labels as L
from report.inputs.edition import Edition
from report.inputs.tables import YearTable
from report.model.tables import review_years

TOP = 10


@dataclass(frozen=True)
class Nationality:
    label: str
    safe: bool
    values: dict[int, int | None]
    total: int  # over the evaluation period, computed
    asylum: int | None  # first asylum applications as given in the sheet
    excel_row: int


def nationalities(table: YearTable, edition: Edition) -> list[Nationality]:
    """Every nationality with its safe-country flag and its total over the period.

    The reader has validated both attribute columns (`inputs.cells`): a flag that is not ja/nee
    or a count that is not whole never reaches the model.
    """
    years = review_years(table, edition)
    found = []
    for row in table.rows:
        safe = row.attributes.get(L.SAFE_COUNTRY)
        asylum = row.attributes.get(L.ASYLUM)
        total = sum(row.values.get(y) or 0 for y in years)
        if isinstance(safe, bool):
            count = asylum if isinstance(asylum, int) and not isinstance(asylum, bool) else None
            found.append(Nationality(row.label, safe, row.values, total, count, row.excel_row))
    return found


def ranked(found: Sequence[Nationality], safe: bool) -> list[Nationality]:
    """The group's nationalities by total departures over the period, largest first."""
    return sorted((n for n in found if n.safe is safe), key=lambda n: (-n.total, n.label))


def top(found: Sequence[Nationality], safe: bool) -> list[Nationality]:
    """The TOP nationalities of the group (safe countries or the others)."""
    return ranked(found, safe)[:TOP]
