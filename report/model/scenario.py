"""The -20% variant (RPE 2015 art. 3 lid 2 sub g): base, target, measures, phase-in, coverage.

Base = programme spending of article 37.3 (plus DT&V apparatus costs, if editie.yml says so)
in the reference year; target = the savings percentage of that base. Each measure's
structural saving follows one of four rules and is kept exact (Decimal). The yearly amount
of a measure is its structural saving times the phase-in share of that year, rounded to whole
x € 1.000 half away from zero; a year's total is the sum of the rounded amounts shown, so the
table always adds up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from report.inputs.contract import (
    RULE_AMOUNT,
    RULE_FIXED,
    RULE_FTE,
    RULE_LINE,
    Role,
    normalise,
)
from report.inputs.edition import BASES, Edition
from report.inputs.tables import Origin, Record, RecordTable, TableRow, YearTable
from report.model.budget import APPARATUS, PROGRAMME, total_in
from report.model.overrides import AppliedOverride, Override, OverrideError
from report.model.shares import share
from report.numbers import exact, number, whole
from report.problems import InputError, Note, Problem

# The parameters each rule needs (columns of the Besparingsmaatregelen sheet)
NEEDS = {
    RULE_LINE: ("Percentage", "Begrotingsregel"),
    RULE_AMOUNT: ("Percentage", "Bedrag"),
    RULE_FTE: ("Aantal fte", "Kosten per fte"),
    RULE_FIXED: ("Bedrag",),
}
PARAMETERS = ("Percentage", "Bedrag", "Aantal fte", "Kosten per fte")
ROUNDING_RULE = (
    "Bedragen per jaar zijn het structurele bedrag maal het faseringspercentage, afgerond op "
    "hele duizenden euro's (een half naar boven); het totaal is de som van de afgeronde bedragen."
)


@dataclass(frozen=True)
class Derivation:
    """How a measure's structural saving follows from its rule, for the text and for audit."""

    rule: str
    structural: Decimal  # exact, x € 1.000
    percentage: Decimal | None = None
    base_label: str = ""  # e.g. "REAN-regeling 2022", "opgegeven bedrag"
    base_amount: Decimal | None = None  # x € 1.000
    fte: Decimal | None = None
    cost_per_fte: Decimal | None = None  # x € 1.000 per fte per year
    source: str = ""  # file › sheet › cell of the base amount


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


@dataclass(frozen=True)
class _Issue:
    """A problem with a measure, before we know whether the workbook or an override caused it."""

    cell: str  # where to point in the sheet
    message: str
    involved: frozenset = field(default_factory=frozenset)  # (Nr, column) pairs behind it


def build_scenario(
    edition: Edition,
    programma: YearTable,
    apparaat: YearTable,
    maatregelen: RecordTable,
    overrides: Sequence[Override] = (),
) -> Scenario:
    """Compute the scenario; raise InputError (workbook) or OverrideError (--set) on problems."""
    records, applied = _apply(maatregelen, overrides)
    checker = _Checker(edition, programma, apparaat, maatregelen)
    measures = [checker.measure(record) for record in records]
    checker.check_years()
    checker.check_numbers(records)
    checker.check_shared_lines(records, measures)
    checker.raise_issues(overrides)
    reference = edition.savings.reference_year
    parts = [BasePart(PROGRAMME, total_in(programma, reference), str(programma.origin))]
    if edition.savings.base == "programma+apparaat":
        parts.append(BasePart(APPARATUS, total_in(apparaat, reference), str(apparaat.origin)))
    base = sum(p.amount for p in parts)
    target_exact = Decimal(edition.savings.percentage) * base / 100
    target = whole(target_exact)
    years = tuple(maatregelen.years)
    totals = {y: sum(m.amounts[y] for m in measures if m is not None) for y in years}
    final = years[-1]
    coverage = share(totals[final], target) or Decimal(0)
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
        measures=tuple(m for m in measures if m is not None),
        totals=totals,
        final_year=final,
        difference=totals[final] - target,
        coverage=coverage,
        overrides=tuple(applied),
        sources=(maatregelen.origin, programma.origin)
        + ((apparaat.origin,) if len(parts) > 1 or checker.uses(apparaat) else ()),
        notes=tuple(checker.notes),
    )


