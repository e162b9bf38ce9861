"""Where the workbooks print a figure twice, the two must agree up to rounding.

Counts are rounded to tens and amounts to whole x € 1.000 before they reach the workbooks, so
two sources of one figure may differ a little. The margin is half the rounding unit for every
rounded value on either side (a sum of n rounded values may be off by n halves). Within the
margin the difference is recorded (`Difference`: the report notes it under the table and lists
it in the Verantwoording); beyond it, a problem stops the build and names the cells on both
sides. Printed totals within one sheet are reconciled in `printed.py`, figures of other
sources in `other_sources.py`.

A published whole percentage is not a rounding of the counts when rounding the counts gives
another whole number: that is recorded as a `Correction` with both figures and the rule the
report follows, not as a rounding difference.

Every figure compared is a traced number (report.provenance): the notes under the tables and
the lists in the Verantwoording print them with their cells (`Cited` text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from report.cited import Cited, Shown, cite, joined
from report.inputs import labels as L
from report.inputs.contract import Unit, normalise
from report.inputs.tables import TableRow, YearTable
from report.model.return_measures import is_total
from report.model.sources import Sources
from report.model.traced import record_cell, year_cell, year_count
from report.model.trend import components
from report.numbers import exact, percent, signed
from report.problems import Note, Problem
from report.provenance import (
    Traced,
    constant,
    count,
    difference,
    or_zero,
    rounded,
    share,
    total,
)

PERCENT_MARGIN = Decimal(1)  # percentage points between a published and a computed percentage


@dataclass(frozen=True)
class Difference:
    """A figure printed in a workbook that differs, within rounding, from what it is checked with.

    `compared` is what the report shows in that place (the sum of the printed parts) or, for
    two tables of one quantity, the other table's figure; `against` says which ("" for the sum).
    """

    table: str  # catalog key of the table the difference is noted under
    file: str
    sheet: str
    cell: str
    label: str  # the row
    column: str  # a year, or a column such as "Totaal"
    printed: Traced  # the workbook's cell
    compared: Traced  # the sum of the parts, or the other source's figure
    against: str = (
        ""  # "" (the sum of the parts) or the other source, e.g. "Vertrek veilige landen › I8+I12"
    )

    @property
    def difference(self) -> Traced:
        """Compared minus printed: +50 means the report's figure is 50 higher."""
        return difference(self.compared, self.printed)


@dataclass(frozen=True)
class Correction:
    """A place where the report's figure differs from another source's, with the reason."""

    tables: tuple[str, ...]  # catalog keys of the tables that show the figure
    row: str  # the row as the report labels it, e.g. "Totaal programma-uitgaven" (may be Cited)
    column: str  # a year, or a column such as "Totaal"
    shown: Traced  # the report's figure
    other: Traced  # the other source's figure
    source: str  # the other source in words
    reason: str  # input text (Andere bronnen) or the rule the report follows
    unit: Unit

    @property
    def what(self) -> Cited:
        """'Totaal programma-uitgaven 2017', 'Totaal top 10 …, kolom Totaal'."""
        template = "{row} {column}" if self.column.isdigit() else "{row}, kolom {column}"
        return cite(template, row=self.row, column=self.column)

    def figure(self, value: Traced) -> Shown:
        """A figure of this correction as the report writes it: '36.711', '66%', '47,8%'."""
        text = exact(value, 1)
        return Shown(value, f"{text}%" if self.unit is Unit.PERCENT else text)


def correction_note(corrections: Sequence[Correction]) -> Cited:
    """Under a table: which of its figures another source gives differently."""
    if not corrections:
        return Cited("")
    see = "zie de Verantwoording van de cijfers"
    if len(corrections) == 1:
        c = corrections[0]
        return cite(
            "Voor {what} noemt een andere bron {other} (dit rapport {shown}); {see}.",
            what=c.what,
            other=c.figure(c.other),
            shown=c.figure(c.shown),
            see=see,
        )
    listed: Cited | str = ""
    if len(corrections) <= 2:
        listed = joined(
            [
                cite(
                    "{what} {other} (hier {shown})",
                    what=c.what,
                    other=c.figure(c.other),
                    shown=c.figure(c.shown),
                )
                for c in corrections
            ],
            ", ",
        )
        listed = joined([": ", listed], "")
    how_many = count([difference(c.shown, c.other) for c in corrections])
    return joined(
        [
            cite(
                "Andere bronnen geven voor {n} cijfers in deze tabel een ander cijfer",
                n=Shown(how_many, exact(how_many)),
            ),
            listed,
            f"; {see}.",
        ],
        "",
    )


