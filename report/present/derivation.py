"""A savings measure's rule in words, as the report and the terminal both show it."""

from __future__ import annotations

from decimal import Decimal

from report.inputs.contract import Rule
from report.model.scenario import Measure
from report.numbers import euro, exact


def derivation_text(measure: Measure) -> str:
    """'30% van € 6,7 mln (REAN-regeling 2022) = € 2,0 mln' — the measure's rule in words."""
    d = measure.derivation
    result = euro(d.structural)
    if d.rule in (Rule.LINE, Rule.AMOUNT):
        percentage, base = _given(d.percentage), _given(d.base_amount)
        return f"{exact(percentage)}% van {euro(base)} ({d.base_label}) = {result}"
    if d.rule == Rule.FTE:
        fte, cost = _given(d.fte), _given(d.cost_per_fte)
        return f"{exact(fte)} fte × {euro(cost)} per fte = {result}"
    return f"vast bedrag van {result}"


def _given(value: Decimal | None) -> Decimal:
    """A parameter the measure's rule requires (the scenario has checked it is there)."""
    if value is None:
        raise ValueError("de rekenregel mist een parameter")
    return value
