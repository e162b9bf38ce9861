"""Draw the model's figures into build/figuren and describe each as a figure block.

A chart is drawn by its kind; the model has written its data and alt text. An unchanged
figure keeps its file (the name carries a hash of its data), so a warm rebuild draws nothing.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd

from report.model import Model, ModelFigure
from report.model.figures import Lines, ShareBars, Stacked
from report.present import figures as draw
from report.present.markdown import FigureBlock, SourceNote, escape
from report.present.tables import source_line


def make_figures(model: Model, build_dir: Path) -> dict[str, FigureBlock]:
    """Every figure of the model, drawn (or reused), by key."""
    return {key: _block(figure, build_dir) for key, figure in model.figures.items()}


def _block(figure: ModelFigure, build_dir: Path) -> FigureBlock:
    chart = figure.chart
    if isinstance(chart, ShareBars):
        path = _shares(figure.key, chart, build_dir)
    elif isinstance(chart, Lines):
        path = _lines(figure.key, chart, build_dir)
    else:
        path = _stacked(figure.key, chart, build_dir)
    note = SourceNote((source_line(figure.sources),)) if figure.sources else None
    return FigureBlock(figure.key, escape(figure.caption), path, figure.alt, note)


def _shares(key: str, chart: ShareBars, build_dir: Path) -> str:
    rows = [
        {"jaar": year, "type": kind, "aandeel": share}
        for year, by_type in chart.shares.items()
        for kind, share in by_type.items()
    ]
    frame = pd.DataFrame(rows)
    frame["type"] = pd.Categorical(frame["type"], categories=list(chart.types))
    return draw.save(partial(draw.shares_plot, frame, chart.prognosis), key, rows, build_dir)


def _lines(key: str, chart: Lines, build_dir: Path) -> str:
    rows = [
        {"jaar": year, "reeks": series.name, "waarde": value}
        for series in chart.series
        for year, value in series.values.items()
    ]
    plot = partial(draw.lines_plot, pd.DataFrame(rows), chart.y_label, chart.budget_from)
    return draw.save(plot, key, rows, build_dir)


def _stacked(key: str, chart: Stacked, build_dir: Path) -> str:
    rows = [
        {
            "jaar": year,
            "nr": str(part.number),
            "maatregel": part.label,
            "bedrag": part.amounts[year],
        }
        for part in chart.parts
        for year in chart.years
    ]
    plot = partial(draw.phase_plot, pd.DataFrame(rows), chart.target)
    return draw.save(plot, key, [rows, chart.target], build_dir)
