"""`python build.py scenario` from the workbooks: a changed budget line moves the result as the
rules say, and what-if overrides show up in the terminal text."""

from __future__ import annotations

import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest

from report.inputs.read import read_inputs
from report.model.overrides import OverrideError
from report.model.scenario import build_scenario
from report.pipeline import run_scenario
from tests.conftest import DATA, ROOT


def half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def scenario(data):
    inputs = read_inputs(data)
    get = inputs.get
    return build_scenario(inputs.edition, get("programma"), get("apparaat"), get("maatregelen"))


def add_to_line(path, label: str, year: int, amount: int) -> None:
    """Raise one line of Programma-uitgaven and its printed total by the same amount."""
    book = openpyxl.load_workbook(path)
    ws = book["Programma-uitgaven"]
    header = next(r for r in range(1, 30) if ws.cell(r, 1).value == "Omschrijving")
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(header, c).value == year)
    for row in range(header + 1, ws.max_row + 1):
        if ws.cell(row, 1).value in (label, "Totaal programma-uitgaven"):
            ws.cell(row, col).value += amount
    book.save(path)


def test_budget_line_change_moves_target_measure_and_coverage(data_copy):
    before = scenario(DATA)
    add_to_line(data_copy / "financien.xlsx", "REAN-regeling", 2022, 1000)
    after = scenario(data_copy)
    rean = Decimal(6689)  # Tabel 19, REAN-regeling 2022
    assert after.base - before.base == 1000
    assert after.target == half_up(Decimal("0.2") * 81_833) == before.target + 200
    gain = half_up(Decimal("0.3") * (rean + 1000)) - half_up(Decimal("0.3") * rean)
    assert gain == 300
    assert after.measures[0].amounts[2022] - before.measures[0].amounts[2022] == 300
    assert after.totals[2022] - before.totals[2022] == 300
    assert after.difference - before.difference == 100
    for other, was in zip(after.measures[1:], before.measures[1:], strict=True):
        assert other.amounts == was.amounts
    assert after.coverage == Decimal(int(after.totals[2022])) * 100 / after.target

    text = run_scenario(data_copy, [])
    assert "81.833" in text and "16.367" in text
    assert f"{after.totals[2022]:,}".replace(",", ".") in text
    assert "30% van € 7,7 mln (REAN-regeling 2022) = € 2,3 mln" in text


def test_terminal_text_lists_measures_totals_and_overrides():
    text = run_scenario(DATA, ["1.percentage=40"])
    lines = text.splitlines()
    measure = next(line for line in lines if line.startswith("1. Het beperken van de REAN"))
    # 40% of 6.689 = 2.675,6 -> 2.676 in 2022; a quarter of it in 2020 = 668,9 -> 669
    assert measure.split()[-4:] == ["0", "669", "1.338", "2.676"]
    assert any(line.startswith("Taakstelling (2022)") and line.endswith("16.167") for line in lines)
    assert "Dekking van de taakstelling" in text
    assert "1.percentage=40: maatregel 1, percentage 30 → 40" in text
    widths = {len(line) for line in lines if line.startswith(("1. ", "2. ", "Totaal besparing"))}
    assert len(widths) == 1  # the columns line up


def test_bad_override_before_reading_anything(tmp_path):
    with pytest.raises(OverrideError, match="onbekend veld"):
        run_scenario(tmp_path / "bestaat-niet", ["1.kleur=rood"])


def test_command_line(data_copy):
    ok = subprocess.run(
        [sys.executable, "build.py", "scenario", "--data", str(data_copy), "--set", "5.fte=60"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert "5.fte=60: maatregel 5, aantal fte 65 → 60" in ok.stdout
    assert "60 fte × € 160.780 per fte = € 9,6 mln" in ok.stdout  # 60 x 160,78 = 9.646,8
    wrong = subprocess.run(
        [sys.executable, "build.py", "scenario", "--data", str(data_copy), "--set", "5=60"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert wrong.returncode == 2
    assert "geen geldige wijziging" in wrong.stderr and "Traceback" not in wrong.stderr
