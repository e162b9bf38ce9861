"""The -20% variant (RPE 2015 art. 3 lid 2 sub g): base, target, measures, phase-in, coverage.

Base = programme spending of article 37.3 (plus DT&V apparatus costs, if editie.yml says so)
in the reference year; target = the savings percentage of that base. Each measure's
structural saving follows one of four rules and is kept exact (Decimal). The yearly amount
of a measure is its structural saving times the phase-in share of that year, rounded to whole
x € 1.000 half away from zero; a year's total is the sum of the rounded amounts shown, so the
table always adds up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from report.inputs.edition import BASES, Edition
from report.inputs.tables import Origin, RecordTable, YearTable
from report.model.budget import APPARATUS, PROGRAMME, total_in
from report.model.measure_checks import MeasureChecks
from report.model.measures import (
    BudgetLines,
    Derivation,
    MeasureRecord,
    apply_overrides,
    derive,
    measure_record,
)
from report.model.overrides import AppliedOverride, Override
from report.model.shares import share
from report.numbers import whole
from report.problems import Note

ROUNDING_RULE = (
    "Bedragen per jaar zijn het structurele bedrag maal het faseringspercentage, afgerond op "
    "hele duizenden euro's (een half naar boven); het totaal is de som van de afgeronde bedragen."
)


@dataclass(frozen=True)
class Measure:
    number: int
    name: str
    derivation: Derivation
    phase: dict[int, Decimal]  # year -> share of the structural saving (%)
    amounts: dict[int, int]  # year -> saving in whole x € 1.000 (rounded)
    budget_line: str = ""  # the budget line the saving comes from, if known
    basis: str = ""  # the workbook's "Toelichting basis"
    executor: str = ""
    description: str = ""  # what the measure is, in the workbook's words
    consequences: str = ""
    cell: str = ""  # where the measure is: file › sheet › row

    @property
    def structural(self) -> Decimal:
        return self.derivation.structural

    @property
    def label(self) -> str:
        return f"{self.number}. {self.name}"


@dataclass(frozen=True)
class BasePart:
    label: str
    amount: int  # x € 1.000, computed from the sheet's lines
    source: str  # file › sheet › cell range


@dataclass(frozen=True)
class Scenario:
    percentage: int
    reference_year: int
    years: tuple[int, ...]
    basis: str  # "programma" | "programma+apparaat"
    basis_text: str  # the base in words
    base_parts: tuple[BasePart, ...]
    base: int
    target_exact: Decimal
    target: int
    measures: tuple[Measure, ...]
    totals: dict[int, int]  # sum of the rounded amounts per year
    final_year: int
    difference: int  # total − target in the final year (positive: more than the target)
    coverage: Decimal  # total as % of the target in the final year (exact)
    overrides: tuple[AppliedOverride, ...] = ()
    sources: tuple[Origin, ...] = ()
    notes: tuple[Note, ...] = ()
    rounding_rule: str = ROUNDING_RULE

    @property
    def final_total(self) -> int:
        return self.totals[self.final_year]


def build_scenario(
    edition: Edition,
    programma: YearTable,
    apparaat: YearTable,
    maatregelen: RecordTable,
    overrides: Sequence[Override] = (),
) -> Scenario:
    """Validate the measures, then compute; InputError (workbook) or OverrideError (--set)."""
    reference = edition.savings.reference_year
    parts = [BasePart(PROGRAMME, total_in(programma, reference), str(programma.origin))]
    if edition.savings.base == "programma+apparaat":
        parts.append(BasePart(APPARATUS, total_in(apparaat, reference), str(apparaat.origin)))
    base = sum(p.amount for p in parts)
    records = [measure_record(r) for r in maatregelen.records]
    records, applied = apply_overrides(records, maatregelen, overrides)
    checks = MeasureChecks(edition, programma, apparaat, maatregelen, base)
    checks.check(records)
    checks.raise_issues(overrides)
    lines = BudgetLines(programma, apparaat)
    measures = tuple(_measure(r, lines, reference, maatregelen) for r in records)
    target_exact = Decimal(edition.savings.percentage) * base / 100
    target = whole(target_exact)
    years = tuple(maatregelen.years)
    totals = {y: sum(m.amounts[y] for m in measures) for y in years}
    final = years[-1]
    on_apparatus = any(
        (found := lines.find(r.budget_line)) is not None and found[0] is apparaat
        for r in records
        if r.budget_line
    )
    return Scenario(
        percentage=edition.savings.percentage,
        reference_year=reference,
        years=years,
        basis=edition.savings.base,
        basis_text=BASES[edition.savings.base],
        base_parts=tuple(parts),
        base=base,
        target_exact=target_exact,
        target=target,
        measures=measures,
        totals=totals,
        final_year=final,
        difference=totals[final] - target,
        coverage=share(totals[final], target) or Decimal(0),
        overrides=tuple(applied),
        sources=(maatregelen.origin, programma.origin)
        + ((apparaat.origin,) if len(parts) > 1 or on_apparatus else ()),
        notes=tuple(checks.notes),
    )


def _measure(
    record: MeasureRecord, lines: BudgetLines, reference: int, table: RecordTable
) -> Measure:
    """One checked measure: its derivation and its rounded amount per phase-in year."""
    line = lines.find(record.budget_line) if record.budget_line else None
    derivation = derive(record, line, reference, table)
    phase = {year: share_ or Decimal(0) for year, share_ in record.phase.items()}
    return Measure(
        number=record.number,
        name=record.name,
        derivation=derivation,
        phase=phase,
        amounts={year: whole(derivation.structural * p / 100) for year, p in phase.items()},
        budget_line=line[1].label if line else "",
        basis=record.basis,
        executor=record.executor,
        description=record.description,
        consequences=record.consequences,
        cell=f"{table.origin.file} › {table.origin.sheet} › rij {record.excel_row}",
    )
