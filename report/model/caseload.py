"""DT&V caseload outflow (counts and percentages) and departures with IOM support."""

from __future__ import annotations

from report.inputs.edition import Edition
from report.inputs.tables import YearTable
from report.model.tables import ModelTable, from_year_table, review_years


def outflow(table: YearTable, edition: Edition) -> ModelTable:
    return from_year_table(
        table,
        "uitstroom-dtv",
        "Uitstroom uit de caseload van de DT&V",
        review_years(table, edition),
        total_column=True,
        stub="Uitstroom",
    )


def outflow_percentages(table: YearTable, edition: Edition) -> ModelTable:
    return from_year_table(
        table,
        "uitstroom-procenten",
        "Uitstroom uit de caseload van de DT&V in procenten",
        review_years(table, edition),
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
        review_years(table, edition),
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
        review_years(table, edition),
        total_column=True,
        stub="Ondersteuning",
        notes=("De regels zijn afzonderlijke tellingen en worden niet bij elkaar opgeteld.",),
    )
