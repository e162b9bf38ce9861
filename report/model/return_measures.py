"""Return measures (detention, GL, VBL, GGV, reporting duty), GL departures and VRIS."""

from __future__ import annotations

from dataclasses import dataclass, replace

from report.inputs import labels as L
from report.inputs.contract import Unit, normalise
from report.inputs.tables import Record, YearTable
from report.model.sources import Sources
from report.model.tables import (
    Heading,
    ModelRow,
    ModelTable,
    RowKind,
    from_year_table,
    period_text,
    review_years,
)
from report.model.traced import record_cell, year_count
from report.model.trend import Ranked, YearValue, percent
from report.provenance import ZERO, Traced, or_zero, total

DETENTION_SHARE = "Aantoonbaar vertrek als deel van het aantal in bewaring geplaatst"
DETENTION_NOTE = (
    f"{DETENTION_SHARE}: het aantoonbaar vertrek uit bewaring gedeeld door het aantal "
    "vreemdelingen dat dat jaar in bewaring is geplaatst."
)


def detention_shares(table: YearTable) -> dict[int, Traced | None]:
    """Departures from detention as a whole percentage of the people placed in detention."""
    detained = table.line(L.DETAINED, L.DETENTION)
    departed = table.line(L.DEPARTED, L.DETENTION)
    result: dict[int, Traced | None] = {}
    for year in table.years:
        placed = year_count(table, detained, year)
        result[year] = percent(year_count(table, departed, year), placed) if placed else None
    return result


def is_total(record: Record) -> bool:
    return normalise(record.text(L.GL_TYPE)).startswith("totaal")


# -- tables -------------------------------------------------------------------------------


def return_measures(sources: Sources, heading: Heading) -> ModelTable:
    table = sources.year("maatregelen_vertrek")
    years = review_years(table, sources.edition)
    base = from_year_table(table, heading, years)
    shares = detention_shares(table)
    rows = list(base.rows)
    at = rows.index(base.row(L.DEPARTED, L.DETENTION)) + 1
    values = tuple(shares[y] for y in years)
    rows.insert(at, ModelRow.traced(DETENTION_SHARE, values, RowKind.INFO, unit=Unit.PERCENT))
    return replace(base, rows=tuple(rows))


def gl_departures(sources: Sources, heading: Heading) -> ModelTable:
    """One row per type of departure with its top three countries below it."""
    table = sources.records("gl")
    rows = []
    counts = []
    for record in table.records:
        if is_total(record):
            continue
        count = or_zero(record_cell(table, record, L.GL_COUNT))
        counts.append(count)
        rows.append(ModelRow.traced(record.text(L.GL_TYPE), (count,)))
        for n in range(1, L.GL_TOP + 1):
            country = record.text(L.gl_country(n))
            if country:
                number = record_cell(table, record, L.gl_country_count(n))
                rows.append(ModelRow.traced(f"{L.OF_WHICH} {country}", (number,), RowKind.INFO))
    rows.append(ModelRow.traced(L.TOTAL, (total(counts),), RowKind.TOTAL))
    return heading.table((L.GL_COUNT,), rows, (table.origin,), period=table.period)


# -- what the text cites ------------------------------------------------------------------


@dataclass(frozen=True)
class Detention:
    shares: dict[int, Traced | None]  # % of those detained who demonstrably left
    last: YearValue
    detained_last: Traced
    departed_last: Traced


@dataclass(frozen=True)
class GlDepartures:
    period: str
    total: Traced
    largest: Ranked  # the most common type


@dataclass(frozen=True)
class Vris:
    last_year: int
    in_chain: Traced
    departed: Traced
    departed_share: Traced


def detention_figures(sources: Sources) -> Detention:
    table = sources.year("maatregelen_vertrek")
    years = review_years(table, sources.edition)
    shares = {y: v for y, v in detention_shares(table).items() if y in years}
    last = years[-1]
    return Detention(
        shares=shares,
        last=YearValue(last, or_zero(shares[last])),
        detained_last=year_count(table, table.line(L.DETAINED, L.DETENTION), last),
        departed_last=year_count(table, table.line(L.DEPARTED, L.DETENTION), last),
    )


