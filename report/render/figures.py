"""Draw the model's figures into build/figuren and describe each as a figure block.

A chart is drawn by its kind; the model has written its data and alt text. An unchanged
figure keeps its file (the name carries a hash of its data), so a warm rebuild draws nothing.
Planning (`plan_figures`: the blocks and what is still to draw) needs no plotting library;
the drawing itself (`draw_figure`) may run in another process (`render/drawing.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from report.model import Model, ModelFigure
from report.model.figures import Chart, Lines, ShareBars, Stacked
from report.present import figures as draw
from report.present.markdown import FigureBlock, SourceNote, escape
from report.present.tables import source_line


@dataclass(frozen=True)
class FigureJob:
    """A figure still to be drawn: its chart and the file it goes to (relative to the build)."""

    key: str
    chart: Chart
    path: str


def plan_figures(model: Model, build_dir: Path) -> tuple[dict[str, FigureBlock], list[FigureJob]]:
    """Every figure of the model as a block, by key, and the figures whose file is missing."""
    blocks, jobs = {}, []
    for key, figure in model.figures.items():
        path = draw.figure_path(key, _rows(figure.chart))
        blocks[key] = _block(figure, path)
        if not (build_dir / path).is_file():
            jobs.append(FigureJob(key, figure.chart, path))
    return blocks, jobs


def make_figures(model: Model, build_dir: Path) -> dict[str, FigureBlock]:
    """Every figure of the model, drawn here (or reused), by key."""
    blocks, jobs = plan_figures(model, build_dir)
    for job in jobs:
        draw_figure(job, build_dir)
    draw.remove_stale(build_dir, [block.path for block in blocks.values()])
    return blocks


def draw_figure(job: FigureJob, build_dir: Path) -> None:
    """Draw one figure into its file (imports pandas and plotnine on first use)."""
    draw.draw(lambda: _plot(job.chart), job.path, build_dir)


def _block(figure: ModelFigure, path: str) -> FigureBlock:
    note = SourceNote((source_line(figure.sources),)) if figure.sources else None
    return FigureBlock(figure.key, escape(figure.caption), path, figure.alt, note)


def _rows(chart: Chart) -> object:
    """The chart's data as plain rows: what the figure's file name is a hash of."""
    if isinstance(chart, ShareBars):
        return _share_rows(chart)
    if isinstance(chart, Lines):
        return _line_rows(chart)
    return [_stacked_rows(chart), chart.target]


def _share_rows(chart: ShareBars) -> list[dict[str, Any]]:
    return [
        {"jaar": year, "type": kind, "aandeel": share}
        for year, by_type in chart.shares.items()
        for kind, share in by_type.items()
    ]


def _line_rows(chart: Lines) -> list[dict[str, Any]]:
    return [
        {"jaar": year, "reeks": series.name, "waarde": value}
        for series in chart.series
        for year, value in series.values.items()
    ]


def _stacked_rows(chart: Stacked) -> list[dict[str, Any]]:
    return [
        {
            "jaar": year,
            "nr": str(part.number),
            "maatregel": part.label,
            "bedrag": part.amounts[year],
        }
        for part in chart.parts
        for year in chart.years
    ]


def _plot(chart: Chart) -> Any:
    import pandas as pd

    if isinstance(chart, ShareBars):
        frame = pd.DataFrame(_share_rows(chart))
        frame["type"] = pd.Categorical(frame["type"], categories=list(chart.types))
        return draw.shares_plot(frame, chart.prognosis)
    if isinstance(chart, Lines):
        return draw.lines_plot(pd.DataFrame(_line_rows(chart)), chart.y_label, chart.budget_from)
    return draw.phase_plot(pd.DataFrame(_stacked_rows(chart)), chart.target)
