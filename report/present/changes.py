"""The changes since the previous edition in Dutch: lines for the terminal and the appendix,
and the sheet Besparingsvariant of tabellen.xlsx that a later edition compares with."""

from __future__ import annotations

import re
from decimal import Decimal

from report.cited import Cited, Shown, cite
from report.inputs.previous import PARAMETER_HEADER, PARAMETERS
from report.model.changes import Changes, Facts, ParameterChange, Revision
from report.numbers import exact
from report.present.workbook_sheets import ListSheet, ListValue

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

SHEET = PARAMETERS


def parameter_sheet(facts: Facts) -> ListSheet:
    """The sheet Besparingsvariant: every setting and measure parameter of the variant.

    A later edition compares its own parameters with these (`compare`).
    """
    return ListSheet(
        SHEET,
        "Parameters van de besparingsvariant",
        PARAMETER_HEADER,
        [(p.part, p.name, _value(p.value)) for p in facts.parameters],
    )


def _value(text: str) -> ListValue:
    """A number as a number (Excel shows it in the reader's own notation), other values as text."""
    if not _NUMBER.fullmatch(text):
        return text
    found = Decimal(text)
    return int(found) if found == found.to_integral_value() else found


def revision_line(revision: Revision) -> Cited:
    """'Opdracht vreemdelingenvertrek, 2016: 8.018 in de vorige editie, nu 8.100 (+82)'."""
    before, now, gap = revision.previous, revision.current, revision.difference
    status = ""
    if before.budget and not now.budget:
        status = "; was begroting, nu realisatie"
    elif now.budget and not before.budget:
        status = "; was realisatie, nu begroting"
    unit, points = ("%", " procentpunt") if now.percent else ("", "")
    return cite(
        "{row}, {year}: {before}{unit} in de vorige editie, nu {now}{unit} "
        "(verschil {gap}{points}{status})",
        row=now.row,
        year=now.year,
        before=Shown(before.value, exact(before.value, 2)),
        now=Shown(now.value, exact(now.value, 2)),
        gap=Shown(gap, ("+" if gap > 0 else "") + exact(gap, 2)),
        unit=unit,
        points=points,
        status=status,
    )


def parameter_line(change: ParameterChange) -> str:
    """'Maatregel 1 (financien.xlsx › Besparingsmaatregelen › rij 7), Percentage: 30 → 40'.

    A parameter only one edition has reads "—" for the other.
    """
    before, now = change.previous or "—", change.current or "—"
    where = f" ({change.place})" if change.place else ""
    return f"{change.part}{where}, {change.name}: {before} → {now}"


def summary(changes: Changes, current: str) -> str:
    """The terminal's summary: what was compared, then each kind of change."""
    lines = [f"Vergeleken: {current} met de vorige editie in {changes.source}.", ""]
    if changes.added:
        lines += ["Tabellen die er zijn bijgekomen:", *(f"  {t}" for t in changes.added), ""]
    if changes.dropped:
        lines += ["Tabellen die zijn vervallen:", *(f"  {t}" for t in changes.dropped), ""]
    count = len(changes.revised)
    if count:
        lines.append(f"Herziene cijfers voor jaren die beide edities beslaan ({count}):")
        for _, title, revisions in changes.by_table():
            lines.append(f"  {title}")
            lines += [f"    {revision_line(r)}" for r in revisions]
    else:
        lines.append("Geen herziene cijfers voor jaren die beide edities beslaan.")
    lines.append("")
    if changes.parameters:
        lines.append(f"Gewijzigde parameters van de besparingsvariant ({len(changes.parameters)}):")
        lines += [f"  {parameter_line(p)}" for p in changes.parameters]
    else:
        lines.append("De parameters van de besparingsvariant zijn niet gewijzigd.")
    return "\n".join(lines) + "\n"
