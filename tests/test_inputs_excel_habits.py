"""No silent numbers from Excel habits (issue 9, point 5): each case is read by its explicit
format or refused at its cell, never guessed.

Every refusal tested here was read quietly (or refused elsewhere, without the cell) by the code
before the inputs stage was rebuilt; the tests of what is read correctly pin behaviour that must
stay (a percentage cell, n.b. with its explanation, an override within its base).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from report.inputs.read import read_inputs
from report.model import build_model
from report.problems import InputError
from tests.conftest import ROOT
from tests.corpus import column_of
from tests.test_inputs_validation import edit, find_cell

MEASURES = "Besparingsmaatregelen"


def problems_of(data: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        build_model(read_inputs(data))
    return [str(p) for p in caught.value.problems]


def set_measure(data: Path, nr: int, column: object, value: object, number_format: str = "") -> str:
    """Type `value` into measure `nr`'s cell in `column` (a heading or a year); its address."""
    address = ""

    def change(book):
        nonlocal address
        ws = book[MEASURES]
        letter = column_of(ws, column)
        row = next(c.row for c in ws["A"] if c.value == nr)
        address = f"{letter}{row}"
        ws[address] = value
        if number_format:
            ws[address].number_format = number_format

    edit(data / "financien.xlsx", change)
    return address


# -- percentages are read by their format ----------------------------------------------------
def test_percentage_typed_as_30_percent_in_excel_is_30(data_copy):
    """Typing 30% in Excel stores 0,3 with a percentage format: the format says it is 30%."""
    set_measure(data_copy, 1, "Percentage", 0.3, "0%")
    record = read_inputs(data_copy).get("maatregelen").records[0]
    assert record.values["Percentage"] == 30


def test_a_fraction_where_a_percentage_belongs_is_refused(data_copy):
    """0,3 in a cell without a percentage format could be 0,3% or 30%: refused, not guessed."""
    cell = set_measure(data_copy, 1, "Percentage", 0.3)
    [problem] = problems_of(data_copy)
    assert problem.startswith(f"financien.xlsx › {MEASURES} › {cell}: 0,3 is een breuk")
    assert "30 of 30%" in problem


def test_phase_in_typed_as_a_fraction_is_refused(data_copy):
    cell = set_measure(data_copy, 2, 2021, 0.25)
    [problem] = problems_of(data_copy)
    assert problem.startswith(f"financien.xlsx › {MEASURES} › {cell}: 0,25 is een breuk")


def test_phase_in_as_a_percentage_cell_is_read_by_its_format(data_copy):
    set_measure(data_copy, 2, 2021, 0.5, "0%")  # shown as 50%, the sample's value
    inputs = read_inputs(data_copy)
    assert inputs.get("maatregelen").records[1].phase[2021] == 50
    reference = build_model(read_inputs(ROOT / "data")).scenario
    assert build_model(inputs).scenario.totals == reference.totals


@pytest.mark.parametrize(
    "value,number_format", [(120, "General"), (1.2, "0%"), ("120%", "General")]
)
def test_a_percentage_above_100_is_refused_at_its_cell(data_copy, value, number_format):
    cell = set_measure(data_copy, 1, "Percentage", value, number_format)
    [problem] = problems_of(data_copy)
    assert problem == f"financien.xlsx › {MEASURES} › {cell}: percentage 120 is groter dan 100"


def test_outflow_percentages_in_percentage_cells_are_read_by_their_format(data_copy):
    def change(book):
        ws = book["Uitstroom DT&V in procenten"]
        for row in ws.iter_rows(min_row=7, min_col=2, max_col=8):
            for cell in row:
                if isinstance(cell.value, int):
                    cell.value = cell.value / 100
                    cell.number_format = "0%"

    before = read_inputs(ROOT / "data").get("uitstroom_pct")
    edit(data_copy / "vertrekcijfers.xlsx", change)
    after = read_inputs(data_copy).get("uitstroom_pct")
    assert [r.values for r in after.rows] == [r.values for r in before.rows]


def test_an_outflow_fraction_without_percentage_format_is_refused(data_copy):
    def change(book):
        ws = book["Uitstroom DT&V in procenten"]
        ws[find_cell(ws, "Percentage MOB", 2014)] = 0.63

    edit(data_copy / "vertrekcijfers.xlsx", change)
    [problem] = problems_of(data_copy)
    assert problem.startswith(
        "vertrekcijfers.xlsx › Uitstroom DT&V in procenten › E7: 0,63 is een breuk"
    )


