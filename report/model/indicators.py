"""The figures the text cites, computed once so templates only format them.

Shares are whole percentages (half up, or largest remainder where parts must add up to 100);
changes keep their exact values so the text can say "steeg" or "daalde" from the sign.
Sections whose sheet is absent are None, and the text leaves them out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from report.inputs.contract import Role, normalise
from report.inputs.edition import Edition
from report.inputs.tables import RecordTable, YearTable
from report.model.return_measures import DEPARTED, DETAINED, DETENTION, detention_shares, is_total
from report.model.shares import share, whole_shares
from report.model.spending import outlook_years, total_in
from report.model.tables import review_years, years_within
from report.present.numbers import whole

DEVIATION_POINTS = 5  # a year's mix "deviates" from the prognosis beyond this many points
FORCED = "Gedwongen vertrek"
TRAVEL_LINES = (
    "Reiskosten van escorteurs naar herkomstlanden",
    "Reiskosten van vreemdelingen naar herkomstlanden",
)


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


@dataclass(frozen=True)
class Deviation:
    """A year in which a type's share differs from the budget's prognosis by more than N points."""

    year: int
    type: str
    share: int  # whole %, as in the shares table
    prognosis: int
    points: int  # share − prognosis

    @property
    def higher(self) -> bool:
        return self.points > 0


@dataclass(frozen=True)
class Departures:
    years: tuple[int, ...]
    totals: dict[int, int]
    period_total: int
    average: Decimal
    lowest: YearValue
    highest: YearValue
    spread: int  # highest − lowest
    change: Change  # first year → last year
    largest_change: Change  # the largest year-on-year change (either direction)
    type_totals: dict[str, int]  # per type over the period
    shares: dict[int, dict[str, int]]  # year -> type -> whole % (adds up to 100)
    period_shares: dict[str, int]
    last_shares: dict[str, int]
    prognosis: dict[str, int]
    deviation_points: int
    deviations: tuple[Deviation, ...]
    forced_share_last: int
    forced_share_period: int


@dataclass(frozen=True)
class SafeCountries:
    totals_safe: dict[int, int]
    totals_other: dict[int, int]
    period_safe: int
    period_other: int
    share_safe_period: int  # % of all departures
    share_safe_last: int
    highest_safe: YearValue
    type_share_safe: dict[str, int]  # per type: % from safe countries over the period


@dataclass(frozen=True)
class Nationalities:
    top_safe: tuple[Ranked, ...]
    top_other: tuple[Ranked, ...]
    top_share_safe: int | None  # top 10 as % of all departures to safe countries
    top_share_other: int | None


@dataclass(frozen=True)
class Caseload:
    totals: dict[int, int]
    period_total: int
    demonstrable: int  # aantoonbaar vertrek over the period
    unsupervised: int  # zelfstandig vertrek zonder toezicht
    permits: int  # vergunning verleend
    other: int  # overige uitstroom
    demonstrable_share: int  # % of the outflow
    highest: YearValue


@dataclass(frozen=True)
class OutflowPercentages:
    values: dict[str, dict[int, int]]  # row label -> year -> %
    last_year: int
    last: dict[str, int]


@dataclass(frozen=True)
class Iom:
    totals: dict[int, int]
    period_total: int
    highest: YearValue
    lowest: YearValue
    change: Change  # first → last
    from_peak: Change  # highest year → last year
    rejected: dict[int, int]
    rejected_highest: YearValue


@dataclass(frozen=True)
class Support:
    period_totals: dict[str, int]  # row label -> total over the period
    last_year: int
    last: dict[str, int]


@dataclass(frozen=True)
class Detention:
    shares: dict[int, int | None]  # % of those detained who demonstrably left
    last: YearValue
    detained_last: int
    departed_last: int


@dataclass(frozen=True)
class GlDepartures:
    period: str
    total: int
    largest: Ranked  # the most common type


@dataclass(frozen=True)
class Vris:
    last_year: int
    in_chain: int
    departed: int
    departed_share: int


@dataclass(frozen=True)
class Spending:
    years: tuple[int, ...]
    programme_totals: dict[int, int]
    programme: Change  # first → last year of the review
    programme_lowest: YearValue
    programme_highest: YearValue
    programme_average: Decimal
    apparatus_totals: dict[int, int]
    apparatus: Change
    outlook_years: tuple[int, ...]
    dtv_totals: dict[int, int]  # apparatus + programme, last review year → reference year
    reference: YearValue  # total DT&V spending in the savings reference year
    budget_years: tuple[int, ...]


@dataclass(frozen=True)
class Receipts:
    period_totals: dict[str, int]
    total: int


@dataclass(frozen=True)
class Assignment:
    year: int  # the latest year broken down
    total: int
    largest: Ranked
    travel: int  # escort and returnee travel together
    travel_share: int  # % of the total


@dataclass(frozen=True)
class Indicators:
    departures: Departures
    spending: Spending
    safe_countries: SafeCountries | None = None
    nationalities: Nationalities | None = None
    caseload: Caseload | None = None
    outflow_percentages: OutflowPercentages | None = None
    iom: Iom | None = None
    support: Support | None = None
    detention: Detention | None = None
    gl: GlDepartures | None = None
    vris: Vris | None = None
    receipts: Receipts | None = None
    assignment: Assignment | None = None


# -- helpers ------------------------------------------------------------------------------


def _components(table: YearTable, group: str = ""):
    return [
        r
        for r in table.rows
        if r.role is Role.COMPONENT and (not group or normalise(r.group) == normalise(group))
    ]


def _totals(rows, years: Sequence[int]) -> dict[int, int]:
    return {y: sum(r.values.get(y) or 0 for r in rows) for y in years}


def _lowest(series: Mapping[int, int]) -> YearValue:
    year = min(series, key=lambda y: (series[y], y))
    return YearValue(year, series[year])


def _highest(series: Mapping[int, int]) -> YearValue:
    year = max(series, key=lambda y: (series[y], -y))
    return YearValue(year, series[year])


def _change(series: Mapping[int, int], start: int, end: int) -> Change:
    return Change(YearValue(start, series[start]), YearValue(end, series[end]))


def _largest_step(series: Mapping[int, int]) -> Change:
    years = sorted(series)
    steps = [_change(series, a, b) for a, b in pairwise(years)]
    if not steps:
        return _change(series, years[0], years[0])
    return max(steps, key=lambda c: (abs(c.difference), -c.start.year))


def _pct(part: int, whole_: int) -> int:
    exact = share(part, whole_)
    return 0 if exact is None else whole(exact)


# -- sections -----------------------------------------------------------------------------


def departures(table: YearTable, edition: Edition) -> Departures:
    years = review_years(table, edition)
    types = _components(table)
    totals = _totals(types, years)
    type_totals = {r.label: sum(r.values.get(y) or 0 for y in years) for r in types}
    shares = {y: whole_shares({r.label: r.values.get(y) or 0 for r in types}) for y in years}
    prognosis = {
        r.label: v
        for r in types
        for k, v in edition.prognosis.items()
        if normalise(k) == normalise(r.label)
    }
    deviations = tuple(
        Deviation(y, label, shares[y][label], prognosis[label], shares[y][label] - prognosis[label])
        for y in years
        for label in prognosis
        if abs(shares[y][label] - prognosis[label]) > DEVIATION_POINTS
    )
    period_shares = whole_shares(type_totals)
    forced = next((r.label for r in types if normalise(r.label) == normalise(FORCED)), None)
    return Departures(
        years=years,
        totals=totals,
        period_total=sum(totals.values()),
        average=Decimal(sum(totals.values())) / len(years),
        lowest=_lowest(totals),
        highest=_highest(totals),
        spread=_highest(totals).value - _lowest(totals).value,
        change=_change(totals, years[0], years[-1]),
        largest_change=_largest_step(totals),
        type_totals=type_totals,
        shares=shares,
        period_shares=period_shares,
        last_shares=shares[years[-1]],
        prognosis=prognosis,
        deviation_points=DEVIATION_POINTS,
        deviations=deviations,
        forced_share_last=shares[years[-1]].get(forced, 0),
        forced_share_period=period_shares.get(forced, 0),
    )


def safe_countries(table: YearTable, edition: Edition) -> SafeCountries:
    years = review_years(table, edition)
    safe = _components(table, "Veilige landen")
    other = _components(table, "Overige landen")
    totals_safe, totals_other = _totals(safe, years), _totals(other, years)
    period_safe, period_other = sum(totals_safe.values()), sum(totals_other.values())
    last = years[-1]
    type_share = {}
    for row in safe:
        mine = sum(row.values.get(y) or 0 for y in years)
        all_ = mine + sum(
            r.values.get(y) or 0
            for r in other
            if normalise(r.label) == normalise(row.label)
            for y in years
        )
        type_share[row.label] = _pct(mine, all_)
    return SafeCountries(
        totals_safe=totals_safe,
        totals_other=totals_other,
        period_safe=period_safe,
        period_other=period_other,
        share_safe_period=_pct(period_safe, period_safe + period_other),
        share_safe_last=_pct(totals_safe[last], totals_safe[last] + totals_other[last]),
        highest_safe=_highest(totals_safe),
        type_share_safe=type_share,
    )


def nationalities(top_safe, top_other, safe: SafeCountries | None) -> Nationalities:
    def ranked(found) -> tuple[Ranked, ...]:
        return tuple(Ranked(n.label, n.total) for n in found)

    def top_share(found, group_total: int | None) -> int | None:
        if not found or not group_total:
            return None
        return _pct(sum(n.total for n in found), group_total)

    return Nationalities(
        top_safe=ranked(top_safe),
        top_other=ranked(top_other),
        top_share_safe=top_share(top_safe, safe.period_safe if safe else None),
        top_share_other=top_share(top_other, safe.period_other if safe else None),
    )


def caseload(table: YearTable, edition: Edition) -> Caseload:
    years = review_years(table, edition)
    totals = _totals(_components(table), years)

    def over_period(*labels: str) -> int:
        rows = [table.find(label) for label in labels]
        return sum(r.values.get(y) or 0 for r in rows if r for y in years)

    demonstrable = over_period(
        "Zelfstandig vertrek uit Nederland", "Gedwongen vertrek uit Nederland"
    )
    period_total = sum(totals.values())
    return Caseload(
        totals=totals,
        period_total=period_total,
        demonstrable=demonstrable,
        unsupervised=over_period("Zelfstandig vertrek zonder toezicht"),
        permits=over_period("Vergunning verleend"),
        other=over_period("Overige uitstroom"),
        demonstrable_share=_pct(demonstrable, period_total),
        highest=_highest(totals),
    )


def outflow_percentages(table: YearTable, edition: Edition) -> OutflowPercentages:
    years = review_years(table, edition)
    values = {r.label: {y: r.values.get(y) for y in years} for r in table.rows}
    return OutflowPercentages(values, years[-1], {k: v[years[-1]] for k, v in values.items()})


def iom(table: YearTable, edition: Edition) -> Iom:
    years = review_years(table, edition)
    totals = _totals(_components(table), years)
    rejected_row = table.find("Afgewezen")
    rejected = {y: rejected_row.values.get(y) or 0 for y in years} if rejected_row else {}
    highest = _highest(totals)
    return Iom(
        totals=totals,
        period_total=sum(totals.values()),
        highest=highest,
        lowest=_lowest(totals),
        change=_change(totals, years[0], years[-1]),
        from_peak=_change(totals, highest.year, years[-1]),
        rejected=rejected,
        rejected_highest=_highest(rejected) if rejected else YearValue(years[-1], 0),
    )


def support(table: YearTable, edition: Edition) -> Support:
    years = review_years(table, edition)
    return Support(
        period_totals={r.label: sum(r.values.get(y) or 0 for y in years) for r in table.rows},
        last_year=years[-1],
        last={r.label: r.values.get(years[-1]) or 0 for r in table.rows},
    )


def detention(table: YearTable, edition: Edition) -> Detention:
    years = review_years(table, edition)
    shares = {y: v for y, v in detention_shares(table).items() if y in years}
    last = years[-1]
    return Detention(
        shares=shares,
        last=YearValue(last, shares[last] or 0),
        detained_last=table.find(DETAINED, DETENTION).values.get(last) or 0,
        departed_last=table.find(DEPARTED, DETENTION).values.get(last) or 0,
    )


def gl(table: RecordTable) -> GlDepartures:
    parts = [r for r in table.records if not is_total(r)]
    largest = max(parts, key=lambda r: r.values["Aantal"])
    return GlDepartures(
        period=table.period,
        total=sum(r.values["Aantal"] for r in parts),
        largest=Ranked(largest.values["Type vertrek"], largest.values["Aantal"]),
    )


def vris(table: YearTable, edition: Edition) -> Vris:
    last = review_years(table, edition)[-1]
    chain = table.find("In de strafrechtketen").values.get(last) or 0
    departed = table.find("Aantoonbaar vertrokken").values.get(last) or 0
    return Vris(last, chain, departed, _pct(departed, chain))


def spending(programma: YearTable, apparaat: YearTable, edition: Edition) -> Spending:
    years = years_within(
        sorted(set(programma.years) & set(apparaat.years)), edition.first_year, edition.last_year
    )
    programme = {y: total_in(programma, y) for y in years}
    apparatus = {y: total_in(apparaat, y) for y in years}
    outlook = outlook_years(programma, apparaat, edition)
    dtv = {y: total_in(programma, y) + total_in(apparaat, y) for y in outlook}
    reference = edition.savings.reference_year
    return Spending(
        years=years,
        programme_totals=programme,
        programme=_change(programme, years[0], years[-1]),
        programme_lowest=_lowest(programme),
        programme_highest=_highest(programme),
        programme_average=Decimal(sum(programme.values())) / len(years),
        apparatus_totals=apparatus,
        apparatus=_change(apparatus, years[0], years[-1]),
        outlook_years=outlook,
        dtv_totals=dtv,
        reference=YearValue(
            reference, total_in(programma, reference) + total_in(apparaat, reference)
        ),
        budget_years=tuple(sorted(programma.budget_years | apparaat.budget_years)),
    )


def receipts(table: YearTable, edition: Edition) -> Receipts:
    years = review_years(table, edition)
    totals = {r.label: sum(r.values.get(y) or 0 for y in years) for r in _components(table)}
    return Receipts(totals, sum(totals.values()))


def assignment(table: YearTable) -> Assignment:
    year = table.years[-1]
    rows = _components(table)
    total = sum(r.values.get(year) or 0 for r in rows)
    largest = max(rows, key=lambda r: r.values.get(year) or 0)
    travel = sum(
        table.find(label).values.get(year) or 0 for label in TRAVEL_LINES if table.find(label)
    )
    return Assignment(
        year=year,
        total=total,
        largest=Ranked(largest.label, largest.values.get(year) or 0),
        travel=travel,
        travel_share=_pct(travel, total),
    )
