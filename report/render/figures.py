"""Which figures the report has, drawn from the model, each with caption and alt text.

A figure whose data is absent is not made; the templates ask `figures` before citing one.
Alt texts are written from the same numbers as the figure, so they stay true to it.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd

from report.present import figures as draw
from report.present.figures import Figure
from report.present.numbers import euro_mln, number


def make_figures(model, build_dir: Path) -> dict[str, Figure]:
    made: dict[str, Figure] = {}
    for build in (_shares, _safe, _caseload, _spending, _savings):
        figure = build(model, build_dir)
        if figure is not None:
            made[figure.key] = figure
    return made


def _shares(model, build_dir: Path) -> Figure:
    dep = model.indicators.departures
    rows = [
        {"jaar": year, "type": kind, "aandeel": share}
        for year, by_type in dep.shares.items()
        for kind, share in by_type.items()
    ]
    frame = pd.DataFrame(rows)
    order = list(dep.prognosis)
    frame["type"] = pd.Categorical(frame["type"], categories=order)
    plot = partial(draw.shares_plot, frame, dep.prognosis)
    first, last = dep.years[0], dep.years[-1]
    parts = [
        f"{kind.lower()} {dep.shares[first][kind]}% in {first} en {dep.shares[last][kind]}% "
        f"in {last} (prognose {dep.prognosis[kind]}%)"
        for kind in order
    ]
    alt = (
        "Drie staafdiagrammen, één per type vertrek, met per jaar het aandeel in het totale "
        "vertrek en een stippellijn voor de prognose uit de begroting: " + "; ".join(parts) + "."
    )
    path = draw.save(plot, "vertrek-aandeel", rows, build_dir)
    return Figure(
        "vertrek-aandeel", "Aandeel van elk type vertrek per jaar, met de prognose", alt, path
    )


def _series(series: dict[str, dict[int, int]]) -> list[dict]:
    return [
        {"jaar": year, "reeks": name, "waarde": value}
        for name, values in series.items()
        for year, value in values.items()
        if value is not None
    ]


def _safe(model, build_dir: Path) -> Figure | None:
    safe = model.indicators.safe_countries
    if safe is None:
        return None
    series = {"Veilige landen": safe.totals_safe, "Overige landen": safe.totals_other}
    rows = _series(series)
    plot = partial(draw.lines_plot, pd.DataFrame(rows), "aantal vertrokken vreemdelingen")
    peak = safe.highest_safe
    alt = (
        "Lijndiagram van het vertrek van vreemdelingen uit veilige landen (doorgetrokken lijn) en "
        "uit overige landen (gestreepte lijn) per jaar. Het vertrek naar veilige landen was het "
        f"hoogst in {peak.year} met {number(peak.value)} vreemdelingen."
    )
    path = draw.save(plot, "vertrek-veilig", rows, build_dir)
    return Figure(
        "vertrek-veilig", "Vertrek naar veilige en overige landen van herkomst", alt, path
    )


def _caseload(model, build_dir: Path) -> Figure | None:
    table = model.tables.get("uitstroom-dtv")
    if table is None:
        return None
    years = [c for c in table.columns if c.isdigit()]
    wanted = [r for r in table.rows if r.kind == "subtotal"]
    wanted += [r for r in table.rows if r.label.lower() == "zelfstandig vertrek zonder toezicht"]
    series = {
        row.label.removeprefix("Totaal ").capitalize(): {
            int(y): row.values[table.columns.index(y)] for y in years
        }
        for row in wanted
    }
    rows = _series(series)
    plot = partial(draw.lines_plot, pd.DataFrame(rows), "aantal vreemdelingen")
    names = ", ".join(series)
    alt = (
        f"Lijndiagram van de uitstroom uit de caseload van de DT&V per jaar, in drie reeksen met "
        f"elk een eigen lijnsoort en markering: {names}."
    )
    path = draw.save(plot, "uitstroom-dtv", rows, build_dir)
    return Figure("uitstroom-dtv", "Uitstroom uit de caseload van de DT&V", alt, path)


def _spending(model, build_dir: Path) -> Figure:
    sp = model.indicators.spending
    series = {
        "Programma-uitgaven artikel 37.3": dict(sp.programme_totals),
        "Apparaatsuitgaven DT&V": dict(sp.apparatus_totals),
    }
    outlook = model.tables.get("uitgaven-dtv")
    if outlook is not None:  # continue the lines with the budget years
        for name, label in zip(
            series, ("Totaal programma-uitgaven", "Totaal apparaatsuitgaven"), strict=True
        ):
            for year in sp.outlook_years:
                series[name].setdefault(year, outlook.value(label, year))
    rows = _series(series)
    budget_from = min(sp.budget_years) if sp.budget_years else None
    plot = partial(draw.lines_plot, pd.DataFrame(rows), "x € 1.000", budget_from)
    programme, apparatus = series.values()
    first, last = min(programme), max(programme)
    alt = (
        "Lijndiagram van de programma-uitgaven (doorgetrokken lijn) en de apparaatsuitgaven "
        f"(gestreepte lijn) van {first} tot en met {last}. De programma-uitgaven gaan van "
        f"{euro_mln(programme[first])} naar {euro_mln(programme[last])}, de "
        f"apparaatsuitgaven van {euro_mln(apparatus[first])} naar {euro_mln(apparatus[last])}."
    )
    if budget_from is not None:
        alt += f" Vanaf {budget_from} gaat het om begrotingsbedragen."
    path = draw.save(plot, "uitgaven", rows, build_dir)
    return Figure("uitgaven", "Programma- en apparaatsuitgaven", alt, path)


def _savings(model, build_dir: Path) -> Figure:
    sc = model.scenario
    rows = [
        {
            "jaar": year,
            "nr": str(m.number),
            "maatregel": f"{m.number}. {m.name}",
            "bedrag": m.amounts[year],
        }
        for m in sc.measures
        for year in sc.years
    ]
    plot = partial(draw.phase_plot, pd.DataFrame(rows), sc.target)
    per_year = "; ".join(f"{year}: {number(sc.totals[year])}" for year in sc.years)
    alt = (
        "Gestapeld staafdiagram van de besparing per maatregel per jaar (x € 1.000), elk deel "
        f"gemarkeerd met het nummer van de maatregel, met een stippellijn op het doel van "
        f"{number(sc.target)}. Totale besparing per jaar: {per_year}."
    )
    path = draw.save(plot, "besparing", [rows, sc.target], build_dir)
    return Figure("besparing", "Besparing per maatregel en jaar tegenover het doel", alt, path)