@dataclass(frozen=True)
class Side:
    """One source of a figure: its value, where it is, and how many rounded values it sums."""

    value: Traced
    file: str
    sheet: str
    cell: str
    terms: int = 1

    @property
    def place(self) -> str:
        return f"{self.file} › {self.sheet} › {self.cell}"


@dataclass
class Reconciliation:
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)

    def compare(
        self,
        key: str,
        what: str,
        year: int | None,
        a: Side,
        b: Side,
        margin: Traced,
        places: int = 0,
    ) -> None:
        """Record a difference within `margin`; a larger one is a problem at a's cell."""
        gap = difference(a.value, b.value)
        if gap == 0:
            return
        when = f" {year}" if year else ""
        text = (
            f"{what}{when}: {_shown(a.value)} hier, {_shown(b.value)} in {b.place} "
            f"(verschil {signed(gap, places)})"
        )
        if abs(gap) <= margin:
            self.notes.append(
                Note(
                    a.file,
                    a.sheet,
                    a.cell,
                    f"{text}; afrondingsverschil binnen de marge van {_shown(margin)}",
                )
            )
            self.differences.append(
                Difference(
                    key,
                    a.file,
                    a.sheet,
                    a.cell,
                    what,
                    str(year or ""),
                    a.value,
                    b.value,
                    f"{b.sheet} › {b.cell}",
                )
            )
        else:
            self.problems.append(
                Problem(
                    a.file,
                    a.sheet,
                    a.cell,
                    f"{text}; dat is meer dan de afrondingsmarge van {_shown(margin)}: "
                    "controleer beide werkbladen",
                )
            )

    def of(self, key: str) -> list[Difference]:
        return [d for d in self.differences if d.table == key]


def _shown(value: Traced | Decimal) -> str:
    return exact(value, 1)


def margin(rounding: int, a: Side, b: Side) -> Traced:
    terms = a.terms + b.terms
    return constant(
        Decimal(rounding) * terms / 2,
        f"afrondingsmarge: de helft van de afrondingseenheid ({rounding}) per opgetelde "
        f"waarde ({terms})",
    )


def _cells(table: YearTable, rows: Sequence[TableRow], year: int) -> str:
    """'C7:C9' for adjacent rows, 'C7+C11' otherwise."""
    numbers = sorted(r.excel_row for r in rows)
    column = table.year_columns[year]
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 2:
        return f"{column}{numbers[0]}:{column}{numbers[-1]}"
    return "+".join(f"{column}{n}" for n in numbers)


def _side(table: YearTable, rows: Sequence[TableRow], year: int) -> Side:
    value = total(year_count(table, r, year) for r in rows)
    return Side(value, table.origin.file, table.origin.sheet, _cells(table, rows, year), len(rows))


# -- the checks: each compares a table with its partner in the catalog ----------------------


def types_vs_safe(result: Reconciliation, key: str, sources: Sources) -> None:
    """Departures by type equal the sum over safe and other countries, per type and year."""
    types, safe = sources.year("vertrek_type"), sources.year("vertrek_veilig")
    rounding = types.spec.rounding
    for year in sorted(set(types.years) & set(safe.years)):
        for row in components(types):
            parts = [r for r in components(safe) if normalise(r.label) == normalise(row.label)]
            if parts:
                a, b = _side(types, [row], year), _side(safe, parts, year)
                result.compare(key, row.label, year, a, b, margin(rounding, a, b))
        a, b = _side(types, components(types), year), _side(safe, components(safe), year)
        result.compare(key, "Totaal vertrek", year, a, b, margin(rounding, a, b))


def iom_vs_support(result: Reconciliation, key: str, sources: Sources) -> None:
    """The IOM total equals the departures with REAN support."""
    iom, support = sources.year("iom"), sources.year("ondersteuning")
    rean = support.line(L.WITH_REAN)
    for year in sorted(set(iom.years) & set(support.years)):
        a, b = _side(iom, components(iom), year), _side(support, [rean], year)
        result.compare(key, "Totaal vertrek via IOM", year, a, b, margin(iom.spec.rounding, a, b))


