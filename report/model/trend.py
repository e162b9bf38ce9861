"""Series over the years and what the text says about them: lowest, highest, change, share.

Every figure is a traced number (report.provenance), so the text can show where it came from.
Shares cited in the text are whole percentages, rounded half up; changes keep their exact
values so the text can say "steeg" or "daalde" from the sign.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from report.inputs.contract import Role, normalise
from report.inputs.tables import TableRow, YearTable
from report.model.traced import year_count
from report.provenance import Traced, share, total, whole_percent


@dataclass(frozen=True)
class YearValue:
    year: int
    value: Traced


@dataclass(frozen=True)
class Change:
    start: YearValue
    end: YearValue

    @property
    def difference(self) -> Traced:
        return self.end.value - self.start.value

    @property
    def percent(self) -> Traced | None:
        """Exact change in % of the start value (None from zero)."""
        return share(self.difference, self.start.value) if self.start.value else None

    @property
    def up(self) -> bool:
        return self.difference > 0

    @property
    def down(self) -> bool:
        return self.difference < 0


@dataclass(frozen=True)
class Ranked:
    label: str
    value: Traced


def components(table: YearTable, group: str = "") -> list[TableRow]:
    """The rows that add up to the sheet's totals (of one group, if given)."""
    return [
        r
        for r in table.rows
        if r.role is Role.COMPONENT and (not group or normalise(r.group) == normalise(group))
    ]


def totals(table: YearTable, rows: Iterable[TableRow], years: Sequence[int]) -> dict[int, Traced]:
    """Year-wise sum of rows (empty cells count as nothing)."""
    chosen = list(rows)
    return {y: total(year_count(table, r, y) for r in chosen) for y in years}


def over(table: YearTable, row: TableRow, years: Sequence[int]) -> Traced:
    """A row's sum over the years."""
    return total(year_count(table, row, y) for y in years)


def lowest(series: Mapping[int, Traced]) -> YearValue:
    year = min(series, key=lambda y: (series[y], y))
    return YearValue(year, series[year])


def highest(series: Mapping[int, Traced]) -> YearValue:
    year = max(series, key=lambda y: (series[y], -y))
    return YearValue(year, series[year])


def change(series: Mapping[int, Traced], start: int, end: int) -> Change:
    return Change(YearValue(start, series[start]), YearValue(end, series[end]))


def largest_step(series: Mapping[int, Traced]) -> Change:
    """The largest change from one year to the next (either direction; ties: the earliest)."""
    years = sorted(series)
    steps = [change(series, a, b) for a, b in pairwise(years)]
    if not steps:
        return change(series, years[0], years[0])
    return max(steps, key=lambda c: (abs(c.difference.value), -c.start.year))


def percent(part: Traced, whole_: Traced) -> Traced:
    """`part` as a whole percentage of `whole_` (0 when there is nothing to divide by)."""
    return whole_percent(part, whole_)
