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

from report.inputs.contract import Role, normalise
from report.inputs.tables import RecordTable, TableRow, YearTable
from report.model.return_measures import is_total
from report.model.shares import share
from report.present.numbers import exact, number, signed, whole
from report.problems import Note, Problem

PERCENT_MARGIN = Decimal(1)  # percentage points between a published and a computed percentage


@dataclass(frozen=True)
class Side:
    """One source of a figure: its value, where it is, and how many rounded values it sums."""

    value: int | Decimal
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
    differences: dict[str, list[tuple[int | None, Decimal]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # model table key -> (year, difference) within the margin

    def compare(
        self,
        key: str,
        what: str,
        year: int | None,
        a: Side,
        b: Side,
        margin: Decimal | int,
        places: int = 0,
    ) -> None:
        """Note a difference within `margin`; a larger one is a problem at a's cell."""
        difference = Decimal(a.value) - Decimal(b.value)
        if difference == 0:
            return
        when = f" {year}" if year else ""
        text = (
            f"{what}{when}: {_shown(a.value)} hier, {_shown(b.value)} in {b.place} "
            f"(verschil {signed(difference, places)})"
        )
        if abs(difference) <= margin:
            self.notes.append(
                Note(
                    a.file,
                    a.sheet,
                    a.cell,
                    f"{text}; afrondingsverschil binnen de marge van {_shown(margin)}",
                )
            )
            self.differences[key].append((year, difference))
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


def _shown(value: int | Decimal) -> str:
    return exact(value, 1)


def margin(rounding: int, a: Side, b: Side) -> Decimal:
    return Decimal(rounding) * (a.terms + b.terms) / 2


def _cells(table: YearTable, rows: Sequence[TableRow], year: int) -> str:
    """'C7:C9' for adjacent rows, 'C7+C11' otherwise."""
    numbers = sorted(r.excel_row for r in rows)
    column = table.year_columns[year]
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 2:
        return f"{column}{numbers[0]}:{column}{numbers[-1]}"
    return "+".join(f"{column}{n}" for n in numbers)


def _side(table: YearTable, rows: Sequence[TableRow], year: int) -> Side:
    value = sum(r.values.get(year) or 0 for r in rows)
    return Side(value, table.origin.file, table.origin.sheet, _cells(table, rows, year), len(rows))


def _components(table: YearTable) -> list[TableRow]:
    return [r for r in table.rows if r.role is Role.COMPONENT]


def types_vs_safe(result: Reconciliation, types: YearTable, safe: YearTable) -> None:
    """Departures by type equal the sum over safe and other countries, per type and year."""
    rounding = types.spec.rounding
    for year in sorted(set(types.years) & set(safe.years)):
        for row in _components(types):
            parts = [r for r in _components(safe) if normalise(r.label) == normalise(row.label)]
            if parts:
                a, b = _side(types, [row], year), _side(safe, parts, year)
                result.compare("vertrek-veilig", row.label, year, a, b, margin(rounding, a, b))
        a, b = _side(types, _components(types), year), _side(safe, _components(safe), year)
        result.compare("vertrek-veilig", "Totaal vertrek", year, a, b, margin(rounding, a, b))


def iom_vs_support(result: Reconciliation, iom: YearTable, support: YearTable) -> None:
    """The IOM total equals the departures with REAN support."""
    rean = support.find("Vertrokken met REAN")
    for year in sorted(set(iom.years) & set(support.years)):
        a, b = _side(iom, _components(iom), year), _side(support, [rean], year)
        result.compare(
            "vertrek-iom", "Totaal vertrek via IOM", year, a, b, margin(iom.spec.rounding, a, b)
        )


def assignment_vs_programme(
    result: Reconciliation, opdracht: YearTable, programma: YearTable
) -> None:
    """The breakdown of "opdracht vreemdelingenvertrek" adds up to that programme line."""
    line = programma.find("Opdracht vreemdelingenvertrek")
    for year in opdracht.years:
        if year not in programma.years or line.values.get(year) is None:
            continue
        a, b = _side(opdracht, _components(opdracht), year), _side(programma, [line], year)
        result.compare(
            "opdracht",
            "Totaal uitsplitsing opdracht vreemdelingenvertrek",
            year,
            a,
            b,
            margin(1, a, b),
        )


# published percentage row -> the caseload rows it is computed from (numerator)
PERCENT_ROWS = {
    "Percentage MOB": ("Zelfstandig vertrek zonder toezicht",),
    "Percentage gedwongen vertrek": ("Gedwongen vertrek uit Nederland",),
    "Percentage aantoonbaar vertrek": (
        "Zelfstandig vertrek uit Nederland",
        "Gedwongen vertrek uit Nederland",
    ),
}
PERCENT_BASE = (*PERCENT_ROWS["Percentage aantoonbaar vertrek"], *PERCENT_ROWS["Percentage MOB"])


def percentages_vs_outflow(result: Reconciliation, pct: YearTable, outflow: YearTable) -> None:
    """Published outflow percentages against those computed from the counts.

    The base is demonstrable departure plus departure without supervision (MOB), as the
    sheet's heading says.
    """
    base_rows = [outflow.find(label) for label in PERCENT_BASE]
    for label, numerators in PERCENT_ROWS.items():
        row = pct.find(label)
        parts = [outflow.find(n) for n in numerators]
        for year in sorted(set(pct.years) & set(outflow.years)):
            printed = row.values.get(year)
            computed = share(
                sum(p.values.get(year) or 0 for p in parts),
                sum(b.values.get(year) or 0 for b in base_rows),
            )
            if printed is None or computed is None or printed == whole(computed):
                continue
            a = Side(printed, pct.origin.file, pct.origin.sheet, pct.cell(row, year))
            b = Side(
                computed.quantize(Decimal("0.1")),
                outflow.origin.file,
                outflow.origin.sheet,
                _cells(outflow, base_rows, year),
            )
            result.compare("uitstroom-procenten", label, year, a, b, PERCENT_MARGIN, places=1)


def gl_total(result: Reconciliation, gl: RecordTable) -> None:
    """A printed 'Totaal' record of the GL sheet against the sum of the types."""
    parts = [r for r in gl.records if not is_total(r)]
    for record in gl.records:
        if is_total(record) and record.values.get("Aantal") is not None:
            origin = gl.origin
            a = Side(record.values["Aantal"], origin.file, origin.sheet, gl.cell(record, "Aantal"))
            cells = "+".join(gl.cell(r, "Aantal") for r in parts)
            b = Side(
                sum(r.values["Aantal"] for r in parts), origin.file, origin.sheet, cells, len(parts)
            )
            result.compare("vertrek-gl", "Totaal vertrek uit de GL", None, a, b, margin(1, a, b))


def reconcile(tables: dict) -> Reconciliation:
    """Every comparison for which both inputs are present."""
    result = Reconciliation()
    pairs = (
        ("vertrek_type", "vertrek_veilig", types_vs_safe),
        ("iom", "ondersteuning", iom_vs_support),
        ("opdracht", "programma", assignment_vs_programme),
        ("uitstroom_pct", "uitstroom", percentages_vs_outflow),
    )
    for first, second, check in pairs:
        if first in tables and second in tables:
            check(result, tables[first], tables[second])
    if "gl" in tables:
        gl_total(result, tables["gl"])
    return result


def table_notes(result: Reconciliation) -> dict[str, str]:
    """One sentence per model table on the rounding differences with the other source."""
    others = {
        "vertrek-veilig": "de tabel met het vertrek naar type vertrek",
        "vertrek-iom": "het aantal vertrokken vreemdelingen met REAN-ondersteuning",
        "opdracht": "de begrotingsregel opdracht vreemdelingenvertrek",
        "uitstroom-procenten": "de percentages die volgen uit de uitstroom in aantallen",
        "vertrek-gl": "het totaal in de bron",
    }
    notes = {}
    for key, found in result.differences.items():
        years = sorted({y for y, _ in found if y})
        largest = max(abs(d) for _, d in found)
        unit = " procentpunt" if key == "uitstroom-procenten" else ""
        when = f" in {_years_text(years)}" if years else ""
        notes[key] = (
            f"Door afronding wijken de cijfers{when} ten hoogste {_shown(largest)}{unit} af van "
            f"{others[key]}."
        )
    return notes


def _years_text(years: Sequence[int]) -> str:
    texts = [str(y) for y in years]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " en " + texts[-1]


def printed_total_note(table: YearTable) -> str:
    """Under a table: printed totals in the sheet that differ (within rounding) from the sums."""
    components = _components(table)
    largest, count = 0, 0
    for row in table.rows:
        parts = (
            components
            if row.role is Role.TOTAL
            else [r for r in components if normalise(r.group) == normalise(row.group)]
            if row.role is Role.SUBTOTAL
            else []
        )
        for year in table.years if parts else ():
            printed = row.values.get(year)
            if printed is not None:
                difference = printed - sum(p.values.get(year) or 0 for p in parts)
                largest, count = max(largest, abs(difference)), count + (difference != 0)
        if row.printed_total is not None and row.values:
            difference = row.printed_total - sum(v or 0 for v in row.values.values())
            largest, count = max(largest, abs(difference)), count + (difference != 0)
    if not count:
        return ""
    places = "één plaats" if count == 1 else f"{count} plaatsen"
    return (
        "Totalen zijn berekend uit de onderliggende regels. Op "
        f"{places} wijkt het totaal in de bron daarvan af door afronding (ten hoogste "
        f"{number(largest)})."
    )