# -- blank cells -------------------------------------------------------------------------------
def test_blank_amount_with_an_unrelated_toelichting_is_refused(data_copy):
    """A Toelichting about something else never explains a blank amount (was published as –)."""

    def change(book):
        ws = book["Programma-uitgaven"]
        ws[find_cell(ws, "DV&O", 2017)] = None
        ws[f"{column_of(ws, 'Toelichting')}11"] = (
            "inclusief de kosten van het vervoer naar Schiphol"
        )

    edit(data_copy / "financien.xlsx", change)
    [problem] = problems_of(data_copy)
    assert problem.startswith(
        "financien.xlsx › Programma-uitgaven › H11: lege cel; vul een bedrag in"
    )
    assert "n.b." in problem


def test_na_marks_a_figure_that_does_not_exist_and_the_report_explains_it(data_copy):
    model = build_model(read_inputs(data_copy))
    row = next(r for r in model.tables["uitgaven-programma"].rows if r.label == "Overige subsidies")
    columns = model.tables["uitgaven-programma"].columns
    assert [row.values[columns.index(str(y))] for y in range(2011, 2017)] == [None] * 6
    assert "opgenomen in Opdracht vreemdelingenvertrek" in row.note  # shown under the table


def test_na_without_an_explanation_is_refused(data_copy):
    def change(book):
        ws = book["Programma-uitgaven"]
        ws[f"{column_of(ws, 'Toelichting')}10"] = None  # the row of Overige subsidies

    edit(data_copy / "financien.xlsx", change)
    found = problems_of(data_copy)
    assert len(found) == 6  # 2011–2016 are n.b.
    assert found[0] == (
        "financien.xlsx › Programma-uitgaven › B10: n.b. vraagt een uitleg in de kolom "
        "Toelichting van deze regel (die uitleg komt in het rapport)"
    )


def test_na_is_refused_where_the_sheet_needs_every_figure(data_copy):
    def change(book):
        ws = book["Apparaatsuitgaven"]
        ws[find_cell(ws, "Ambtelijk personeel", 2015)] = "n.b."

    edit(data_copy / "financien.xlsx", change)
    [problem] = problems_of(data_copy)
    assert problem.startswith(
        "financien.xlsx › Apparaatsuitgaven › F8: n.b. is op dit werkblad niet toegestaan"
    )


def test_na_in_the_reference_year_cannot_shrink_the_savings_base(data_copy):
    def change(book):
        ws = book["Programma-uitgaven"]
        ws[find_cell(ws, "DV&O", 2022)] = "n.b."
        ws[f"{column_of(ws, 'Toelichting')}11"] = "nog niet begroot"
        ws[find_cell(ws, "Totaal programma-uitgaven", 2022)] = None  # printed totals are optional

    edit(data_copy / "financien.xlsx", change)
    found = problems_of(data_copy)
    assert (
        "financien.xlsx › Programma-uitgaven › M11: DV&O heeft in 2022 geen bedrag; de basis van "
        "de -20%-variant kan dan niet worden berekend" in found
    )


# -- budget years --------------------------------------------------------------------------------
def test_a_budget_year_left_as_realisation_after_the_peildatum_is_refused(data_copy):
    def change(book):
        ws = book["Apparaatsuitgaven"]
        ws[f"{column_of(ws, 2020)}7"] = "realisatie"

    edit(data_copy / "financien.xlsx", change)
    [problem] = problems_of(data_copy)
    assert problem.startswith(
        "financien.xlsx › Apparaatsuitgaven › K7: 2020 staat op 'realisatie', maar dat jaar was "
        "op de peildatum (01-02-2019) nog niet voorbij"
    )


# -- a measure saves no more than its base ---------------------------------------------------------
def test_a_measure_saving_more_than_the_apparatus_is_refused(data_copy):
    cell = set_measure(data_copy, 5, "Aantal fte", 600)  # 600 × 160,78 = 96.468 > 49.473
    [problem] = problems_of(data_copy)
    assert problem.startswith(
        f"financien.xlsx › {MEASURES} › {cell}: maatregel 5 bespaart 96.468 (x € 1.000), meer dan "
        "de apparaatsuitgaven van 49.473 in 2022"
    )


def test_an_amount_beyond_the_scenario_base_is_refused(data_copy):
    cell = set_measure(data_copy, 4, "Bedrag", 90_000)  # the base is 31.360 + 49.473 = 80.833
    [problem] = problems_of(data_copy)
    assert problem.startswith(
        f"financien.xlsx › {MEASURES} › {cell}: maatregel 4 rekent met een bedrag van 90.000 "
        "(x € 1.000), meer dan de basis van de variant (80.833 in 2022)"
    )


def test_an_override_that_saves_more_than_the_base_is_refused_naming_it():
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "scenario", "--set", "5.fte=600"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stdout
    assert "'5.fte=600': maatregel 5 bespaart 96.468" in result.stderr
    assert "dekking" not in result.stdout.lower()


def test_an_override_within_the_base_still_works():
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "scenario", "--set", "5.fte=60"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "5.fte=60: maatregel 5, aantal fte 65 → 60" in result.stdout
