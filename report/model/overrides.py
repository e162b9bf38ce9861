"""What-if changes to the savings measures, given on the command line as NR.VELD=WAARDE.

An override replaces one cell of the Besparingsmaatregelen sheet for one run, so policy staff
can try "what if measure 1 saved 40%" without editing the finance workbook. The scenario
lists every override in force next to its result.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from report.inputs.cells import parse_number
from report.inputs.contract import RULE_AMOUNT, RULE_FIXED, RULE_FTE, RULE_LINE, RULES, normalise

PHASE = "fasering"
# field name on the command line -> column of the Besparingsmaatregelen sheet
FIELDS = {
    "percentage": "Percentage",
    "bedrag": "Bedrag",
    "fte": "Aantal fte",
    "kosten_per_fte": "Kosten per fte",
    "begrotingsregel": "Begrotingsregel",
    "rekenregel": "Rekenregel",
}
TEXT_FIELDS = ("Begrotingsregel",)
RULE_NAMES = {
    **{normalise(rule): rule for rule in RULES},
    "begrotingsregel": RULE_LINE,
    "bedrag": RULE_AMOUNT,
    "fte": RULE_FTE,
    "vast": RULE_FIXED,
}
EXAMPLE = "bijv. 1.percentage=40 of 2.fasering.2021=75"


class OverrideError(ValueError):
    """An override that cannot be applied; the message is Dutch and names the override."""


@dataclass(frozen=True)
class Override:
    text: str  # as given, e.g. "1.percentage=40"
    number: int  # the measure's Nr
    field: str | int  # a column header of the sheet, or a phase-in year
    value: Decimal | str | None  # None empties the cell

    @property
    def field_name(self) -> str:
        return f"fasering {self.field}" if isinstance(self.field, int) else self.field.lower()


@dataclass(frozen=True)
class AppliedOverride:
    """An override in force, with the workbook's value it replaced."""

    text: str
    number: int
    field_name: str
    old: Decimal | str | None
    new: Decimal | str | None


def fields_help() -> str:
    return ", ".join([*FIELDS, f"{PHASE}.JAAR"])


def parse_override(text: str) -> Override:
    """'1.percentage=40' -> Override(1, 'Percentage', Decimal(40)); Dutch error otherwise."""
    given = text.strip()
    target, equals, raw = given.partition("=")
    number_text, dot, field_text = target.strip().partition(".")
    if not equals or not dot:
        raise OverrideError(
            f"'{given}' is geen geldige wijziging; schrijf NR.VELD=WAARDE, {EXAMPLE}"
        )
    if not number_text.strip().isdigit() or int(number_text) < 1:
        raise OverrideError(
            f"'{given}': '{number_text.strip()}' is geen maatregelnummer (1, 2, 3, ...)"
        )
    number = int(number_text)
    name = field_text.strip().lower().replace(" ", "_").replace("-", "_")
    value_text = raw.strip()
    if name.startswith(f"{PHASE}."):
        year_text = name.removeprefix(f"{PHASE}.")
        if not year_text.isdigit():
            raise OverrideError(f"'{given}': '{year_text}' is geen jaartal; {EXAMPLE}")
        if not value_text:
            raise OverrideError(f"'{given}': de fasering mag niet leeg zijn; vul een percentage in")
        return Override(given, number, int(year_text), _number(given, value_text))
    if name not in FIELDS:
        raise OverrideError(
            f"'{given}': onbekend veld '{field_text.strip()}'; kies uit: {fields_help()}"
        )
    column = FIELDS[name]
    if not value_text:
        if column == "Rekenregel":
            raise OverrideError(f"'{given}': de rekenregel mag niet leeg zijn")
        return Override(given, number, column, None)
    if column in TEXT_FIELDS:
        return Override(given, number, column, " ".join(value_text.split()))
    if column == "Rekenregel":
        rule = RULE_NAMES.get(normalise(value_text))
        if rule is None:
            choices = "; ".join(RULES)
            raise OverrideError(
                f"'{given}': onbekende rekenregel '{value_text}'; kies uit: {choices}"
            )
        return Override(given, number, column, rule)
    return Override(given, number, column, _number(given, value_text))


def _number(given: str, text: str) -> Decimal:
    cleaned = text.removesuffix("%").strip()
    parsed = parse_number(cleaned, "getal")
    if parsed.problem or parsed.value is None:
        raise OverrideError(
            f"'{given}': '{text}' is geen getal (schrijf bijv. 40, 4.100 of 160,78)"
        )
    if parsed.value < 0:
        raise OverrideError(f"'{given}': de waarde mag niet negatief zijn")
    return parsed.value
