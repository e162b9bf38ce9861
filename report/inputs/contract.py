"""The workbook contract: which sheets exist, what rows they hold, what is required.

One place describes the shape of both workbooks. The reader checks against it, the template
writer lays out blank workbooks from it, and the tests build workbooks from it, so the three
cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum

from report.inputs import labels as L

FINANCE = "financien"
STATISTICS = "statistiek"


class Unit(StrEnum):
    """The unit of a sheet's figures, as its row 3 and the report's tables state it."""

    EURO = "x € 1.000"
    COUNT = "aantal vreemdelingen"
    PERCENT = "%"
    AS_SHOWN = "als de regel in het rapport"  # a list of figures, each in its row's unit


EURO, COUNT, PERCENT = Unit.EURO, Unit.COUNT, Unit.PERCENT


class Role(Enum):
    """How a row takes part in the sheet's arithmetic."""

    COMPONENT = "component"  # summed into its group total and the grand total
    SUBTOTAL = "subtotaal"  # printed sum of the components of its group (checked)
    TOTAL = "totaal"  # printed sum of all components (checked)
    INFO = "info"  # shown but outside every sum (e.g. "waarvan", "afgewezen")


@dataclass(frozen=True)
class Row:
    label: str
    role: Role = Role.COMPONENT
    group: str = ""


class ColumnKind(StrEnum):
    """What a record column or a nationality attribute holds, and so how the reader parses it."""

    TEXT = "text"
    INT = "int"
    NUMBER = "number"
    PERCENT = "percent"
    CHOICE = "choice"
    YESNO = "yesno"


@dataclass(frozen=True)
class Column:
    header: str
    kind: ColumnKind
    required: bool = True
    choices: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class YearSheet:
    """A table with years across and labelled rows down, as finance lays it out."""

    key: str
    workbook: str
    sheet: str
    title: str
    unit: Unit
    required: bool
    rows: tuple[Row, ...]
    first_year: int | None = None  # default years the template writes (None: edition period)
    last_year: int | None = None
    rounding: int = 1  # the unit the figures are rounded to; sets the tolerance for totals
    grouped: bool = False  # column A holds a group, column B the label
    extra_rows: bool = False  # finance may add component lines of its own
    gaps_allowed: bool = (
        False  # a figure may be marked n.b. (not available), explained in Toelichting
    )
    status_row: bool = False  # a "Status" row marks each year as realisatie or begroting
    attributes: tuple[Column, ...] = ()  # named non-year columns between label and years
    hint: str = ""

    @property
    def label_header(self) -> str:
        return "Omschrijving"

    def row(self, label: str, group: str = "") -> Row | None:
        wanted = (normalise(group), normalise(label))
        for row in self.rows:
            if (normalise(row.group), normalise(row.label)) == wanted:
                return row
        return None


@dataclass(frozen=True)
class RecordSheet:
    """A list of records, one per row, with named columns (measures, GL departures).

    The first column identifies a record: two records with the same value there are refused.
    """

    key: str
    workbook: str
    sheet: str
    title: str
    unit: Unit
    required: bool
    columns: tuple[Column, ...]
    year_columns: bool = False  # phase-in columns headed by years follow the named columns
    hint: str = ""
    extra: dict[str, bool] = field(default_factory=dict)


Sheet = YearSheet | RecordSheet


def normalise(text: object) -> str:
    """Labels match regardless of case, spacing and non-breaking spaces."""
    return " ".join(str(text or "").replace("\u00a0", " ").split()).casefold()


def _rows(*labels: str, group: str = "", role: Role = Role.COMPONENT) -> tuple[Row, ...]:
    return tuple(Row(label, role, group) for label in labels)


class Rule(StrEnum):
    """How a savings measure's structural amount is computed (column Rekenregel)."""

    LINE = "percentage van begrotingsregel"
    AMOUNT = "percentage van bedrag"
    FTE = "fte maal kosten per fte"
    FIXED = "vast bedrag"


RULE_LINE, RULE_AMOUNT, RULE_FTE, RULE_FIXED = Rule.LINE, Rule.AMOUNT, Rule.FTE, Rule.FIXED
RULES = tuple(Rule)


