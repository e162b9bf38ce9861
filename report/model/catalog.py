"""The catalog: every table and figure of the report, in the order the report shows them.

The single owner of a table's identity (label, caption, unit, label column, standing notes),
of the input sheets it needs, of the function that builds it, of the section that introduces
it and of the other source it is reconciled with. The model builds the data tables in this
order, the templates place them with `table(key)` and `figure(key)`, and the render stage
checks that the document shows them in this order. Numbers (Tabel 7, Figuur 2) are never
kept here: the render stage reports the numbers it emitted (report.present.numbering).

To add a table, see CONTRIBUTING.md.
"""

from __future__ import annotations

from report.inputs.contract import Unit
from report.model import departures, figures, reconcile, return_measures, spending
from report.model.entries import (
    Builder,
    CellKind,
    DataTable,
    FigureEntry,
    Partner,
    TableEntry,
    TextColumn,
    TextTable,
)
from report.model.savings import savings_table
from report.model.sources import Sources
from report.model.tables import Heading, ModelTable, from_year_table, review_years

COUNT, EURO, PERCENT = Unit.COUNT, Unit.EURO, Unit.PERCENT


def as_sheet(key: str, *, total_column: bool = False, all_years: bool = False) -> Builder:
    """A builder that shows sheet `key` as it is: the contract's rows, every (sub)total computed.

    The years are those of the review period (`all_years`: every year the sheet has).
    """

    def build(sources: Sources, heading: Heading) -> ModelTable:
        table = sources.year(key)
        years = table.years if all_years else review_years(table, sources.edition)
        return from_year_table(table, heading, years, total_column=total_column)

    return build


def _savings(sources: Sources, heading: Heading) -> ModelTable:
    return savings_table(sources.savings(), heading)


