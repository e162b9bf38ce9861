"""Issue 12: every printed total reconciled with what the report shows, every correction named.

Figures asserted here come from the reference edition (tests/reference, VERIFY) or from the
rule under test: a printed total is compared with the sum of its printed parts, and the
report shows that sum.
"""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from report.inputs.read import read_inputs
from report.model import build_model
from report.model.printed import cell_order
from report.model.tables import TOTAL_COLUMN
from report.problems import InputError
from tests.conftest import DATA


@pytest.fixture(scope="module")
def model():
    return build_model(read_inputs(DATA))


def of(model, key: str, against: str = ""):
    return [d for d in model.differences if d.table == key and d.against == against]


def test_tabel_4_states_every_printed_total_that_differs(model):
    """Tabel 3 of the reference prints 10 totals that are not the sum of its rows, up to
    136.570 for 136.620 (VERIFY §1 #1–8 plus the Totaal column against every component)."""
    found = of(model, "vertrek-veilig")
    assert len(found) == 10
    largest = max(found, key=lambda d: abs(d.difference))
    assert (largest.cell, largest.printed, largest.compared) == ("J15", 136_570, 136_620)
    assert model.tables["vertrek-veilig"].value("Totaal vertrek", TOTAL_COLUMN) == 136_620
    note = next(n for n in model.tables["vertrek-veilig"].notes if n.startswith("Totalen"))
    assert "in 10 cellen" in note and "ten hoogste 50 (J15: 136.570 in de bron)" in note


def test_tabel_7_counts_twelve_cells_up_to_thirty(model):
    """Tabel 6 of the reference: 12 printed totals off, the grand total 117.090 for 117.120."""
    found = of(model, "uitstroom-dtv")
    assert len(found) == 12
    assert max(abs(d.difference) for d in found) == 30
    note = next(n for n in model.tables["uitstroom-dtv"].notes if n.startswith("Totalen"))
    assert "in 12 cellen" in note and "ten hoogste 30 (J14: 117.090 in de bron)" in note


def test_every_difference_compares_the_cell_the_report_shows(model):
    """The 'compared' figure of a printed total is the report's own cell, never recomputed apart."""
    for d in model.differences:
        if d.against:
            continue
        assert model.tables[d.table].value(d.label, d.column) == d.compared, d


def test_top_ten_tables_note_their_printed_totals_and_the_published_sums(model):
    """Tabel 4 and 5 of the reference differ from the printed source in 23 cells: 9 row totals
    in the workbook and 14 cells of the published total rows (Andere bronnen)."""
    rows = of(model, "top-overig") + of(model, "top-veilig")
    published = [c for c in model.corrections if c.tables[0] in ("top-overig", "top-veilig")]
    assert (len(rows), len(published)) == (9, 14)
    assert any(c.other == 54_777 and c.shown == 56_635 for c in published)
    for key in ("top-overig", "top-veilig"):
        notes = " ".join(model.tables[key].notes)
        assert "Totalen zijn de som van de regels" in notes and "andere bron" in notes.lower()


@pytest.mark.parametrize(
    "tables,row,column,shown,other",
    [
        # Tabel 8 printed 36.711; its rows add up to 36.722 (VERIFY §1 #47)
        (
            ("uitgaven-programma", "uitgaven-dtv"),
            "Totaal programma-uitgaven",
            "2017",
            36_722,
            36_711,
        ),
        # the DT&V's own statement in Tabel 19: 59.050 against the annual report's 57.172
        (("uitgaven-apparaat", "uitgaven-dtv"), "Totaal apparaatsuitgaven", "2017", 57_172, 59_050),
        # Tabel 20 printed 6.000 for 2021; the measures add up to 8.708 by their rules
        (("besparing",), "Totaal besparing", "2021", 8_708, 6_000),
        # Tabel 16's percentages 66/62/69 against departures / detained (VERIFY §2)
        (
            ("terugkeermaatregelen",),
            "Aantoonbaar vertrek als deel van het aantal in bewaring geplaatst",
            "2014",
            56,
            66,
        ),
        (
            ("terugkeermaatregelen",),
            "Aantoonbaar vertrek als deel van het aantal in bewaring geplaatst",
            "2015",
            52,
            62,
        ),
        (
            ("terugkeermaatregelen",),
            "Aantoonbaar vertrek als deel van het aantal in bewaring geplaatst",
            "2016",
            57,
            69,
        ),
    ],
)
def test_corrections_and_choices_have_both_figures_and_a_reason(
    model, tables, row, column, shown, other
):
    [found] = [c for c in model.corrections if (c.row, c.column) == (row, column)]
    assert (found.tables, found.shown, found.other) == (tables, shown, other)
    assert found.reason and found.source  # input text from the sheet Andere bronnen
    book = openpyxl.load_workbook(DATA / "vertrekcijfers.xlsx")
    book_fin = openpyxl.load_workbook(DATA / "financien.xlsx")
    texts = {
        c.value
        for b in (book, book_fin)
        for r in b["Andere bronnen"].iter_rows()
        for c in r
        if isinstance(c.value, str)
    }
    assert found.reason in texts  # the reason is the workbook's, not the code's
    for key in tables:
        assert any("andere bron" in n.lower() for n in model.tables[key].notes), key