def _other_sources(key: str, workbook: str) -> RecordSheet:
    """Figures another source gives for what the report shows, each with the reason for the choice.

    The report lists them, with its own figure, in the Verantwoording (corrections and choices).
    """
    return RecordSheet(
        key=key,
        workbook=workbook,
        sheet="Andere bronnen",
        title="Cijfers uit andere bronnen voor dezelfde grootheid",
        unit=Unit.AS_SHOWN,
        required=False,
        columns=(
            Column(L.OTHER_NR, ColumnKind.INT, help="Volgnummer (1, 2, 3, ...)."),
            Column(L.OTHER_SHEET, ColumnKind.TEXT, help="Werkblad van deze werkmap."),
            Column(
                L.OTHER_ROW,
                ColumnKind.TEXT,
                help="De regel zoals het rapport hem noemt, ook een totaalregel.",
            ),
            Column(L.OTHER_COLUMN, ColumnKind.TEXT, help="Een jaar, of een kolom als Totaal."),
            Column(
                L.OTHER_VALUE,
                ColumnKind.NUMBER,
                help="Het cijfer van de andere bron, in de eenheid van de regel (66 voor 66%).",
            ),
            Column(L.OTHER_SOURCE, ColumnKind.TEXT, help="Waar dat cijfer staat."),
            Column(
                L.OTHER_REASON,
                ColumnKind.TEXT,
                help="Waarom het rapport zijn eigen cijfer houdt; komt letterlijk in het rapport.",
            ),
        ),
        hint="Eén regel per cijfer dat een andere bron anders geeft dan het rapport (een "
        "gepubliceerd totaal dat niet optelt, een tweede opgave van hetzelfde bedrag). Het "
        "rapport zet beide cijfers met de reden in de Verantwoording.",
    )


