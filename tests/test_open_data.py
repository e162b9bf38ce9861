"""Open data: a tidy CSV per table of figures and a Frictionless data package that validates."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from decimal import Decimal

import pytest
from frictionless import validate

from report.inputs.contract import Unit
from report.inputs.edition import load_edition
from report.inputs.read import read_inputs
from report.model import build_model
from report.model.tables import ModelRow, ModelTable, RowKind
from report.present.countries import NATIONALITIES, alpha_3
from report.present.numbering import Numbered, Numbering
from report.present.open_data import PACKAGE, open_data, table_csv, write_open_data
from report.problems import InputError
from tests.conftest import DATA

WORDS = ("beleidsterreinen", "maatregelen", "afkortingen")  # tables of words: no CSV


@pytest.fixture(scope="module")
def model():
    return build_model(read_inputs(DATA))


def document_numbering(model) -> Numbering:
    """Numbers as a document gives them: a table of words first, one in between, one last."""
    keys = [WORDS[0], *list(model.tables)[:10], WORDS[1], *list(model.tables)[10:], WORDS[2]]
    return Numbering(tuple(Numbered(n, key, key) for n, key in enumerate(keys, 1)), ())


@pytest.fixture(scope="module")
def folder(model, tmp_path_factory):
    target = tmp_path_factory.mktemp("open") / "open-data"
    write_open_data(model, document_numbering(model), target)
    return target


def rows(folder, key) -> list[dict[str, str]]:
    text = (folder / f"{key}.csv").read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_package_is_valid_by_the_standards_own_library(folder, model):
    report = validate(str(folder / PACKAGE))
    assert report.valid, report.flatten(["resourceName", "type", "note"])
    assert len(report.tasks) == len(model.tables)  # every CSV was checked against its schema


def test_the_validator_would_notice_a_wrong_value(folder, tmp_path):
    """The check can fail: a word in a column of numbers is an error, and so is the changed hash."""
    copy = tmp_path / "open-data"
    shutil.copytree(folder, copy)
    path = copy / "vertrek-type.csv"
    path.write_bytes(path.read_bytes().replace(b",21540,", b",veel,", 1))
    report = validate(str(copy / PACKAGE))
    assert not report.valid
    errors = {kind for (kind,) in report.flatten(["type"])}
    assert {"type-error", "hash-count"} <= errors, errors


def test_one_csv_per_table_of_figures_titled_with_the_report_number(folder, model):
    package = json.loads((folder / PACKAGE).read_text(encoding="utf-8"))
    numbering = document_numbering(model)
    assert [r["name"] for r in package["resources"]] == list(model.tables)
    for resource in package["resources"]:
        number = numbering.table(resource["name"]).number
        table = model.tables[resource["name"]]
        assert resource["title"] == f"Tabel {number}. {table.title}"
        assert resource["path"] == f"{table.key}.csv" and (folder / resource["path"]).is_file()
        assert resource["encoding"] == "utf-8"
        assert resource["sources"] and all(s["title"] for s in resource["sources"])
        described = {f["name"]: f for f in resource["schema"]["fields"]}
        assert all(f["description"] for f in described.values())
        assert described["waarde"]["type"] in ("integer", "number")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [PACKAGE, *(f"{key}.csv" for key in model.tables)]
    )
    assert package["licenses"][0]["name"] == "CC0-1.0"  # the default


def test_tidy_one_row_per_label_and_column(folder, model):
    table = model.tables["vertrek-type"]
    found = rows(folder, "vertrek-type")
    labelled = [r for r in table.rows if r.kind is not RowKind.GROUP]
    assert len(found) == len(labelled) * len(table.columns)
    total_2011 = next(r for r in found if r["regel"] == "Totaal" and r["jaar"] == "2011")
    assert total_2011["waarde"] == "21540"  # Tabel 2 of the reference edition
    assert total_2011["soort"] == "totaal" and total_2011["eenheid"] == "aantal vreemdelingen"
    grand = next(r for r in found if r["regel"] == "Totaal" and r["kolom"] == "Totaal")
    assert grand["waarde"] == "136590" and grand["jaar"] == ""


def test_groups_units_and_empty_cells_are_explicit(folder):
    safe = rows(folder, "vertrek-veilig")
    forced = [r for r in safe if r["regel"] == "Gedwongen vertrek" and r["jaar"] == "2011"]
    assert [r["groep"] for r in forced] == [
        "Vreemdelingen uit veilige landen",
        "Vreemdelingen uit overige landen",
    ]
    savings = rows(folder, "besparing")
    cover = [r for r in savings if r["regel"] == "Dekking van de taakstelling"]
    assert {r["eenheid"] for r in cover} == {"procenten"}
    assert cover[-1]["waarde"] == "105"  # the reference edition's coverage, 105%
    assert [r["waarde"] for r in cover[:-1]] == ["", "", ""]  # no figure: empty, not 0
    receipts = rows(folder, "ontvangsten")
    europe = next(r for r in receipts if r["regel"].startswith("Ontvangsten Europa"))
    assert europe["waarde"] == "" and "2014" in europe["toelichting"]


def test_nationalities_carry_iso_codes_where_unambiguous(folder):
    other = {r["regel"]: r["land_iso3"] for r in rows(folder, "top-overig")}
    assert other["Iraakse"] == "IRQ" and other["Afghaanse"] == "AFG"
    totals = [code for label, code in other.items() if label.startswith("Totaal top")]
    assert totals == [""]  # the total row is no country
    safe = {r["regel"]: r["land_iso3"] for r in rows(folder, "top-veilig")}
    assert safe["Amerikaans burger"] == "USA" and safe["Georgische"] == "GEO"
    assert safe["Kosovaarse"] == ""  # Kosovo has no ISO 3166-1 code: none is invented
    family = {r["regel"]: r["land_iso3"] for r in rows(folder, "vertrek-gl")}
    assert family["waarvan Mongolië"] == "MNG" and family["waarvan Onbekend"] == ""
    assert "land_iso3" not in rows(folder, "vertrek-type")[0]  # no countries, no column


def test_country_codes_are_never_guessed():
    assert all(alpha_3(nationality) for nationality in NATIONALITIES)  # each entry resolves
    for label in ("Congolese", "Koreaanse", "Staatloos", "Onbekend", "Kosovaarse", "Totaal"):
        assert alpha_3(label) is None, label
    assert alpha_3("waarvan Bosnië en Herzegovina") == "BIH"


def test_dot_decimals_and_utf8():
    table = ModelTable(
        "proef",
        "Proef",
        Unit.PERCENT,
        "Regel",
        ("2020", "2021 (b)"),
        (ModelRow("Oekraïense", (Decimal("12.5"), Decimal("1E+1"))),),
        (),
        decimals=1,
    )
    data, fields = table_csv(table)
    assert not data.startswith(b"\xef\xbb\xbf")  # UTF-8 without a byte-order mark
    text = data.decode("utf-8")
    assert "1,,Oekraïense,onderdeel,UKR,2020,2020,12.5,procenten," in text
    assert "2021 (b),2021,10,procenten" in text  # no exponent
    assert next(f for f in fields if f.name == "waarde").type == "number"


def test_same_model_gives_the_same_bytes(model):
    numbering = document_numbering(model)
    assert open_data(model, numbering) == open_data(model, numbering)


def test_the_licence_is_an_edition_setting(data_copy, model):
    settings = data_copy / "editie.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("licentie: CC0-1.0", "licentie: CC-BY-4.0"), "utf-8")
    edition = load_edition(settings)
    assert edition.licence == "CC-BY-4.0"
    package = open_data(replace(model, edition=edition), document_numbering(model))[PACKAGE]
    licence = json.loads(package)["licenses"][0]
    assert licence["name"] == "CC-BY-4.0" and licence["path"].startswith("https://creativecommons")
    settings.write_text(text.replace("licentie: CC0-1.0", "licentie: MIT"), "utf-8")
    with pytest.raises(InputError) as refused:
        load_edition(settings)
    [problem] = refused.value.problems
    assert problem.cell == "licentie" and "CC0-1.0, CC-BY-4.0" in problem.message
    settings.write_text(text.replace("licentie: CC0-1.0", ""), "utf-8")
    assert load_edition(settings).licence == "CC0-1.0"  # without the key: the default
