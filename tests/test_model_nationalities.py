"""The top-10 tables are ranked from the data, not copied from a fixed list."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from report.inputs.read import read_inputs
from report.model import build_model
from report.problems import InputError
from tests.conftest import DATA, REFERENCE

SHEET = "Vertrek per nationaliteit"


def printed_order(name: str) -> list[str]:
    with (REFERENCE / name).open(encoding="utf-8") as handle:
        return [r["row"] for r in csv.DictReader(handle) if r["row"] != "Totaal"]


def top(model, key: str) -> list[str]:
    return [r.label for r in model.tables[key].rows if r.kind == "component"]


def sheet_rows(path):
    """The nationality rows as lists of cell values, and the header."""
    book = openpyxl.load_workbook(path)
    ws = book[SHEET]
    head = next(r for r in range(1, 30) if ws.cell(r, 1).value == "Omschrijving")
    header = [c.value for c in ws[head]]
    rows = [
        [c.value for c in ws[r]] for r in range(head + 1, ws.max_row + 1) if ws.cell(r, 1).value
    ]
    return book, ws, head, header, rows


def rewrite(path, change) -> None:
    book, ws, head, header, rows = sheet_rows(path)
    rows = change(header, rows)
    ws.delete_rows(head + 1, ws.max_row)
    for r, values in enumerate(rows, start=head + 1):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c, value)
    book.save(path)


def test_sample_ranking_equals_the_published_order():
    model = build_model(read_inputs(DATA))
    assert top(model, "top-overig") == printed_order("tabel04_top10_nietveilig_wide.csv")
    assert top(model, "top-veilig") == printed_order("tabel05_top10_veilig_wide.csv")


def test_sheet_order_does_not_matter(data_copy):
    rewrite(data_copy / "vertrekcijfers.xlsx", lambda header, rows: rows[::-1])
    model = build_model(read_inputs(data_copy))
    assert top(model, "top-overig") == printed_order("tabel04_top10_nietveilig_wide.csv")


def test_ranking_follows_the_numbers(data_copy):
    """Nigeriaanse (3.110 over 2011–2017) + 7.000 in 2017 = 10.110 > Iraakse 9.220: first.

    A new nationality with 3.310 (between Surinaamse 3.330 and Russische 3.300) ranks tenth
    and pushes Russische out.
    """

    def change(header, rows):
        year, total = header.index(2017), header.index("Totaal")
        for row in rows:
            if row[0] == "Nigeriaanse":
                row[year] += 7000
                row[total] = None
        new = [None] * len(header)
        new[0], new[1], new[2] = "Testlandse", "nee", 12
        for y in range(2011, 2018):
            new[header.index(y)] = 3310 if y == 2017 else 0
        return [*rows, new]

    rewrite(data_copy / "vertrekcijfers.xlsx", change)
    model = build_model(read_inputs(data_copy))
    order = top(model, "top-overig")
    published = printed_order("tabel04_top10_nietveilig_wide.csv")
    assert order[0] == "Nigeriaanse"
    assert order[1:9] == published[:8]
    assert order[9] == "Testlandse"
    assert "Russische" not in order
    table = model.tables["top-overig"]
    assert table.value("Nigeriaanse", "Totaal") == 10_110
    assert table.value("Totaal top 10 overige landen", 2017) == sum(
        r.values[6] for r in table.rows[:10]
    )


def test_flag_that_is_not_yes_or_no(data_copy):
    def change(header, rows):
        rows[0][header.index("Veilig land")] = "misschien"
        return rows

    rewrite(data_copy / "vertrekcijfers.xlsx", change)
    with pytest.raises(InputError) as caught:
        read_inputs(data_copy)  # the reader validates the flag, at its cell
    [problem] = [str(p) for p in caught.value.problems]
    assert problem.startswith(
        'vertrekcijfers.xlsx › Vertrek per nationaliteit › B7: Iraakse: Veilig land: "misschien" '
        "is geen ja of nee"
    )
