"""The instructions sheet of a workbook: how to fill it in, per sheet which years, the savings rules."""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from report.inputs import contract
from report.inputs.cells import NOT_AVAILABLE
from report.inputs.contract import RecordSheet, Sheet, YearSheet
from report.inputs.edition import BASES, Edition

TITLE = Font(bold=True, size=14)
HEAD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CHARS_PER_LINE = 115  # of the instructions column (width 110) in Excel's default font

GENERAL = (
    "• Elk werkblad bevat één tabel. Namen van werkbladen, kolomkoppen en vaste regels zijn "
    "beveiligd (zonder wachtwoord) en mogen niet veranderen; het programma zoekt ze op naam.",
    "• U vult alleen de gele cellen in. Excel toont bij elke cel wat erin hoort en weigert een "
    "waarde die niet past.",
    "• Vul bij 'Bron' boven elke tabel de herkomst van de cijfers in (verplicht) en zo mogelijk "
    "de peildatum.",
    "• Bedragen zijn hele bedragen x € 1.000; aantallen zijn hele getallen. Typ getallen, geen "
    "tekst als 'n.v.t.'.",
    "• Percentages typt u als getal: 30 voor 30%, of 30% met het procentteken. Een breuk als 0,3 "
    "wordt geweigerd, omdat niet te zien is of 0,3% of 30% bedoeld is.",
    f"• Een cel leeg laten mag niet. Bestaat een bedrag niet, typ dan {NOT_AVAILABLE} in de cel "
    "(alleen waar het werkblad dat hieronder toestaat) en leg in de kolom Toelichting uit waarom; "
    "die uitleg komt in het rapport. Een toelichting over iets anders telt niet.",
    "• Een optionele tabel mag een deel van de jaren beslaan: laat de kolom van een jaar zonder "
    "cijfers dan helemaal leeg. Dat mag alleen aan het begin of eind van de tabel, niet tussen "
    "twee ingevulde jaren.",
    "• Een totaalregel is niet nodig. Staat er een totaal, dan controleert het programma het tegen "
    "de som van de regels.",
    "• Extra regels (waar het werkblad dat toestaat) zet u in de lege gele rijen onder de vaste "
    "regels; is dat te weinig, voeg dan rijen in. Elke omschrijving mag maar één keer voorkomen.",
    "• Gebruik geen formules die naar andere bestanden verwijzen en sla de werkmap op in Excel of "
    "LibreOffice (.xlsx).",
    "• Tekens die het lettertype van het rapport niet kent (zoals emoji) worden geweigerd.",
    "• Controleer de werkmap met: python build.py check --data <map van deze editie>",
)


def write_instructions(
    ws: Worksheet,
    workbook: str,
    edition: Edition,
    specs: Sequence[Sheet],
    years: dict[str, tuple[int, ...]],
    notes: dict[str, list[str]],
) -> None:
    """Fill the Instructie sheet; `years` holds each year sheet's columns, `notes` extra lines."""
    lines: list[tuple[str, Font | None]] = [
        (contract.WORKBOOK_TITLES[workbook], TITLE),
        (f"{edition.title} — editie {edition.published.year}", Font(italic=True)),
        ("", None),
        ("Zo vult u deze werkmap in", HEAD),
        *((text, None) for text in GENERAL),
    ]
    if any(isinstance(s, YearSheet) and s.status_row for s in specs):
        lines.append(
            (
                "• De rij 'Status' zegt per jaar of het om realisatie of begroting gaat. Een jaar "
                f"dat op de peildatum ({edition.peildatum:%d-%m-%Y}) nog niet voorbij was, is "
                "begroting; die jaren zijn al ingevuld.",
                None,
            )
        )
    lines += [("", None), ("Werkbladen", HEAD)]
    for spec in specs:
        need = (
            "verplicht"
            if spec.required
            else "optioneel; ontbreekt het blad, dan vervalt de paragraaf"
        )
        lines.append((f"{spec.sheet} ({need}): {spec.title}, {spec.unit}.", None))
        if isinstance(spec, YearSheet) and spec.key in years:
            lines.append((f"    {_years_line(spec, years[spec.key])}", None))
        if isinstance(spec, YearSheet) and spec.gaps_allowed:
            lines.append(
                (
                    f"    Op dit blad mag {NOT_AVAILABLE} staan voor een bedrag dat niet bestaat.",
                    None,
                )
            )
        if spec.hint:
            lines.append((f"    {spec.hint}", None))
    if any(isinstance(s, RecordSheet) and s.year_columns for s in specs):
        lines += [("", None), ("Rekenregels van de besparingsmaatregelen", HEAD)]
        lines += [(text, None) for text in savings_rules(edition)]
    for spec in specs:
        for note in notes.get(spec.key, []):
            lines.append((f"Toelichting {spec.sheet}: {note}", None))
    for row, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row, 1, text)
        cell.alignment = WRAP
        if font:
            cell.font = font
        if len(text) > CHARS_PER_LINE:  # Excel does not grow a row for wrapped text by itself
            ws.row_dimensions[row].height = 15 * math.ceil(len(text) / CHARS_PER_LINE)
    ws.column_dimensions["A"].width = 110
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)  # one page wide
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def _years_line(spec: YearSheet, years: tuple[int, ...]) -> str:
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    if spec.required:
        return f"Jaren: {span}; elk jaar is nodig."
    return (
        f"Jaren: {span}; vul de jaren in waarvoor cijfers bestaan (bijvoorbeeld alleen de laatste "
        "jaren, of één jaar) en laat de kolommen van de andere jaren helemaal leeg."
    )


def savings_rules(edition: Edition) -> tuple[str, ...]:
    """What each rule computes and what it may not exceed (its base), as the scenario checks it."""
    year = edition.savings.reference_year
    base = BASES[edition.savings.base]
    return (
        f"• {contract.RULE_LINE}: Percentage maal het bedrag van de Begrotingsregel in {year}. "
        "De basis is die regel; het percentage ligt tussen 0 en 100.",
        f"• {contract.RULE_AMOUNT}: Percentage maal het Bedrag. Het Bedrag mag niet groter zijn "
        f"dan de Begrotingsregel in {year} als die is ingevuld, en anders niet groter dan de "
        f"basis van de variant ({base} in {year}).",
        f"• {contract.RULE_FTE}: Aantal fte maal Kosten per fte (x € 1.000 per fte per jaar). De "
        f"uitkomst mag niet groter zijn dan de Begrotingsregel in {year} als die is ingevuld, en "
        f"anders niet groter dan de apparaatsuitgaven van de DT&V in {year}.",
        f"• {contract.RULE_FIXED}: het Bedrag zelf; niet groter dan de Begrotingsregel in {year} "
        "als die is ingevuld, en anders niet groter dan de basis van de variant.",
        "• Maatregelen die op dezelfde begrotingsregel besparen, besparen samen niet meer dan die "
        "regel. Een wat-als met --set volgt dezelfde regels.",
        "• Fasering: per jaar het deel (0 tot 100%) van het structurele bedrag dat in dat jaar "
        "wordt bespaard; het loopt niet terug.",
    )
