"""DT&V caseload outflow (counts and percentages), departures with IOM and with REAN/HRT support.

The tables show their sheets as they are (see `as_sheet` in the catalog); this module holds
the figures the text cites about them.
"""

from __future__ import annotations

from dataclasses import dataclass

from report.inputs import labels as L
from report.model.sources import Sources
from report.model.tables import review_years
from report.model.traced import row_cells, year_count
from report.model.trend import (
    Change,
    YearValue,
    change,
    components,
    highest,
    lowest,
    over,
    percent,
    totals,
)
from report.provenance import ZERO, Traced, total


@dataclass(frozen=True)
class Caseload:
    totals: dict[int, Traced]
    period_total: Traced
    demonstrable: Traced  # aantoonbaar vertrek over the period
    unsupervised: Traced  # zelfstandig vertrek zonder toezicht
    permits: Traced  # vergunning verleend
    other: Traced  # overige uitstroom
    demonstrable_share: Traced  # % of the outflow
    highest: YearValue


@dataclass(frozen=True)
class OutflowPercentages:
    values: dict[str, dict[int, Traced | None]]  # row label -> year -> %
    last_year: int
    last: dict[str, Traced | None]

    @property
    def demonstrable_last(self) -> Traced:
        return self.last.get(L.PERCENT_DEMONSTRABLE) or ZERO

    @property
    def unsupervised_last(self) -> Traced:
        return self.last.get(L.PERCENT_MOB) or ZERO


@dataclass(frozen=True)
class Iom:
    totals: dict[int, Traced]
    period_total: Traced
    highest: YearValue
    lowest: YearValue
    change: Change  # first → last
    from_peak: Change  # highest year → last year
    rejected: dict[int, Traced]
    rejected_highest: YearValue


@dataclass(frozen=True)
class Support:
    period_totals: dict[str, Traced]  # row label -> total over the period
    last_year: int
    last: dict[str, Traced]

    @property
    def last_rean(self) -> Traced:
        return self.last[L.WITH_REAN]

    @property
    def last_hrt(self) -> Traced:
        return self.last[L.WITH_HRT]


def caseload_figures(sources: Sources) -> Caseload:
    table = sources.year("uitstroom")
    years = review_years(table, sources.edition)
    by_year = totals(table, components(table), years)

    def over_period(*labels: str) -> Traced:
        found = (table.find(label) for label in labels)
        return total(over(table, row, years) for row in found if row is not None)

    demonstrable = over_period(L.OUTFLOW_INDEPENDENT, L.OUTFLOW_FORCED)
    period_total = total(by_year.values())
    return Caseload(
        totals=by_year,
        period_total=period_total,
        demonstrable=demonstrable,
        unsupervised=over_period(L.OUTFLOW_UNSUPERVISED),
        permits=over_period(L.OUTFLOW_PERMIT),
        other=over_period(L.OUTFLOW_OTHER),
        demonstrable_share=percent(demonstrable, period_total),
        highest=highest(by_year),
    )


def outflow_percentage_figures(sources: Sources) -> OutflowPercentages:
    table = sources.year("uitstroom_pct")
    years = review_years(table, sources.edition)
    values = {r.label: row_cells(table, r, years) for r in table.rows}
    return OutflowPercentages(values, years[-1], {k: v[years[-1]] for k, v in values.items()})


def iom_figures(sources: Sources) -> Iom:
    table = sources.year("iom")
    years = review_years(table, sources.edition)
    by_year = totals(table, components(table), years)
    rejected_row = table.find(L.REJECTED)
    rejected = {y: year_count(table, rejected_row, y) for y in years} if rejected_row else {}
    peak = highest(by_year)
    return Iom(
        totals=by_year,
        period_total=total(by_year.values()),
        highest=peak,
        lowest=lowest(by_year),
        change=change(by_year, years[0], years[-1]),
        from_peak=change(by_year, peak.year, years[-1]),
        rejected=rejected,
        rejected_highest=highest(rejected) if rejected else YearValue(years[-1], ZERO),
    )


def support_figures(sources: Sources) -> Support:
    table = sources.year("ondersteuning")
    years = review_years(table, sources.edition)
    return Support(
        period_totals={r.label: over(table, r, years) for r in table.rows},
        last_year=years[-1],
        last={r.label: year_count(table, r, years[-1]) for r in table.rows},
    )
