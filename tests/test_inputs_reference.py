"""The sample workbooks hold the reference edition's figures, cell for cell.

Every value of the transcribed tables (tests/reference, a copy of the checked transcription
of the published report) is looked up in what the reader returns. Where the sample workbook
deliberately differs from the printed report, the exception is listed with its reason.
"""

from __future__ import annotations

import csv

import pytest

from report.inputs.read import read_inputs
from tests.conftest import DATA, REFERENCE


@pytest.fixture(scope="module")
def inputs():
    return read_inputs(DATA)


def long_rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["value"] != ""]


def year_value(table, label: str, year: int, group: str = "") -> int | None:
    row = table.find(label, group)
    assert row is not None, f"{table.origin.sheet}: regel {label!r} ({group}) niet gevonden"
    return row.values.get(year)


# (sheet key, reference file, label map, group map) for tables read one-to-one
ONE_TO_ONE = [
    ("vertrek_type", "tabel02_type_vertrek.csv", {}, {}),
    (
        "vertrek_veilig",
        "tabel03_veilig_vs_nietveilig.csv",
        {},
        {
            "Vreemdelingen afkomstig uit veilige landen": "Veilige landen",
            "Vreemdelingen niet afkomstig uit veilige landen": "Overige landen",
        },
    ),
    (
        "uitstroom",
        "tabel06_uitstroom_caseload_dtv.csv",
        {
            "Total aantoonbaar vertrek": "Totaal aantoonbaar vertrek",
            "Total overige uitstroom": "Totaal overige uitstroom",
            "Totaal zelfstandig vertrek zonder toezicht": "Zelfstandig vertrek zonder toezicht",
        },
        {
            "Aantoonbaar vertrek uit Nederland": "Aantoonbaar vertrek",
            "Zelfstandig vertrek zonder toezicht": "Vertrek zonder toezicht",
        },
    ),
    ("iom", "tabel07_vertrek_iom.csv", {}, {}),
    (
        "ondersteuning",
        "tabel14_rean_hrt_innatura.csv",
        {
            "Vertrokken met in-natura herintegratie ondersteuning": (
                "Vertrokken met in-natura herintegratieondersteuning"
            )
        },
        {},
    ),
    ("uitstroom_pct", "tabel15_percentages_uitstroom_dtv.csv", {}, {}),
]


@pytest.mark.parametrize("key,name,labels,groups", ONE_TO_ONE, ids=[c[1] for c in ONE_TO_ONE])
def test_statistics_tables_match_reference(inputs, key, name, labels, groups):
    table = inputs.get(key)
    checked = 0
    for ref in long_rows(name):
        label = labels.get(ref["row"], ref["row"])
        group = groups.get(ref["row_group"], ref["row_group"])
        row = table.find(label, group)
        assert row is not None, (name, ref["row"])
        if ref["column"] == "Totaal":
            assert row.printed_total == int(ref["value"]), (name, ref["row"])
        else:
            assert row.values[int(ref["column"])] == int(ref["value"]), (
                name,
                ref["row"],
                ref["column"],
            )
        checked += 1
    assert checked == len(long_rows(name))


def test_nationalities_match_tables_4_and_5(inputs):
    table = inputs.get("nationaliteiten")
    for name, safe in (("tabel04_top10_nietveilig.csv", False), ("tabel05_top10_veilig.csv", True)):
        for ref in long_rows(name):
            if ref["row"] == "Totaal":
                continue  # the top-10 totals are computed by the model, not stored
            row = table.find(ref["row"])
            assert row.attributes["Veilig land"] is safe  # "ja"/"nee", validated by the reader
            column = ref["column"]
            if column.isdigit():
                assert row.values[int(column)] == int(ref["value"])
            elif column.startswith("Totaal instroom") or column.startswith("Totaal asielzoekers"):
                assert row.attributes["Eerste asielaanvragen"] == int(ref["value"])
            else:
                assert row.printed_total == int(ref["value"])


