"""`python build.py template DIR` gives finance a blank, documented workbook of the right shape."""

from __future__ import annotations

import shutil
import subprocess
import sys

import openpyxl

from report.inputs import contract
from report.inputs.edition import load_edition
from tests.conftest import DATA, ROOT


def test_blank_workbooks_are_documented_protected_and_validated(tmp_path):
    target = tmp_path / "leeg"
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "template", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    edition = load_edition(DATA / "editie.yml")
    finance = openpyxl.load_workbook(target / edition.finance_file)
    statistics = openpyxl.load_workbook(target / edition.statistics_file)
    for book, key in ((finance, contract.FINANCE), (statistics, contract.STATISTICS)):
        assert book.sheetnames[0] == "Instructie"
        assert [s.sheet for s in contract.sheets_of(key)] == book.sheetnames[1:]
        instructions = " ".join(str(c.value or "") for c in book["Instructie"]["A"])
        assert "Zo vult u deze werkmap in" in instructions
    ws = finance["Programma-uitgaven"]
    header = [c.value for c in ws[6]]
    years = list(range(edition.first_year, edition.savings.reference_year + 1))
    assert header[1 : 1 + len(years)] == years  # the edition's years, as numbers
    assert ws.protection.sheet
    assert ws["B6"].protection.locked  # header cells are protected
    assert not ws["B8"].protection.locked  # amount cells are open
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"whole", "list"} <= kinds  # amounts, and realisatie/begroting
    measures = finance["Besparingsmaatregelen"]
    assert [c.value for c in measures[6]][-len(edition.savings.years) :] == list(
        edition.savings.years
    )


def test_blank_template_is_refused_until_filled_and_never_overwritten(tmp_path):
    target = tmp_path / "leeg"
    subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "template", str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    shutil.copy(DATA / "editie.yml", target / "editie.yml")
    check = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check", "--data", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 2
    # one finding per blank required sheet, not one per empty cell
    assert "financien.xlsx › Programma-uitgaven: het werkblad is nog niet ingevuld" in check.stderr
    assert (
        "vertrekcijfers.xlsx › Vertrek naar type: het werkblad is nog niet ingevuld" in check.stderr
    )
    assert "Ontvangsten" not in check.stderr  # a blank optional sheet counts as not supplied
    again = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "template", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 2 and "bestaat al" in again.stderr
