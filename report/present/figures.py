"""Figures with plotnine in one sober style, readable in grey print, in the house font.

Meaning never hangs on colour alone: series differ in line type and marker shape as well,
stacked bars carry their measure number. Text is set in Source Sans Pro, the font of the
report (templates/publish/fonts, registered with matplotlib's font manager). Value labels
keep clear of reference lines (`bar_labels`), every year of a line chart is labelled and a
target line says what it is. Each figure is saved under a name derived from its data, so an
unchanged figure is not drawn again on a warm rebuild.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from textwrap import fill
from typing import Any

import pandas as pd

from report.numbers import number
from report.resources import FONTS

ACCENT = "#154273"  # the dark blue of the Rijkshuisstijl tradition
GREYS = ["#154273", "#5a7fa8", "#9fb6cf", "#d2dce8", "#6b6b6b", "#b3b3b3"]
LINETYPES = ["solid", "dashed", "dotted", "dashdot", (0, (5, 1, 1, 1, 1, 1))]
SHAPES = ["o", "s", "^", "D", "v", "P"]
WIDTH, HEIGHT, DPI = 6.3, 3.3, 200
STYLE_VERSION = "4"  # bump when the look changes, so cached figures are redrawn
FONT = "Source Sans Pro"
MAX_LABELS = 14  # year labels that stay legible across a full-width chart
MAX_BAR_LABELS = 10  # value labels on the bars of one panel
# Heights in percentage points of a share panel (0–100%): a value label of 6 pt, the gap
# between a label and its bar, and half the band a dashed line keeps free around it. The panel
# is about 2,3 inch high, so 6 pt of text is some 4 points.
LABEL_HEIGHT, LABEL_GAP, LINE_HALF = 5.0, 1.0, 1.5


def _plotnine() -> Any:
    """plotnine is imported only when a figure is actually drawn (warm builds skip it)."""
    import plotnine

    _register_fonts()
    return plotnine


@cache
def _register_fonts() -> None:
    """Make the house font known to matplotlib (it does not look in templates/ by itself)."""
    from matplotlib import font_manager

    for path in sorted(FONTS.glob("SourceSansPro-*.ttf")):
        font_manager.fontManager.addfont(str(path))


def _style() -> Any:
    p = _plotnine()
    return p.theme_minimal(base_size=9, base_family=FONT) + p.theme(
        panel_grid_minor=p.element_blank(),
        panel_grid_major_x=p.element_blank(),
        panel_grid_major_y=p.element_line(color="#d9d9d9", size=0.4),
        legend_position="bottom",
        legend_title=p.element_blank(),
        axis_title=p.element_text(size=8),
        plot_background=None,
        figure_size=(WIDTH, HEIGHT),
        dpi=DPI,
    )


def _thousands(values: Sequence[float]) -> list[str]:
    return [number(v) for v in values]


def _year_axis(years: Sequence[int]) -> Any:
    """Every year on the axis, or every second, third … year when there are many."""
    p = _plotnine()
    step = -(-len(years) // MAX_LABELS)
    shown = list(years)[::step]
    return p.scale_x_continuous(breaks=shown, labels=[str(y) for y in shown])


@dataclass(frozen=True)
class BarLabel:
    """Where a bar's value label goes: its baseline `y`, above (va bottom) or inside the bar."""

    y: float
    above: bool

    @property
    def span(self) -> tuple[float, float]:
        """The heights the label's text covers."""
        return (self.y, self.y + LABEL_HEIGHT) if self.above else (self.y - LABEL_HEIGHT, self.y)


def _clear(span: tuple[float, float], line: float | None) -> bool:
    return line is None or span[1] < line - LINE_HALF or span[0] > line + LINE_HALF


def bar_label(value: float, line: float | None) -> BarLabel:
    """A label just above the bar, unless the reference line runs through it: then inside
    the top of the bar (white on the bar), or else just above the line."""
    above = BarLabel(value + LABEL_GAP, True)
    if _clear(above.span, line):
        return above
    inside = BarLabel(value - LABEL_GAP, False)
    if inside.span[0] >= 0 and _clear(inside.span, line):
        return inside
    return BarLabel((line or 0) + LINE_HALF + LABEL_GAP, True)


def _label_frame(shares: pd.DataFrame, prognosis: Mapping[str, int]) -> pd.DataFrame:
    placed = [
        bar_label(row.aandeel, prognosis.get(str(row.type)))
        for row in shares.itertuples(index=False)
    ]
    return shares.assign(y=[label.y for label in placed], boven=[label.above for label in placed])


