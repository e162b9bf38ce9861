"""Row labels and column headers of the workbook contract that the code refers to, named once.

The contract lays the sheets out with these names and the model finds its rows by them, so a
renamed row is renamed here and every use follows. Labels that only the contract itself uses
stay where they are, in contract.py.
"""

from __future__ import annotations

from typing import Final

# Vertrek naar type (and the rows of each group of Vertrek veilige landen)
INDEPENDENT = "Zelfstandig vertrek"
FORCED = "Gedwongen vertrek"
UNSUPERVISED = "Zelfstandig vertrek zonder toezicht"
DEPARTURE_TYPES = (INDEPENDENT, FORCED, UNSUPERVISED)
MANNER = {INDEPENDENT: "zelfstandig", FORCED: "gedwongen", UNSUPERVISED: "zonder toezicht"}
TOTAL = "Totaal"

# Vertrek veilige landen: the two groups
SAFE = "Veilige landen"
OTHER = "Overige landen"

# Vertrek per nationaliteit: the attribute columns
SAFE_COUNTRY = "Veilig land"
ASYLUM = "Eerste asielaanvragen"

# Uitstroom DT&V
OUTFLOW_INDEPENDENT = "Zelfstandig vertrek uit Nederland"
OUTFLOW_FORCED = "Gedwongen vertrek uit Nederland"
OUTFLOW_OTHER = "Overige uitstroom"
OUTFLOW_PERMIT = "Vergunning verleend"
OUTFLOW_UNSUPERVISED = UNSUPERVISED

# Uitstroom DT&V in procenten
PERCENT_MOB = "Percentage MOB"
PERCENT_FORCED = "Percentage gedwongen vertrek"
PERCENT_DEMONSTRABLE = "Percentage aantoonbaar vertrek"

# Vertrek via IOM
REJECTED = "Afgewezen"

# Terugkeerondersteuning
WITH_REAN = "Vertrokken met REAN"
WITH_HRT = "Vertrokken met HRT"

# Terugkeermaatregelen: the detention group
DETENTION = "Vreemdelingenbewaring"
DETAINED = "In bewaring geplaatst"
DEPARTED = "Aantoonbaar vertrek"
# … and the other groups, with the rows that count who was placed under each measure
FAMILY_LOCATION = "Gezinslocatie (GL)"
RESTRICTED_LOCATION = "Vrijheidsbeperkende locatie (VBL)"
FAMILY_DETENTION = "Gesloten gezinsvoorziening (GGV)"
REPORTING = "Meldplicht"
INFLOW = "Instroom"
REPORTING_IMPOSED = "Meldplicht opgelegd"

# VRIS
IN_CHAIN = "In de strafrechtketen"
DEPARTED_FROM_CHAIN = "Aantoonbaar vertrokken"

# Programma-uitgaven and Apparaatsuitgaven: their total rows
PROGRAMME_TOTAL = "Totaal programma-uitgaven"
APPARATUS_TOTAL = "Totaal apparaatsuitgaven"

# Programma-uitgaven and the breakdown of its first line (Opdracht vreemdelingenvertrek)
ASSIGNMENT = "Opdracht vreemdelingenvertrek"
ESCORT_TRAVEL = "Reiskosten van escorteurs naar herkomstlanden"
RETURNEE_TRAVEL = "Reiskosten van vreemdelingen naar herkomstlanden"

# Ontvangsten
RECEIPTS_EUROPE = "Ontvangsten Europa voor Europese subsidies"

# Vertrek uit GL: the record columns
GL_TYPE = "Type vertrek"
GL_COUNT = "Aantal"
GL_TOP = 3  # columns Land 1 … Land 3, each with its Aantal
OF_WHICH = "waarvan"  # "waarvan Armenië": a country row below its type of departure


# Andere bronnen: another source's figure for a figure the report shows, and the reason
OTHER_NR = "Nr"
OTHER_SHEET = "Werkblad"
OTHER_ROW = "Regel"
OTHER_COLUMN = "Kolom"
OTHER_VALUE = "Waarde"
OTHER_SOURCE = "Andere bron"
OTHER_REASON = "Reden"


def gl_country(n: int) -> str:
    return f"Land {n}"


def gl_country_count(n: int) -> str:
    return f"Aantal {n}"


# editie.yml: its file name, and the bases the savings variant may take (key: what it sums)
EDITION_FILE = "editie.yml"
BASES = {
    "programma": "programma-uitgaven artikel 37.3",
    "programma+apparaat": "programma-uitgaven artikel 37.3 en apparaatsuitgaven DT&V",
}
# The licences the open data may carry (the `licentie` key); the government's default is CC0.
LICENCES = {
    "CC0-1.0": (
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "CC-BY-4.0": (
        "Creative Commons Naamsvermelding 4.0 Internationaal",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
}
DEFAULT_LICENCE: Final = "CC0-1.0"
# procentpunt beyond which a year's share is said to deviate from the prognosis (afwijking_prognose)
DEFAULT_DEVIATION_POINTS: Final = 5
REVIEWED_DATES = ("peildatum", "publicatiedatum")  # dates a new edition asks a person to set