def assignment_vs_programme(result: Reconciliation, key: str, sources: Sources) -> None:
    """The breakdown of "opdracht vreemdelingenvertrek" adds up to that programme line."""
    opdracht, programma = sources.year("opdracht"), sources.year("programma")
    line = programma.line(L.ASSIGNMENT)
    for year in opdracht.years:
        if year not in programma.years or line.values.get(year) is None:
            continue
        a, b = _side(opdracht, components(opdracht), year), _side(programma, [line], year)
        what = "Totaal uitsplitsing opdracht vreemdelingenvertrek"
        result.compare(key, what, year, a, b, margin(1, a, b))


# published percentage row -> the caseload rows it is computed from (numerator)
PERCENT_ROWS = {
    L.PERCENT_MOB: (L.OUTFLOW_UNSUPERVISED,),
    L.PERCENT_FORCED: (L.OUTFLOW_FORCED,),
    L.PERCENT_DEMONSTRABLE: (L.OUTFLOW_INDEPENDENT, L.OUTFLOW_FORCED),
}
PERCENT_BASE = (*PERCENT_ROWS[L.PERCENT_DEMONSTRABLE], *PERCENT_ROWS[L.PERCENT_MOB])
PUBLISHED_PERCENT_RULE = (
    "De tabel toont de percentages zoals de bron ze publiceert. Afronding verklaart het verschil "
    "met de aantallen niet: afgerond geven die {rounded}."
)


def percentages_vs_outflow(result: Reconciliation, key: str, sources: Sources) -> None:
    """Published outflow percentages against those computed from the counts.

    The base is demonstrable departure plus departure without supervision (MOB), as the
    sheet's heading says. A printed percentage that is the rounded count is no difference;
    any other within one point is shown as published and listed with both figures.
    """
    pct, outflow = sources.year("uitstroom_pct"), sources.year("uitstroom")
    base_rows = [outflow.line(label) for label in PERCENT_BASE]
    for label, numerators in PERCENT_ROWS.items():
        row = pct.line(label)
        parts = [outflow.line(n) for n in numerators]
        for year in sorted(set(pct.years) & set(outflow.years)):
            printed = year_cell(pct, row, year)
            base = total(year_count(outflow, b, year) for b in base_rows)
            if printed is None or not base:
                continue
            computed = share(total(year_count(outflow, p, year) for p in parts), base)
            whole = rounded(computed)
            if printed == whole:
                continue
            counted = rounded(computed, 1)
            cells = _cells(outflow, [*parts, *base_rows], year)
            if abs(Decimal(printed.value) - Decimal(computed.value)) > PERCENT_MARGIN:
                where = f"{outflow.origin.file} › {outflow.origin.sheet} › {cells}"
                result.problems.append(
                    Problem(
                        pct.origin.file,
                        pct.origin.sheet,
                        pct.cell(row, year),
                        f"{label} {year}: {printed} hier, {_shown(counted)} in {where} "
                        f"(verschil {signed(difference(printed, counted), 1)}); dat is meer dan "
                        f"{_shown(PERCENT_MARGIN)} procentpunt: controleer beide werkbladen",
                    )
                )
                continue
            result.notes.append(
                Note(
                    pct.origin.file,
                    pct.origin.sheet,
                    pct.cell(row, year),
                    f"{label} {year}: {printed} hier, {_shown(counted)} uit de aantallen in "
                    f"{outflow.origin.sheet} › {cells}; afronding verklaart dat niet (afgerond "
                    f"{exact(whole)})",
                )
            )
            result.corrections.append(
                Correction(
                    (key,),
                    label,
                    str(year),
                    printed,
                    counted,
                    f"de uitstroom in aantallen, {outflow.origin.sheet}",
                    cite(PUBLISHED_PERCENT_RULE, rounded=Shown(whole, percent(whole))),
                    Unit.PERCENT,
                )
            )


def gl_total(result: Reconciliation, key: str, sources: Sources) -> None:
    """A printed 'Totaal' record of the GL sheet against the sum of the types."""
    gl = sources.records("gl")
    parts = [r for r in gl.records if not is_total(r)]
    origin = gl.origin
    for record in gl.records:
        printed = record_cell(gl, record, L.GL_COUNT)
        if is_total(record) and printed is not None:
            a = Side(printed, origin.file, origin.sheet, gl.cell(record, L.GL_COUNT))
            cells = "+".join(gl.cell(r, L.GL_COUNT) for r in parts)
            counted = total(or_zero(record_cell(gl, r, L.GL_COUNT)) for r in parts)
            b = Side(counted, origin.file, origin.sheet, cells, len(parts))
            result.compare(key, "Totaal vertrek uit de GL", None, a, b, margin(1, a, b))
