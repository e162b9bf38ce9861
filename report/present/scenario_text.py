"""The -20% variant in words: derivations for the report and the terminal view of the scenario."""

from __future__ import annotations

from decimal import Decimal

from report.model.scenario import Measure, Scenario
from report.numbers import exact, number, percent, signed
from report.present.derivation import derivation_text

NAME_WIDTH = 52  # longer measure names are shortened in the terminal table
AMOUNT_WIDTH = 9


def _value(value: Decimal | str | None) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, str):
        return f"'{value}'"
    return exact(value)


def _name(text: str) -> str:
    return text if len(text) <= NAME_WIDTH else text[: NAME_WIDTH - 1] + "…"


def _line(label: str, cells: list[str]) -> str:
    return _name(label).ljust(NAME_WIDTH) + "".join(c.rjust(AMOUNT_WIDTH) for c in cells)


def scenario_text(scenario: Scenario) -> str:
    """Base, target, measures × years, totals, difference, coverage, derivations, overrides."""
    years = scenario.years
    final = len(years) - 1
    lines = [
        f"{scenario.percentage}%-variant: besparingsmaatregelen {years[0]}–{years[-1]} "
        "(bedragen x € 1.000)",
        "",
        f"Basis: {scenario.basis_text}, {scenario.reference_year}",
    ]
    lines += [_line(f"  {part.label}", [number(part.amount)]) for part in scenario.base_parts]
    lines.append(_line("  Basis", [number(scenario.base)]))
    lines.append(
        f"Taakstelling: {scenario.percentage}% van {number(scenario.base)} = "
        f"{number(scenario.target)} (onafgerond {exact(scenario.target_exact, 3)})"
    )
    lines.append("")
    lines.append(_line("Maatregel", [str(y) for y in years]))
    lines.append("-" * (NAME_WIDTH + AMOUNT_WIDTH * len(years)))
    for measure in scenario.measures:
        lines.append(_line(measure.label, [number(measure.amounts[y]) for y in years]))
    lines.append("-" * (NAME_WIDTH + AMOUNT_WIDTH * len(years)))
    lines.append(_line("Totaal besparing", [number(scenario.totals[y]) for y in years]))

    def last_only(text: str) -> list[str]:
        return ["" if i != final else text for i in range(len(years))]

    lines.append(_line(f"Taakstelling ({scenario.final_year})", last_only(number(scenario.target))))
    lines.append(_line("Verschil (totaal − taakstelling)", last_only(signed(scenario.difference))))
    lines.append(_line("Dekking van de taakstelling", last_only(percent(scenario.coverage))))
    lines += ["", "Berekening per maatregel (structureel bedrag):"]
    for measure in scenario.measures:
        lines.append(f"  {measure.number}. {derivation_text(measure)}")
        lines.append(f"     fasering: {_phasing(measure)}; basis uit {measure.derivation.source}")
    lines += ["", f"Afronding: {scenario.rounding_rule}", ""]
    if scenario.overrides:
        lines.append("Wijzigingen voor deze berekening (--set), niet in de werkmap:")
        for o in scenario.overrides:
            lines.append(
                f"  {o.text}: maatregel {o.number}, {o.field_name} {_value(o.old)} → {_value(o.new)}"
            )
    else:
        lines.append("Geen wijzigingen (--set): alle waarden komen uit de werkmap.")
    for note in scenario.notes:
        lines.append(f"Let op: {note}")
    return "\n".join(lines) + "\n"


def _phasing(measure: Measure) -> str:
    return ", ".join(f"{year} {exact(share)}%" for year, share in measure.phase.items())