TABLES: tuple[TableEntry, ...] = (
    TextTable(
        key="beleidsterreinen",
        caption="Beleidsterreinen en de paragrafen waarin ze aan bod komen",
        source="eigen indeling",
        columns=(
            TextColumn("Terrein", "groep"),
            TextColumn("Onderwerp", "onderwerp"),
            TextColumn("Paragraaf", "paragraaf", CellKind.REF),
        ),
        content="beleidsterreinen",
        section="sec-leeswijzer",
    ),
    DataTable(
        Heading(
            "vertrek-type", "Vertrek van vreemdelingen naar type vertrek", COUNT, "Type vertrek"
        ),
        sheets=("vertrek_type",),
        build=as_sheet("vertrek_type", total_column=True),
        section="sec-resultaten",
        printed_totals=True,
    ),
    DataTable(
        Heading(
            "vertrek-aandeel",
            "Aandeel van elk type vertrek in het totale vertrek",
            PERCENT,
            "Type vertrek",
        ),
        sheets=("vertrek_type",),
        build=departures.type_shares,
        section="sec-resultaten",
    ),
    DataTable(
        Heading(
            "vertrek-veilig",
            "Type vertrek van vreemdelingen uit veilige en uit overige landen van herkomst",
            COUNT,
            "Type vertrek",
        ),
        sheets=("vertrek_veilig",),
        build=departures.safe_countries,
        section="sec-resultaten",
        printed_totals=True,
        partner=Partner(
            ("vertrek_type",),
            "de tabel met het vertrek naar type vertrek",
            reconcile.types_vs_safe,
        ),
    ),
    DataTable(
        Heading(
            "top-overig",
            "Top {top} nationaliteiten van vertrekkers uit overige (niet-veilige) landen",
            COUNT,
            "Nationaliteit",
        ),
        sheets=("nationaliteiten",),
        build=departures.top_other,
        section="sec-resultaten",
        printed_totals=True,
    ),
    DataTable(
        Heading(
            "top-veilig",
            "Top {top} nationaliteiten van vertrekkers uit veilige landen",
            COUNT,
            "Nationaliteit",
        ),
        sheets=("nationaliteiten",),
        build=departures.top_safe,
        section="sec-resultaten",
        printed_totals=True,
    ),
    DataTable(
        Heading("uitstroom-dtv", "Uitstroom uit de caseload van de DT&V", COUNT, "Uitstroom"),
        sheets=("uitstroom",),
        build=as_sheet("uitstroom", total_column=True),
        section="sec-resultaten",
        printed_totals=True,
    ),
    DataTable(
        Heading(
            "vertrek-iom",
            "Vertrek met ondersteuning van IOM, ex-asielzoekers en reguliere migranten",
            COUNT,
            "Categorie",
            ("De regels Aanvraag bij IOM ingetrokken en Afgewezen tellen niet mee in het totaal.",),
        ),
        sheets=("iom",),
        build=as_sheet("iom", total_column=True),
        section="sec-resultaten",
        printed_totals=True,
        partner=Partner(
            ("ondersteuning",),
            "het aantal vertrokken vreemdelingen met REAN-ondersteuning",
            reconcile.iom_vs_support,
        ),
    ),
    DataTable(
        Heading("vris", "Vreemdelingen in de strafrechtketen (VRIS) en hun vertrek", COUNT),
        sheets=("vris",),
        build=as_sheet("vris"),
        section="sec-resultaten",
    ),
    DataTable(
        Heading(
            "uitgaven-programma",
            "Programma-uitgaven begrotingsartikel 37.3",
            EURO,
            "Begrotingsregel",
        ),
        sheets=("programma",),
        build=as_sheet("programma"),
        section="sec-uitgaven",
        printed_totals=True,
    ),
    DataTable(
        Heading("ontvangsten", "Ontvangsten van de DT&V", EURO, "Ontvangsten"),
        sheets=("ontvangsten",),
        build=spending.receipts,
        section="sec-uitgaven",
    ),
    DataTable(
        Heading(
            "opdracht",
            "Uitsplitsing van de begrotingsregel opdracht vreemdelingenvertrek",
            EURO,
            "Uitgaven binnen de opdracht",
        ),
        sheets=("opdracht",),
        build=as_sheet("opdracht", all_years=True),
        section="sec-uitgaven",
        printed_totals=True,
        partner=Partner(
            ("programma",),
            "de begrotingsregel opdracht vreemdelingenvertrek",
            reconcile.assignment_vs_programme,
        ),
    ),
    DataTable(
        Heading("uitgaven-apparaat", "Apparaatsuitgaven van de DT&V", EURO, "Uitgaven"),
        sheets=("apparaat",),
        build=as_sheet("apparaat"),
        section="sec-uitgaven",
        printed_totals=True,
    ),
    DataTable(
        Heading(
            "terugkeerondersteuning",
            "Vertrokken vreemdelingen met REAN, HRT en in-natura ondersteuning",
            COUNT,
            "Ondersteuning",
            ("De regels zijn afzonderlijke tellingen en worden niet bij elkaar opgeteld.",),
        ),
        sheets=("ondersteuning",),
        build=as_sheet("ondersteuning", total_column=True),
        section="sec-zelfstandig-ondersteuning",
        printed_totals=True,
    ),
    DataTable(
        Heading(
            "terugkeermaatregelen",
            "Opgelegde terugkeermaatregelen en vertrek",
            COUNT,
            "Maatregel",
            (return_measures.DETENTION_NOTE,),
        ),
        sheets=("maatregelen_vertrek",),
        build=return_measures.return_measures,
        section="sec-gedwongen",
    ),
    DataTable(
        Heading(
            "uitstroom-procenten",
            "Uitstroom uit de caseload van de DT&V in procenten",
            PERCENT,
            "Uitstroom",
            (
                "Percentages van het aantoonbaar vertrek plus het zelfstandig vertrek zonder "
                "toezicht (MOB).",
            ),
        ),
        sheets=("uitstroom_pct",),
        build=as_sheet("uitstroom_pct"),
        section="",
        partner=Partner(
            ("uitstroom",),
            "de percentages die volgen uit de uitstroom in aantallen",
            reconcile.percentages_vs_outflow,
            " procentpunt",
        ),
    ),
    DataTable(
        Heading(
            "vertrek-gl",
            "Vertrek vanuit de gezinslocaties naar type, met de drie meest voorkomende landen",
            COUNT,
            "Type vertrek",
            ("De regels 'waarvan' tellen niet mee in het totaal.",),
        ),
        sheets=("gl",),
        build=return_measures.gl_departures,
        section="sec-gedwongen",
        partner=Partner((), "het totaal in de bron", reconcile.gl_total),
    ),
    TextTable(
        key="maatregelen",
        caption="Maatregelen om vertrek te bevorderen, wie ze uitvoert en wat over hun effect "
        "bekend is",
        source="eigen overzicht op basis van de aangehaalde onderzoeken",
        columns=(
            TextColumn("Maatregel", "maatregel", width=5),
            TextColumn("Soort", "categorie", width=3),
            TextColumn("Uitvoerder", "uitvoerder", width=4),
            TextColumn("Wat bekend is over het effect", "wat_bekend_is_over_effect", width=9),
        ),
        content="maatregelen",
        section="sec-conclusie-maatregelen",
        edition_bound=True,
    ),
    DataTable(
        Heading("uitgaven-dtv", "Uitgaven van de DT&V: apparaat en programma", EURO, "Uitgaven"),
        sheets=("programma", "apparaat"),
        build=spending.dtv,
        section="sec-besparing-opzet",
    ),
    DataTable(
        Heading(
            "besparing", "Besparingsmaatregelen in de {percentage}%-variant", EURO, "Maatregel"
        ),
        sheets=("maatregelen", "programma", "apparaat"),
        build=_savings,
        section="sec-besparing-opzet",
    ),
    TextTable(
        key="afkortingen",
        caption="Gebruikte afkortingen",
        source="eigen overzicht",
        columns=(
            TextColumn("Afkorting", "afkorting", width=1),
            TextColumn("Betekenis", "betekenis", width=6),
        ),
        content="afkortingen",
        section="",
        used_only=True,
    ),
    TextTable(
        key="actoren",
        caption="Actoren in het vertrekproces en hun rol",
        source="eigen overzicht",
        columns=(
            TextColumn("Actor", "actor", width=4),
            TextColumn("Afkorting", "afkorting", width=2),
            TextColumn("Rol", "rol", width=9),
        ),
        content="actoren",
        section="",
    ),
    TextTable(
        key="rpe",
        caption="Onderzoeksvragen van een beleidsdoorlichting en de paragrafen die ze beantwoorden",
        source="Regeling periodiek evaluatieonderzoek; eigen bewerking",
        columns=(
            TextColumn("Vraag", "vraag", width=7),
            TextColumn("Paragraaf", "paragrafen", CellKind.REFS, width=3),
        ),
        content="rpe_vragen",
        section="",
    ),
    TextTable(
        key="verantwoording",
        caption="Herkomst van de tabellen en figuren: werkmap, werkblad en celbereik, of "
        "instelling in editie.yml",
        source="werkmappen en editie.yml van deze editie",
        columns=(  # widths: the longest sheet name fits on one line, clear of the cells
            TextColumn("Tabel of figuur", "tabel", CellKind.REF, width=2),
            TextColumn("Werkmap", "werkmap", width=4),
            TextColumn("Werkblad", "werkblad", width=6),
            TextColumn("Cellen", "cellen", width=3),
            TextColumn("Peildatum", "peildatum", width=3),
        ),
    ),
    TextTable(
        key="correcties",
        caption="Correcties en keuzes: cijfers die een andere bron anders geeft dan dit rapport",
        source="werkbladen Andere bronnen van de werkmappen; eigen berekening",
        columns=(
            TextColumn("Tabel", "tabel", CellKind.REFS, width=2),
            TextColumn("Cijfer: dit rapport (andere bron)", "cijfer", width=6),
            TextColumn("Andere bron", "bron", width=4),
            TextColumn("Reden", "reden", width=7),
        ),
    ),
)