def shares_plot(shares: pd.DataFrame, prognosis: dict[str, int]) -> Any:
    """One panel per type of departure: share per year against the budget's prognosis.

    `shares` has columns jaar, type, aandeel (percent points). Value labels keep clear of
    the prognosis line (`bar_label`).
    """
    p = _plotnine()
    lines = pd.DataFrame({"type": list(prognosis), "prognose": list(prognosis.values())})
    years = sorted(shares["jaar"].unique())
    labels = _label_frame(shares, prognosis)
    if len(years) > MAX_BAR_LABELS:
        labels = labels.iloc[0:0]
    text = {"size": 6, "family": FONT, "format_string": "{:.0f}%"}
    return (
        p.ggplot(shares, p.aes("jaar", "aandeel"))
        + p.geom_col(fill=GREYS[1], width=0.7)
        + p.geom_text(
            p.aes(y="y", label="aandeel"), data=labels[labels["boven"]], va="bottom", **text
        )
        + p.geom_text(
            p.aes(y="y", label="aandeel"),
            data=labels[~labels["boven"]],
            va="top",
            color="white",
            **text,
        )
        + p.geom_hline(lines, p.aes(yintercept="prognose"), linetype="dashed", color="#222222")
        + p.facet_wrap("type", ncol=3, labeller=p.labeller(type=lambda text: fill(text, 22)))
        + _year_axis(years)
        + p.scale_y_continuous(limits=(0, 100), labels=lambda v: [f"{x:.0f}%" for x in v])
        + p.labs(x="", y="aandeel in het vertrek (stippellijn: prognose)")
        + _style()
        + p.theme(
            axis_text_x=p.element_text(rotation=90, size=6.5), strip_text=p.element_text(size=8)
        )
    )


def lines_plot(frame: pd.DataFrame, y_label: str, budget_from: int | None = None) -> Any:
    """Series over the years; `frame` has columns jaar, reeks, waarde."""
    p = _plotnine()
    series = list(dict.fromkeys(frame["reeks"]))
    years = sorted(frame["jaar"].unique())
    plot = (
        p.ggplot(frame, p.aes("jaar", "waarde", linetype="reeks", shape="reeks", group="reeks"))
        + p.geom_line(color=ACCENT, size=0.8)
        + p.geom_point(color=ACCENT, fill="white", size=2)
        + p.scale_linetype_manual(values=LINETYPES[: len(series)], breaks=series)
        + p.scale_shape_manual(values=SHAPES[: len(series)], breaks=series)
        + _year_axis(years)
        + p.scale_y_continuous(labels=_thousands, limits=(0, None))
        + p.labs(x="", y=y_label)
        + _style()
    )
    if budget_from is not None:
        plot += p.geom_text(
            p.aes(x="x", y="y", label="label"),
            data=pd.DataFrame({"x": [budget_from], "y": [0], "label": ["begroting →"]}),
            inherit_aes=False,
            ha="left",
            va="bottom",
            size=7,
            color="#444444",
            family=FONT,
        )
    return plot


def phase_plot(frame: pd.DataFrame, target: float) -> Any:
    """Stacked savings per measure and year against the target; columns jaar, nr, maatregel, bedrag."""
    p = _plotnine()
    measures = list(dict.fromkeys(frame["maatregel"]))
    frame = frame.assign(
        jaar=pd.Categorical(frame["jaar"].astype(str), sorted(frame["jaar"].astype(str).unique()))
    )
    # plotnine stacks the first measure on top: place each number in the middle of its part
    bottom_up = frame.assign(order=frame["maatregel"].map({m: -i for i, m in enumerate(measures)}))
    bottom_up = bottom_up.sort_values(["jaar", "order"])
    bottom_up["midden"] = (
        bottom_up.groupby("jaar", observed=True)["bedrag"].cumsum() - bottom_up["bedrag"] / 2
    )
    per_year = bottom_up.groupby("jaar", observed=True)["bedrag"].sum()
    tallest = max(per_year.max(), 1)
    labels = bottom_up[bottom_up["bedrag"] >= 0.05 * tallest]
    # the target line is labelled above the line, over the year with the lowest bar
    target_at = pd.DataFrame(
        {"jaar": [per_year.idxmin()], "y": [target], "label": [f"doel: {number(target)}"]}
    )
    return (
        p.ggplot(frame, p.aes("jaar", "bedrag", fill="maatregel"))
        # the target line runs behind the bars, so it never crosses a measure's number
        + p.geom_hline(yintercept=target, linetype="dashed", color="#222222", size=0.6)
        + p.geom_col(width=0.65, color="white", size=0.3)
        + p.geom_label(
            p.aes("jaar", "midden", label="nr"),
            data=labels,
            inherit_aes=False,
            size=6.5,
            fill="white",
            label_size=0,
            family=FONT,
        )
        + p.geom_text(
            p.aes("jaar", "y", label="label"),
            data=target_at,
            inherit_aes=False,
            va="bottom",
            size=7,
            nudge_y=0.02 * tallest,
            family=FONT,
        )
        + p.scale_fill_manual(
            values=GREYS[: len(measures)] if len(measures) <= len(GREYS) else None, breaks=measures
        )
        + p.scale_y_continuous(labels=_thousands)
        + p.labs(x="", y="x € 1.000")
        + _style()
        + p.theme(legend_direction="vertical")
    )


def save(draw: Callable[[], Any], key: str, data: object, build_dir: Path) -> str:
    """Draw the plot unless a figure of the same data and style already exists."""
    digest = hashlib.sha256(
        json.dumps([STYLE_VERSION, key, data], sort_keys=True, default=str).encode()
    ).hexdigest()[:12]
    relative = f"figuren/{key}-{digest}.png"
    target = build_dir / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        for old in target.parent.glob(f"{key}-*.png"):
            old.unlink()
        partial = target.with_suffix(".tmp.png")
        draw().save(partial, verbose=False, metadata={"Software": None})
        partial.replace(target)
    return relative
