"""Series over the years and what the text says about them: lowest, highest, change, share.

Shares cited in the text are whole percentages, rounded half up (`numbers.whole`); changes
keep their exact values so the text can say "steeg" or "daalde" from the sign.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from report.inputs.contract import Role, normalise
from report.inputs.tables import TableRow, YearTable
from report.model.shares import share
from report.numbers import whole


@dataclass(frozen=True)
class YearValue:
    year: int
    value: int


@dataclass(frozen=True)
class Change:
    start: YearValue
    end: YearValue

    @property
    def difference(self) -> int:
        return self.end.value - self.start.value

    @property
    def percent(self) -> Decimal | None:
        """Exact change in % of the start value (None from zero)."""
        return share(self.difference, self.start.value)

    @property
    def up(self) -> bool:
        return self.difference > 0

    @property
    def down(self) -> bool:
        return self.difference < 0


@dataclass(frozen=True)
class Ranked:
    label: str
    value: int


def components(table: YearTable, group: str = "") -> list[TableRow]:
    """The rows that add up to the sheet's totals (of one group, if given)."""
    return [
        r
        for r in table.rows
        if r.role is Role.COMPONENT and (not group or normalise(r.group) == normalise(group))
    ]


def totals(rows: Iterable[TableRow], years: Sequence[int]) -> dict[int, int]:
    """Year-wise sum of rows (empty cells count as nothing)."""
    chosen = list(rows)
    return {y: sum(r.values.get(y) or 0 for r in chosen) for y in years}


def over(row: TableRow, years: Sequence[int]) -> int:
    """A row's sum over the years."""
    return sum(row.values.get(y) or 0 for y in years)


def lowest(series: Mapping[int, int]) -> YearValue:
    year = min(series, key=lambda y: (series[y], y))
    return YearValue(year, series[year])


def highest(series: Mapping[int, int]) -> YearValue:
    year = max(series, key=lambda y: (series[y], -y))
    return YearValue(year, series[year])


def change(series: Mapping[int, int], start: int, end: int) -> Change:
    return Change(YearValue(start, series[start]), YearValue(end, series[end]))


def largest_step(series: Mapping[int, int]) -> Change:
    """The largest change from one year to the next (either direction; ties: the earliest)."""
    years = sorted(series)
    steps = [change(series, a, b) for a, b in pairwise(years)]
    if not steps:
        return change(series, years[0], years[0])
    return max(steps, key=lambda c: (abs(c.difference), -c.start.year))


def percent(part: int, whole_: int) -> int:
    """`part` as a whole percentage of `whole_` (0 when there is nothing to divide by)."""
    exact = share(part, whole_)
    return 0 if exact is None else whole(exact)