def _apply(
    table: RecordTable, overrides: Sequence[Override]
) -> tuple[list[Record], list[AppliedOverride]]:
    """The sheet's records with the overrides written into them."""
    records = list(table.records)
    numbers = [r.values.get("Nr") for r in records]
    applied = []
    for override in overrides:
        if override.number not in numbers:
            known = ", ".join(str(n) for n in numbers if n is not None)
            raise OverrideError(
                f"'{override.text}': maatregel {override.number} bestaat niet; "
                f"de werkmap heeft maatregel {known}"
            )
        index = numbers.index(override.number)
        record = records[index]
        if isinstance(override.field, int):
            if override.field not in record.phase:
                years = ", ".join(str(y) for y in table.years)
                raise OverrideError(
                    f"'{override.text}': {override.field} is geen jaar van de fasering ({years})"
                )
            old = record.phase[override.field]
            record = Record(
                record.values, {**record.phase, override.field: override.value}, record.excel_row
            )
        else:
            old = record.values.get(override.field)
            record = Record(
                {**record.values, override.field: override.value}, record.phase, record.excel_row
            )
        records[index] = record
        applied.append(
            AppliedOverride(
                override.text, override.number, override.field_name, old, override.value
            )
        )
    return records, applied


class _Checker:
    """Validates the measures and computes each one's derivation and yearly amounts."""

    def __init__(
        self, edition: Edition, programma: YearTable, apparaat: YearTable, table: RecordTable
    ):
        self.edition = edition
        self.table = table
        self.reference = edition.savings.reference_year
        self.lines: dict[str, tuple[YearTable, TableRow]] = {}
        for source in (programma, apparaat):
            for row in source.rows:
                if row.role is Role.COMPONENT:
                    self.lines.setdefault(normalise(row.label), (source, row))
        self.issues: list[_Issue] = []
        self.notes: list[Note] = []
        self.used_lines: set[str] = set()

    def uses(self, table: YearTable) -> bool:
        """Whether a measure saves on a line of `table` (then it is a source of the result)."""
        return any(self.lines[key][0] is table for key in self.used_lines if key in self.lines)

    # -- findings -------------------------------------------------------------------------
    def issue(self, record: Record, column: str | int, message: str, *involved) -> None:
        """A problem at the measure's cell in `column`.

        `involved` names the other cells behind it: a column of this measure, or a
        (Nr, column) pair of another one. An override of any of them makes it the override's
        problem rather than the workbook's.
        """
        nr = record.values.get("Nr")
        known = column in (
            self.table.year_columns if isinstance(column, int) else self.table.columns
        )
        cell = self.table.cell(record, column) if known else f"rij {record.excel_row}"
        pairs = {c if isinstance(c, tuple) else (nr, c) for c in (column, *involved)}
        self.issues.append(_Issue(cell, message, frozenset(pairs)))

    def raise_issues(self, overrides: Sequence[Override]) -> None:
        overridden = {(o.number, o.field) for o in overrides}
        by_override = [i for i in self.issues if i.involved & overridden]
        from_workbook = [i for i in self.issues if not i.involved & overridden]
        if from_workbook:
            raise InputError([self._problem(i) for i in from_workbook])
        if by_override:
            lines = []
            for issue in by_override:
                texts = [o.text for o in overrides if (o.number, o.field) in issue.involved]
                lines.append(f"'{', '.join(texts)}': {issue.message}")
            raise OverrideError("\n".join(lines))

    def _problem(self, issue: _Issue) -> Problem:
        return Problem(self.table.origin.file, self.table.origin.sheet, issue.cell, issue.message)

    def header_cell(self, year: int) -> str:
        """The header cell of a phase-in year (the header row starts the table's range)."""
        first = self.table.origin.cells.split(":")[0]
        return f"{self.table.year_columns[year]}{''.join(ch for ch in first if ch.isdigit())}"

    # -- the sheet as a whole -------------------------------------------------------------
    def check_years(self) -> None:
        """Phase-in years lie after the review and are the scenario years of editie.yml."""
        years, wanted = tuple(self.table.years), tuple(self.edition.savings.years)
        last = self.edition.last_year
        for year in years:
            if year <= last:
                self.issues.append(
                    _Issue(
                        self.header_cell(year),
                        f"faseringsjaar {year} ligt niet na de evaluatieperiode "
                        f"({self.edition.first_year}–{last})",
                    )
                )
        if years and years != wanted:
            shown = ", ".join(str(y) for y in years)
            self.issues.append(
                _Issue(
                    self.header_cell(years[0]),
                    f"de faseringsjaren ({shown}) zijn niet de scenariojaren uit editie.yml "
                    f"(besparing.jaren: {', '.join(str(y) for y in wanted)})",
                )
            )

    def check_numbers(self, records: Iterable[Record]) -> None:
        seen: dict[int, Record] = {}
        for record in records:
            nr = record.values.get("Nr")
            if nr in seen:
                self.issue(
                    record,
                    "Nr",
                    f"maatregelnummer {nr} staat ook al in rij {seen[nr].excel_row}; "
                    "geef elke maatregel een eigen nummer",
                )
            else:
                seen[nr] = record

    def check_shared_lines(
        self, records: Sequence[Record], measures: Sequence[Measure | None]
    ) -> None:
        """Measures that save on the same budget line may together not exceed that line."""
        by_line: dict[str, list[tuple[Record, Measure]]] = defaultdict(list)
        for record, measure in zip(records, measures, strict=True):
            if measure is not None and measure.budget_line:
                by_line[normalise(measure.budget_line)].append((record, measure))
        for key, pairs in by_line.items():
            if len(pairs) < 2:
                continue
            row = self.lines[key][1]
            available = row.values.get(self.reference) or 0
            together = sum((m.structural for _, m in pairs), Decimal(0))
            if together > available:
                names = " en ".join(str(m.number) for _, m in pairs)
                record = pairs[-1][0]
                involved = [
                    (m.number, c) for _, m in pairs for c in (*PARAMETERS, "Begrotingsregel")
                ]
                self.issue(
                    record,
                    "Begrotingsregel",
                    f"maatregelen {names} besparen samen {number(together)} op {row.label}; dat is "
                    f"meer dan de {number(available)} van {self.reference} (x € 1.000)",
                    *involved,
                )

    # -- one measure ----------------------------------------------------------------------
    def measure(self, record: Record) -> Measure | None:
        values = record.values
        nr, rule = values.get("Nr"), values.get("Rekenregel")
        name = values.get("Maatregel") or f"maatregel {nr}"
        before = len(self.issues)
        for column in NEEDS.get(rule, ()):
            if values.get(column) in (None, ""):
                self.issue(
                    record,
                    column,
                    f"maatregel {nr}: {column} ontbreekt; de rekenregel '{rule}' vraagt "
                    + " en ".join(NEEDS[rule]),
                    "Rekenregel",
                )
        for column in PARAMETERS:
            if values.get(column) is not None and column not in NEEDS.get(rule, ()):
                self.notes.append(
                    Note(
                        self.table.origin.file,
                        self.table.origin.sheet,
                        self.table.cell(record, column),
                        f"maatregel {nr}: {column} wordt bij de rekenregel '{rule}' niet gebruikt",
                    )
                )
        percentage = values.get("Percentage")
        if (
            percentage is not None
            and "Percentage" in NEEDS.get(rule, ())
            and not 0 <= percentage <= 100
        ):
            self.issue(
                record,
                "Percentage",
                f"maatregel {nr}: percentage {exact(percentage)} ligt niet tussen 0 en 100; "
                "een maatregel kan niet meer besparen dan zijn basis",
            )
        line = self._line(record)
        phase = self._phase(record)
        if len(self.issues) > before or phase is None:
            return None
        derivation = self._derive(record, line)
        if line is not None:
            available = line[1].values.get(self.reference) or 0
            if derivation.structural > available and rule != RULE_LINE:
                self.issue(
                    record,
                    "Begrotingsregel",
                    f"maatregel {nr} bespaart {number(derivation.structural)}, meer dan de "
                    f"{number(available)} van {line[1].label} in {self.reference} (x € 1.000)",
                    *PARAMETERS,
                    "Rekenregel",
                )
                return None
        amounts = {
            year: whole(derivation.structural * share_ / 100) for year, share_ in phase.items()
        }
        if line is not None:
            self.used_lines.add(normalise(line[1].label))
        return Measure(
            number=nr,
            name=name,
            derivation=derivation,
            phase=phase,
            amounts=amounts,
            budget_line=line[1].label if line else "",
            basis=values.get("Toelichting basis") or "",
            executor=values.get("Uitvoerder") or "",
            description=values.get("Omschrijving") or "",
            consequences=values.get("Gevolgen") or "",
            cell=f"{self.table.origin.file} › {self.table.origin.sheet} › rij {record.excel_row}",
        )

    def _line(self, record: Record) -> tuple[YearTable, TableRow] | None:
        name = record.values.get("Begrotingsregel")
        if not name:
            return None
        found = self.lines.get(normalise(name))
        nr = record.values.get("Nr")
        if found is None:
            known = ", ".join(row.label for _, row in self.lines.values())
            self.issue(
                record,
                "Begrotingsregel",
                f"maatregel {nr}: onbekende begrotingsregel '{name}'; kies uit: {known}",
            )
            return None
        if found[1].values.get(self.reference) is None:
            self.issue(
                record,
                "Begrotingsregel",
                f"maatregel {nr}: begrotingsregel '{found[1].label}' heeft geen bedrag in "
                f"{self.reference} (blad {found[0].origin.sheet})",
            )
            return None
        return found

    def _phase(self, record: Record) -> dict[int, Decimal] | None:
        nr = record.values.get("Nr")
        phase: dict[int, Decimal] = {}
        previous: tuple[int, Decimal] | None = None
        ok = True
        for year in self.table.years:
            value = record.phase.get(year)
            if value is None:
                return None  # the reader has reported the empty cell
            if not 0 <= value <= 100:
                self.issue(
                    record,
                    year,
                    f"maatregel {nr}: fasering {exact(value)}% in {year} ligt niet tussen 0 en 100",
                )
                ok = False
            elif previous is not None and value < previous[1]:
                self.issue(
                    record,
                    year,
                    f"maatregel {nr}: fasering daalt van {exact(previous[1])}% ({previous[0]}) "
                    f"naar {exact(value)}% ({year}); een ingevoerde besparing loopt niet terug",
                )
                ok = False
            phase[year] = Decimal(value)
            previous = (year, Decimal(value))
        return phase if ok else None

    def _derive(self, record: Record, line: tuple[YearTable, TableRow] | None) -> Derivation:
        values = record.values
        rule = values["Rekenregel"]
        percentage = values.get("Percentage")
        if rule == RULE_LINE:
            table, row = line
            base = Decimal(row.values[self.reference])
            return Derivation(
                rule,
                percentage * base / 100,
                percentage=percentage,
                base_label=f"{row.label} {self.reference}",
                base_amount=base,
                source=f"{table.origin.file} › {table.origin.sheet} › {table.cell(row, self.reference)}",
            )
        if rule == RULE_AMOUNT:
            base = Decimal(values["Bedrag"])
            return Derivation(
                rule,
                percentage * base / 100,
                percentage=percentage,
                base_label="opgegeven bedrag",
                base_amount=base,
                source=self._source(record, "Bedrag"),
            )
        if rule == RULE_FTE:
            fte, cost = Decimal(values["Aantal fte"]), Decimal(values["Kosten per fte"])
            return Derivation(
                rule,
                fte * cost,
                fte=fte,
                cost_per_fte=cost,
                base_label="fte maal kosten per fte",
                source=self._source(record, "Aantal fte"),
            )
        amount = Decimal(values["Bedrag"])
        return Derivation(
            RULE_FIXED,
            amount,
            base_label="vast bedrag",
            base_amount=amount,
            source=self._source(record, "Bedrag"),
        )

    def _source(self, record: Record, column: str) -> str:
        return f"{self.table.origin.file} › {self.table.origin.sheet} › {self.table.cell(record, column)}"
