"""Departures: by type, shares against the budget's prognosis, safe countries, top nationalities.

The table builders and the figures the text cites about them, computed once so templates only
format them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from report.cited import cite
from report.inputs import labels as L
from report.inputs.contract import normalise
from report.inputs.edition import Edition
from report.model.nationalities import TOP, Nationality, top
from report.model.sources import Sources
from report.model.tables import (
    TOTAL_COLUMN,
    Heading,
    ModelRow,
    ModelTable,
    RowKind,
    column_sums,
    from_year_table,
    period_text,
    review_years,
    sum_known,
    year_columns,
)
from report.model.traced import year_count
from report.model.trend import (
    Change,
    Ranked,
    YearValue,
    change,
    components,
    highest,
    largest_step,
    lowest,
    over,
    percent,
    totals,
)
from report.provenance import ZERO, Traced, constant, largest_remainder, mean, setting, total

PROGNOSIS_KEY = "prognose_vertrek"  # editie.yml
DEVIATION_KEY = "afwijking_prognose"  # editie.yml
PROGNOSIS_COLUMN = "Prognose begroting"
SAFE_GROUP_LABELS = {
    L.SAFE: "Vreemdelingen uit veilige landen",
    L.OTHER: "Vreemdelingen uit overige landen",
}


# -- tables -------------------------------------------------------------------------------


def type_shares(sources: Sources, heading: Heading) -> ModelTable:
    """Each type's share per year and over the period, next to the budget's prognosis."""
    table, edition = sources.year("vertrek_type"), sources.edition
    years = review_years(table, edition)
    types = components(table)
    columns: list[int | str] = [*years, TOTAL_COLUMN]

    def counts(column: int | str) -> dict[str, Traced]:
        if isinstance(column, int):
            return {r.label: year_count(table, r, column) for r in types}
        return {r.label: over(table, r, years) for r in types}

    shares = {column: largest_remainder(counts(column)) for column in columns}
    prognosis = _prognosis(edition, [r.label for r in types])
    rows = []
    for row in types:
        values: list[Traced | None] = [shares[c][row.label] for c in columns]
        if edition.prognosis:
            values.append(prognosis.get(row.label))
        rows.append(ModelRow.traced(row.label, values))
    rows.append(ModelRow.traced(L.TOTAL, column_sums(rows, len(rows[0].values)), RowKind.TOTAL))
    notes: list[str] = [
        cite(
            "Aandelen zijn afgerond op hele procenten met de methode van de grootste resten, "
            "zodat elke kolom optelt tot {whole}.",
            whole=constant(100, "totaal van de aandelen in een kolom"),
        )
    ]
    if edition.prognosis:
        notes.append(
            f"{PROGNOSIS_COLUMN}: de verdeling van het vertrek waarvan de begroting uitgaat."
        )
    return heading.table(
        year_columns(years, True) + ((PROGNOSIS_COLUMN,) if edition.prognosis else ()),
        rows,
        (table.origin,),
        period=period_text(years),
        notes=notes,
    )


def safe_countries(sources: Sources, heading: Heading) -> ModelTable:
    table = sources.year("vertrek_veilig")
    years = review_years(table, sources.edition)
    return from_year_table(table, heading, years, total_column=True, group_labels=SAFE_GROUP_LABELS)


def top_other(sources: Sources, heading: Heading) -> ModelTable | None:
    return _top_table(sources, heading, safe=False)


def top_safe(sources: Sources, heading: Heading) -> ModelTable | None:
    return _top_table(sources, heading, safe=True)


def _top_table(sources: Sources, heading: Heading, safe: bool) -> ModelTable | None:
    """The largest nationalities of one group; the caption counts them ("Top 10 …")."""
    table = sources.year("nationaliteiten")
    chosen = top(sources.nationalities, safe)
    if not chosen:
        return None
    years = review_years(table, sources.edition)
    rows = []
    for nationality in chosen:
        values = tuple(nationality.cells.get(y) for y in years)
        cells = (*values, sum_known(values), nationality.asylum)
        rows.append(ModelRow.traced(nationality.label, cells))
    size = constant(len(chosen), f"aantal nationaliteiten in de top (ten hoogste {TOP})")
    group = "veilige landen" if safe else "overige landen"
    label = cite("Totaal top {size} {group}", size=size, group=group)
    rows.append(ModelRow.traced(label, column_sums(rows, len(years) + 2), RowKind.TOTAL))
    counted = replace(heading, caption=cite(heading.caption, top=size))
    return counted.table(
        (*year_columns(years, True), L.ASYLUM),
        rows,
        (table.origin,),
        period=period_text(years),
        notes=(
            f"Gerangschikt naar het totale vertrek in {years[0]}–{years[-1]}. "
            f"{L.ASYLUM}: aantal eerste asielaanvragen uit deze landen, zoals opgegeven in "
            "de bron.",
        ),
    )


# -- what the text cites ------------------------------------------------------------------


@dataclass(frozen=True)
class Mix:
    """One value per type of departure (the rows of Vertrek naar type), named for the text."""

    independent: Traced
    forced: Traced
    unsupervised: Traced

    @classmethod
    def of(cls, by_label: Mapping[str, Traced]) -> Mix:
        found = {normalise(label): value for label, value in by_label.items()}
        independent, forced, unsupervised = (found[normalise(t)] for t in L.DEPARTURE_TYPES)
        return cls(independent, forced, unsupervised)


@dataclass(frozen=True)
class Deviation:
    """A year in which a type's share differs from the budget's prognosis by more than N points."""

    year: int
    type: str
    share: Traced  # whole %, as in the shares table
    prognosis: Traced
    points: Traced  # share − prognosis

    @property
    def higher(self) -> bool:
        return self.points > 0


@dataclass(frozen=True)
class Departures:
    years: tuple[int, ...]
    totals: dict[int, Traced]
    period_total: Traced
    average: Traced
    lowest: YearValue
    highest: YearValue
    spread: Traced  # highest − lowest
    change: Change  # first year → last year
    largest_change: Change  # the largest year-on-year change (either direction)
    type_totals: dict[str, Traced]  # per type over the period
    shares: dict[int, dict[str, Traced]]  # year -> type -> whole % (adds up to 100)
    period_shares: dict[str, Traced]
    last_shares: dict[str, Traced]
    prognosis: dict[str, Traced]  # empty when editie.yml gives none
    deviation_points: Traced
    deviations: tuple[Deviation, ...]
    forced_share_last: Traced
    forced_share_period: Traced

    @property
    def period_mix(self) -> Mix:
        return Mix.of(self.period_shares)

    @property
    def prognosis_mix(self) -> Mix | None:
        return Mix.of(self.prognosis) if self.prognosis else None

    @property
    def deviation_years(self) -> tuple[int, ...]:
        return tuple(sorted({d.year for d in self.deviations}))


@dataclass(frozen=True)
class MixGap:
    """The type of departure whose share differs most between safe and other countries."""

    type: str
    safe: Traced  # % of the departures to safe countries
    other: Traced  # % of the departures to other countries

    @property
    def points(self) -> Traced:
        return abs(self.safe - self.other)

    @property
    def manner(self) -> str:
        """How they left, for a sentence: 'zelfstandig', 'gedwongen', 'zonder toezicht'."""
        found = {normalise(label): text for label, text in L.MANNER.items()}
        return found.get(normalise(self.type), self.type.lower())


@dataclass(frozen=True)
class SafeCountries:
    totals_safe: dict[int, Traced]
    totals_other: dict[int, Traced]
    period_safe: Traced
    period_other: Traced
    share_safe_period: Traced  # % of all departures
    share_safe_last: Traced
    highest_safe: YearValue
    type_share_safe: dict[str, Traced]  # per type: % from safe countries over the period
    mix_gap: MixGap  # how the manner of departure differs between the two groups
    deviation_points: Traced  # a gap beyond this many points is a difference worth stating

    @property
    def type_mix_safe(self) -> Mix:
        return Mix.of(self.type_share_safe)

    @property
    def manner_differs(self) -> bool:
        return self.mix_gap.points > self.deviation_points


@dataclass(frozen=True)
class Nationalities:
    top_safe: tuple[Ranked, ...]
    top_other: tuple[Ranked, ...]
    top_share_safe: Traced | None  # top 10 as % of all departures to safe countries
    top_share_other: Traced | None


def departures(sources: Sources) -> Departures:
    table, edition = sources.year("vertrek_type"), sources.edition
    years = review_years(table, edition)
    types = components(table)
    by_year = totals(table, types, years)
    type_totals = {r.label: over(table, r, years) for r in types}
    shares = {
        y: largest_remainder({r.label: year_count(table, r, y) for r in types}) for y in years
    }
    prognosis = _prognosis(edition, [r.label for r in types])
    threshold = deviation_threshold(edition)
    deviations = tuple(
        Deviation(y, label, shares[y][label], prognosis[label], shares[y][label] - prognosis[label])
        for y in years
        for label in prognosis
        if abs(shares[y][label] - prognosis[label]) > threshold
    )
    period_shares = largest_remainder(type_totals)
    forced = next((r.label for r in types if normalise(r.label) == normalise(L.FORCED)), "")
    period_total = total(by_year.values())
    return Departures(
        years=years,
        totals=by_year,
        period_total=period_total,
        average=mean(list(by_year.values())),
        lowest=lowest(by_year),
        highest=highest(by_year),
        spread=highest(by_year).value - lowest(by_year).value,
        change=change(by_year, years[0], years[-1]),
        largest_change=largest_step(by_year),
        type_totals=type_totals,
        shares=shares,
        period_shares=period_shares,
        last_shares=shares[years[-1]],
        prognosis=prognosis,
        deviation_points=threshold,
        deviations=deviations,
        forced_share_last=shares[years[-1]].get(forced, ZERO),
        forced_share_period=period_shares.get(forced, ZERO),
    )


def deviation_threshold(edition: Edition) -> Traced:
    """editie.yml's afwijking_prognose; without the key, the schema's default as a rule."""
    if edition.deviation_given:
        return setting(edition.deviation_points, DEVIATION_KEY)
    return constant(edition.deviation_points, f"standaardwaarde van {DEVIATION_KEY} in editie.yml")


def _prognosis(edition: Edition, types: Sequence[str]) -> dict[str, Traced]:
    """editie.yml's prognosis keyed by the sheet's own labels, in the sheet's order."""
    return {
        label: setting(value, PROGNOSIS_KEY, key)
        for label in types
        for key, value in edition.prognosis.items()
        if normalise(key) == normalise(label)
    }


