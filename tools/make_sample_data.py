"""Rebuild data/financien.xlsx and data/vertrekcijfers.xlsx from the reference edition.

The sample workbooks hold the figures of the published beleidsdoorlichting (2019), as
transcribed in tests/reference/. Run this when the workbook contract changes:

    python tools/make_sample_data.py [TARGET]

Where the published tables contradict each other, the choice made is written into the
workbook's instructions sheet, so finance and auditors see it where they see the numbers.
"""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

from report.inputs import contract
from report.inputs.edition import load_edition
from report.inputs.template import SheetValues, write_workbook

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "reference"
PEILDATUM = "2019-02-01"
NOT_AVAILABLE = "n.b."  # the documented marker for a figure that does not exist


def wide(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def by_label(rows: list[dict[str, str]], label: str, key: str = "row") -> dict[str, str]:
    return next(row for row in rows if row[key] == label)


def numbers(row: dict[str, str], years) -> dict[int, int]:
    return {year: int(row[str(year)]) for year in years if row.get(str(year), "") != ""}


def finance() -> dict[str, SheetValues]:
    t8 = wide("tabel08_uitgaven_artikel37_3_wide.csv")
    t13 = wide("tabel13_uitgaven_dtv_apparaat_2011_2017_wide.csv")
    t19 = wide("tabel19_uitgaven_dtv_2017_2022_wide.csv")
    early, late = range(2011, 2017), range(2017, 2023)

    def t8row(prefix: str) -> dict[int, int]:
        return numbers(next(r for r in t8 if r["row"].startswith(prefix)), early)

    def t19row(label: str) -> dict[int, int]:
        return numbers(by_label(t19, label), late)

    programma = SheetValues(
        bron="Jaarverslagen JenV (2013–2017) en DT&V (2011–2012); Rijksbegroting (2018–2022)",
        peildatum=PEILDATUM,
        years=tuple(range(2011, 2023)),
        budget_years=frozenset(range(2019, 2023)),
        rows=[
            (
                "",
                "Opdracht vreemdelingenvertrek",
                t8row("Opdracht") | t19row("Opdrachten Vreemdelingen vertrek"),
                None,
                "2011–2014 inclusief overige subsidies",
                {},
            ),
            (
                "",
                "REAN-regeling",
                t8row("Subsidies") | t19row("REAN-regeling"),
                None,
                "2015–2016 inclusief overige subsidies",
                {},
            ),
            (
                "",
                "Overige subsidies",
                dict.fromkeys(range(2011, 2017), NOT_AVAILABLE) | t19row("Overige subsidies"),
                None,
                "2011–2014 opgenomen in Opdracht vreemdelingenvertrek; 2015–2016 opgenomen in REAN-regeling",
                {},
            ),
            ("", "DV&O", t8row("DV&O") | t19row("DV&O"), None, "", {}),
            (
                "",
                "Totaal programma-uitgaven",
                t8row("Totaal") | t19row("Totaal programma-uitgaven"),
                None,
                "",
                {},
            ),
        ],
        notes=[
            "Tot en met 2016 kende de begroting drie regels; de uitsplitsing in vier regels geldt vanaf 2017. "
            "De kolom Toelichting zegt per regel waar de overige subsidies in eerdere jaren zijn opgenomen.",
        ],
    )
    t13_2017 = {r["Uitgaven /jaar"]: r for r in t13}
    apparaat_rows = []
    for label, t19label in (
        ("Ambtelijk personeel", "Ambtelijk personeel"),
        ("Externe inhuur van personeel", "Externe inhuur van personeel"),
        ("Materieel (ICT, huisvesting)", "Materieel (ICT, huisvesting)"),
        ("Totaal apparaatsuitgaven", "Totaal apparaatsuitgaven"),
    ):
        values = {y: int(t13_2017[label][str(y)]) for y in range(2011, 2018)}
        values |= numbers(by_label(t19, t19label), range(2018, 2023))
        apparaat_rows.append(("", label, values, None, "", {}))
    apparaat = SheetValues(
        bron="Jaarverslagen JenV (2013–2017), DT&V (2011–2012 en 2018–2022)",
        peildatum=PEILDATUM,
        years=tuple(range(2011, 2023)),
        budget_years=frozenset(range(2019, 2023)),
        rows=apparaat_rows,
    )
    receipts = {
        "Ontvangsten Europa voor Europese subsidies": "tabel09a_ontvangsten_europa_wide.csv",
        "Ontvangsten BZ voor SVT": "tabel10b_ontvangsten_bz_svt_wide.csv",
        "Ontvangsten gemeenten voor Barka": "tabel11c_ontvangsten_gemeenten_barka_wide.csv",
    }
    ontvangsten_rows = []
    for label, name in receipts.items():
        rows = wide(name)
        amount = next(k for k in rows[0] if k != "Jaar")
        values: dict[int, int | str] = {int(r["Jaar"]): int(r[amount]) for r in rows}
        first = min(values)
        values = dict.fromkeys(range(2012, first), NOT_AVAILABLE) | values
        note = f"geen ontvangsten vóór {first}" if first > 2012 else ""
        ontvangsten_rows.append(("", label, values, None, note, {}))
    ontvangsten = SheetValues(
        bron="DT&V", peildatum=PEILDATUM, years=tuple(range(2012, 2018)), rows=ontvangsten_rows
    )
    t12 = wide("tabel12_uitsplitsing_opdracht_vreemdelingenvertrek_2016_wide.csv")
    label_col, value_col = list(t12[0])
    short = {r.label[:20]: r.label for r in contract.BY_KEY["opdracht"].rows}
    opdracht = SheetValues(
        bron="Ministerie van JenV",
        peildatum=PEILDATUM,
        years=(2016,),
        rows=[
            (
                "",
                short.get(r[label_col][:20], r[label_col]),
                {2016: int(r[value_col])},
                None,
                "",
                {},
            )
            for r in t12
        ],
    )
    measures = SheetValues(
        bron="Directie Financieel-Economische Zaken, uitwerking -20%-variant",
        years=(2019, 2020, 2021, 2022),
        records=[
            {
                "Nr": 1,
                "Maatregel": "Het beperken van de REAN-bijdrage",
                "Rekenregel": contract.RULE_LINE,
                "Percentage": 30,
                "Begrotingsregel": "REAN-regeling",
                "Toelichting basis": "aandeel vertrekkers uit visumvrije landen onder het zelfstandig vertrek",
                "Uitvoerder": "IOM, DT&V",
                "Omschrijving": "Vreemdelingen uit visumvrije landen, vooral uit de Westelijke Balkan, krijgen bij zelfstandig vertrek geen REAN-bijdrage meer en zijn voor hun vertrek weer volledig zelf verantwoordelijk.",
                "Gevolgen": "Waarschijnlijk vertrekken dan minder vreemdelingen aantoonbaar en meer zonder toezicht, wat het onrechtmatig verblijf kan vergroten, haaks op het doel van het artikel. Meer van hen zullen gedwongen moeten vertrekken, wat duurder is dan vertrek via de IOM; na een vergelijkbare beperking in de onderzochte periode daalde het vertrek via de IOM. De subsidie aan de IOM kan niet ineens worden afgebouwd, en de gevolgen moeten kort na invoering worden geëvalueerd.",
                2019: 0,
                2020: 25,
                2021: 50,
                2022: 100,
            },
            {
                "Nr": 2,
                "Maatregel": "Besparen op vervoer",
                "Rekenregel": contract.RULE_LINE,
                "Percentage": 15,
                "Begrotingsregel": "DV&O",
                "Toelichting basis": "lichtere eisen aan het vervoer van vreemdelingen",
                "Uitvoerder": "DV&O, DT&V",
                "Omschrijving": "Het vervoer van vreemdelingen naar de luchthaven en naar bewaring is een grote post met strenge kwaliteitseisen. Bij lichtere eisen hoeft niet altijd de kortste route te worden genomen, kunnen meer vreemdelingen per voertuig mee en volstaan eenvoudiger voertuigen. Omdat veel vreemdelingen voor wie gedwongen vertrek is voorbereid toch zonder toezicht vertrekken, wordt vervoer nu ook vergeefs ingepland.",
                "Gevolgen": "De raming berust op eerder onderzoek en een inschatting van financiële deskundigen; nader onderzoek moet de werkelijke opbrengst uitwijzen. Lichtere eisen kunnen de zorgvuldigheid en veiligheid van het vervoer aantasten, en de kwaliteitseisen van de DV&O als overheidsdienst genieten meer draagvlak dan vervoer door particuliere partijen.",
                2019: 0,
                2020: 0,
                2021: 50,
                2022: 100,
            },
            {
                "Nr": 3,
                "Maatregel": "Alleen nog terugkeerondersteuning via IOM",
                "Rekenregel": contract.RULE_LINE,
                "Percentage": 100,
                "Begrotingsregel": "Overige subsidies",
                "Toelichting basis": "de subsidies aan andere organisaties dan IOM vervallen",
                "Uitvoerder": "DT&V",
                "Omschrijving": "De subsidies van de DT&V aan andere ngo's dan de IOM vervallen; terugkeerondersteuning loopt alleen nog via de IOM.",
                "Gevolgen": "Ngo's bereiken vreemdelingen die overheid en IOM niet bereiken en kunnen vertrouwelijk contact onderhouden. Zonder hen kan zelfstandig vertrek langer duren, waardoor de opvangkosten van het COA stijgen, of uitblijven, waardoor meer vreemdelingen zonder toezicht vertrekken. De optie kan zo de doeltreffendheid van het beleid verminderen.",
                2019: 0,
                2020: 20,
                2021: 60,
                2022: 100,
            },
            {
                "Nr": 4,
                "Maatregel": "Gedwongen vertrek deels via Europese (Frontex) terugkeervluchten",
                "Rekenregel": contract.RULE_AMOUNT,
                "Percentage": 15,
                "Bedrag": 4100,
                "Toelichting basis": "de reiskosten van vreemdelingen en escorteurs naar herkomstlanden binnen de post opdracht vreemdelingenvertrek, zoals de editie 2019 ze ruw schatte; de twee reiskostenposten van de opdracht in 2016 zijn samen hoger, maar voor het referentiejaar is er geen betere raming, en de maatregel blijft daarom gerekend zoals hij is gepubliceerd",
                "Uitvoerder": "DT&V, KMar, Frontex",
                "Omschrijving": "Door gedwongen vertrek vaker samen met andere lidstaten uit te voeren, bijvoorbeeld op door Frontex gecoördineerde vluchten, bespaart de DT&V op de reiskosten van vertrekkende vreemdelingen, een groot deel van de post opdracht vreemdelingenvertrek.",
                "Gevolgen": "De besparing is moeilijk te ramen en vraagt eerst onderzoek. Gezamenlijke vluchten versterken de Europese samenwerking, maar vreemdelingen moeten mogelijk langer wachten, met het risico dat zij in die tijd verdwijnen en de opvangkosten oplopen. Een gezamenlijke vlucht vraagt bovendien dat groepen vreemdelingen tegelijk beschikbaar zijn; dat hangt af van de juridische ruimte voor bewaring, en bewaring kost op haar beurt geld.",
                2019: 0,
                2020: 0,
                2021: 50,
                2022: 100,
            },
            {
                "Nr": 5,
                "Maatregel": "Minder intensieve regievoering",
                "Rekenregel": contract.RULE_FTE,
                "Aantal fte": 65,
                "Kosten per fte": Decimal("160.78"),
                "Toelichting basis": "minder regievoerders; kosten per fte inclusief werkplek",
                "Uitvoerder": "DT&V",
                "Omschrijving": "Personeel is de grootste kostenpost van de DT&V, en ICT en huisvesting hangen daarmee samen. Bij minder intensief casemanagement zijn minder regievoerders en administratieve medewerkers nodig en daalt de overhead. Voor groepen met een laag vertrekresultaat, zoals bewoners van de gezinslocaties, kan het contact tot een minimum worden beperkt; voor andere groepen kan een maximum aantal gesprekken gelden. Ook de ondersteunende afdelingen besparen naar verhouding.",
                "Gevolgen": "Een deel van de besparing volgt uit het niet verlengen van tijdelijke contracten; voor de rest is een afbouwplan nodig, mogelijk met een reorganisatie en begeleiding van werk naar werk. Hoe snel dat kan, is onzeker. De risico's zijn aanzienlijk: vreemdelingen werken minder mee als zij merken dat de DT&V zich minder inspant; minder vertrekinspanning kan leiden tot meer vergunningen op grond van het recht op gezinsleven, meer nieuwe procedures en meer verzoeken om toepassing van de discretionaire bevoegdheid; de samenwerking met ketenpartners, gemeenten en herkomstlanden kan schade oplopen; herkomstlanden kunnen minder urgentie voelen om mee te werken aan gedwongen terugkeer, wat ook het zelfstandig vertrek drukt.",
                2019: 0,
                2020: 20,
                2021: 50,
                2022: 100,
            },
        ],
        notes=[
            "De rekenregels volgen de -20%-paragraaf van de editie 2019. De bedragen worden berekend uit de "
            "begroting van het referentiejaar en kunnen daardoor afwijken van de afgeronde bedragen in die editie.",
        ],
    )
    return {
        "programma": programma,
        "apparaat": apparaat,
        "ontvangsten": ontvangsten,
        "opdracht": opdracht,
        "maatregelen": measures,
        "andere_bronnen_financien": other_sources(finance_other_sources(t8, t19)),
    }


# -- Andere bronnen: what the 2019 edition printed where the report's figure differs ----------

EDITION_2019 = "beleidsdoorlichting artikel 37.3 (2019)"


def other_sources(records: list[tuple[str, str, str | int, int, str, str]]) -> SheetValues:
    return SheetValues(
        bron=f"Gepubliceerde cijfers, vooral uit de {EDITION_2019}",
        records=[
            {
                "Nr": number,
                "Werkblad": sheet,
                "Regel": row,
                "Kolom": column,
                "Waarde": value,
                "Andere bron": source,
                "Reden": reason,
            }
            for number, (sheet, row, column, value, source, reason) in enumerate(records, start=1)
        ],
    )


def finance_other_sources(t8, t19) -> list[tuple[str, str, str | int, int, str, str]]:
    """Tabel 8's 2017 total, Tabel 19's 2017 apparatus costs and Tabel 20's totals."""
    printed_2017 = int(next(r for r in t8 if r["row"].startswith("Totaal"))["2017"])
    dtv_2017 = int(by_label(t19, "Totaal apparaatsuitgaven")["2017"])
    t20 = wide("tabel20_besparingsmaatregelen_wide.csv")
    savings = next(r for r in t20 if r["Overzicht besparingen"] == "Totaal")
    hand = (
        "De editie 2019 rondde de bedragen per maatregel met de hand af. Dit rapport berekent "
        "elke maatregel uit zijn rekenregel en de begroting van het referentiejaar en telt de "
        "maatregelen op."
    )
    return [
        (
            "Programma-uitgaven",
            "Totaal programma-uitgaven",
            2017,
            printed_2017,
            f"tabel 8 van de {EDITION_2019}, uit het jaarverslag JenV 2017",
            "Het gedrukte totaal is niet de som van de regels. De regels komen overeen met de "
            "opgave voor de begroting in tabel 19 van dezelfde editie, die het totaal wel sluitend "
            "geeft; dit rapport telt de regels op.",
        ),
        (
            "Apparaatsuitgaven",
            "Totaal apparaatsuitgaven",
            2017,
            dtv_2017,
            f"opgave van de DT&V in tabel 19 van de {EDITION_2019}",
            "Dit rapport volgt het jaarverslag JenV 2017: dat is de verantwoorde realisatie en zo "
            "komt de reeks 2011–2017 uit één bron. De DT&V verdeelde de kosten in haar opgave "
            "anders over de drie regels.",
        ),
        *(
            (
                "Besparingsmaatregelen",
                "Totaal besparing",
                year,
                int(savings[str(year)]),
                f"tabel 20 van de {EDITION_2019}",
                (
                    "Het gepubliceerde totaal is lager dan de som van de gepubliceerde maatregelen. "
                    if year == 2021
                    else ""
                )
                + hand,
            )
            for year in (2020, 2021, 2022)
        ),
    ]


def statistics() -> dict[str, SheetValues]:
    period = range(2011, 2018)

    def plain(
        name: str,
        mapping: dict[str, str] | None = None,
        key: str = "row",
        years=period,
        bron="KMI+",
        total=True,
    ) -> SheetValues:
        rows = []
        for r in wide(name):
            label = (mapping or {}).get(r[key], r[key])
            if label is None:
                continue
            rows.append(
                (
                    r.get("row_group", ""),
                    label,
                    numbers(r, years),
                    int(r["Totaal"]) if total and r.get("Totaal") else None,
                    "",
                    {},
                )
            )
        return SheetValues(
            bron=bron, peildatum=PEILDATUM, years=tuple(years), rows=rows, with_total_column=total
        )

    vertrek_type = plain("tabel02_type_vertrek_wide.csv")
    veilig = plain("tabel03_veilig_vs_nietveilig_wide.csv")
    groups = {
        "Vreemdelingen afkomstig uit veilige landen": "Veilige landen",
        "Vreemdelingen niet afkomstig uit veilige landen": "Overige landen",
        "": "",
    }
    veilig.rows = [(groups[g], label, v, t, n, a) for g, label, v, t, n, a in veilig.rows]
    nationaliteiten = SheetValues(
        bron="KMI+ en CBS Statline (eerste asielaanvragen 2013–2017)",
        peildatum=PEILDATUM,
        years=tuple(period),
        with_total_column=True,
    )
    for name, safe, inflow in (
        (
            "tabel04_top10_nietveilig_wide.csv",
            "nee",
            "Totaal instroom asielzoekers uit deze landen (2013-2017)",
        ),
        ("tabel05_top10_veilig_wide.csv", "ja", "Totaal asielzoekers (2013-2017)"),
    ):
        for r in wide(name):
            if r["row"] == "Totaal":
                continue
            total = r.get("Totaal aantal vertrek") or r.get("Totaal")
            nationaliteiten.rows.append(
                (
                    "",
                    r["row"],
                    numbers(r, period),
                    int(total),
                    "",
                    {"Veilig land": safe, "Eerste asielaanvragen": int(r[inflow])},
                )
            )
    uitstroom = plain(
        "tabel06_uitstroom_caseload_dtv_wide.csv",
        {
            "Total aantoonbaar vertrek": "Totaal aantoonbaar vertrek",
            "Vergunning Verleend": "Vergunning verleend",
            "Total overige uitstroom": "Totaal overige uitstroom",
            "Totaal zelfstandig vertrek zonder toezicht": "Zelfstandig vertrek zonder toezicht",
        },
        bron="KMI+",
    )
    ugroups = {
        "Aantoonbaar vertrek uit Nederland": "Aantoonbaar vertrek",
        "Overige uitstroom": "Overige uitstroom",
        "Zelfstandig vertrek zonder toezicht": "Vertrek zonder toezicht",
        "": "",
    }
    uitstroom.rows = [(ugroups[g], label, v, t, n, a) for g, label, v, t, n, a in uitstroom.rows]
    pct = plain(
        "tabel15_percentages_uitstroom_dtv_wide.csv", key="DT&V Uitstroom", bron="DT&V", total=False
    )
    iom = plain("tabel07_vertrek_iom_wide.csv", bron="KMI+ en IOM")
    support = plain(
        "tabel14_rean_hrt_innatura_wide.csv",
        {
            "Vertrokken met in-natura herintegratie ondersteuning": "Vertrokken met in-natura herintegratieondersteuning"
        },
        bron="IOM",
    )
    t16groups = {
        "Vertrek vanuit vreemdelingenbewaring": "Vreemdelingenbewaring",
        "Vertrek na verblijf in GL": "Gezinslocatie (GL)",
        "Vertrek na verblijf in VBL": "Vrijheidsbeperkende locatie (VBL)",
        "Vertrek vanuit GGV": "Gesloten gezinsvoorziening (GGV)",
        "Aantoonbaar vertrek na opleggen meldplicht*": "Meldplicht",
    }
    t16labels = {
        "Aantal vreemdelingen in bewaring geplaatst": "In bewaring geplaatst",
        "Totaal aantoonbaar vertrek (+ percentage)": "Aantoonbaar vertrek",
        "Waarvan terugkeer naar land van herkomst": "Waarvan naar land van herkomst",
        "Instroom in GL": "Instroom",
        "Instroom in VBL": "Instroom",
        "Totale instroom in de GGV": "Instroom",
        "Totaal aantoonbaar vertrek vanuit GGV": "Aantoonbaar vertrek",
        "Waarvan vertrek land van herkomst": "Waarvan naar land van herkomst",
        "Aantal keer meldplicht opgelegd": "Meldplicht opgelegd",
    }
    maatregelen = SheetValues(
        bron="DT&V en Eerste Kamer, memorie van antwoord Kamerstuk 34 309",
        peildatum=PEILDATUM,
        years=tuple(range(2014, 2018)),
    )
    for r in wide("tabel16_terugkeermaatregelen_wide.csv"):
        if r["row_group"] not in t16groups or r["row"].endswith("- percentage"):
            continue
        maatregelen.rows.append(
            (
                t16groups[r["row_group"]],
                t16labels.get(r["row"], r["row"]),
                numbers(r, range(2014, 2018)),
                None,
                "",
                {},
            )
        )
    gl = SheetValues(bron="Brouwer, Family matters (2018), p. 37", periode="2013 – november 2017")
    for r in wide("tabel17_vertrek_gl_wide.csv"):
        record = {"Type vertrek": r["Type vertrek"], "Aantal": int(r["2013 - november 2017"])}
        for n in (1, 2, 3):
            if r[f"top{n}_land"]:
                record[f"Land {n}"] = r[f"top{n}_land"]
                record[f"Aantal {n}"] = int(r[f"top{n}_aantal"])
        gl.records.append(record)
    vris_rows: dict[str, dict[int, int]] = {}
    with (REFERENCE / "facts_text.csv").open(encoding="utf-8") as handle:
        for fact in csv.DictReader(handle):
            if fact["topic"] == "VRIS":
                label = (
                    "In de strafrechtketen"
                    if "strafrechtketen" in fact["item"]
                    else "Aantoonbaar vertrokken"
                )
                vris_rows.setdefault(label, {})[int(fact["column"])] = int(fact["value"])
    vris = SheetValues(
        bron="DT&V",
        peildatum=PEILDATUM,
        years=(2015, 2016, 2017),
        rows=[("", label, values, None, "", {}) for label, values in vris_rows.items()],
    )
    return {
        "vertrek_type": vertrek_type,
        "vertrek_veilig": veilig,
        "nationaliteiten": nationaliteiten,
        "uitstroom": uitstroom,
        "uitstroom_pct": pct,
        "iom": iom,
        "ondersteuning": support,
        "maatregelen_vertrek": maatregelen,
        "gl": gl,
        "vris": vris,
        "andere_bronnen_statistiek": other_sources(statistics_other_sources()),
    }


def statistics_other_sources() -> list[tuple[str, str, str | int, int, str, str]]:
    """Tabel 16's detention percentages and the total rows of Tabel 4 and 5 that do not add up."""
    t16 = wide("tabel16_terugkeermaatregelen_wide.csv")
    printed = next(r for r in t16 if r["row"].endswith("- percentage"))
    records: list[tuple[str, str, str | int, int, str, str]] = [
        (
            "Terugkeermaatregelen",
            "Aantoonbaar vertrek als deel van het aantal in bewaring geplaatst",
            year,
            int(printed[str(year)]),
            f"tabel 16 van de {EDITION_2019}",
            "De bron zegt niet waarover deze percentages zijn berekend; gedeeld door het aantal "
            "in bewaring geplaatste vreemdelingen geven de aantallen in dezelfde tabel lagere "
            "percentages. Dit rapport deelt het aantoonbaar vertrek uit bewaring door het aantal "
            "in bewaring geplaatsten, zoals de regel zegt.",
        )
        for year in (2014, 2015, 2016)  # 2017: 63%, as the counts give
    ]
    rounded = (
        "Het gepubliceerde totaal is waarschijnlijk opgeteld uit onafgeronde cijfers. Dit "
        "rapport telt de getoonde, afgeronde cijfers op, zodat de tabel sluit."
    )
    for name, table, row, columns in (
        (
            "tabel04_top10_nietveilig_wide.csv",
            4,
            "Totaal top 10 overige landen",
            {
                "Totaal aantal vertrek": "Totaal",
                "Totaal instroom asielzoekers uit deze landen (2013-2017)": "Eerste asielaanvragen",
            },
        ),
        ("tabel05_top10_veilig_wide.csv", 5, "Totaal top 10 veilige landen", {}),
    ):
        rows = wide(name)
        total = next(r for r in rows if r["row"] == "Totaal")
        lines = [r for r in rows if r["row"] != "Totaal"]
        for header, value in total.items():
            if header == "row" or not value:
                continue
            if header in ("Totaal aantal vertrek", "Totaal"):  # the sum of the shown row totals
                summed = sum(int(r[str(y)]) for r in lines for y in period_years())
            else:
                summed = sum(int(r[header]) for r in lines if r[header])
            if int(value) == summed:
                continue
            column = columns.get(header, header)
            reason = rounded
            if column == "Eerste asielaanvragen":
                reason = (
                    "Het gepubliceerde totaal is niet de som van de tien landen en afronding "
                    "verklaart het verschil niet; de bron zegt niet welk cijfer verkeerd is. Dit "
                    "rapport telt de tien landen op."
                )
            source = f"tabel {table} van de {EDITION_2019}"
            records.append(("Vertrek per nationaliteit", row, column, int(value), source, reason))
    return records


def period_years() -> range:
    return range(2011, 2018)


def main(target: Path = ROOT / "data") -> None:
    """Write both workbooks into `target` (default data/), dated by the edition: same bytes each run."""
    edition = load_edition(ROOT / "data" / "editie.yml")
    write_workbook(contract.FINANCE, edition, target / edition.finance_file, finance())
    write_workbook(contract.STATISTICS, edition, target / edition.statistics_file, statistics())
    print(f"Voorbeeldwerkmappen geschreven in {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data")
