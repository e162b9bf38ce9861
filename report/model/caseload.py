"""DT&V caseload outflow (counts and percentages) and departures with IOM support."""

from __future__ import annotations

from report.inputs.edition import Edition
from report.inputs.tables import YearTable
from report.model.tables import ModelTable, from_year_table, years_within


def _period(table: YearTable, edition: Edition) -> tuple[int, ...]:
    return years_within(table.years, edition.first_year, edition.last_year)


def outflow(table: YearTable, edition: Edition) -> ModelTable:
    return from_year_table(
        table,
        "uitstroom-dtv",
        "Uitstroom uit de caseload van de DT&V",
        _period(table, edition),
        total_column=True,
        stub="Uitstroom",
    )


def outflow_percentages(table: YearTable, edition: Edition) -> ModelTable:
    return from_year_table(
        table,
        "uitstroom-procenten",
        "Uitstroom uit de caseload van de DT&V in procenten",
        _period(table, edition),
        stub="Uitstroom",
        notes=(
            "Percentages van het aantoonbaar vertrek plus het zelfstandig vertrek zonder "
            "toezicht (MOB).",
        ),
    )


def iom(table: YearTable, edition: Edition) -> ModelTable:
    return from_year_table(
        table,
        "vertrek-iom",
        "Vertrek met ondersteuning van IOM, ex-asielzoekers en reguliere migranten",
        _period(table, edition),
        total_column=True,
        stub="Categorie",
        notes=(
            "De regels Aanvraag bij IOM ingetrokken en Afgewezen tellen niet mee in het totaal.",
        ),
    )


def support(table: YearTable, edition: Edition) -> ModelTable:
    return from_year_table(
        table,
        "terugkeerondersteuning",
        "Vertrokken vreemdelingen met REAN, HRT en in-natura ondersteuning",
        _period(table, edition),
        total_column=True,
        stub="Ondersteuning",
        notes=("De regels zijn afzonderlijke tellingen en worden niet bij elkaar opgeteld.",),
    )
