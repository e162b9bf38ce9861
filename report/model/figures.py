"""The data of each figure and its alt text, computed from the same numbers as the tables.

The present stage draws a chart by its kind (bars of shares, lines, stacked savings) without
knowing what it shows; the alt text is written here, from the data, so it stays true to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from report.inputs import labels as L
from report.inputs.contract import normalise
from report.model.budget import APPARATUS, PROGRAMME
from report.model.indicators import Indicators
from report.model.scenario import Scenario
from report.model.tables import ModelTable, RowKind
from report.numbers import euro_mln, number


@dataclass(frozen=True)
class Series:
    name: str
    values: dict[int, int]  # year -> value; a year without a value is left out


@dataclass(frozen=True)
class ShareBars:
    """One panel per type: its share in each year, against the budget's prognosis."""

    types: tuple[str, ...]  # panel order
    shares: dict[int, dict[str, int]]  # year -> type -> whole %
    prognosis: dict[str, int]  # type -> % (empty: no prognosis line)


@dataclass(frozen=True)
class Lines:
    series: tuple[Series, ...]
    y_label: str
    budget_from: int | None = None  # first year of budget (not realised) amounts


@dataclass(frozen=True)
class Part:
    number: int
    label: str
    amounts: dict[int, int]  # year -> x € 1.000


@dataclass(frozen=True)
class Stacked:
    """Savings per measure stacked by year, against the target."""

    years: tuple[int, ...]
    parts: tuple[Part, ...]
    target: int


Chart = ShareBars | Lines | Stacked


@dataclass(frozen=True)
class FigureData:
    chart: Chart
    alt: str


@dataclass(frozen=True)
class Computed:
    """What the figures are drawn from: the model's tables, indicators and scenario."""

    tables: Mapping[str, ModelTable]
    indicators: Indicators
    scenario: Scenario


def shares(computed: Computed) -> FigureData:
    dep = computed.indicators.departures
    types = tuple(dep.prognosis) or tuple(dep.type_totals)
    first, last = dep.years[0], dep.years[-1]
    parts = [
        f"{kind.lower()} {dep.shares[first][kind]}% in {first} en {dep.shares[last][kind]}% "
        f"in {last}" + (f" (prognose {dep.prognosis[kind]}%)" if kind in dep.prognosis else "")
        for kind in types
    ]
    line = " en een stippellijn voor de prognose uit de begroting" if dep.prognosis else ""
    alt = (
        "Drie staafdiagrammen, één per type vertrek, met per jaar het aandeel in het totale "
        f"vertrek{line}: " + "; ".join(parts) + "."
    )
    return FigureData(ShareBars(types, dep.shares, dict(dep.prognosis)), alt)


def safe_countries(computed: Computed) -> FigureData | None:
    safe = computed.indicators.safe_countries
    if safe is None:
        return None
    series = (
        Series(L.SAFE, dict(safe.totals_safe)),
        Series(L.OTHER, dict(safe.totals_other)),
    )
    peak = safe.highest_safe
    alt = (
        "Lijndiagram van het vertrek van vreemdelingen uit veilige landen (doorgetrokken lijn) en "
        "uit overige landen (gestreepte lijn) per jaar. Het vertrek naar veilige landen was het "
        f"hoogst in {peak.year} met {number(peak.value)} vreemdelingen."
    )
    return FigureData(Lines(series, "aantal vertrokken vreemdelingen"), alt)


def caseload(computed: Computed) -> FigureData | None:
    """The outflow's subtotals and the departures without supervision, per year."""
    table = computed.tables.get("uitstroom-dtv")
    if table is None:
        return None
    wanted = [r for r in table.rows if r.kind is RowKind.SUBTOTAL]
    wanted += [r for r in table.rows if normalise(r.label) == normalise(L.OUTFLOW_UNSUPERVISED)]
    series = tuple(
        Series(
            row.label.removeprefix("Totaal ").capitalize(),
            {
                year: value
                for year in table.years
                if isinstance(value := row.values[table.column(year)], int)
            },
        )
        for row in wanted
    )
    names = ", ".join(s.name for s in series)
    alt = (
        f"Lijndiagram van de uitstroom uit de caseload van de DT&V per jaar, in drie reeksen met "
        f"elk een eigen lijnsoort en markering: {names}."
    )
    return FigureData(Lines(series, "aantal vreemdelingen"), alt)


def spending(computed: Computed) -> FigureData:
    """Programme and apparatus spending over the review, continued with the budget years."""
    sp = computed.indicators.spending
    programme, apparatus = dict(sp.programme_totals), dict(sp.apparatus_totals)
    outlook = computed.tables.get("uitgaven-dtv")
    if outlook is not None:
        for values, label in ((programme, L.PROGRAMME_TOTAL), (apparatus, L.APPARATUS_TOTAL)):
            for year in sp.outlook_years:
                value = outlook.value(label, year)
                if year not in values and isinstance(value, int):
                    values[year] = value
    budget_from = min(sp.budget_years) if sp.budget_years else None
    first, last = min(programme), max(programme)
    alt = (
        "Lijndiagram van de programma-uitgaven (doorgetrokken lijn) en de apparaatsuitgaven "
        f"(gestreepte lijn) van {first} tot en met {last}. De programma-uitgaven gaan van "
        f"{euro_mln(programme[first])} naar {euro_mln(programme[last])}, de "
        f"apparaatsuitgaven van {euro_mln(apparatus[first])} naar {euro_mln(apparatus[last])}."
    )
    if budget_from is not None:
        alt += f" Vanaf {budget_from} gaat het om begrotingsbedragen."
    series = (Series(PROGRAMME, programme), Series(APPARATUS, apparatus))
    return FigureData(Lines(series, "x € 1.000", budget_from), alt)


def savings(computed: Computed) -> FigureData:
    sc = computed.scenario
    parts = tuple(Part(m.number, f"{m.number}. {m.name}", dict(m.amounts)) for m in sc.measures)
    per_year = "; ".join(f"{year}: {number(sc.totals[year])}" for year in sc.years)
    alt = (
        "Gestapeld staafdiagram van de besparing per maatregel per jaar (x € 1.000), elk deel "
        f"gemarkeerd met het nummer van de maatregel, met een stippellijn op het doel van "
        f"{number(sc.target)}. Totale besparing per jaar: {per_year}."
    )
    return FigureData(Stacked(sc.years, parts, sc.target), alt)