SHEETS: tuple[Sheet, ...] = (
    # ---- finance workbook -------------------------------------------------------------
    YearSheet(
        key="programma",
        workbook=FINANCE,
        sheet="Programma-uitgaven",
        title="Programma-uitgaven begrotingsartikel 37.3",
        unit=EURO,
        required=True,
        rows=(
            *_rows(L.ASSIGNMENT, "REAN-regeling", "Overige subsidies", "DV&O"),
            Row(L.PROGRAMME_TOTAL, Role.TOTAL),
        ),
        extra_rows=True,
        gaps_allowed=True,
        status_row=True,
        hint="Eén regel per begrotingsregel van artikel 37.3. Bestaat een bedrag niet (de regel "
        "bestond dat jaar nog niet), typ dan n.b. in de cel en zeg in de kolom Toelichting waar "
        "het bedrag is opgenomen; die uitleg komt in het rapport.",
    ),
    YearSheet(
        key="apparaat",
        workbook=FINANCE,
        sheet="Apparaatsuitgaven",
        title="Apparaatsuitgaven Dienst Terugkeer en Vertrek",
        unit=EURO,
        required=True,
        rows=(
            *_rows(
                "Ambtelijk personeel",
                "Externe inhuur van personeel",
                "Materieel (ICT, huisvesting)",
            ),
            Row(L.APPARATUS_TOTAL, Role.TOTAL),
        ),
        extra_rows=True,
        status_row=True,
    ),
    YearSheet(
        key="ontvangsten",
        workbook=FINANCE,
        sheet="Ontvangsten",
        title="Ontvangsten van de DT&V",
        unit=EURO,
        required=False,
        rows=_rows(
            L.RECEIPTS_EUROPE,
            "Ontvangsten BZ voor SVT",
            "Ontvangsten gemeenten voor Barka",
        ),
        gaps_allowed=True,
        hint="Typ n.b. in de cel voor een jaar waarin een ontvangst niet bestond en zeg dat in "
        "Toelichting; die uitleg komt in het rapport.",
    ),
    YearSheet(
        key="opdracht",
        workbook=FINANCE,
        sheet="Opdracht vreemdelingenvertrek",
        title="Uitsplitsing van de post opdracht vreemdelingenvertrek",
        unit=EURO,
        required=False,
        rows=(
            *_rows(
                "Kosten tolken en vertalers (algemeen)",
                "Overige kosten uitzetting vreemdelingen",
                L.ESCORT_TRAVEL,
                L.RETURNEE_TRAVEL,
                "Overige vergoedingen en tegemoetkomingen aan derden",
                "Reis- en verblijfkosten buitenland medewerkers DT&V",
                "Geneeskundige verzorging overige",
                "Overige kosten",
            ),
            Row("Totaal", Role.TOTAL),
        ),
        extra_rows=True,
        hint="Vul één of meer jaren in; het totaal moet gelijk zijn aan de regel Opdracht "
        "vreemdelingenvertrek op het blad Programma-uitgaven.",
    ),
    RecordSheet(
        key="maatregelen",
        workbook=FINANCE,
        sheet="Besparingsmaatregelen",
        title="Besparingsmaatregelen (-20%-variant)",
        unit=EURO,
        required=True,
        columns=(
            Column("Nr", ColumnKind.INT, help="Volgnummer van de maatregel (1, 2, 3, ...)."),
            Column("Maatregel", ColumnKind.TEXT, help="Korte naam van de maatregel."),
            Column(
                "Rekenregel",
                ColumnKind.CHOICE,
                choices=RULES,
                help="Hoe het structurele bedrag wordt berekend.",
            ),
            Column(
                "Percentage",
                ColumnKind.PERCENT,
                required=False,
                help="Besparing als percentage van de basis.",
            ),
            Column(
                "Begrotingsregel",
                ColumnKind.TEXT,
                required=False,
                help="Naam van een regel op Programma-uitgaven of Apparaatsuitgaven.",
            ),
            Column(
                "Bedrag",
                ColumnKind.NUMBER,
                required=False,
                help="Basisbedrag of vast bedrag, x € 1.000.",
            ),
            Column("Aantal fte", ColumnKind.NUMBER, required=False),
            Column(
                "Kosten per fte",
                ColumnKind.NUMBER,
                required=False,
                help="x € 1.000 per fte per jaar.",
            ),
            Column(
                "Toelichting basis",
                ColumnKind.TEXT,
                required=False,
                help="Waar de basis vandaan komt.",
            ),
            Column("Uitvoerder", ColumnKind.TEXT, required=False),
            Column(
                "Omschrijving",
                ColumnKind.TEXT,
                required=False,
                help="Wat de maatregel inhoudt, in zinnen.",
            ),
            Column(
                "Gevolgen",
                ColumnKind.TEXT,
                required=False,
                help="Gevolgen van de maatregel, in zinnen.",
            ),
        ),
        year_columns=True,
        hint="Fasering per jaar: het deel (in %) van het structurele bedrag dat in dat jaar "
        "wordt bespaard; niet dalend, tussen 0 en 100.",
    ),
    _other_sources("andere_bronnen_financien", FINANCE),
    # ---- statistics workbook ----------------------------------------------------------
    YearSheet(
        key="vertrek_type",
        workbook=STATISTICS,
        sheet="Vertrek naar type",
        title="Vertrek naar type vertrek",
        unit=COUNT,
        required=True,
        rows=(*_rows(*L.DEPARTURE_TYPES), Row(L.TOTAL, Role.TOTAL)),
        rounding=10,
    ),
    YearSheet(
        key="vertrek_veilig",
        workbook=STATISTICS,
        sheet="Vertrek veilige landen",
        title="Type vertrek naar veilige en overige landen van herkomst",
        unit=COUNT,
        required=False,
        grouped=True,
        rows=(
            *_rows(*L.DEPARTURE_TYPES, group=L.SAFE),
            Row("Totaal vertrek veilige landen", Role.SUBTOTAL, L.SAFE),
            *_rows(*L.DEPARTURE_TYPES, group=L.OTHER),
            Row("Totaal vertrek overige landen", Role.SUBTOTAL, L.OTHER),
            Row("Totaal vertrek", Role.TOTAL),
        ),
        rounding=10,
    ),
    YearSheet(
        key="nationaliteiten",
        workbook=STATISTICS,
        sheet="Vertrek per nationaliteit",
        title="Vertrek per nationaliteit",
        unit=COUNT,
        required=False,
        rows=(),
        extra_rows=True,
        rounding=10,
        attributes=(
            Column(
                L.SAFE_COUNTRY,
                ColumnKind.YESNO,
                help="ja voor een veilig land van herkomst, anders nee.",
            ),
            Column(
                L.ASYLUM,
                ColumnKind.INT,
                required=False,
                help="Aantal eerste asielaanvragen over de periode die in de kop van de bron staat.",
            ),
        ),
        hint="Eén regel per nationaliteit. Veilig land: ja of nee. Eerste asielaanvragen: "
        "totaal over de periode die in de kop staat.",
    ),
    YearSheet(
        key="uitstroom",
        workbook=STATISTICS,
        sheet="Uitstroom DT&V",
        title="Uitstroom uit de caseload van de DT&V",
        unit=COUNT,
        required=False,
        grouped=True,
        rows=(
            *_rows(L.OUTFLOW_INDEPENDENT, L.OUTFLOW_FORCED, group="Aantoonbaar vertrek"),
            Row("Totaal aantoonbaar vertrek", Role.SUBTOTAL, "Aantoonbaar vertrek"),
            *_rows(L.OUTFLOW_OTHER, L.OUTFLOW_PERMIT, group="Overige uitstroom"),
            Row("Totaal overige uitstroom", Role.SUBTOTAL, "Overige uitstroom"),
            *_rows(L.OUTFLOW_UNSUPERVISED, group="Vertrek zonder toezicht"),
            Row("Totaal uitstroom uit caseload DT&V", Role.TOTAL),
        ),
        rounding=10,
    ),
    YearSheet(
        key="uitstroom_pct",
        workbook=STATISTICS,
        sheet="Uitstroom DT&V in procenten",
        title="Uitstroom uit de caseload van de DT&V in procenten",
        unit=PERCENT,
        required=False,
        rows=_rows(L.PERCENT_MOB, L.PERCENT_FORCED, L.PERCENT_DEMONSTRABLE, role=Role.INFO),
        hint="Aandeel van het aantoonbaar vertrek plus het vertrek zonder toezicht (MOB).",
    ),
    YearSheet(
        key="iom",
        workbook=STATISTICS,
        sheet="Vertrek via IOM",
        title="Vertrek via IOM",
        unit=COUNT,
        required=False,
        rows=(
            *_rows(
                "Asiel illegaal",
                "Asiel legaal",
                "Niet-asiel illegaal",
                "Niet-asiel illegaal geworden",
                "Niet-asiel legaal",
            ),
            Row("Totaal", Role.TOTAL),
            *_rows("Aanvraag bij IOM ingetrokken", L.REJECTED, role=Role.INFO),
        ),
        rounding=10,
    ),
    YearSheet(
        key="ondersteuning",
        workbook=STATISTICS,
        sheet="Terugkeerondersteuning",
        title="Vertrokken met REAN, HRT en in-natura ondersteuning",
        unit=COUNT,
        required=False,
        rows=_rows(
            L.WITH_REAN,
            L.WITH_HRT,
            "Vertrokken met in-natura herintegratieondersteuning",
            "Afgewezen",
            role=Role.INFO,
        ),
        rounding=10,
    ),
    YearSheet(
        key="maatregelen_vertrek",
        workbook=STATISTICS,
        sheet="Terugkeermaatregelen",
        title="Opgelegde terugkeermaatregelen en vertrek",
        unit=COUNT,
        required=False,
        grouped=True,
        rows=(
            *_rows(
                L.DETAINED,
                L.DEPARTED,
                "Waarvan Dublin-claim",
                "Waarvan naar land van herkomst",
                group=L.DETENTION,
                role=Role.INFO,
            ),
            *_rows(
                L.INFLOW,
                L.INDEPENDENT,
                L.UNSUPERVISED,
                "Naar bewaring",
                group=L.FAMILY_LOCATION,
                role=Role.INFO,
            ),
            *_rows(
                L.INFLOW,
                L.INDEPENDENT,
                L.UNSUPERVISED,
                "Naar bewaring",
                group=L.RESTRICTED_LOCATION,
                role=Role.INFO,
            ),
            *_rows(
                L.INFLOW,
                L.DEPARTED,
                "Waarvan Dublin",
                "Waarvan naar land van herkomst",
                group=L.FAMILY_DETENTION,
                role=Role.INFO,
            ),
            *_rows(
                L.REPORTING_IMPOSED,
                L.INDEPENDENT,
                "Waarvan naar land van herkomst",
                L.UNSUPERVISED,
                group=L.REPORTING,
                role=Role.INFO,
            ),
        ),
        rounding=10,
    ),
    RecordSheet(
        key="gl",
        workbook=STATISTICS,
        sheet="Vertrek uit GL",
        title="Vertrek vanuit de gezinslocaties",
        unit=COUNT,
        required=False,
        columns=(
            Column(L.GL_TYPE, ColumnKind.TEXT),
            Column(L.GL_COUNT, ColumnKind.INT),
            Column(L.gl_country(1), ColumnKind.TEXT, required=False),
            Column(L.gl_country_count(1), ColumnKind.INT, required=False),
            Column(L.gl_country(2), ColumnKind.TEXT, required=False),
            Column(L.gl_country_count(2), ColumnKind.INT, required=False),
            Column(L.gl_country(3), ColumnKind.TEXT, required=False),
            Column(L.gl_country_count(3), ColumnKind.INT, required=False),
        ),
        hint="Eén regel per type vertrek, met de drie meest voorkomende landen. Zet de periode "
        "in het veld Periode boven de tabel.",
        extra={"period": True},
    ),
    YearSheet(
        key="vris",
        workbook=STATISTICS,
        sheet="VRIS",
        title="Vreemdelingen in de strafrechtketen (VRIS)",
        unit=COUNT,
        required=False,
        rows=_rows(L.IN_CHAIN, L.DEPARTED_FROM_CHAIN, role=Role.INFO),
        rounding=10,
    ),
    _other_sources("andere_bronnen_statistiek", STATISTICS),
)

BY_KEY = {sheet.key: sheet for sheet in SHEETS}
WORKBOOK_TITLES = {
    FINANCE: "Financiële gegevens artikel 37.3",
    STATISTICS: "Vertrekcijfers",
}


def sheets_of(workbook: str) -> tuple[Sheet, ...]:
    return tuple(sheet for sheet in SHEETS if sheet.workbook == workbook)
