"""Model tables do not depend on how the sheet is laid out: totals are computed, not read."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from report.inputs.read import read_inputs
from report.model import build_model
from report.model.shares import whole_shares


def test_total_row_is_computed_when_the_sheet_has_none_and_extra_lines_count(data_copy):
    """Finance deletes the printed total and adds a line of its own: 100 in every year."""
    path = data_copy / "financien.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Programma-uitgaven"]
    total = next(
        r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Totaal programma-uitgaven"
    )
    header = next(r for r in range(1, 30) if ws.cell(r, 1).value == "Omschrijving")
    years = [c for c in range(2, ws.max_column + 1) if isinstance(ws.cell(header, c).value, int)]
    ws.cell(total, 1).value = "Terugkeerpilot"
    for col in years:
        ws.cell(total, col).value = 100
    book.save(path)

    model = build_model(read_inputs(data_copy))
    table = model.tables["uitgaven-programma"]
    assert [r.label for r in table.rows] == [
        "Opdracht vreemdelingenvertrek",
        "REAN-regeling",
        "Overige subsidies",
        "DV&O",
        "Terugkeerpilot",
        "Totaal programma-uitgaven",
    ]
    assert table.value("Totaal programma-uitgaven", 2011) == 22_157 + 100  # Tabel 8, 2011
    assert table.value("Totaal programma-uitgaven", 2017) == 36_722 + 100
    # the extra line is part of the -20% base: 31.360 + 100 + 49.473
    assert model.scenario.base == 80_933


def test_sheet_row_order_does_not_change_the_table(data_copy):
    path = data_copy / "vertrekcijfers.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Vertrek naar type"]
    labels = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    first, last = labels["Zelfstandig vertrek"], labels["Zelfstandig vertrek zonder toezicht"]
    for col in range(1, ws.max_column + 1):
        a, b = ws.cell(first, col), ws.cell(last, col)
        a.value, b.value = b.value, a.value
    book.save(path)
    table = build_model(read_inputs(data_copy)).tables["vertrek-type"]
    assert table.rows[0].label == "Zelfstandig vertrek"
    assert table.value("Zelfstandig vertrek", 2011) == 4_180


def test_whole_shares_always_add_up_to_100():
    assert whole_shares({"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    assert whole_shares({"a": 2830, "b": 5990, "c": 12020}) == {"a": 13, "b": 29, "c": 58}
    assert whole_shares({"a": 0, "b": 0}) == {"a": 0, "b": 0}


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=8))
def test_whole_shares_property(counts):
    parts = {str(i): c for i, c in enumerate(counts)}
    shares = whole_shares(parts)
    if sum(counts) == 0:
        assert set(shares.values()) == {0}
        return
    assert sum(shares.values()) == 100
    for key, count in parts.items():
        exact = Decimal(count) * 100 / sum(counts)
        assert abs(shares[key] - exact) < 1
