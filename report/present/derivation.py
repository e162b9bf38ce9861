"""A savings measure's rule and phase-in in words, as the report and the terminal show them."""

from __future__ import annotations

from report.cited import Cited, Shown, cite
from report.inputs.contract import Rule
from report.model.scenario import Measure
from report.numbers import euro, exact
from report.present.text import join_nl
from report.provenance import Traced


def derivation_text(measure: Measure) -> Cited:
    """'30% van € 6,7 mln (REAN-regeling 2022) = € 2,0 mln' — the measure's rule in words.

    The text can stand after "Berekening." (it starts with a digit or a capital), and an amount
    typed in the workbook is just the amount: the sentence after it says what the amount is.
    A `Cited` text: each number keeps its source for the document.
    """
    d = measure.derivation
    result = Shown(d.structural, euro(d.structural))
    if d.rule in (Rule.LINE, Rule.AMOUNT):
        percentage, base = _given(d.percentage), _given(d.base_amount)
        return cite(
            "{p}% van {base}{label} = {result}",
            p=Shown(percentage, exact(percentage)),
            base=Shown(base, euro(base)),
            label=f" ({d.base_label})" if d.rule == Rule.LINE else "",
            result=result,
        )
    if d.rule == Rule.FTE:
        fte, cost = _given(d.fte), _given(d.cost_per_fte)
        return cite(
            "{fte} fte × {cost} per fte = {result}",
            fte=Shown(fte, exact(fte)),
            cost=Shown(cost, euro(cost)),
            result=result,
        )
    return cite("Een vast bedrag van {result}", result=result)


def phasing_text(measure: Measure) -> Cited:
    """'0% in 2019, 25% in 2020, 50% in 2021 en 100% in 2022' — the share of the structural
    saving reached in each year, each traced to its cell."""
    return join_nl(
        cite("{share}% in {year}", share=Shown(share, exact(share)), year=year)
        for year, share in measure.phase.items()
    )


def _given(value: Traced | None) -> Traced:
    """A parameter the measure's rule requires (the scenario has checked it is there)."""
    if value is None:
        raise ValueError("de rekenregel mist een parameter")
    return value
