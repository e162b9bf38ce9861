"""Where two inputs describe the same quantity, they must agree up to rounding.

Counts are rounded to tens and amounts to whole x € 1.000 before they reach the workbooks, so
two sources of one figure may differ a little. The margin is half the rounding unit for every
rounded value on either side (a sum of n rounded values may be off by n halves). Within the
margin the difference becomes a note for the report; beyond it, a problem that stops the
build and names the cells on both sides. Published percentages are whole numbers; they may
differ from the percentage computed from the counts by at most one point.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from report.cited import Cited, Shown, cite, joined
from report.inputs import labels as L
from report.inputs.contract import Role, normalise
from report.inputs.tables import TableRow, YearTable
from report.model.return_measures import is_total
from report.model.sources import Sources
from report.model.traced import record_cell, year_cell, year_count
from report.model.trend import components
from report.numbers import exact, number, signed
from report.problems import Note, Problem
from report.provenance import (
    Traced,
    cell,
    constant,
    count,
    difference,
    maximum,
    or_zero,
    rounded,
    share,
    total,
)

PERCENT_MARGIN = Decimal(1)  # percentage points between a published and a computed percentage


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
    differences: dict[str, list[tuple[int | None, Traced]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # model table key -> (year, difference) within the margin

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
        """Note a difference within `margin`; a larger one is a problem at a's cell."""
        gap = difference(a.value, b.value)
        if gap == 0:
            return
        within = abs(gap) <= margin
        text = cite(
            "{what}{when}: {a} hier, {b} in {place} (verschil {gap}); {verdict} {margin}{tail}",
            what=what,
            when=f" {year}" if year else "",
            a=_shown(a.value),
            b=_shown(b.value),
            place=b.place,
            gap=Shown(gap, signed(gap, places)),
            verdict="afrondingsverschil binnen de marge van"
            if within
            else "dat is meer dan de afrondingsmarge van",
            margin=_shown(margin),
            tail="" if within else ": controleer beide werkbladen",
        )
        if within:
            self.notes.append(Note(a.file, a.sheet, a.cell, text))
            self.differences[key].append((year, gap))
        else:
            self.problems.append(Problem(a.file, a.sheet, a.cell, text))


def _shown(value: Traced) -> Shown:
    return Shown(value, exact(value, 1))


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


def percentages_vs_outflow(result: Reconciliation, key: str, sources: Sources) -> None:
    """Published outflow percentages against those computed from the counts.

    The base is demonstrable departure plus departure without supervision (MOB), as the
    sheet's heading says.
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
            if printed == rounded(computed):
                continue
            a = Side(printed, pct.origin.file, pct.origin.sheet, pct.cell(row, year))
            b = Side(
                rounded(computed, 1),
                outflow.origin.file,
                outflow.origin.sheet,
                _cells(outflow, base_rows, year),
            )
            allowed = constant(PERCENT_MARGIN, "afrondingsmarge voor een gepubliceerd percentage")
            result.compare(key, label, year, a, b, allowed, places=1)


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


def difference_note(found: Sequence[tuple[int | None, Traced]], other: str, unit: str) -> Cited:
    """One sentence under a table on its rounding differences with the other source."""
    years = sorted({y for y, _ in found if y})
    largest = maximum([abs(d) for _, d in found])
    when = f" in {_years_text(years)}" if years else ""
    return cite(
        "Door afronding wijken de cijfers{when} ten hoogste {largest}{unit} af van {other}.",
        when=when,
        largest=_shown(largest),
        unit=unit,
        other=other,
    )


def _years_text(years: Sequence[int]) -> str:
    texts = [str(y) for y in years]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " en " + texts[-1]


def printed_total_note(table: YearTable) -> Cited:
    """Under a table: printed totals in the sheet that differ (within rounding) from the sums."""
    parts_of_all = components(table)
    gaps: list[Traced] = []
    for row in table.rows:
        parts = (
            parts_of_all
            if row.role is Role.TOTAL
            else [r for r in parts_of_all if normalise(r.group) == normalise(row.group)]
            if row.role is Role.SUBTOTAL
            else []
        )
        for year in table.years if parts else ():
            printed = year_cell(table, row, year)
            if printed is not None:
                gaps.append(difference(printed, total(year_count(table, p, year) for p in parts)))
        if row.printed_total is not None and row.values and table.total_column:
            address = f"{table.total_column}{row.excel_row}"
            origin = table.origin
            printed = cell(row.printed_total, origin.file, origin.sheet, address)
            summed = total(year_count(table, row, year) for year in row.values)
            gaps.append(difference(printed, summed))
    differing = [gap for gap in gaps if gap]
    if not differing:
        return Cited("")
    how_many = count(differing)
    places = (
        cite("één plaats")
        if len(differing) == 1
        else cite("{n} plaatsen", n=Shown(how_many, number(how_many)))
    )
    largest = maximum([abs(gap) for gap in differing])
    return joined(
        (
            "Totalen zijn berekend uit de onderliggende regels. Op ",
            places,
            cite(
                " wijkt het totaal in de bron daarvan af door afronding (ten hoogste {largest}).",
                largest=Shown(largest, number(largest)),
            ),
        ),
        "",
    )
