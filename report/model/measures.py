"""One savings measure: its typed record, the budget line it saves on, and its structural saving.

The Besparingsmaatregelen sheet arrives as generic records (the reader has checked each cell's
kind); here each becomes a `MeasureRecord` with one typed field per column, what-if overrides
are written into it, and `derive` computes its structural saving by its rule (exact, Decimal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from report.inputs.contract import (
    RULE_AMOUNT,
    RULE_FIXED,
    RULE_FTE,
    RULE_LINE,
    Role,
    Rule,
    normalise,
)
from report.inputs.tables import Record, RecordTable, TableRow, YearTable
from report.model.overrides import AppliedOverride, Override, OverrideError
from report.model.traced import year_count
from report.provenance import Traced, constant, product
from report.provenance import cell as traced_cell
from report.provenance import percentage as percent_of

# column of the sheet -> field of MeasureRecord
FIELDS = {
    "Nr": "number",
    "Maatregel": "name",
    "Rekenregel": "rule",
    "Percentage": "percentage",
    "Begrotingsregel": "budget_line",
    "Bedrag": "amount",
    "Aantal fte": "fte",
    "Kosten per fte": "cost_per_fte",
    "Toelichting basis": "basis",
    "Uitvoerder": "executor",
    "Omschrijving": "description",
    "Gevolgen": "consequences",
}
# the parameters each rule needs
NEEDS = {
    RULE_LINE: ("Percentage", "Begrotingsregel"),
    RULE_AMOUNT: ("Percentage", "Bedrag"),
    RULE_FTE: ("Aantal fte", "Kosten per fte"),
    RULE_FIXED: ("Bedrag",),
}
PARAMETERS = ("Percentage", "Bedrag", "Aantal fte", "Kosten per fte")


@dataclass(frozen=True)
class MeasureRecord:
    """One row of the Besparingsmaatregelen sheet, typed."""

    number: int
    name: str
    rule: Rule | None  # None: not a rule the contract knows (the checks report it)
    percentage: Decimal | None
    budget_line: str
    amount: Decimal | None  # x € 1.000
    fte: Decimal | None
    cost_per_fte: Decimal | None  # x € 1.000 per fte per year
    basis: str
    executor: str
    description: str
    consequences: str
    phase: dict[int, Decimal | None]  # year -> share of the structural saving (%)
    excel_row: int

    def get(self, column: str) -> Decimal | str | int | None:
        """The value of a column of the sheet (None or "" when empty)."""
        value: Decimal | str | int | None = getattr(self, FIELDS[column])
        return value

    def given(self, column: str) -> bool:
        return self.get(column) not in (None, "")


def measure_record(record: Record) -> MeasureRecord:
    values = record.values

    def number(column: str) -> Decimal | None:
        value = values.get(column)
        return Decimal(value) if isinstance(value, (int, Decimal)) else None

    def text(column: str) -> str:
        value = values.get(column)
        return value if isinstance(value, str) else ""

    nr = values.get("Nr")
    return MeasureRecord(
        number=nr if isinstance(nr, int) else 0,
        name=text("Maatregel") or f"maatregel {nr}",
        rule=_rule(text("Rekenregel")),
        percentage=number("Percentage"),
        budget_line=text("Begrotingsregel"),
        amount=number("Bedrag"),
        fte=number("Aantal fte"),
        cost_per_fte=number("Kosten per fte"),
        basis=text("Toelichting basis"),
        executor=text("Uitvoerder"),
        description=text("Omschrijving"),
        consequences=text("Gevolgen"),
        phase={year: _phase(value) for year, value in record.phase.items()},
        excel_row=record.excel_row,
    )


def _rule(text: str) -> Rule | None:
    """The rule named in the cell (the reader has checked it against the contract's choices)."""
    return next((rule for rule in Rule if normalise(rule) == normalise(text)), None)


def _phase(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def apply_overrides(
    records: Sequence[MeasureRecord], table: RecordTable, overrides: Sequence[Override]
) -> tuple[list[MeasureRecord], list[AppliedOverride]]:
    """The records with the what-if overrides written into them, and what each replaced."""
    result = list(records)
    numbers = [r.number for r in result]
    applied = []
    for override in overrides:
        if override.number not in numbers:
            known = ", ".join(str(n) for n in numbers)
            raise OverrideError(
                f"'{override.text}': maatregel {override.number} bestaat niet; "
                f"de werkmap heeft maatregel {known}"
            )
        index = numbers.index(override.number)
        record = result[index]
        old: Decimal | str | int | None
        if isinstance(override.field, int):
            if override.field not in record.phase:
                years = ", ".join(str(y) for y in table.years)
                raise OverrideError(
                    f"'{override.text}': {override.field} is geen jaar van de fasering ({years})"
                )
            old = record.phase[override.field]
            new_value = override.value if isinstance(override.value, Decimal) else None
            record = replace(record, phase={**record.phase, override.field: new_value})
        else:
            old = record.get(override.field)
            empty = "" if FIELDS[override.field] == "budget_line" else None
            value = empty if override.value is None else override.value
            if FIELDS[override.field] == "rule":
                value = _rule(str(value))  # parse_override has accepted only known rules
            change: dict[str, Any] = {FIELDS[override.field]: value}  # a column's typed field
            record = replace(record, **change)
        result[index] = record
        applied.append(
            AppliedOverride(
                override.text,
                override.number,
                override.field_name,
                old if not isinstance(old, int) else Decimal(old),
                override.value,
            )
        )
    return result, applied


class BudgetLines:
    """The component lines of the programme and apparatus sheets, found by name."""

    def __init__(self, programma: YearTable, apparaat: YearTable):
        self.apparaat = apparaat
        self.by_name: dict[str, tuple[YearTable, TableRow]] = {}
        for source in (programma, apparaat):
            for row in source.rows:
                if row.role is Role.COMPONENT:
                    self.by_name.setdefault(normalise(row.label), (source, row))

    def find(self, name: str) -> tuple[YearTable, TableRow] | None:
        return self.by_name.get(normalise(name))

    def names(self) -> str:
        return ", ".join(row.label for _, row in self.by_name.values())


@dataclass(frozen=True)
class Derivation:
    """How a measure's structural saving follows from its rule, for the text and for audit.

    Every number is traced: a parameter to its cell of the sheet (or to the --set what-if that
    replaced it), the saving to the computation on them.
    """

    rule: Rule
    structural: Traced  # exact, x € 1.000
    percentage: Traced | None = None
    base_label: str = ""  # e.g. "REAN-regeling 2022", "opgegeven bedrag"
    base_amount: Traced | None = None  # x € 1.000
    fte: Traced | None = None
    cost_per_fte: Traced | None = None  # x € 1.000 per fte per year
    source: str = ""  # file › sheet › cell of the base amount


def derive(
    record: MeasureRecord,
    line: tuple[YearTable, TableRow] | None,
    reference: int,
    table: RecordTable,
) -> Derivation:
    """The structural saving by the record's rule; its parameters have been checked."""

    def source(column: str) -> str:
        return f"{table.origin.file} › {table.origin.sheet} › {cell(table, record, column)}"

    def need(column: str) -> Traced:
        value = record.get(column)
        if not isinstance(value, Decimal):  # pragma: no cover - the checks refuse this
            raise ValueError(f"maatregel {record.number}: parameter ontbreekt")
        return parameter(table, record, column, value)

    if record.rule == RULE_LINE and line is not None:
        sheet, row = line
        base = year_count(sheet, row, reference)
        percentage = need("Percentage")
        return Derivation(
            RULE_LINE,
            percent_of(percentage, base),
            percentage=percentage,
            base_label=f"{row.label} {reference}",
            base_amount=base,
            source=f"{sheet.origin.file} › {sheet.origin.sheet} › {sheet.cell(row, reference)}",
        )
    if record.rule == RULE_AMOUNT:
        base, percentage = need("Bedrag"), need("Percentage")
        return Derivation(
            RULE_AMOUNT,
            percent_of(percentage, base),
            percentage=percentage,
            base_label="opgegeven bedrag",
            base_amount=base,
            source=source("Bedrag"),
        )
    if record.rule == RULE_FTE:
        fte, cost = need("Aantal fte"), need("Kosten per fte")
        return Derivation(
            RULE_FTE,
            product(fte, cost),
            fte=fte,
            cost_per_fte=cost,
            base_label="fte maal kosten per fte",
            source=source("Aantal fte"),
        )
    amount = need("Bedrag")
    return Derivation(
        RULE_FIXED, amount, base_label="vast bedrag", base_amount=amount, source=source("Bedrag")
    )


def parameter(
    table: RecordTable, record: MeasureRecord, column: str | int, value: Decimal
) -> Traced:
    """A parameter of a measure: its cell, or the --set what-if that replaced the cell's value."""
    raw = next((r for r in table.records if r.excel_row == record.excel_row), None)
    if raw is not None:
        found = raw.phase.get(column) if isinstance(column, int) else raw.values.get(column)
        if isinstance(found, (int, Decimal)) and Decimal(found) == value:
            origin = table.origin
            return traced_cell(value, origin.file, origin.sheet, cell(table, record, column))
    return constant(value, f"wat-als-waarde voor maatregel {record.number} (--set)")


def cell(table: RecordTable, record: MeasureRecord, column: str | int) -> str:
    """The sheet cell of a record's column or phase-in year ("rij N" if the sheet lacks it)."""
    known = column in (table.year_columns if isinstance(column, int) else table.columns)
    if not known:
        return f"rij {record.excel_row}"
    letter = table.year_columns[column] if isinstance(column, int) else table.columns[column]
    return f"{letter}{record.excel_row}"
