"""Every number the report prints has a source that recomputes it from the workbooks.

The document is rendered in this process from the sample data (and from changed copies);
herkomst.csv is built from it and checked by tests/herkomst_check.py, which reads the
workbooks with openpyxl and evaluates each row's formula on its own.
"""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal

import openpyxl
import pypandoc
import pytest
import yaml

from report.inputs.read import read_inputs
from report.model import build_model
from report.model.tables import RowKind
from report.present import herkomst
from report.present.marks import SOURCES_ID
from report.render.document import render
from tests.conftest import DATA
from tests.editions import shifted_edition
from tests.herkomst_check import Inputs, printed_range, read_rows, verify


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    model = build_model(read_inputs(DATA))
    rendered = render(model, tmp_path_factory.mktemp("build"))
    return model, rendered


@pytest.fixture(scope="module")
def rows(sample) -> list[dict[str, str]]:
    return read_rows(herkomst.csv_bytes(sample[1].herkomst))


def test_every_value_of_every_table_has_a_source(sample):
    model, _ = sample
    for table in model.tables.values():
        for row in table.rows:
            if row.kind is RowKind.GROUP:
                continue
            assert len(row.provenance) == len(row.values), (table.key, row.label)
            for value, traced in zip(row.values, row.provenance, strict=True):
                assert (value is None) == (traced is None), (table.key, row.label)
                assert traced is None or traced.value == value


def test_every_printed_and_drawn_number_recomputes_from_the_workbooks(rows):
    verdict = verify(rows, Inputs(DATA))
    assert verdict.wrong == []
    assert verdict.verified + verdict.constants == len(rows)
    # the 24 tables of the sample print about 800 numbers, the text about 150 more
    assert sum(1 for r in rows if r["onderdeel"].startswith("Tabel ")) > 700
    assert sum(1 for r in rows if r["sleutel"].startswith("sec-")) > 100
    kinds = {r["soort"] for r in rows}
    assert kinds == {"invoer", "berekend", "instelling", "programmaregel"}


def test_a_wrong_cell_a_wrong_value_and_a_wrong_text_are_caught(rows):
    """The check can fail: one cell to the left, one more, one digit printed differently."""
    source = next(r for r in rows if r["soort"] == "invoer" and r["regel"] == "Gedwongen vertrek")
    moved = re.sub(r"!([A-Z])(\d+)", lambda m: f"!{chr(ord(m[1]) - 1)}{m[2]}", source["formule"])
    changed = [
        {**source, "formule": moved},
        {**source, "waarde": str(int(source["waarde"]) + 1)},
        {**source, "tekst": "9.999"},
    ]
    verdict = verify(changed, Inputs(DATA))
    assert len(verdict.wrong) == 3 and verdict.verified == 0


def test_an_input_row_cites_the_cell_that_holds_its_value(rows):
    # Tabel 2 of the reference edition: forced departures 2017 = 5.990 in Vertrek naar type
    row = next(
        r
        for r in rows
        if r["onderdeel"].startswith("Tabel 2: ")
        and r["regel"] == "Gedwongen vertrek"
        and r["kolom"] == "2017"
    )
    assert (row["soort"], row["waarde"], row["tekst"]) == ("invoer", "5990", "5.990")
    book = openpyxl.load_workbook(DATA / "vertrekcijfers.xlsx", data_only=True)
    sheet, cell = row["bronnen"].split(" › ")[1:]
    assert book[sheet][cell].value == 5990


def test_settings_are_cited_by_their_key(rows):
    settings = yaml.safe_load((DATA / "editie.yml").read_text(encoding="utf-8"))
    prognosis = [
        r for r in rows if r["soort"] == "instelling" and "prognose_vertrek" in r["formule"]
    ]
    assert prognosis, "the prognosis column cites editie.yml"
    for row in prognosis:
        key = row["bronnen"].split(" › ")[-1]
        assert int(row["waarde"]) == settings["prognose_vertrek"][key]
    percentage = [r for r in rows if r["formule"] == 'INSTELLING("besparing";"percentage")']
    assert percentage and all(
        r["waarde"] == str(settings["besparing"]["percentage"]) for r in percentage
    )


