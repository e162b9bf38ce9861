"""Spending: programme spending of article 37.3, DT&V apparatus costs, receipts, the "opdracht"."""

from __future__ import annotations

from dataclasses import dataclass

from report.inputs import labels as L
from report.inputs.contract import normalise
from report.inputs.edition import Edition
from report.inputs.tables import YearTable
from report.model.budget import APPARATUS, PROGRAMME, total_in
from report.model.sources import Sources
from report.model.tables import (
    BUDGET_NOTE,
    Heading,
    ModelRow,
    ModelTable,
    RowKind,
    column_sums,
    from_year_table,
    period_text,
    review_years,
    year_columns,
    years_within,
)
from report.model.traced import year_count
from report.model.trend import (
    Change,
    Ranked,
    YearValue,
    change,
    components,
    highest,
    lowest,
    over,
    percent,
)
from report.provenance import Traced, total

DTV_TOTAL = "Totaal DT&V"


# -- tables -------------------------------------------------------------------------------


def receipts(sources: Sources, heading: Heading) -> ModelTable:
    table = sources.year("ontvangsten")
    years = review_years(table, sources.edition)
    return from_year_table(
        table, heading, years, total_column=True, total_label="Totaal ontvangsten"
    )


def outlook_years(programma: YearTable, apparaat: YearTable, edition: Edition) -> tuple[int, ...]:
    """From the last year of the review up to the end of the savings scenario."""
    last = max((*edition.savings.years, edition.savings.reference_year))
    both = sorted(set(programma.years) & set(apparaat.years))
    return years_within(both, edition.last_year, last)


def dtv(sources: Sources, heading: Heading) -> ModelTable:
    """DT&V spending from the last year reviewed to the savings reference year."""
    programma, apparaat = sources.year("programma"), sources.year("apparaat")
    years = outlook_years(programma, apparaat, sources.edition)
    rows: list[ModelRow] = []
    for label, table in ((APPARATUS, apparaat), (PROGRAMME, programma)):
        part = from_year_table(table, heading, years)
        rows.append(ModelRow(label, (None,) * len(years), RowKind.GROUP))
        # without the sheets' Toelichting: it speaks of the review years, not of this outlook
        rows += [
            ModelRow.traced(
                r.label, r.provenance, RowKind.SUBTOTAL if r.kind is RowKind.TOTAL else r.kind
            )
            for r in part.rows
        ]
    subtotals = [r for r in rows if r.kind is RowKind.SUBTOTAL]
    rows.append(ModelRow.traced(DTV_TOTAL, column_sums(subtotals, len(years)), RowKind.TOTAL))
    budget = (programma.budget_years | apparaat.budget_years) & frozenset(years)
    return heading.table(
        year_columns(years, False, budget),
        rows,
        (apparaat.origin, programma.origin),
        period=period_text(years),
        notes=(BUDGET_NOTE,) if budget else (),
    )


# -- what the text cites ------------------------------------------------------------------


@dataclass(frozen=True)
class Spending:
    years: tuple[int, ...]
    programme_totals: dict[int, Traced]
    programme: Change  # first → last year of the review
    programme_lowest: YearValue
    programme_highest: YearValue
    apparatus_totals: dict[int, Traced]
    apparatus: Change
    outlook_years: tuple[int, ...]
    dtv_totals: dict[int, Traced]  # apparatus + programme, last review year → reference year
    reference: YearValue  # total DT&V spending in the savings reference year
    budget_years: tuple[int, ...]


@dataclass(frozen=True)
class Receipts:
    period_totals: dict[str, Traced]
    total: Traced

    @property
    def europe(self) -> Traced | None:
        """Receipts from the EU for European subsidies over the period (None: no such line)."""
        found = {normalise(label): v for label, v in self.period_totals.items()}
        return found.get(normalise(L.RECEIPTS_EUROPE))


@dataclass(frozen=True)
class Assignment:
    year: int  # the latest year broken down
    total: Traced
    largest: Ranked
    travel: Traced  # escort and returnee travel together
    travel_share: Traced  # % of the total


def spending_figures(sources: Sources) -> Spending:
    programma, apparaat, edition = (
        sources.year("programma"),
        sources.year("apparaat"),
        sources.edition,
    )
    years = years_within(
        sorted(set(programma.years) & set(apparaat.years)), edition.first_year, edition.last_year
    )
    programme_totals = {y: total_in(programma, y) for y in years}
    apparatus_totals = {y: total_in(apparaat, y) for y in years}
    outlook = outlook_years(programma, apparaat, edition)
    reference = edition.savings.reference_year
    return Spending(
        years=years,
        programme_totals=programme_totals,
        programme=change(programme_totals, years[0], years[-1]),
        programme_lowest=lowest(programme_totals),
        programme_highest=highest(programme_totals),
        apparatus_totals=apparatus_totals,
        apparatus=change(apparatus_totals, years[0], years[-1]),
        outlook_years=outlook,
        dtv_totals={y: total((total_in(programma, y), total_in(apparaat, y))) for y in outlook},
        reference=YearValue(
            reference, total((total_in(programma, reference), total_in(apparaat, reference)))
        ),
        budget_years=tuple(sorted(programma.budget_years | apparaat.budget_years)),
    )


def receipt_figures(sources: Sources) -> Receipts:
    table = sources.year("ontvangsten")
    years = review_years(table, sources.edition)
    period_totals = {r.label: over(table, r, years) for r in components(table)}
    return Receipts(period_totals, total(period_totals.values()))


def assignment_figures(sources: Sources) -> Assignment:
    table = sources.year("opdracht")
    year = table.years[-1]
    rows = components(table)
    whole = total(year_count(table, r, year) for r in rows)
    largest = max(rows, key=lambda r: r.values.get(year) or 0)
    travel_rows = (table.find(label) for label in (L.ESCORT_TRAVEL, L.RETURNEE_TRAVEL))
    travel = total(year_count(table, r, year) for r in travel_rows if r is not None)
    return Assignment(
        year=year,
        total=whole,
        largest=Ranked(largest.label, year_count(table, largest, year)),
        travel=travel,
        travel_share=percent(travel, whole),
    )