# Who was placed under each measure, and who demonstrably left after it. Bewaring and the
# closed family facility (GGV: bewaring of families) deprive of liberty; the others do not.
CUSTODIAL_ROWS = (
    (L.DETENTION, L.DETAINED, L.DEPARTED),
    (L.FAMILY_DETENTION, L.INFLOW, L.DEPARTED),
)
LIGHTER_ROWS = (
    (L.RESTRICTED_LOCATION, L.INFLOW, L.INDEPENDENT),
    (L.FAMILY_LOCATION, L.INFLOW, L.INDEPENDENT),
    (L.REPORTING, L.REPORTING_IMPOSED, L.INDEPENDENT),
)


@dataclass(frozen=True)
class Outcome:
    """How many demonstrably left after a return measure, over the years of the table."""

    measure: str  # the group's label in the sheet (for bewaring: its groups together)
    placed: Traced
    departed: Traced
    share: Traced  # whole % of `placed`


@dataclass(frozen=True)
class Outcomes:
    """Bewaring against the lighter measures: after which does departure follow most often."""

    period: str
    custodial: Outcome  # bewaring and the closed family facility together
    lighter: tuple[Outcome, ...]  # the other measures with anyone placed, highest share first

    @property
    def detention_first(self) -> bool:
        """After bewaring, demonstrable departure follows more often than after any other."""
        return all(self.custodial.share > other.share for other in self.lighter)

    @property
    def best_lighter(self) -> Outcome | None:
        return self.lighter[0] if self.lighter else None

    @property
    def family_location(self) -> Outcome | None:
        return next((o for o in self.lighter if o.measure == L.FAMILY_LOCATION), None)

    @property
    def family_location_last(self) -> bool:
        """Of all measures, the smallest share leaves the family locations on their own."""
        gl = self.family_location
        others = [self.custodial, *(o for o in self.lighter if o is not gl)]
        return gl is not None and all(gl.share < other.share for other in others)


def outcome_figures(sources: Sources) -> Outcomes | None:
    table = sources.year("maatregelen_vertrek")
    years = review_years(table, sources.edition)

    def counted(group: str, placed_label: str, departed_label: str) -> tuple[Traced, Traced]:
        placed, departed = table.find(placed_label, group), table.find(departed_label, group)
        if placed is None or departed is None:
            return ZERO, ZERO
        return (
            total(year_count(table, placed, y) for y in years),
            total(year_count(table, departed, y) for y in years),
        )

    custodial = [counted(*rows) for rows in CUSTODIAL_ROWS]
    placed, departed = total(c[0] for c in custodial), total(c[1] for c in custodial)
    if placed == 0:
        return None
    lighter = []
    for group, *labels in LIGHTER_ROWS:
        group_placed, group_departed = counted(group, *labels)
        if group_placed > 0:
            share = percent(group_departed, group_placed)
            lighter.append(Outcome(group, group_placed, group_departed, share))
    return Outcomes(
        period_text(years),
        Outcome(L.DETENTION, placed, departed, percent(departed, placed)),
        tuple(sorted(lighter, key=lambda o: -o.share)),
    )


def gl_figures(sources: Sources) -> GlDepartures:
    table = sources.records("gl")
    parts = [
        (r.text(L.GL_TYPE), or_zero(record_cell(table, r, L.GL_COUNT)))
        for r in table.records
        if not is_total(r)
    ]
    label, count = max(parts, key=lambda part: part[1].value)
    return GlDepartures(
        period=table.period, total=total(c for _, c in parts), largest=Ranked(label, count)
    )


def vris_figures(sources: Sources) -> Vris:
    table = sources.year("vris")
    last = review_years(table, sources.edition)[-1]
    chain = year_count(table, table.line(L.IN_CHAIN), last)
    departed = year_count(table, table.line(L.DEPARTED_FROM_CHAIN), last)
    return Vris(last, chain, departed, percent(departed, chain))
