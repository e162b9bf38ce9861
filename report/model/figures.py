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
from report.provenance import Traced


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
class Point:
    """One number a figure draws, and where it came from (the figure's entry in herkomst.csv)."""

    series: str
    x: str  # the year, or the measure's label
    value: Traced


@dataclass(frozen=True)
class FigureData:
    chart: Chart
    alt: str
    points: tuple[Point, ...] = ()


def _points(series: str, values: Mapping[int, Traced]) -> list[Point]:
    return [Point(series, str(year), value) for year, value in values.items()]


def _plain(values: Mapping[int, Traced]) -> dict[int, int]:
    return {year: int(value) for year, value in values.items()}


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
    shares = {
        year: {kind: int(v) for kind, v in by_type.items()} for year, by_type in dep.shares.items()
    }
    points = [
        Point(kind, str(year), by_type[kind])
        for kind in types
        for year, by_type in dep.shares.items()
        if kind in by_type
    ]
    points += [Point(kind, "prognose", value) for kind, value in dep.prognosis.items()]
    prognosis = {kind: int(value) for kind, value in dep.prognosis.items()}
    return FigureData(ShareBars(types, shares, prognosis), alt, tuple(points))


def safe_countries(computed: Computed) -> FigureData | None:
    safe = computed.indicators.safe_countries
    if safe is None:
        return None
    series = (
        Series(L.SAFE, _plain(safe.totals_safe)),
        Series(L.OTHER, _plain(safe.totals_other)),
    )
    points = _points(L.SAFE, safe.totals_safe) + _points(L.OTHER, safe.totals_other)
    peak = safe.highest_safe
    alt = (
        "Lijndiagram van het vertrek van vreemdelingen uit veilige landen (doorgetrokken lijn) en "
        "uit overige landen (gestreepte lijn) per jaar. Het vertrek naar veilige landen was het "
        f"hoogst in {peak.year} met {number(peak.value)} vreemdelingen."
    )
    return FigureData(Lines(series, "aantal vertrokken vreemdelingen"), alt, tuple(points))


def caseload(computed: Computed) -> FigureData | None:
    """The outflow's subtotals and the departures without supervision, per year."""
    table = computed.tables.get("uitstroom-dtv")
    if table is None:
        return None
    wanted = [r for r in table.rows if r.kind is RowKind.SUBTOTAL]
    wanted += [r for r in table.rows if normalise(r.label) == normalise(L.OUTFLOW_UNSUPERVISED)]
    traced = {
        row.label.removeprefix("Totaal ").capitalize(): {
            year: value
            for year in table.years
            if (value := row.provenance[table.column(year)]) is not None
        }
        for row in wanted
    }
    series = tuple(Series(name, _plain(values)) for name, values in traced.items())
    points = [point for name, values in traced.items() for point in _points(name, values)]
    names = ", ".join(s.name for s in series)
    alt = (
        f"Lijndiagram van de uitstroom uit de caseload van de DT&V per jaar, in drie reeksen met "
        f"elk een eigen lijnsoort en markering: {names}."
    )
    return FigureData(Lines(series, "aantal vreemdelingen"), alt, tuple(points))


def spending(computed: Computed) -> FigureData:
    """Programme and apparatus spending over the review, continued with the budget years."""
    sp = computed.indicators.spending
    programme, apparatus = dict(sp.programme_totals), dict(sp.apparatus_totals)
    outlook = computed.tables.get("uitgaven-dtv")
    if outlook is not None:
        for values, label in ((programme, L.PROGRAMME_TOTAL), (apparatus, L.APPARATUS_TOTAL)):
            for year in sp.outlook_years:
                value = outlook.row(label).provenance[outlook.column(year)]
                if year not in values and value is not None:
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
    series = (Series(PROGRAMME, _plain(programme)), Series(APPARATUS, _plain(apparatus)))
    points = _points(PROGRAMME, programme) + _points(APPARATUS, apparatus)
    return FigureData(Lines(series, "x € 1.000", budget_from), alt, tuple(points))


def savings(computed: Computed) -> FigureData:
    sc = computed.scenario
    parts = tuple(Part(m.number, m.label, _plain(m.amounts)) for m in sc.measures)
    per_year = "; ".join(f"{year}: {number(sc.totals[year])}" for year in sc.years)
    alt = (
        "Gestapeld staafdiagram van de besparing per maatregel per jaar (x € 1.000), elk deel "
        f"gemarkeerd met het nummer van de maatregel, met een stippellijn op het doel van "
        f"{number(sc.target)}. Totale besparing per jaar: {per_year}."
    )
    points = [point for m in sc.measures for point in _points(m.label, m.amounts)]
    points.append(Point("doel", str(sc.final_year), sc.target))
    return FigureData(Stacked(sc.years, parts, int(sc.target)), alt, tuple(points))
