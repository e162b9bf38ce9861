"""A savings measure's rule and phase-in in words, as the report and the terminal show them."""

from __future__ import annotations

from decimal import Decimal

from report.inputs.contract import Rule
from report.model.scenario import Measure
from report.numbers import euro, exact
from report.present.text import join_nl


def derivation_text(measure: Measure) -> str:
    """'30% van € 6,7 mln (REAN-regeling 2022) = € 2,0 mln' — the measure's rule in words.

    The text can stand after "Berekening." (it starts with a digit or a capital), and an amount
    typed in the workbook is just the amount: the sentence after it says what the amount is.
    """
    d = measure.derivation
    result = euro(d.structural)
    if d.rule == Rule.LINE:
        percentage, base = _given(d.percentage), _given(d.base_amount)
        return f"{exact(percentage)}% van {euro(base)} ({d.base_label}) = {result}"
    if d.rule == Rule.AMOUNT:
        percentage, base = _given(d.percentage), _given(d.base_amount)
        return f"{exact(percentage)}% van {euro(base)} = {result}"
    if d.rule == Rule.FTE:
        fte, cost = _given(d.fte), _given(d.cost_per_fte)
        return f"{exact(fte)} fte × {euro(cost)} per fte = {result}"
    return f"Een vast bedrag van {result}"


def phasing_text(measure: Measure) -> str:
    """'0% in 2019, 25% in 2020, 50% in 2021 en 100% in 2022' — the share of the structural
    saving reached in each year."""
    return join_nl(f"{exact(share)}% in {year}" for year, share in measure.phase.items())


def _given(value: Decimal | None) -> Decimal:
    """A parameter the measure's rule requires (the scenario has checked it is there)."""
    if value is None:
        raise ValueError("de rekenregel mist een parameter")
    return value
