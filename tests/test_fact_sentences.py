"""Sentences that state a fact about the data are computed from it, or absent with the data.

The claims a next edition would otherwise repeat unchecked: "na bewaring volgt het vaakst
aantoonbaar vertrek" (summary, chapter 3 twice, conclusions), few families leaving the family
locations on their own, how the manner of departure differs between safe and other countries,
the trend of departures with IOM support, and what the -20% base consists of. Expected numbers
come from the reference edition's tables (tests/reference) and the rule under test.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
import yaml

from report.inputs.read import read_inputs
from report.model import build_model
from report.numbers import whole
from report.render.document import compose
from tests.conftest import DATA, REFERENCE
from tests.marks_support import unmarked

DETENTION_CLAIMS = (
    "Bij **gedwongen vertrek** volgt na vreemdelingenbewaring het vaakst aantoonbaar vertrek",
    "Na bewaring volgt het vaakst aantoonbaar vertrek (@tbl-terugkeermaatregelen): in",
    "Bij **gedwongen vertrek** volgt het vaakst aantoonbaar vertrek na bewaring",
    "Na bewaring volgt het vaakst aantoonbaar vertrek.",
)
GL_CLAIM = "Uit de gezinslocaties vertrekken weinig gezinnen zelfstandig"
SAFE_CLAIM = "ook\nvoor de manier van vertrek"


def text(data: Path) -> str:
    return unmarked(compose(build_model(read_inputs(data))).text)


def flat(document: str) -> str:
    return " ".join(document.replace("\\", "").split())


def reference(group_prefix: str, row: str) -> int:
    """A row of Tabel 16 (return measures) summed over its years, from the reference edition."""
    with (REFERENCE / "tabel16_terugkeermaatregelen_wide.csv").open(encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            if line["row_group"].startswith(group_prefix) and line["row"] == row:
                return sum(int(line[str(year)]) for year in range(2014, 2018))
    raise KeyError(row)


@pytest.fixture(scope="module")
def sample() -> str:
    return text(DATA)


def test_detention_first_is_said_with_the_reference_figures(sample):
    placed = reference(
        "Vertrek vanuit vreemdelingenbewaring", "Aantal vreemdelingen in bewaring geplaatst"
    )
    placed += reference("Vertrek vanuit GGV", "Totale instroom in de GGV")
    left = reference(
        "Vertrek vanuit vreemdelingenbewaring", "Totaal aantoonbaar vertrek (+ percentage)"
    )
    left += reference("Vertrek vanuit GGV", "Totaal aantoonbaar vertrek vanuit GGV")
    vbl = whole(
        100
        * reference("Vertrek na verblijf in VBL", "Zelfstandig vertrek")
        / reference("Vertrek na verblijf in VBL", "Instroom in VBL")
    )
    for claim in DETENTION_CLAIMS:
        assert claim in sample
    assert f"in 2014–2017 vertrok {whole(100 * left / placed)}% van wie in bewaring kwam" in flat(
        sample
    )
    assert f"tegen {vbl}% na de lichtere maatregel met het meeste vertrek" in flat(sample)


def test_few_families_leave_the_family_locations_on_their_own(sample):
    share = whole(
        100
        * reference("Vertrek na verblijf in GL", "Zelfstandig vertrek")
        / reference("Vertrek na verblijf in GL", "Instroom in GL")
    )
    assert f"{GL_CLAIM}: in 2014–2017 {share}% van de instroom" in flat(sample)


def test_the_manner_of_departure_of_safe_and_other_countries(sample):
    with (REFERENCE / "tabel03_veilig_vs_nietveilig_wide.csv").open(encoding="utf-8") as handle:
        rows = {(r["row_group"][:26], r["row"]): int(r["Totaal"]) for r in csv.DictReader(handle)}
    safe = rows[("Vreemdelingen afkomstig ui", "Zelfstandig vertrek zonder toezicht")]
    other = rows[("Vreemdelingen niet afkomst", "Zelfstandig vertrek zonder toezicht")]
    safe_all = safe + sum(
        rows[("Vreemdelingen afkomstig ui", t)]
        for t in ("Zelfstandig vertrek", "Gedwongen vertrek")
    )
    other_all = other + sum(
        rows[("Vreemdelingen niet afkomst", t)]
        for t in ("Zelfstandig vertrek", "Gedwongen vertrek")
    )
    # the largest gap between the two groups is in departure without supervision (45 vs 52)
    expected = (
        f"vertrok {whole(100 * safe / safe_all)}% zonder toezicht, van de anderen "
        f"{whole(100 * other / other_all)}%"
    )
    assert SAFE_CLAIM in sample and expected in flat(sample)


def _edit(data: Path, workbook: str, change) -> Path:
    path = data / workbook
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return data


def test_without_the_return_measures_no_sentence_about_them(data_copy):
    document = text(
        _edit(data_copy, "vertrekcijfers.xlsx", lambda b: b.remove(b["Terugkeermaatregelen"]))
    )
    assert "vaakst aantoonbaar vertrek" not in document
    assert GL_CLAIM not in document and "in bewaring waren geplaatst" not in document


def _set_row(book, group: str, label: str, values: dict[int, int]) -> None:
    ws = book["Terugkeermaatregelen"]
    header = next(r for r in range(1, 30) if any(ws.cell(r, c).value == 2014 for c in range(1, 12)))
    columns = {ws.cell(header, c).value: c for c in range(1, 15)}
    current = ""
    for r in range(header + 1, ws.max_row + 1):
        current = ws.cell(r, 1).value or current
        if current == group and ws.cell(r, 2).value == label:
            for year, value in values.items():
                ws.cell(r, columns[year]).value = value
            return
    raise KeyError((group, label))


def test_when_a_lighter_measure_does_better_bewaring_is_not_said_to_be_first(data_copy):
    """Everyone in the VBL leaves on their own: now the VBL, not bewaring, comes first."""

    def change(book):
        for label in ("Instroom", "Zelfstandig vertrek"):
            _set_row(
                book,
                "Vrijheidsbeperkende locatie (VBL)",
                label,
                {y: 500 for y in range(2014, 2018)},
            )
        _set_row(
            book,
            "Vrijheidsbeperkende locatie (VBL)",
            "Zelfstandig vertrek zonder toezicht",
            {y: 0 for y in range(2014, 2018)},
        )
        _set_row(
            book,
            "Vrijheidsbeperkende locatie (VBL)",
            "Naar bewaring",
            {y: 0 for y in range(2014, 2018)},
        )

    document = text(_edit(data_copy, "vertrekcijfers.xlsx", change))
    for claim in DETENTION_CLAIMS:
        assert claim not in document
    assert (
        "het vaakst aantoonbaar vertrek na de maatregel vrijheidsbeperkende locatie (VBL): 100%"
        in flat(document)
    )


def test_without_the_safe_country_sheet_no_claim_about_the_split(data_copy):
    document = text(
        _edit(data_copy, "vertrekcijfers.xlsx", lambda b: b.remove(b["Vertrek veilige landen"]))
    )
    assert SAFE_CLAIM not in document and "uit veilige en uit andere landen" not in document


def test_the_iom_trend_follows_its_sheet(sample, data_copy):
    assert "Het vertrek met steun van de IOM daalde van 4.630 in 2016 naar 1.540 in 2017" in flat(
        sample
    )
    document = text(
        _edit(data_copy, "vertrekcijfers.xlsx", lambda b: b.remove(b["Vertrek via IOM"]))
    )
    assert "Het vertrek met steun van de IOM" not in document


def test_the_base_of_the_variant_is_described_as_configured(sample, data_copy):
    with_apparatus = "De verkenning gaat uit van de uitgaven van de DT&V."
    assert with_apparatus in sample
    path = data_copy / "editie.yml"
    settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    settings["besparing"]["basis"] = "programma"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    document = text(data_copy)
    assert with_apparatus not in document
    assert "tellen in de basis niet mee" in flat(document)


def _abbreviations(document: str) -> str:
    return document.split("## Afkortingen")[1].split("## Begrippen")[0]


def test_the_appendix_lists_the_abbreviations_the_text_uses(sample, data_copy):
    assert "| EASO |" in _abbreviations(sample) and "| EUAA |" not in _abbreviations(sample)
    part = data_copy / "tekst" / "h3-ondersteuning-onderzoek.qmd"
    part.write_text(part.read_text(encoding="utf-8").replace("EASO,", "EUAA,"), encoding="utf-8")
    listed = _abbreviations(text(data_copy))
    assert "| EUAA |" in listed and "| EASO |" not in listed