def test_a_published_percentage_that_rounding_does_not_explain_is_no_rounding_note(model):
    """Tabel 15 of the reference: 47/53 where the counts give 47,8/52,2 (rounded 48/52)."""
    notes = " ".join(model.tables["uitstroom-procenten"].notes)
    assert "Door afronding" not in notes
    found = [c for c in model.corrections if c.tables == ("uitstroom-procenten",)]
    assert {(c.shown, c.other) for c in found} == {(47, Decimal("47.8")), (53, Decimal("52.2"))}
    assert all("Afronding verklaart het verschil" in c.reason for c in found)


def test_natural_cell_order():
    cells = ["K10", "K12", "B10", "K7", "B7", "AA7", "J8"]
    assert sorted(cells, key=cell_order) == ["B7", "K7", "AA7", "J8", "B10", "K10", "K12"]


def _other_sources(data, rows: list[tuple]) -> None:
    book = openpyxl.load_workbook(data / "financien.xlsx")
    ws = book["Andere bronnen"]
    header = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Nr")
    for r in range(header + 1, ws.max_row + 1):
        for c in range(1, 8):
            ws.cell(r, c).value = None
    for i, values in enumerate(rows, start=header + 1):
        for c, value in enumerate(values, start=1):
            ws.cell(i, c).value = value
    book.save(data / "financien.xlsx")


def test_a_record_that_matches_no_figure_is_refused_at_its_cell(data_copy):
    _other_sources(
        data_copy,
        [
            (1, "Programma-uitgaven", "Totaal programma", 2017, 36_711, "x", "y"),
            (2, "Begroting", "Totaal programma-uitgaven", 2017, 36_711, "x", "y"),
        ],
    )
    with pytest.raises(InputError) as caught:
        build_model(read_inputs(data_copy))
    messages = [str(p) for p in caught.value.problems]
    assert any(
        m.startswith(
            "financien.xlsx › Andere bronnen › C7: regel 'Totaal programma' met kolom "
            "'2017' staat in geen tabel van het rapport"
        )
        for m in messages
    ), messages
    assert any(
        m.startswith("financien.xlsx › Andere bronnen › B8: werkblad 'Begroting'") for m in messages
    )


def test_a_record_equal_to_the_report_is_only_a_remark(data_copy):
    _other_sources(
        data_copy, [(1, "Programma-uitgaven", "Totaal programma-uitgaven", 2017, 36_722, "x", "y")]
    )
    model = build_model(read_inputs(data_copy))
    assert not [c for c in model.corrections if c.row == "Totaal programma-uitgaven"]
    assert any("gelijk aan het cijfer in het rapport" in n.message for n in model.notes)


def test_a_percentage_formatted_value_is_refused(data_copy):
    book = openpyxl.load_workbook(data_copy / "vertrekcijfers.xlsx")
    ws = book["Andere bronnen"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == 66)
    cell.value, cell.number_format = 0.66, "0%"
    book.save(data_copy / "vertrekcijfers.xlsx")
    with pytest.raises(InputError) as caught:
        read_inputs(data_copy)
    [problem] = caught.value.problems
    assert problem.sheet == "Andere bronnen" and "procentopmaak" in problem.message