def test_the_target_and_a_measure_say_their_rule(rows):
    target = next(r for r in rows if r["regel"].startswith("Taakstelling") and r["kolom"] == "2022")
    assert target["tekst"] == "16.167"
    assert "20 (editie.yml › besparing › percentage)% van 80.833" in target["berekening"]
    measure = next(
        r for r in rows if r["tekst"] == "€ 2,0 mln" and r["sleutel"] == "sec-besparing-1"
    )
    assert measure["berekening"].startswith("30 (financien.xlsx › Besparingsmaatregelen › D7)% van")


def test_a_number_in_the_text_names_its_section_and_sentence(rows):
    row = next(r for r in rows if r["sleutel"] == "sec-resultaten" and r["tekst"] == "15.830")
    assert row["onderdeel"] == "Resultaten van het vertrekbeleid"
    assert row["regel"] == (
        "Het jaarlijkse vertrek lag tussen 15.830 vreemdelingen in 2013 en 24.900 in 2016 (tabel 2)."
    )
    assert row["anker"].startswith("getal-")


def test_every_figure_point_is_listed_with_its_cells(sample, rows):
    model, _ = sample
    for number, (key, figure) in enumerate(model.figures.items(), start=1):
        listed = [r for r in rows if r["sleutel"] == f"fig-{key}"]
        assert len(listed) == len(figure.points) > 0
        assert all(r["onderdeel"] == f"Figuur {number}: {figure.caption}" for r in listed)
        assert all(r["bronnen"] and not r["tekst"] for r in listed)  # drawn, not printed


def test_notes_cite_their_numbers(rows):
    """A rounding difference in the Verantwoording and under its table: the printed total
    traced to its cell, the sum it was compared with to the cells it adds up."""
    listed = [
        r
        for r in rows
        if r["onderdeel"] == "Afrondingsverschillen" and "B15 8.018 (8.017)" in r["regel"]
    ]
    assert [(r["tekst"], r["soort"]) for r in listed] == [
        ("8.018", "invoer"),
        ("8.017", "berekend"),
    ]
    assert listed[0]["formule"] == "'[financien.xlsx]Opdracht vreemdelingenvertrek'!B15"
    assert listed[1]["formule"] == "SOM('[financien.xlsx]Opdracht vreemdelingenvertrek'!B7:B14)"
    assert listed[0]["regel"].startswith("Tabel ")  # "@Tbl-opdracht" as the reader sees it
    under = [r for r in rows if r["regel"] == "noot" and r["formule"] == listed[0]["formule"]]
    assert [r["onderdeel"].split(":")[0] for r in under] == ["Tabel 12"]


def test_printed_text_ranges():
    assert printed_range("€ 6,7 mln") == (6650, 6750)
    assert printed_range("€ 615.000") == (Decimal("614.9995"), Decimal("615.0005"))
    assert printed_range("−3%") == (Decimal("-3.5"), Decimal("-2.5"))
    assert printed_range("36.722") == (Decimal("36721.5"), Decimal("36722.5"))
    assert printed_range("2011") == (Decimal("2010.5"), Decimal("2011.5"))  # a year


def test_another_edition_verifies_too(tmp_path):
    """Scaled figures and a later period: every row still recomputes."""
    data = shifted_edition(DATA, tmp_path / "data")
    rendered = render(build_model(read_inputs(data)), tmp_path / "build")
    verdict = verify(read_rows(herkomst.csv_bytes(rendered.herkomst)), Inputs(data))
    assert verdict.wrong == [] and verdict.verified > 900


