"""Excel's own checks on the template's input cells (data validation), with Dutch help.

Each rule shows finance what a cell takes while they type and refuses what does not fit, before
the workbook ever reaches the reader. The reader checks every cell again (`cells`): a rule in
Excel can be lifted or bypassed by pasting.
"""

from __future__ import annotations

from typing import Literal

from openpyxl.worksheet.datavalidation import DataValidation

from report.inputs import contract
from report.inputs.cells import NOT_AVAILABLE
from report.inputs.contract import Column, ColumnKind, YearSheet

_Kind = Literal["whole", "decimal", "list", "textLength", "custom"]
_Operator = Literal["between", "lessThanOrEqual", "greaterThanOrEqual"]


def rule(
    kind: _Kind,
    prompt: str,
    error: str,
    operator: _Operator | None = None,
    formula1: str | None = None,
    formula2: str | None = None,
) -> DataValidation:
    """Excel's own check of a cell, with the Dutch help it shows and the message it refuses with."""
    check = DataValidation(
        type=kind, operator=operator, formula1=formula1, formula2=formula2, allow_blank=True
    )
    check.showInputMessage = check.showErrorMessage = True
    check.errorStyle = "stop"
    check.promptTitle, check.prompt = "Invullen", prompt[:255]
    check.errorTitle, check.error = "Deze waarde past hier niet", error[:255]
    return check


def amount_rule(spec: YearSheet, top_left: str) -> DataValidation:
    """Amounts and counts whole and not negative (or n.b. where allowed); percentages 0–100."""
    if spec.unit == contract.PERCENT:
        return rule(
            "decimal",
            "Een percentage van 0 tot 100: typ 63 voor 63%.",
            "Typ een percentage van 0 tot 100 (63 voor 63%).",
            operator="between",
            formula1="0",
            formula2="100",
        )
    what = "bedrag (x € 1.000)" if spec.unit == contract.EURO else "aantal"
    if spec.gaps_allowed:
        return rule(
            "custom",
            f"Een heel {what}, 0 of groter. Bestaat het bedrag niet, typ dan {NOT_AVAILABLE} en "
            "leg het uit in Toelichting.",
            f"Typ een heel {what} (0 of groter) of {NOT_AVAILABLE}.",
            formula1=f"OR(AND(ISNUMBER({top_left}),{top_left}>=0,{top_left}=INT({top_left})),"
            f'{top_left}="{NOT_AVAILABLE}")',
        )
    return rule(
        "whole",
        f"Een heel {what}, 0 of groter.",
        f"Typ een heel {what}, 0 of groter.",
        operator="greaterThanOrEqual",
        formula1="0",
    )


def column_rule(column: Column) -> DataValidation:
    """Excel's check for one named column, by its kind."""
    help_text = column.help or column.header
    if column.kind is ColumnKind.YESNO:
        return rule("list", help_text, "Kies ja of nee.", formula1='"ja,nee"')
    if column.kind is ColumnKind.CHOICE:
        return rule(
            "list",
            help_text,
            "Kies een van de waarden uit de lijst.",
            formula1='"' + ",".join(column.choices) + '"',
        )
    if column.kind is ColumnKind.PERCENT:
        return rule(
            "decimal",
            f"{help_text} Typ 30 voor 30%.",
            "Typ een percentage van 0 tot 100 (30 voor 30%).",
            operator="between",
            formula1="0",
            formula2="100",
        )
    if column.kind is ColumnKind.INT:
        return rule(
            "whole",
            help_text,
            "Typ een heel getal, 0 of groter.",
            operator="greaterThanOrEqual",
            formula1="0",
        )
    if column.kind is ColumnKind.NUMBER:
        return rule(
            "decimal",
            help_text,
            "Typ een getal, 0 of groter.",
            operator="greaterThanOrEqual",
            formula1="0",
        )
    return rule(
        "textLength", help_text, "De tekst is te lang.", operator="lessThanOrEqual", formula1="2000"
    )


def status_rule() -> DataValidation:
    """The Status row: each year realisatie or begroting."""
    return rule(
        "list",
        "realisatie of begroting",
        "Kies realisatie of begroting.",
        formula1='"realisatie,begroting"',
    )


def phase_rule() -> DataValidation:
    """A phase-in year of a savings measure: a percentage of its structural saving."""
    return rule(
        "decimal",
        "Fasering: het deel van het structurele bedrag dat dit jaar wordt bespaard, van 0 tot "
        "100 (typ 25 voor 25%).",
        "Typ een percentage van 0 tot 100 (25 voor 25%).",
        operator="between",
        formula1="0",
        formula2="100",
    )
