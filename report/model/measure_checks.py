"""Validation of the savings measures, before anything is computed from them.

Each check names the cell it is about. A problem caused by a what-if override (`--set`) is
reported as the override's problem, not the workbook's: every issue lists the cells behind it,
and an override of any of them makes it the override's.

What a measure may not exceed (its base), per rule, as the workbook's instructions state:
- percentage van begrotingsregel: the line itself (the percentage lies between 0 and 100);
- percentage van bedrag and vast bedrag: the amount may not exceed the named budget line, or
  without one the scenario's base (programme, plus apparatus if editie.yml says so);
- fte maal kosten per fte: the named budget line, or without one the apparatus costs (staff
  are paid from them);
- measures on one budget line together: that line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from report.inputs.contract import RULE_FIXED, RULE_FTE, RULE_LINE, RULES, Role, normalise
from report.inputs.edition import Edition
from report.inputs.tables import RecordTable, TableRow, YearTable
from report.model.measures import (
    NEEDS,
    PARAMETERS,
    BudgetLines,
    MeasureRecord,
    cell,
    derive,
)
from report.model.overrides import Override, OverrideError
from report.numbers import exact, number
from report.problems import InputError, Note, Problem

Involved = tuple[int, str | int]  # (measure Nr, column or phase-in year)


@dataclass(frozen=True)
class Issue:
    """A problem, before we know whether the workbook or an override caused it."""

    file: str
    sheet: str
    cell: str
    message: str
    involved: frozenset[Involved] = field(default_factory=frozenset)


class MeasureChecks:
    """Checks the measures sheet against the rules, the budget lines and editie.yml."""

    def __init__(
        self,
        edition: Edition,
        programma: YearTable,
        apparaat: YearTable,
        table: RecordTable,
        base: int,
    ):
        self.edition = edition
        self.programma = programma
        self.apparaat = apparaat
        self.table = table
        self.base = base  # the scenario's base in the reference year
        self.reference = edition.savings.reference_year
        self.lines = BudgetLines(programma, apparaat)
        self.issues: list[Issue] = []
        self.notes: list[Note] = []

    # -- findings -------------------------------------------------------------------------
    def issue(
        self, record: MeasureRecord, column: str | int, message: str, *involved: str | Involved
    ) -> None:
        """A problem at the measure's cell in `column`; `involved` names the other cells."""
        pairs = {c if isinstance(c, tuple) else (record.number, c) for c in (column, *involved)}
        where = self.table.origin
        self.issues.append(
            Issue(
                where.file, where.sheet, cell(self.table, record, column), message, frozenset(pairs)
            )
        )

    def raise_issues(self, overrides: Sequence[Override]) -> None:
        overridden = {(o.number, o.field) for o in overrides}
        by_override = [i for i in self.issues if i.involved & overridden]
        from_workbook = [i for i in self.issues if not i.involved & overridden]
        if from_workbook:
            raise InputError([Problem(i.file, i.sheet, i.cell, i.message) for i in from_workbook])
        if by_override:
            lines = []
            for issue in by_override:
                texts = [o.text for o in overrides if (o.number, o.field) in issue.involved]
                lines.append(f"'{', '.join(texts)}': {issue.message}")
            raise OverrideError("\n".join(lines))

    # -- all checks -----------------------------------------------------------------------
    def check(self, records: Sequence[MeasureRecord]) -> None:
        self.check_years()
        self.check_base()
        for record in records:
            self.check_measure(record)
        self.check_shared_lines(records)

    def check_years(self) -> None:
        """Phase-in years lie after the review and are the scenario years of editie.yml."""
        years, wanted = tuple(self.table.years), tuple(self.edition.savings.years)
        header = "".join(ch for ch in self.table.origin.cells.split(":")[0] if ch.isdigit())
        last = self.edition.last_year
        where = self.table.origin
        for year in years:
            if year <= last:
                self.issues.append(
                    Issue(
                        where.file,
                        where.sheet,
                        f"{self.table.year_columns[year]}{header}",
                        f"faseringsjaar {year} ligt niet na de evaluatieperiode "
                        f"({self.edition.first_year}–{last})",
                    )
                )
        if years and years != wanted:
            shown = ", ".join(str(y) for y in years)
            self.issues.append(
                Issue(
                    where.file,
                    where.sheet,
                    f"{self.table.year_columns[years[0]]}{header}",
                    f"de faseringsjaren ({shown}) zijn niet de scenariojaren uit editie.yml "
                    f"(besparing.jaren: {', '.join(str(y) for y in wanted)})",
                )
            )

    def check_base(self) -> None:
        """Every line of the base has an amount in the reference year (n.b. would shrink it)."""
        sheets = [self.programma]
        if self.edition.savings.base == "programma+apparaat":
            sheets.append(self.apparaat)
        for sheet in sheets:
            if self.reference not in sheet.years:
                self.issues.append(
                    Issue(
                        sheet.origin.file,
                        sheet.origin.sheet,
                        "",
                        f"het referentiejaar {self.reference} van de -20%-variant ontbreekt",
                    )
                )
                continue
            for row in sheet.rows:
                if row.role is Role.COMPONENT and row.values.get(self.reference) is None:
                    self.issues.append(
                        Issue(
                            sheet.origin.file,
                            sheet.origin.sheet,
                            sheet.cell(row, self.reference),
                            f"{row.label} heeft in {self.reference} geen bedrag; de basis van de "
                            "-20%-variant kan dan niet worden berekend",
                        )
                    )

    def check_shared_lines(self, records: Sequence[MeasureRecord]) -> None:
        """Measures that save on the same budget line may together not exceed that line."""
        by_line: dict[str, list[tuple[MeasureRecord, Decimal]]] = defaultdict(list)
        for record in records:
            line = self.lines.find(record.budget_line) if record.budget_line else None
            if line is not None and self._usable(record):
                saving = Decimal(derive(record, line, self.reference, self.table).structural.value)
                by_line[normalise(record.budget_line)].append((record, saving))
        for key, pairs in by_line.items():
            if len(pairs) < 2:
                continue
            row = self.lines.by_name[key][1]
            available = row.values.get(self.reference) or 0
            together = sum((saving for _, saving in pairs), Decimal(0))
            if together > available:
                names = " en ".join(str(r.number) for r, _ in pairs)
                involved = [
                    (r.number, c) for r, _ in pairs for c in (*PARAMETERS, "Begrotingsregel")
                ]
                self.issue(
                    pairs[-1][0],
                    "Begrotingsregel",
                    f"maatregelen {names} besparen samen {number(together)} op {row.label}; dat is "
                    f"meer dan de {number(available)} van {self.reference} (x € 1.000)",
                    *involved,
                )

    # -- one measure ----------------------------------------------------------------------
    def check_measure(self, record: MeasureRecord) -> None:
        before = len(self.issues)
        nr, rule = record.number, record.rule
        if rule is None:
            self.issue(
                record,
                "Rekenregel",
                f"maatregel {nr}: onbekende rekenregel; kies uit: {'; '.join(RULES)}",
            )
            return
        for column in NEEDS[rule]:
            if not record.given(column):
                self.issue(
                    record,
                    column,
                    f"maatregel {nr}: {column} ontbreekt; de rekenregel '{rule}' vraagt "
                    + " en ".join(NEEDS[rule]),
                    "Rekenregel",
                )
        for column in PARAMETERS:
            if record.given(column) and column not in NEEDS[rule]:
                self.notes.append(
                    Note(
                        self.table.origin.file,
                        self.table.origin.sheet,
                        cell(self.table, record, column),
                        f"maatregel {nr}: {column} wordt bij de rekenregel '{rule}' niet gebruikt",
                    )
                )
        percentage = record.percentage
        if percentage is not None and "Percentage" in NEEDS[rule] and not 0 <= percentage <= 100:
            self.issue(
                record,
                "Percentage",
                f"maatregel {nr}: percentage {exact(percentage)} ligt niet tussen 0 en 100; "
                "een maatregel kan niet meer besparen dan zijn basis",
            )
        line = self._line(record)
        self._check_phase(record)
        if len(self.issues) == before:
            self._check_limit(record, line)

    def _usable(self, record: MeasureRecord) -> bool:
        rule = record.rule
        return rule is not None and all(record.given(c) for c in NEEDS[rule])

    def _line(self, record: MeasureRecord) -> tuple[YearTable, TableRow] | None:
        if not record.budget_line:
            return None
        found = self.lines.find(record.budget_line)
        if found is None:
            self.issue(
                record,
                "Begrotingsregel",
                f"maatregel {record.number}: onbekende begrotingsregel '{record.budget_line}'; "
                f"kies uit: {self.lines.names()}",
            )
            return None
        if found[1].values.get(self.reference) is None:
            self.issue(
                record,
                "Begrotingsregel",
                f"maatregel {record.number}: begrotingsregel '{found[1].label}' heeft geen bedrag "
                f"in {self.reference} (blad {found[0].origin.sheet})",
            )
            return None
        return found

    def _check_phase(self, record: MeasureRecord) -> None:
        nr = record.number
        previous: tuple[int, Decimal] | None = None
        for year in self.table.years:
            value = record.phase.get(year)
            if value is None:
                return  # the reader has reported the empty cell
            if not 0 <= value <= 100:
                self.issue(
                    record,
                    year,
                    f"maatregel {nr}: fasering {exact(value)}% in {year} ligt niet tussen 0 en 100",
                )
            elif previous is not None and value < previous[1]:
                self.issue(
                    record,
                    year,
                    f"maatregel {nr}: fasering daalt van {exact(previous[1])}% ({previous[0]}) "
                    f"naar {exact(value)}% ({year}); een ingevoerde besparing loopt niet terug",
                )
            previous = (year, value)

    def _check_limit(self, record: MeasureRecord, line: tuple[YearTable, TableRow] | None) -> None:
        """The measure saves no more than its base (see the module's docstring)."""
        if record.rule == RULE_LINE:
            return  # a percentage of 0–100 of the line
        if line is not None:
            limit = Decimal(line[1].values.get(self.reference) or 0)
            what = f"de {number(limit)} van {line[1].label} in {self.reference}"
        elif record.rule == RULE_FTE:
            limit = Decimal(
                sum(
                    r.values.get(self.reference) or 0
                    for r in self.apparaat.rows
                    if r.role is Role.COMPONENT
                )
            )
            what = f"de apparaatsuitgaven van {number(limit)} in {self.reference}"
        else:
            limit = Decimal(self.base)
            what = f"de basis van de variant ({number(limit)} in {self.reference})"
        if record.rule == RULE_FTE:
            saving = Decimal(derive(record, line, self.reference, self.table).structural.value)
            self._over(
                record,
                saving,
                limit,
                f"bespaart {number(saving)}",
                what,
                "Aantal fte",
                "Kosten per fte",
            )
        else:
            amount = record.amount or Decimal(0)
            verb = "bespaart" if record.rule == RULE_FIXED else "rekent met een bedrag van"
            self._over(
                record, amount, limit, f"{verb} {number(amount)}", what, "Bedrag", "Percentage"
            )

    def _over(
        self,
        record: MeasureRecord,
        value: Decimal,
        limit: Decimal,
        does: str,
        what: str,
        column: str,
        *involved: str,
    ) -> None:
        if value > limit:
            self.issue(
                record,
                column,
                f"maatregel {record.number} {does} (x € 1.000), meer dan {what}; een maatregel "
                "kan niet meer besparen dan zijn basis",
                *involved,
                "Begrotingsregel",
                "Rekenregel",
            )
