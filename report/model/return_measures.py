"""Return measures (detention, GL, VBL, GGV, reporting duty), GL departures and VRIS."""

from __future__ import annotations

from dataclasses import replace

from report.inputs.contract import normalise
from report.inputs.edition import Edition
from report.inputs.tables import Record, RecordTable, YearTable
from report.model.shares import share
from report.model.tables import ModelRow, ModelTable, from_year_table, review_years
from report.present.numbers import whole

DETENTION = "Vreemdelingenbewaring"
DETAINED = "In bewaring geplaatst"
DEPARTED = "Aantoonbaar vertrek"
DETENTION_SHARE = "Aantoonbaar vertrek als deel van het aantal in bewaring geplaatst"


def detention_shares(table: YearTable) -> dict[int, int | None]:
    """Departures from detention as a whole percentage of the people placed in detention."""
    detained = table.find(DETAINED, DETENTION)
    departed = table.find(DEPARTED, DETENTION)
    result: dict[int, int | None] = {}
    for year in table.years:
        exact = share(departed.values.get(year) or 0, detained.values.get(year) or 0)
        result[year] = None if exact is None else whole(exact)
    return result


def return_measures(table: YearTable, edition: Edition) -> ModelTable:
    years = review_years(table, edition)
    base = from_year_table(
        table,
        "terugkeermaatregelen",
        "Opgelegde terugkeermaatregelen en vertrek",
        years,
        stub="Maatregel",
        notes=(
            f"{DETENTION_SHARE}: het aantoonbaar vertrek uit bewaring gedeeld door het aantal "
            "vreemdelingen dat dat jaar in bewaring is geplaatst.",
        ),
    )
    shares = detention_shares(table)
    rows = list(base.rows)
    at = rows.index(base.row(DEPARTED, DETENTION)) + 1
    rows.insert(at, ModelRow(DETENTION_SHARE, tuple(shares[y] for y in years), "info", unit="%"))
    return replace(base, rows=tuple(rows))


def is_total(record: Record) -> bool:
    return normalise(record.values.get("Type vertrek")).startswith("totaal")


def gl_departures(table: RecordTable) -> ModelTable:
    """One row per type of departure with its top three countries below it."""
    rows = []
    total = 0
    for record in table.records:
        if is_total(record):
            continue
        count = record.values["Aantal"]
        total += count
        rows.append(ModelRow(record.values["Type vertrek"], (count,)))
        for n in (1, 2, 3):
            land, number = record.values.get(f"Land {n}"), record.values.get(f"Aantal {n}")
            if land:
                rows.append(ModelRow(f"waarvan {land}", (number,), "info"))
    rows.append(ModelRow("Totaal", (total,), "total"))
    title = "Vertrek vanuit de gezinslocaties naar type, met de drie meest voorkomende landen"
    return ModelTable(
        key="vertrek-gl",
        title=f"{title} ({table.period})" if table.period else title,
        unit=table.spec.unit,
        stub="Type vertrek",
        columns=("Aantal",),
        rows=tuple(rows),
        sources=(table.origin,),
        notes=("De regels 'waarvan' tellen niet mee in het totaal.",),
    )


def vris(table: YearTable, edition: Edition) -> ModelTable:
    return from_year_table(
        table,
        "vris",
        "Vreemdelingen in de strafrechtketen (VRIS) en hun vertrek",
        review_years(table, edition),
        stub="Omschrijving",
    )
