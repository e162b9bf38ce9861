"""Spending: programme spending of article 37.3, DT&V apparatus costs, receipts, the "opdracht"."""

from __future__ import annotations

from collections.abc import Sequence

from report.inputs.contract import Role
from report.inputs.edition import Edition
from report.inputs.tables import YearTable
from report.model.tables import (
    BUDGET_NOTE,
    ModelRow,
    ModelTable,
    from_year_table,
    period_title,
    review_years,
    year_columns,
    years_within,
)

PROGRAMME = "Programma-uitgaven artikel 37.3"
APPARATUS = "Apparaatsuitgaven DT&V"


def total_in(table: YearTable, year: int) -> int:
    """The computed total of a finance sheet in one year (empty cells count as nothing)."""
    return sum(r.values.get(year) or 0 for r in table.rows if r.role is Role.COMPONENT)


def programme(table: YearTable, edition: Edition) -> ModelTable:
    return from_year_table(
        table,
        "uitgaven-programma",
        "Programma-uitgaven begrotingsartikel 37.3",
        review_years(table, edition),
        stub="Begrotingsregel",
    )


def apparatus(table: YearTable, edition: Edition) -> ModelTable:
    return from_year_table(
        table,
        "uitgaven-apparaat",
        "Apparaatsuitgaven van de DT&V",
        review_years(table, edition),
        stub="Uitgaven",
    )


def receipts(table: YearTable, edition: Edition) -> ModelTable:
    return from_year_table(
        table,
        "ontvangsten",
        "Ontvangsten van de DT&V",
        review_years(table, edition),
        total_column=True,
        stub="Ontvangsten",
        total_label="Totaal ontvangsten",
    )


def assignment(table: YearTable) -> ModelTable:
    """The breakdown of the line "opdracht vreemdelingenvertrek", for the years supplied."""
    return from_year_table(
        table,
        "opdracht",
        "Uitsplitsing van de begrotingsregel opdracht vreemdelingenvertrek",
        table.years,
        stub="Uitgaven binnen de opdracht",
    )


def outlook_years(programma: YearTable, apparaat: YearTable, edition: Edition) -> tuple[int, ...]:
    """From the last year of the review up to the end of the savings scenario."""
    last = max((*edition.savings.years, edition.savings.reference_year))
    both = sorted(set(programma.years) & set(apparaat.years))
    return years_within(both, edition.last_year, last)


def dtv(programma: YearTable, apparaat: YearTable, edition: Edition) -> ModelTable:
    """DT&V spending from the last year reviewed to the savings reference year."""
    years = outlook_years(programma, apparaat, edition)
    rows: list[ModelRow] = []
    for label, table in ((APPARATUS, apparaat), (PROGRAMME, programma)):
        part = from_year_table(table, "", "", years)
        rows.append(ModelRow(label, (None,) * len(years), "group"))
        # without the sheets' Toelichting: it speaks of the review years, not of this outlook
        rows += [
            ModelRow(r.label, r.values, "subtotal" if r.kind == "total" else r.kind)
            for r in part.rows
        ]
    subtotals = [r for r in rows if r.kind == "subtotal"]
    rows.append(ModelRow("Totaal DT&V", _add(subtotals, len(years)), "total"))
    budget = (programma.budget_years | apparaat.budget_years) & frozenset(years)
    return ModelTable(
        key="uitgaven-dtv",
        title=period_title("Uitgaven van de DT&V: apparaat en programma", years),
        unit=programma.spec.unit,
        stub="Uitgaven",
        columns=year_columns(years, False, budget),
        rows=tuple(rows),
        sources=(apparaat.origin, programma.origin),
        notes=(BUDGET_NOTE,) if budget else (),
    )


def _add(rows: Sequence[ModelRow], width: int) -> tuple:
    return tuple(
        sum(r.values[i] or 0 for r in rows) if any(r.values[i] is not None for r in rows) else None
        for i in range(width)
    )
