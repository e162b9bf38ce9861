"""Every problem a user can cause is reported in Dutch with file, sheet and cell, all at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from report.inputs.read import read_inputs
from report.problems import InputError
from tests.conftest import ROOT


def problems_of(data: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_inputs(data)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, change) -> None:
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)


def find_cell(ws, label: str, year: int) -> str:
    """The address of (row label, year) in a sheet laid out by the contract."""
    header = next(r for r in range(1, 30) if any(c.value == year for c in ws[r]))
    col = next(c.column_letter for c in ws[header] if c.value == year)
    row = next(c.row for c in ws["A"] if c.value == label)
    return f"{col}{row}"


def test_text_in_amount_cell(data_copy):
    def change(book):
        ws = book["Programma-uitgaven"]
        ws[find_cell(ws, "DV&O", 2014)] = "n.v.t."

    edit(data_copy / "financien.xlsx", change)
    [problem] = problems_of(data_copy)
    assert problem == 'financien.xlsx › Programma-uitgaven › E11: "n.v.t." is geen bedrag'


def test_dutch_number_text_is_read_with_a_note(data_copy):
    def change(book):
        ws = book["Apparaatsuitgaven"]
        ws[find_cell(ws, "Ambtelijk personeel", 2011)] = "30.402"

    edit(data_copy / "financien.xlsx", change)
    inputs = read_inputs(data_copy)
    assert inputs.get("apparaat").find("Ambtelijk personeel").values[2011] == 30_402
    assert any("gelezen als 30402" in str(n) for n in inputs.notes)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("#REF!", "Excel-foutwaarde #REF!"),
        (-5, "negatief bedrag"),
        (12.5, "geen geheel getal"),
        ("1.234,5", "geen geheel getal"),
    ],
)
def test_bad_amounts(data_copy, value, expected):
    def change(book):
        ws = book["Programma-uitgaven"]
        ws[find_cell(ws, "REAN-regeling", 2020)] = value

    edit(data_copy / "financien.xlsx", change)
    problems = problems_of(data_copy)
    assert any("Programma-uitgaven › K9" in p and expected in p for p in problems), problems


def test_formula_without_cached_value(data_copy):
    """openpyxl writes formulas without results; Excel would have stored one."""

    def change(book):
        ws = book["Apparaatsuitgaven"]
        ws[find_cell(ws, "Totaal apparaatsuitgaven", 2012)] = "=SUM(C8:C10)"

    edit(data_copy / "financien.xlsx", change)
    [problem] = problems_of(data_copy)
    assert problem.startswith(
        "financien.xlsx › Apparaatsuitgaven › C11: formule zonder opgeslagen uitkomst"
    )


def test_missing_required_sheet_and_year(data_copy):
    def change(book):
        del book["Vertrek naar type"]

    edit(data_copy / "vertrekcijfers.xlsx", change)

    def drop_year(book):
        ws = book["Apparaatsuitgaven"]
        ws.delete_cols(4)  # the column of 2013

    edit(data_copy / "financien.xlsx", drop_year)
    problems = problems_of(data_copy)
    assert any(
        p.startswith("vertrekcijfers.xlsx › Vertrek naar type: verplicht werkblad ontbreekt")
        for p in problems
    )
    assert any("Apparaatsuitgaven › rij 6: jaar 2013 ontbreekt" in p for p in problems)


def test_year_twice_and_missing_row(data_copy):
    def change(book):
        ws = book["Vertrek naar type"]
        ws["C6"] = 2011  # the header of 2012 becomes a second 2011
        ws.delete_rows(8)  # the row "Gedwongen vertrek"

    edit(data_copy / "vertrekcijfers.xlsx", change)
    problems = problems_of(data_copy)
    assert (
        "vertrekcijfers.xlsx › Vertrek naar type › C6: jaar 2011 staat twee keer in de kopregel"
        in problems
    )
    assert any("regel 'Gedwongen vertrek' ontbreekt" in p for p in problems)


def test_wrong_total_beyond_rounding(data_copy):
    def change(book):
        ws = book["Vertrek naar type"]
        ws[find_cell(ws, "Totaal", 2014)] = 17_000  # components add to 16.000

    edit(data_copy / "vertrekcijfers.xlsx", change)
    problems = problems_of(data_copy)
    assert problems[0].startswith(
        "vertrekcijfers.xlsx › Vertrek naar type › E10: totaal 'Totaal' is 17.000, de som is 16.000"
    )
    # the printed grand total (I10, 136.590) still equals every component added up, so the
    # Totaal column is right: only the year cell is wrong
    assert len(problems) == 1


def test_not_a_workbook(data_copy):
    (data_copy / "vertrekcijfers.xlsx").write_text("jaar;aantal\n2011;21540\n", encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert problem.startswith("vertrekcijfers.xlsx: dit is geen Excel-werkmap")


def test_cli_reports_three_problems_and_keeps_output(data_copy, tmp_path):
    """The foundation issue's acceptance case, through the real command."""

    def finance(book):
        ws = book["Programma-uitgaven"]
        ws[find_cell(ws, "DV&O", 2014)] = "n.v.t."
        ws[find_cell(ws, "Totaal programma-uitgaven", 2016)] = 27_000  # lines add to 26.244
        book.remove(book["Apparaatsuitgaven"])

    edit(data_copy / "financien.xlsx", finance)
    output = tmp_path / "output"
    output.mkdir()
    (output / "rapport.pdf").write_bytes(b"previous publication")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--data",
            str(data_copy),
            "--output",
            str(output),
            "--build-dir",
            str(tmp_path / "build"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "De invoer bevat 3 problemen" in result.stderr
    assert 'financien.xlsx › Programma-uitgaven › E11: "n.v.t." is geen bedrag' in result.stderr
    assert "financien.xlsx › Apparaatsuitgaven: verplicht werkblad ontbreekt" in result.stderr
    assert (
        "financien.xlsx › Programma-uitgaven › G12: totaal 'Totaal programma-uitgaven' is 27.000, "
        "de som is 26.244" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert [p.name for p in output.iterdir()] == ["rapport.pdf"]
    assert (output / "rapport.pdf").read_bytes() == b"previous publication"