def test_programme_spending_matches_tables_8_and_19(inputs):
    table = inputs.get("programma")
    tabel8 = {
        "Opdracht vreemdelingenvertrek (in 2011-2014 incl. overige subsidies)": "Opdracht vreemdelingenvertrek",
        "Subsidies (REAN en vanaf 2015 overige subsidies)": "REAN-regeling",
        "DV&O (betreft vervoer vreemdelingen)": "DV&O",
        "Totaal programma-uitgaven": "Totaal programma-uitgaven",
    }
    for ref in long_rows("tabel08_uitgaven_artikel37_3.csv"):
        year = int(ref["column"])
        if year == 2017:
            continue  # 2017 comes from Tabel 19 (checked below); Tabel 8 groups subsidies
        assert year_value(table, tabel8[ref["row"]], year) == int(ref["value"])
    tabel19 = {"Opdrachten Vreemdelingen vertrek": "Opdracht vreemdelingenvertrek"}
    for ref in long_rows("tabel19_uitgaven_dtv_2017_2022.csv"):
        if ref["row_group"].startswith("Programma"):
            label = tabel19.get(ref["row"], ref["row"])
            assert year_value(table, label, int(ref["column"])) == int(ref["value"])
    # Tabel 8 prints 36.711 for 2017; its lines add up to 36.722, the figure Tabel 19 prints.
    assert year_value(table, "Totaal programma-uitgaven", 2017) == 36_722
    assert table.budget_years == frozenset({2019, 2020, 2021, 2022})
    assert year_value(table, "Overige subsidies", 2014) is None  # included in Opdracht then


def test_apparatus_matches_tables_13_and_19(inputs):
    table = inputs.get("apparaat")
    for ref in long_rows("tabel13_uitgaven_dtv_apparaat_2011_2017.csv"):
        assert year_value(table, ref["row"], int(ref["column"])) == int(ref["value"])
    for ref in long_rows("tabel19_uitgaven_dtv_2017_2022.csv"):
        year = int(ref["column"])
        if ref["row_group"] == "Apparaatsuitgaven" and year > 2017:
            assert year_value(table, ref["row"], year) == int(ref["value"])
    # 2017 exists twice in the edition (Tabel 13: 57.172, Tabel 19: 59.050); the workbook
    # follows the annual report (Tabel 13), see its instructions sheet.
    assert year_value(table, "Totaal apparaatsuitgaven", 2017) == 57_172


def test_receipts_and_breakdown(inputs):
    receipts = inputs.get("ontvangsten")
    for name, label in (
        ("tabel09a_ontvangsten_europa.csv", "Ontvangsten Europa voor Europese subsidies"),
        ("tabel10b_ontvangsten_bz_svt.csv", "Ontvangsten BZ voor SVT"),
        ("tabel11c_ontvangsten_gemeenten_barka.csv", "Ontvangsten gemeenten voor Barka"),
    ):
        for ref in long_rows(name):
            assert year_value(receipts, label, int(ref["column"])) == int(ref["value"])
    breakdown = inputs.get("opdracht")
    refs = long_rows("tabel12_uitsplitsing_opdracht_vreemdelingenvertrek_2016.csv")
    values = sorted(row.values[2016] for row in breakdown.rows)
    assert values == sorted(int(ref["value"]) for ref in refs)


def test_return_measures_match_table_16(inputs):
    table = inputs.get("maatregelen_vertrek")
    refs = [r for r in long_rows("tabel16_terugkeermaatregelen.csv") if r["unit"] != "%"]
    found = sorted(v for row in table.rows for v in row.values.values())
    assert found == sorted(int(r["value"]) for r in refs)
    assert year_value(table, "In bewaring geplaatst", 2017, "Vreemdelingenbewaring") == 3260


def test_gl_departures_match_table_17(inputs):
    table = inputs.get("gl")
    refs = long_rows("tabel17_vertrek_gl.csv")
    totals = {r["row"]: int(r["value"]) for r in refs if r["row_type"] != "top3"}
    by_type = {rec.values["Type vertrek"]: rec for rec in table.records}
    for label, value in totals.items():
        assert by_type[label].values["Aantal"] == value
    assert table.period.startswith("2013")


def test_savings_measures_sheet(inputs):
    table = inputs.get("maatregelen")
    assert [rec.values["Nr"] for rec in table.records] == [1, 2, 3, 4, 5]
    assert table.years == (2019, 2020, 2021, 2022)
    first = table.records[0]
    assert first.values["Percentage"] == 30  # DESIGN §5, measure 1
    assert first.values["Begrotingsregel"] == "REAN-regeling"


def test_rounding_differences_are_read_not_refused(inputs):
    """The reference edition's ±10 differences (Tabel 3 footnote) are no errors: the reader
    keeps the printed totals, the model notes them (tests/test_audit_reconcile.py)."""
    safe = inputs.get("vertrek_veilig")
    assert safe.find("Totaal vertrek").values[2015] == 16_600  # the rows add up to 16.620
    assert inputs.get("opdracht").find("Totaal").values[2016] == 8_018  # the rows: 8.017
    assert not [n for n in inputs.notes if "totaal" in n.message]
