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

from report.cited import Cited, cite
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
    parameter,
)
from report.model.overrides import AppliedOverride, Override
from report.problems import Note
from report.provenance import ZERO, Traced, constant, rounded, setting, share, total
from report.provenance import percentage as percentage_of

ROUNDING_RULE = (
    "Bedragen per jaar zijn het structurele bedrag maal het faseringspercentage, afgerond op "
    "hele duizenden euro's (een half naar boven); het totaal is de som van de afgeronde bedragen."
)


@dataclass(frozen=True)
class Measure:
    number: int
    name: str
    derivation: Derivation
    phase: dict[int, Traced]  # year -> share of the structural saving (%), its cell
    amounts: dict[int, Traced]  # year -> saving in whole x € 1.000 (rounded)
    budget_line: str = ""  # the budget line the saving comes from, if known
    basis: str = ""  # the workbook's "Toelichting basis"
    executor: str = ""
    description: str = ""  # what the measure is, in the workbook's words
    consequences: str = ""
    cell: str = ""  # where the measure is: file › sheet › row
    number_cell: Traced | None = None  # the measure's number in its Nr cell

    @property
    def structural(self) -> Traced:
        return self.derivation.structural

    @property
    def label(self) -> Cited:
        """'1. Het beperken van de REAN-bijdrage', its number traced to the Nr cell."""
        number = self.number_cell or constant(self.number, "nummer van de maatregel")
        return cite("{number}. {name}", number=number, name=self.name)


@dataclass(frozen=True)
class BasePart:
    label: str
    amount: Traced  # x € 1.000, computed from the sheet's lines
    source: str  # file › sheet › cell range


@dataclass(frozen=True)
class Scenario:
    percentage: Traced  # editie.yml › besparing › percentage
    reference_year: int
    years: tuple[int, ...]
    basis: str  # "programma" | "programma+apparaat"
    basis_text: str  # the base in words
    base_parts: tuple[BasePart, ...]
    base: Traced
    target_exact: Traced
    target: Traced
    measures: tuple[Measure, ...]
    totals: dict[int, Traced]  # sum of the rounded amounts per year
    final_year: int
    difference: Traced  # total − target in the final year (positive: more than the target)
    coverage: Traced  # total as % of the target in the final year (exact)
    overrides: tuple[AppliedOverride, ...] = ()
    sources: tuple[Origin, ...] = ()
    notes: tuple[Note, ...] = ()
    rounding_rule: str = ROUNDING_RULE

    @property
    def final_total(self) -> Traced:
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
    base = total(p.amount for p in parts)
    records = [measure_record(r) for r in maatregelen.records]
    records, applied = apply_overrides(records, maatregelen, overrides)
    checks = MeasureChecks(edition, programma, apparaat, maatregelen, int(base))
    checks.check(records)
    checks.raise_issues(overrides)
    lines = BudgetLines(programma, apparaat)
    measures = tuple(_measure(r, lines, reference, maatregelen) for r in records)
    percentage = setting(edition.savings.percentage, "besparing", "percentage")
    target_exact = percentage_of(percentage, base)
    target = rounded(target_exact)
    years = tuple(maatregelen.years)
    totals = {y: total(m.amounts[y] for m in measures) for y in years}
    final = years[-1]
    on_apparatus = any(
        (found := lines.find(r.budget_line)) is not None and found[0] is apparaat
        for r in records
        if r.budget_line
    )
    return Scenario(
        percentage=percentage,
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
        coverage=share(totals[final], target),
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
    phase_cells = {
        year: ZERO if share_ is None else parameter(table, record, year, share_)
        for year, share_ in record.phase.items()
    }
    return Measure(
        number=record.number,
        name=record.name,
        derivation=derivation,
        phase=phase_cells,
        amounts={
            year: rounded(percentage_of(cell, derivation.structural))
            for year, cell in phase_cells.items()
        },
        budget_line=line[1].label if line else "",
        basis=record.basis,
        executor=record.executor,
        description=record.description,
        consequences=record.consequences,
        cell=f"{table.origin.file} › {table.origin.sheet} › rij {record.excel_row}",
        number_cell=parameter(table, record, "Nr", Decimal(record.number)),
    )
