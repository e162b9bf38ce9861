"""Issue 12: figure labels keep clear of the lines, every year is labelled, the target is named."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from report.present import figures
from report.present.figures import LINE_HALF, bar_label


@given(st.integers(0, 100), st.integers(0, 100))
def test_a_bar_label_never_touches_the_prognosis_line(share, line):
    label = bar_label(share, line)
    low, high = label.span
    assert high < line - LINE_HALF or low > line + LINE_HALF
    if label.above:
        assert low > share  # above the bar, or above the line
    else:
        assert high < share and low >= 0  # inside the top of the bar


def test_without_a_line_the_label_sits_on_its_bar():
    assert bar_label(13, None).above and bar_label(13, None).y == 13 + figures.LABEL_GAP


def test_reference_figure_1_labels():
    """Figure 1 of the sample: the bars of 29% and 31% against a 30% prognosis."""
    assert not bar_label(29, 30).above  # inside: the line runs just above the bar
    assert bar_label(31, 30).above and bar_label(31, 30).span[0] > 30 + LINE_HALF


def test_every_year_of_a_line_chart_is_labelled():
    frame = pd.DataFrame(
        [{"jaar": y, "reeks": "a", "waarde": 1} for y in range(2011, 2023)]  # 12 years
    )
    plot = figures.lines_plot(frame, "x € 1.000", 2019)
    scale = next(s for s in plot.scales if "x" in s.aesthetics)
    assert list(scale.breaks) == list(range(2011, 2023))


def test_the_savings_target_line_is_named_and_runs_behind_the_bars():
    frame = pd.DataFrame(
        [
            {"jaar": y, "nr": "1", "maatregel": "1. A", "bedrag": amount}
            for y, amount in ((2019, 0), (2020, 5_000), (2021, 17_000))
        ]
    )
    plot = figures.phase_plot(frame, 16_167)
    kinds = [type(layer.geom).__name__ for layer in plot.layers]
    assert kinds.index("geom_hline") < kinds.index("geom_col")
    texts = [layer.geom.data for layer in plot.layers if type(layer.geom).__name__ == "geom_text"]
    [named] = [d for d in texts if isinstance(d, pd.DataFrame) and "label" in d]
    assert list(named["label"]) == ["doel: 16.167"] and list(named["jaar"]) == ["2019"]
