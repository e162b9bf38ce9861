"""The overview table of the -20% variant, and what the text says about its outcome.

The scenario itself (base, target, measures, phase-in) is computed in scenario.py.
"""

from __future__ import annotations

from dataclasses import replace

from report.cited import Shown, cite
from report.inputs.contract import Unit
from report.model.scenario import Scenario
from report.model.tables import Heading, ModelRow, ModelTable, RowKind, period_text
from report.numbers import number
from report.provenance import Traced, rounded

DIFFERENCE_NOTE = (
    "Een positief verschil betekent dat de maatregelen meer opleveren dan de taakstelling."
)


def first_year_reached(scenario: Scenario) -> int | None:
    """The first scenario year whose total saving meets the target (None: never)."""
    return next((y for y in scenario.years if scenario.totals[y] >= scenario.target), None)


def caption(heading: Heading, scenario: Scenario) -> Heading:
    """The caption names the savings percentage of this edition."""
    return replace(heading, caption=cite(heading.caption, percentage=scenario.percentage))


def savings_table(scenario: Scenario, heading: Heading) -> ModelTable:
    """The measures by year, with total, target, difference and coverage."""
    years = scenario.years
    final = years.index(scenario.final_year)

    def only_final(value: Traced) -> tuple[Traced | None, ...]:
        return tuple(value if i == final else None for i in range(len(years)))

    rows = [ModelRow.traced(m.label, [m.amounts[y] for y in years]) for m in scenario.measures]
    totals = [scenario.totals[y] for y in years]
    rows.append(ModelRow.traced("Totaal besparing", totals, RowKind.TOTAL))
    target = cite(
        "Taakstelling ({percentage}% van {base}, basis {year})",
        percentage=scenario.percentage,
        base=Shown(scenario.base, number(scenario.base)),
        year=scenario.reference_year,
    )
    rows += [
        ModelRow.traced(target, only_final(scenario.target), RowKind.INFO),
        ModelRow.traced(
            "Verschil (totaal min taakstelling)", only_final(scenario.difference), RowKind.INFO
        ),
        ModelRow.traced(
            "Dekking van de taakstelling",
            only_final(rounded(scenario.coverage)),
            RowKind.INFO,
            unit=Unit.PERCENT,
        ),
    ]
    return caption(heading, scenario).table(
        tuple(str(y) for y in years),
        rows,
        scenario.sources,
        period=period_text(years),
        notes=(scenario.rounding_rule, DIFFERENCE_NOTE),
    )