FIGURES: tuple[FigureEntry, ...] = (
    FigureEntry(
        "vertrek-aandeel",
        "Aandeel van elk type vertrek per jaar, met de prognose",
        ("vertrek_type",),
        figures.shares,
        "sec-resultaten",
    ),
    FigureEntry(
        "vertrek-veilig",
        "Vertrek naar veilige en overige landen van herkomst",
        ("vertrek_veilig",),
        figures.safe_countries,
        "sec-resultaten",
    ),
    FigureEntry(
        "uitstroom-dtv",
        "Uitstroom uit de caseload van de DT&V",
        ("uitstroom",),
        figures.caseload,
        "",
    ),
    FigureEntry(
        "uitgaven",
        "Programma- en apparaatsuitgaven",
        ("programma", "apparaat"),
        figures.spending,
        "sec-uitgaven",
    ),
    FigureEntry(
        "besparing",
        "Besparing per maatregel en jaar tegenover het doel",
        ("maatregelen", "programma", "apparaat"),
        figures.savings,
        "sec-besparing-opzet",
    ),
)

DATA_TABLES: tuple[DataTable, ...] = tuple(e for e in TABLES if isinstance(e, DataTable))


def table_entry(key: str) -> TableEntry:
    for entry in TABLES:
        if entry.key == key:
            return entry
    raise KeyError(f"geen tabel {key!r} in de catalogus")


def figure_entry(key: str) -> FigureEntry:
    for entry in FIGURES:
        if entry.key == key:
            return entry
    raise KeyError(f"geen figuur {key!r} in de catalogus")