def safe_country_figures(sources: Sources) -> SafeCountries:
    table = sources.year("vertrek_veilig")
    years = review_years(table, sources.edition)
    safe, other = components(table, L.SAFE), components(table, L.OTHER)
    totals_safe, totals_other = totals(table, safe, years), totals(table, other, years)
    period_safe, period_other = total(totals_safe.values()), total(totals_other.values())
    last = years[-1]
    mix_safe = largest_remainder({r.label: over(table, r, years) for r in safe})
    mix_other = {
        normalise(label): value
        for label, value in largest_remainder(
            {r.label: over(table, r, years) for r in other}
        ).items()
    }
    gaps = [
        MixGap(label, value, mix_other[normalise(label)])
        for label, value in mix_safe.items()
        if normalise(label) in mix_other
    ]
    type_share = {}
    for row in safe:
        same = [r for r in other if normalise(r.label) == normalise(row.label)]
        mine = over(table, row, years)
        type_share[row.label] = percent(mine, total((mine, *(over(table, r, years) for r in same))))
    return SafeCountries(
        totals_safe=totals_safe,
        totals_other=totals_other,
        period_safe=period_safe,
        period_other=period_other,
        share_safe_period=percent(period_safe, total((period_safe, period_other))),
        share_safe_last=percent(totals_safe[last], total((totals_safe[last], totals_other[last]))),
        highest_safe=highest(totals_safe),
        type_share_safe=type_share,
        mix_gap=max(gaps, key=lambda gap: gap.points, default=MixGap("", ZERO, ZERO)),
        deviation_points=deviation_threshold(sources.edition),
    )


def nationality_figures(
    found: Sequence[Nationality], safe: SafeCountries | None
) -> Nationalities | None:
    if not found:
        return None
    top_safe, top_other = top(found, True), top(found, False)

    def ranked(chosen: Sequence[Nationality]) -> tuple[Ranked, ...]:
        return tuple(Ranked(n.label, n.total) for n in chosen)

    def top_share(chosen: Sequence[Nationality], group_total: Traced | None) -> Traced | None:
        if not chosen or not group_total:
            return None
        return percent(total(n.total for n in chosen), group_total)

    return Nationalities(
        top_safe=ranked(top_safe),
        top_other=ranked(top_other),
        top_share_safe=top_share(top_safe, safe.period_safe if safe else None),
        top_share_other=top_share(top_other, safe.period_other if safe else None),
    )
