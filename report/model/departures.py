"""Departures: by type, shares against the budget's prognosis, safe countries, top nationalities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from report.inputs.contract import Role, normalise
from report.inputs.edition import Edition
from report.inputs.tables import YearTable
from report.model.shares import whole_shares
from report.model.tables import (
    TOTAL_COLUMN,
    ModelRow,
    ModelTable,
    from_year_table,
    period_title,
    review_years,
    sum_known,
    year_columns,
)

TOP = 10
PROGNOSIS_COLUMN = "Prognose begroting"
ASYLUM_COLUMN = "Eerste asielaanvragen"
SAFE_ATTRIBUTE = "Veilig land"


def by_type(table: YearTable, edition: Edition) -> ModelTable:
    return from_year_table(
        table,
        "vertrek-type",
        "Vertrek van vreemdelingen naar type vertrek",
        review_years(table, edition),
        total_column=True,
        stub="Type vertrek",
    )


def type_shares(table: YearTable, edition: Edition) -> ModelTable:
    """Each type's share per year and over the period, next to the budget's prognosis."""
    years = review_years(table, edition)
    types = [r for r in table.rows if r.role is Role.COMPONENT]
    columns = [*years, TOTAL_COLUMN]

    def counts(column: int | str) -> dict[str, int]:
        if column == TOTAL_COLUMN:
            return {r.label: sum(r.values.get(y) or 0 for y in years) for r in types}
        return {r.label: r.values.get(column) or 0 for r in types}

    shares = {column: whole_shares(counts(column)) for column in columns}
    prognosis = {normalise(k): v for k, v in edition.prognosis.items()}
    rows = []
    for row in types:
        values = [shares[c][row.label] for c in columns]
        if prognosis:
            values.append(prognosis.get(normalise(row.label)))
        rows.append(ModelRow(row.label, tuple(values)))
    total = tuple(sum_known(r.values[i] for r in rows) for i in range(len(rows[0].values)))
    rows.append(ModelRow("Totaal", total, "total"))
    notes = [
        "Aandelen zijn afgerond op hele procenten met de methode van de grootste resten, "
        "zodat elke kolom optelt tot 100."
    ]
    if prognosis:
        notes.append(
            f"{PROGNOSIS_COLUMN}: de verdeling van het vertrek waarvan de begroting uitgaat."
        )
    return ModelTable(
        key="vertrek-aandeel",
        title=period_title("Aandeel van elk type vertrek in het totale vertrek", years),
        unit="%",
        stub="Type vertrek",
        columns=year_columns(years, True) + ((PROGNOSIS_COLUMN,) if prognosis else ()),
        rows=tuple(rows),
        sources=(table.origin,),
        notes=tuple(notes),
    )


def safe_countries(table: YearTable, edition: Edition) -> ModelTable:
    return from_year_table(
        table,
        "vertrek-veilig",
        "Type vertrek van vreemdelingen uit veilige en uit overige landen van herkomst",
        review_years(table, edition),
        total_column=True,
        stub="Type vertrek",
        group_labels={
            "Veilige landen": "Vreemdelingen uit veilige landen",
            "Overige landen": "Vreemdelingen uit overige landen",
        },
    )


@dataclass(frozen=True)
class Nationality:
    label: str
    safe: bool
    values: dict[int, int | None]
    total: int  # over the evaluation period, computed
    asylum: int | None  # first asylum applications as given in the sheet
    excel_row: int


def nationalities(table: YearTable, edition: Edition) -> list[Nationality]:
    """Every nationality with its safe-country flag (validated by the reader) and its total."""
    years = review_years(table, edition)
    found = []
    for row in table.rows:
        safe = row.attributes.get(SAFE_ATTRIBUTE)
        asylum = row.attributes.get(ASYLUM_COLUMN)
        total = sum(row.values.get(y) or 0 for y in years)
        if isinstance(safe, bool):
            count = asylum if isinstance(asylum, int) and not isinstance(asylum, bool) else None
            found.append(Nationality(row.label, safe, row.values, total, count, row.excel_row))
    return found


def ranked(found: Sequence[Nationality], safe: bool) -> list[Nationality]:
    """The group's nationalities by total departures over the period, largest first."""
    return sorted((n for n in found if n.safe is safe), key=lambda n: (-n.total, n.label))


def top_table(
    table: YearTable, edition: Edition, found: Sequence[Nationality], safe: bool
) -> ModelTable | None:
    top = ranked(found, safe)[:TOP]
    if not top:
        return None
    years = review_years(table, edition)
    rows = []
    for nat in top:
        values = tuple(nat.values.get(y) for y in years)
        rows.append(ModelRow(nat.label, (*values, sum_known(values), nat.asylum)))
    total = tuple(sum_known(r.values[i] for r in rows) for i in range(len(years) + 2))
    rows.append(ModelRow(f"Totaal top {len(top)}", total, "total"))
    group = "veilige landen" if safe else "overige (niet-veilige) landen"
    title = f"Top {len(top)} nationaliteiten van vertrekkers uit {group}"
    return ModelTable(
        key="top-veilig" if safe else "top-overig",
        title=period_title(title, years),
        unit=table.spec.unit,
        stub="Nationaliteit",
        columns=(*year_columns(years, True), ASYLUM_COLUMN),
        rows=tuple(rows),
        sources=(table.origin,),
        notes=(
            f"Gerangschikt naar het totale vertrek in {years[0]}–{years[-1]}. "
            f"{ASYLUM_COLUMN}: aantal eerste asielaanvragen uit deze landen, zoals opgegeven in "
            "de bron.",
        ),
    )