def test_a_hostile_workbook_name_stays_text_in_the_html(tmp_path):
    """The source shown in the HTML names the workbook: its name is data, not markup."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    name = 'fin"an|c&amp;<b>ien.xlsx'
    (data / "financien.xlsx").rename(data / name)
    settings = yaml.safe_load((data / "editie.yml").read_text(encoding="utf-8"))
    settings["werkmappen"]["financien"] = name
    (data / "editie.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    document = render(build_model(read_inputs(data)), tmp_path / "build").document
    html = pypandoc.convert_text(document.read_text(encoding="utf-8"), "html5", format="markdown")
    assert "<b>" not in html and html.count("</script>") == 1  # the name ends no element
    table = re.search(rf'<script type="application/json" id="{SOURCES_ID}">(.*?)</script>', html)
    sources = json.loads(table.group(1))
    assert any(
        source.startswith('Invoer: fin"an|c&amp;<b>ien.xlsx › Programma-uitgaven')
        for source in sources.values()
    )


def test_the_appendix_cites_the_settings_and_every_figure(sample):
    """Issue 12's provenance gaps: editie.yml for the prognosis and the percentage, figures."""
    from report.present.tables import provenance_items

    model, _ = sample
    items = provenance_items(model.tables.values(), model.figures.values())
    owners, owner = {}, ""
    for item in items:
        owner = item["tabel"] or owner
        owners.setdefault(owner, []).append((item["werkmap"], item["werkblad"], item["cellen"]))
    assert ("editie.yml", "–", "prognose_vertrek") in owners["tbl-vertrek-aandeel"]
    assert ("editie.yml", "–", "besparing › percentage") in owners["tbl-besparing"]
    assert {f"fig-{key}" for key in model.figures} <= set(owners)
    assert ("vertrekcijfers.xlsx", "Vertrek naar type", "B7:H9") in owners["fig-vertrek-aandeel"]


def test_named_values_in_the_text_and_in_content_files_are_traced(tmp_path):
    """The edition's text uses named values; the RPE table and the heading of chapter 6 print
    editie.yml's savings percentage: each is a row with its source, and verifies."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    sentence = (
        "Van {{< var periode.van >}} tot en met {{< var periode.tot >}} vertrokken "
        "{{< var vertrek.totaal >}} vreemdelingen, en de variant bespaart "
        "{{< var besparing.percentage >}}.\n"
    )
    (data / "tekst" / "samenvatting-besparing.qmd").write_text(sentence, encoding="utf-8")
    rendered = render(build_model(read_inputs(data)), tmp_path / "build")
    found = read_rows(herkomst.csv_bytes(rendered.herkomst))
    assert verify(found, Inputs(data)).wrong == []
    mine = [r for r in found if r["regel"].startswith("Van 2011 tot en met 2017 vertrokken")]
    assert [(r["tekst"], r["soort"], r["formule"]) for r in mine] == [
        ("2011", "instelling", 'INSTELLING("periode";"van")'),
        ("2017", "instelling", 'INSTELLING("periode";"tot")'),
        ("136.590", "berekend", mine[2]["formule"]),  # Tabel 2's total of the reference
        ("20%", "instelling", 'INSTELLING("besparing";"percentage")'),
    ]
    assert mine[2]["formule"].startswith("SOM(")
    rpe = [r for r in found if r["onderdeel"].startswith("Tabel ") and r["kolom"] == "Vraag"]
    assert [(r["tekst"], r["formule"]) for r in rpe] == [
        ("20%", 'INSTELLING("besparing";"percentage")')
    ]
    assert "minder middelen" in rpe[0]["regel"]
    heading = [r for r in found if r["regel"] == "kop"]
    assert [(r["anker"], r["tekst"], r["formule"]) for r in heading] == [
        ("sec-verbeter-besparing", "−20%", 'NEGATIEF(INSTELLING("besparing";"percentage"))')
    ]
    text = rendered.document.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("# Verbeterparagraaf"))
    assert '.herkomst data-getal="getal-' in title and "{#getal-" not in title  # no id to copy
