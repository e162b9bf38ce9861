"""What finance, statistics and the policy writers supply for a next edition, 2018–2023.

The figures are invented but plausible: the reference edition's, seven years later and 7%
higher (percentages stay as they are), each year kept only where the new edition's blank
template offers it. Four optional sheets are left out. `REVIEWED` is the writers' review:
the passages that were about the old period, written anew for this one.
"""

from __future__ import annotations

import re
from pathlib import Path

from report.inputs import contract
from report.inputs.cells import NOT_AVAILABLE
from report.inputs.contract import Role, YearSheet
from report.inputs.edition import Edition
from report.inputs.read import read_inputs
from report.inputs.tables import YearTable
from report.inputs.template import SheetValues, default_years, write_workbook

LATER = 7  # 2011 → 2018
FACTOR = 1.07
LEFT_OUT = ("vertrek_veilig", "maatregelen_vertrek", "gl", "ontvangsten")
# What other sources printed differently concerns the previous edition's years: not carried over.
PREVIOUS_ONLY = ("andere_bronnen_financien", "andere_bronnen_statistiek")


def _later(text: str) -> str:
    return re.sub(r"\b(19|20)(\d\d)\b", lambda m: str(int(m.group(0)) + LATER), text or "")


def supplied_workbooks(sample: Path, edition: Edition, folder: Path) -> dict[str, Path]:
    """Finance's and statistics' own filled copies for `edition`, by workbook key."""
    inputs = read_inputs(sample)
    shift_savings = edition.savings.years[0] - inputs.edition.savings.years[0]

    def scaled(value):
        return NOT_AVAILABLE if value is None else round(value * FACTOR)

    values: dict[str, SheetValues] = {}
    for key, table in inputs.tables.items():
        if key in LEFT_OUT + PREVIOUS_ONLY:
            continue
        spec = contract.BY_KEY[key]
        if isinstance(table, YearTable) and isinstance(spec, YearSheet):
            offered = set(default_years(spec, edition))
            years = tuple(y + LATER for y in table.years if y + LATER in offered)
            percent = spec.unit == contract.PERCENT

            def moved(row, percent=percent, offered=offered):
                return {
                    y + LATER: (v if percent else scaled(v))
                    for y, v in row.values.items()
                    if y + LATER in offered
                }

            values[key] = SheetValues(
                bron=_later(table.origin.bron),
                peildatum=edition.peildatum.isoformat(),
                years=years,
                budget_years=frozenset(y for y in years if y >= edition.peildatum.year),
                rows=[
                    (r.group, r.label, moved(r), None, _later(r.toelichting), r.attributes)
                    for r in table.rows
                    if r.role not in (Role.TOTAL, Role.SUBTOTAL)
                ],
            )
        else:
            records = [
                {
                    **{k: _later(v) if isinstance(v, str) else v for k, v in record.values.items()},
                    **{y + shift_savings: v for y, v in record.phase.items()},
                }
                for record in table.records
            ]  # finance rewrites a measure's explanation for the new years too
            values[key] = SheetValues(
                bron=_later(table.origin.bron),
                peildatum=edition.peildatum.isoformat(),
                years=tuple(y + shift_savings for y in table.years),
                records=records,
            )
    written = {}
    folder.mkdir(parents=True, exist_ok=True)
    for workbook, name in (
        (contract.FINANCE, edition.finance_file),
        (contract.STATISTICS, edition.statistics_file),
    ):
        keys = {s.key for s in contract.sheets_of(workbook)}
        mine = {k: v for k, v in values.items() if k in keys}
        write_workbook(workbook, edition, folder / name, mine)
        written[workbook] = folder / name
    return written


# The writers' review: the parts that were about the previous edition, written for this one.
REVIEWED = {
    "h1-aanleiding": """\
Volgens de Regeling periodiek evaluatieonderzoek (RPE) wordt elk begrotingsartikel periodiek
doorgelicht. Deze doorlichting van het artikel over vertrek van vreemdelingen volgt op de
vorige doorlichting van hetzelfde artikel en gebruikt de aanbevelingen daarvan als
vertrekpunt.[^vorige]

[^vorige]: Ministerie van Justitie en Veiligheid, *Beleidsdoorlichting begrotingsartikel 37.3* (2019).
""",
    "h1-afbakening": """\
De periode van {{< var periode >}} begint waar de vorige doorlichting eindigde. In die jaren
is de aanpak van terugkeer op hoofdlijnen voortgezet, met meer nadruk op samenwerking in de
keten en met herkomstlanden.

Onderzocht zijn de maatregelen van de rijksoverheid om vreemdelingen zonder rechtmatig verblijf
tot vertrek te bewegen, en de maatregelen die volgen als zelfstandig vertrek uitblijft.
Toelating en opvang blijven buiten beschouwing, behalve waar zij het vertrek direct raken.
""",
    "samenvatting-verbeterpunten": """\
De doorlichting beveelt aan:

- de cohortcijfers die nu beschikbaar zijn jaarlijks te publiceren;
- de uitgaven zoveel mogelijk per instrument vast te leggen;
- de samenwerking met herkomstlanden per land te volgen.
""",
    "h6-verbeterparagraaf": """\
Deze paragraaf noemt wat nodig is om bij een volgende doorlichting beter te kunnen oordelen.

### Cohortcijfers { #sec-verbeter-cohorten }

Sinds de vorige doorlichting zijn cohortcijfers beschikbaar. Jaarlijkse publicatie maakt
zichtbaar hoe het vertrek van een instroomjaar zich ontwikkelt.

### Uitgaven per instrument { #sec-verbeter-uitgaven }

Voor een oordeel over doelmatigheid is het nodig de uitgaven zoveel mogelijk per instrument vast
te leggen.
""",
}
