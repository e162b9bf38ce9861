"""`compare` reports exactly what was revised since the previous edition.

The previous edition is the sample data (as a data folder, and as the tabellen.xlsx a build
of it publishes); this edition is a copy in which a few cells are revised, a measure's
percentage is raised and an optional sheet is left out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from report.compare import changes_since
from report.inputs.previous import read_previous_tables
from report.inputs.read import read_inputs
from report.model import build_model
from report.model.changes import Changes, compare, facts, folder_facts, previous_facts
from report.present import herkomst
from report.present.changes import parameter_sheet, summary
from report.present.workbook import workbook_bytes
from report.render.document import render
from tests.cli_support import run_cli
from tests.conftest import DATA
from tests.herkomst_check import Inputs, read_rows, verify
from tests.marks_support import unmarked


def revise(target: Path) -> Path:
    """This edition: three input cells revised (totals kept), measure 1 at 40%, no GL sheet."""
    shutil.copytree(DATA, target)
    book = openpyxl.load_workbook(target / "financien.xlsx")
    programme = book["Programma-uitgaven"]
    programme["F11"] = programme["F11"].value + 500  # DV&O 2015
    programme["F12"] = programme["F12"].value + 500  # its printed total, so the sheet adds up
    book["Besparingsmaatregelen"]["D7"] = 40  # measure 1: 30% -> 40% of the REAN line
    book.save(target / "financien.xlsx")
    book = openpyxl.load_workbook(target / "vertrekcijfers.xlsx")
    book["VRIS"]["C7"] = 1100  # in the criminal justice chain 2016: 1.090 -> 1.100
    del book["Vertrek uit GL"]  # an optional table left out
    book.save(target / "vertrekcijfers.xlsx")
    return target


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    base = tmp_path_factory.mktemp("edities")
    current = revise(base / "deze")
    model = build_model(read_inputs(DATA))
    rendered = render(model, base / "vorige-bouw")
    sheets = [herkomst.sheet(rendered.herkomst), parameter_sheet(facts(model))]
    previous = base / "vorige" / "tabellen.xlsx"
    previous.parent.mkdir()
    previous.write_bytes(workbook_bytes(model, rendered.numbering, sheets))
    return current, previous


def _revised(changes: Changes) -> set[tuple[str, str, int, int, int]]:
    return {
        (
            r.current.table,
            r.current.row,
            r.current.year,
            int(r.previous.value),
            int(r.current.value),
        )
        for r in changes.revised
    }


EXPECTED_INPUTS = {
    ("vris", "In de strafrechtketen", 2016, 1090, 1100),
    ("uitgaven-programma", "DV&O", 2015, 6385, 6885),
    ("uitgaven-programma", "Totaal programma-uitgaven", 2015, 22534, 23034),
}


@pytest.mark.parametrize("kind", ["map", "tabellen.xlsx"])
def test_exactly_the_revised_cells_and_what_follows_from_them(editions, kind):
    current, previous = editions
    source = DATA if kind == "map" else previous
    changes = changes_since(source, build_model(read_inputs(current)))
    found = _revised(changes)
    # the three revised cells (and the programme's total)
    assert {r for r in found if r[0] != "besparing"} == EXPECTED_INPUTS
    # measure 1 at 40% instead of 30% of REAN 2022 (6.689): 2.007 -> 2.676 in 2022, and the
    # savings table's totals, difference and coverage in the years it is phased in
    savings = {(r[1], r[2], r[3], r[4]) for r in found if r[0] == "besparing"}
    measure = next(label for label, *_ in savings if label.startswith("1. "))
    assert (measure, 2022, 2007, 2676) in savings
    assert {label for label, *_ in savings} == {
        measure,
        "Totaal besparing",
        "Verschil (totaal min taakstelling)",
        "Dekking van de taakstelling",
    }
    assert {year for _, year, *_ in savings} == {2020, 2021, 2022}  # 2019: phase 0%
    assert len(changes.dropped) == 1
    assert changes.dropped[0].startswith("Vertrek vanuit de gezinslocaties naar type")
    assert changes.added == ()
    assert [(p.part, p.name, p.previous, p.current) for p in changes.parameters] == [
        ("Maatregel 1", "Percentage", "30", "40")
    ]


def test_an_unchanged_edition_reports_nothing(editions):
    _, previous = editions
    model = build_model(read_inputs(DATA))
    for before in (previous_facts(read_previous_tables(previous)), folder_facts(model, "x")):
        changes = compare(before, facts(model), "vorige")
        assert changes.revised == () and changes.parameters == ()
        assert changes.added == () and changes.dropped == ()


def test_the_terminal_summary_names_each_change(editions):
    current, previous = editions
    text = summary(changes_since(previous, build_model(read_inputs(current))), "deze")
    assert "Tabellen die zijn vervallen:\n  Vertrek vanuit de gezinslocaties" in text
    assert "    In de strafrechtketen, 2016: 1.090 in de vorige editie, nu 1.100" in text
    assert "    DV&O, 2015: 6.385 in de vorige editie, nu 6.885 (verschil +500)" in text
    assert "Dekking van de taakstelling, 2022: 105% in de vorige editie, nu 109%" in text
    assert (
        "Maatregel 1 (financien.xlsx › Besparingsmaatregelen › rij 7), Percentage: 30 → 40" in text
    )


def test_the_appendix_lists_the_changes_and_every_number_in_it_recomputes(editions, tmp_path):
    current, previous = editions
    model = build_model(read_inputs(current))
    rendered = render(model, tmp_path / "build", changes=changes_since(previous, model))
    text = unmarked(rendered.document.read_text(encoding="utf-8"))
    assert "## Wijzigingen ten opzichte van de vorige editie" in text
    assert "- DV\\&O, 2015\\: 6.385 in de vorige editie, nu 6.885 \\(verschil +500\\)" in text
    rows = read_rows(herkomst.csv_bytes(rendered.herkomst))
    appendix = [
        r for r in rows if r["onderdeel"] == "Wijzigingen ten opzichte van de vorige editie"
    ]
    assert {r["tekst"] for r in appendix} >= {"6.385", "6.885", "+500"}
    before = next(r for r in appendix if r["tekst"] == "6.385")
    assert before["bronnen"].startswith(f"{previous} › Herkomst › G")  # the previous workbook
    verdict = verify(rows, Inputs(current))
    assert verdict.wrong == []


def test_a_build_without_compare_has_no_appendix(tmp_path):
    rendered = render(build_model(read_inputs(DATA)), tmp_path / "build")
    assert "Wijzigingen ten opzichte" not in rendered.document.read_text(encoding="utf-8")


def test_a_tabellen_xlsx_without_the_sheets_is_refused_with_its_name(tmp_path):
    from report.problems import InputError

    plain = tmp_path / "tabellen.xlsx"
    openpyxl.Workbook().save(plain)
    with pytest.raises(InputError) as refused:
        read_previous_tables(plain)
    assert {(p.file, p.sheet) for p in refused.value.problems} == {
        ("tabellen.xlsx", "Herkomst"),
        ("tabellen.xlsx", "Besparingsvariant"),
    }


def test_the_command_line(editions, tmp_path):
    current, previous = editions
    result = run_cli("compare", previous, "--data", current, "--build-dir", tmp_path / "b")
    assert result.returncode == 0, result.stderr
    assert "Herziene cijfers voor jaren die beide edities beslaan (" in result.stdout
    missing = run_cli("compare", tmp_path / "weg.xlsx", "--build-dir", tmp_path / "b")
    assert missing.returncode == 2 and "bestaat niet" in missing.stdout + missing.stderr
    output = tmp_path / "uitvoer"
    output.mkdir()
    shutil.copy2(previous, output / "tabellen.xlsx")
    inside = run_cli("--compare", output / "tabellen.xlsx", "--output", output)
    assert inside.returncode == 2
    assert "staat in de uitvoermap" in inside.stdout + inside.stderr


def test_a_table_the_previous_edition_lacked_is_reported_as_added(editions):
    current, _ = editions  # the revised copy has no sheet "Vertrek uit GL"
    changes = changes_since(current, build_model(read_inputs(DATA)))
    assert len(changes.added) == 1 and changes.dropped == ()
    assert changes.added[0].startswith("Vertrek vanuit de gezinslocaties naar type")
    text = summary(changes, "data")
    assert "Tabellen die er zijn bijgekomen:\n  Vertrek vanuit de gezinslocaties" in text


def test_the_parameter_sheet_holds_numbers_as_numbers(editions):
    _, previous = editions
    sheet = openpyxl.load_workbook(previous)["Besparingsvariant"]
    values = {(a, b): c for a, b, c, *_ in sheet.iter_rows(values_only=True) if a and b}
    assert values[("Maatregel 5", "Kosten per fte")] == 160.78  # the workbook's H11
    assert values[("Maatregel 1", "Percentage")] == 30
    assert values[("editie.yml", "besparing.percentage")] == 20
    assert values[("editie.yml", "besparing.basis")] == "programma+apparaat"
