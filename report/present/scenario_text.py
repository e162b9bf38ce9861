"""The -20% variant in words: derivations for the report and the terminal view of the scenario."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from decimal import Decimal

from report.model.scenario import Measure, Scenario
from report.numbers import exact, number, percent, signed
from report.present.derivation import derivation_text

MIN_LABEL = 24  # narrower than this, the table becomes one block per row
GAP = 2  # spaces before each amount column


def _value(value: Decimal | str | None) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, str):
        return f"'{value}'"
    return exact(value)


def _wrap(text: str, width: int, indent: str = "", hang: str = "  ") -> list[str]:
    return textwrap.wrap(
        text, width, initial_indent=indent, subsequent_indent=hang, break_on_hyphens=False
    ) or [indent.rstrip()]


RULE = None  # a row that is a horizontal rule


class _Table:
    """Labels with amounts, laid out to fit `width` columns: labels wrap and are never cut;
    when even that leaves too little room, each row becomes a block of 'year: amount' pairs."""

    def __init__(
        self,
        rows: Sequence[tuple[str, list[str]] | None],
        heading: list[str] | None = None,
        title: str = "",
    ):
        self.rows = rows
        self.heading = heading
        self.title = title

    def lines(self, width: int) -> list[str]:
        rows = [row for row in self.rows if row is not RULE]
        if self.heading:
            rows.append((self.title, self.heading))
        count = max(len(cells) for _label, cells in rows)
        cell = max(len(c) for _label, cells in rows for c in cells) + GAP
        label = min(max(len(text) for text, _cells in rows) + 1, width - cell * count)
        if label < MIN_LABEL:
            return self._blocks(width)
        out = []
        if self.heading:
            out.append(self.title.ljust(label) + "".join(h.rjust(cell) for h in self.heading))
        for row in self.rows:
            if row is RULE:
                out.append("-" * (label + cell * count))
                continue
            text, cells = row
            parts = _wrap(text, label - 1, "", _hang(text))
            out.append(parts[0].ljust(label) + "".join(c.rjust(cell) for c in cells))
            out += parts[1:]
        return out

    def _blocks(self, width: int) -> list[str]:
        out = []
        for row in self.rows:
            if row is RULE:
                continue
            text, cells = row
            out += _wrap(text, width, "", _hang(text))
            pairs = [
                f"{heading}: {value}" if heading else value
                for heading, value in zip(self.heading or [""] * len(cells), cells, strict=True)
                if value
            ]
            out += _pack(pairs, width, "    ")
        return out


def _pack(items: list[str], width: int, indent: str) -> list[str]:
    """Items side by side, as many as fit on a line; an item is never split."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 3 + len(item) <= width:
            lines[-1] += "   " + item
        else:
            lines.append(indent + item)
    return lines


def _hang(label: str) -> str:
    """Continuation lines of '1. A long name' line up under the name."""
    number = label.split(" ", 1)[0]
    return " " * (len(number) + 1) if number.rstrip(".").isdigit() else "  "


def scenario_text(scenario: Scenario, width: int | None = None) -> str:
    """Base, target, measures × years, totals, difference, coverage, derivations, overrides.

    Fits `width` columns (default: the terminal's width, 80 when the output is not a terminal).
    """
    width = max(width or shutil.get_terminal_size((80, 24)).columns, 20)
    years = scenario.years
    final = len(years) - 1

    def last_only(text: str) -> list[str]:
        return ["" if i != final else text for i in range(len(years))]

    def para(text: str, indent: str = "", hang: str = "  ") -> list[str]:
        return _wrap(text, width, indent, hang)

    base = _Table(
        [(part.label, [number(part.amount)]) for part in scenario.base_parts]
        + [("Basis", [number(scenario.base)])]
    )
    overview = _Table(
        [
            RULE,
            *((m.label, [number(m.amounts[y]) for y in years]) for m in scenario.measures),
            RULE,
            ("Totaal besparing", [number(scenario.totals[y]) for y in years]),
            (f"Taakstelling ({scenario.final_year})", last_only(number(scenario.target))),
            ("Verschil (totaal − taakstelling)", last_only(signed(scenario.difference))),
            ("Dekking van de taakstelling", last_only(percent(scenario.coverage))),
        ],
        heading=[str(y) for y in years],
        title="Maatregel",
    )
    lines = [
        *para(
            f"{scenario.percentage}%-variant: besparingsmaatregelen {years[0]}–{years[-1]} "
            "(bedragen x € 1.000)"
        ),
        "",
        *para(f"Basis: {scenario.basis_text}, {scenario.reference_year}"),
        *("  " + line for line in base.lines(width - 2)),
        *para(
            f"Taakstelling: {scenario.percentage}% van {number(scenario.base)} = "
            f"{number(scenario.target)} (onafgerond {exact(scenario.target_exact, 3)})"
        ),
        "",
        *overview.lines(width),
        "",
        *para("Berekening per maatregel (structureel bedrag):"),
    ]
    for measure in scenario.measures:
        lines += para(f"{measure.number}. {derivation_text(measure)}", "  ", "     ")
        lines += para(
            f"fasering: {_phasing(measure)}; basis uit {measure.derivation.source}",
            "     ",
            "       ",
        )
    lines += ["", *para(f"Afronding: {scenario.rounding_rule}"), ""]
    if scenario.overrides:
        lines += para("Wijzigingen voor deze berekening (--set), niet in de werkmap:")
        for o in scenario.overrides:
            lines += para(
                f"{o.text}: maatregel {o.number}, {o.field_name} {_value(o.old)} → {_value(o.new)}",
                "  ",
                "    ",
            )
    else:
        lines += para("Geen wijzigingen (--set): alle waarden komen uit de werkmap.")
    for note in scenario.notes:
        lines += para(f"Let op: {note}")
    return "\n".join(lines) + "\n"


def _phasing(measure: Measure) -> str:
    return ", ".join(f"{year} {exact(share)}%" for year, share in measure.phase.items())
