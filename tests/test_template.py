"""`python build.py template DIR` gives finance a blank edition folder it can fill with real data."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import openpyxl
import pytest

from report.inputs import contract
from report.inputs.edition import load_edition
from report.inputs.read import read_inputs
from report.model import build_model
from tests.conftest import DATA, ROOT
from tests.fill import fill_like_finance

EDITION = load_edition(DATA / "editie.yml")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("sjabloon") / "leeg"
    result = run("template", str(target))
    assert result.returncode == 0, result.stderr
    return target


def test_template_writes_both_workbooks_and_the_edition_settings(blank):
    assert sorted(p.name for p in blank.iterdir()) == sorted(
        [EDITION.finance_file, EDITION.statistics_file, "editie.yml"]
    )
    assert load_edition(blank / "editie.yml") == EDITION
    for key, name in (
        (contract.FINANCE, EDITION.finance_file),
        (contract.STATISTICS, EDITION.statistics_file),
    ):
        book = openpyxl.load_workbook(blank / name)
        assert book.sheetnames == ["Instructie", *(s.sheet for s in contract.sheets_of(key))]
        text = " ".join(str(c.value or "") for c in book["Instructie"]["A"])
        assert "Zo vult u deze werkmap in" in text
        assert "n.b." in text and "30 voor 30%" in text


def test_excel_shows_its_dutch_validation_messages(blank):
    book = openpyxl.load_workbook(blank / EDITION.finance_file)
    for ws in book.worksheets[1:]:
        rules = ws.data_validations.dataValidation
        assert rules, ws.title
        for rule in rules:
            assert rule.showErrorMessage and rule.showInputMessage, (ws.title, rule.sqref)
            assert rule.prompt and rule.error, (ws.title, rule.sqref)
            assert not any(
                word in (rule.prompt + rule.error) for word in ("Enter", "value", "must")
            )


def _rule_of(ws, coordinate: str):
    return next(r for r in ws.data_validations.dataValidation if coordinate in r.sqref)


def test_percentages_are_validated_0_to_100(blank):
    finance = openpyxl.load_workbook(blank / EDITION.finance_file)
    measures = finance["Besparingsmaatregelen"]
    header = [c.value for c in measures[6]]
    for column in ["Percentage", *EDITION.savings.years]:
        letter = openpyxl.utils.get_column_letter(header.index(column) + 1)
        rule = _rule_of(measures, f"{letter}7")
        assert (rule.type, rule.operator, rule.formula1, rule.formula2) == (
            "decimal",
            "between",
            "0",
            "100",
        )
    statistics = openpyxl.load_workbook(blank / EDITION.statistics_file)
    rule = _rule_of(statistics["Uitstroom DT&V in procenten"], "B7")
    assert (rule.type, rule.formula1, rule.formula2) == ("decimal", "0", "100")


def test_amounts_accept_whole_numbers_and_na_only_where_allowed(blank):
    finance = openpyxl.load_workbook(blank / EDITION.finance_file)
    programme = _rule_of(finance["Programma-uitgaven"], "B8")
    assert programme.type == "custom" and '"n.b."' in programme.formula1
    apparatus = _rule_of(finance["Apparaatsuitgaven"], "B8")
    assert (apparatus.type, apparatus.operator, apparatus.formula1) == (
        "whole",
        "greaterThanOrEqual",
        "0",
    )


def test_input_cells_shaded_open_and_headers_frozen_and_locked(blank):
    finance = openpyxl.load_workbook(blank / EDITION.finance_file)
    ws = finance["Programma-uitgaven"]
    assert ws.protection.sheet and not ws.protection.password
    assert not ws.protection.insertRows and not ws.protection.formatCells  # allowed to finance
    assert ws.freeze_panes == "B8"  # below the header and Status row, right of the labels
    assert ws["B6"].protection.locked and ws["A8"].protection.locked  # heading, contract label
    for coordinate in ("B3", "B8", "M11"):
        assert not ws[coordinate].protection.locked, coordinate
        assert ws[coordinate].fill.fgColor.rgb.endswith("FFF2CC"), coordinate
    assert ws["B6"].fill.fgColor.rgb.endswith("DDE6F0")


def test_budget_years_are_never_prefilled_as_realisation(blank):
    ws = openpyxl.load_workbook(blank / EDITION.finance_file)["Programma-uitgaven"]
    header = {c.value: c.column for c in ws[6] if isinstance(c.value, int)}
    status = {year: ws.cell(7, col).value for year, col in header.items()}
    assert "realisatie" not in status.values()  # finance marks realised years itself
    for year, value in status.items():
        assert value == ("begroting" if year >= EDITION.peildatum.year else None), year


def test_the_list_of_nationalities_has_room_for_every_line(blank):
    ws = openpyxl.load_workbook(blank / EDITION.statistics_file)["Vertrek per nationaliteit"]
    open_rows = [r for r in range(7, ws.max_row + 1) if not ws.cell(r, 1).protection.locked]
    assert len(open_rows) >= 40  # the sample has 20 nationalities; the top 10 is computed


def test_blank_template_is_refused_until_filled_and_never_overwritten(blank):
    check = run("check", "--data", str(blank))
    assert check.returncode == 2
    # one finding per blank required sheet, not one per empty cell
    assert "financien.xlsx › Programma-uitgaven: het werkblad is nog niet ingevuld" in check.stderr
    assert (
        "vertrekcijfers.xlsx › Vertrek naar type: het werkblad is nog niet ingevuld" in check.stderr
    )
    assert "Ontvangsten" not in check.stderr  # a blank optional sheet counts as not supplied
    again = run("template", str(blank))
    assert again.returncode == 2 and "bestaat al" in again.stderr


def _comparable(table):
    """A model table without where it came from (cell ranges differ between the two layouts)."""
    kept = {f.name: getattr(table, f.name) for f in fields(table) if f.name != "sources"}
    # the sample transcribes the source's printed Totaal column, which finance need not fill
    kept["notes"] = tuple(
        n for n in table.notes if not n.startswith("Totalen zijn de som van de regels")
    )
    return kept


def test_finance_fills_the_blank_template_with_the_sample_and_gets_the_same_report(tmp_path):
    """The acceptance test of issue 9: values typed into the template's cells, by label and year."""
    target = tmp_path / "editie"
    assert run("template", str(target)).returncode == 0
    for key, name in (
        (contract.FINANCE, EDITION.finance_file),
        (contract.STATISTICS, EDITION.statistics_file),
    ):
        filled = fill_like_finance(DATA / name, target / name, key)
        assert filled.missing == []  # every value found a cell in the template
    check = run("check", "--data", str(target))
    assert check.returncode == 0, check.stderr
    assert "De invoer in" in check.stdout and "problemen" not in check.stderr
    sample = build_model(read_inputs(DATA))
    from_template = build_model(read_inputs(target))
    assert list(from_template.tables) == list(sample.tables)
    for key, table in sample.tables.items():
        assert _comparable(from_template.tables[key]) == _comparable(table), key
    assert from_template.indicators == sample.indicators
    assert from_template.scenario.totals == sample.scenario.totals
    assert from_template.scenario.measures == sample.scenario.measures


def test_sample_workbooks_are_regenerated_byte_for_byte(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_sample_data.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    for name in (EDITION.finance_file, EDITION.statistics_file):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
