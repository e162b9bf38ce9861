"""Two inputs describing one quantity: rounding differences become notes, larger ones problems."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from report.inputs.read import read_inputs
from report.model import build_model
from report.problems import InputError
from tests.conftest import DATA


@pytest.fixture(scope="module")
def model():
    return build_model(read_inputs(DATA))


def notes_at(model, place: str) -> list[str]:
    return [n.message for n in model.notes if str(n).startswith(place)]


def test_type_and_safe_country_tables_differ_by_rounding(model):
    """Tabel 2 gedwongen vertrek 2017 is 5.990; Tabel 3 has 2.760 + 3.240 = 6.000."""
    [note] = notes_at(model, "vertrekcijfers.xlsx › Vertrek naar type › H8:")
    assert note == (
        "Gedwongen vertrek 2017: 5.990 hier, 6.000 in vertrekcijfers.xlsx › Vertrek veilige "
        "landen › I8+I12 (verschil −10); afrondingsverschil binnen de marge van 15"
    )
    # 2017 totals: 20.840 (Tabel 2) against 20.860 from the six lines of Tabel 3
    [total] = notes_at(model, "vertrekcijfers.xlsx › Vertrek naar type › H7:H9:")
    assert "20.840 hier, 20.860" in total and "marge van 45" in total
    assert model.tables["vertrek-veilig"].notes[0] == (
        "Door afronding wijkt deze tabel op 9 plaatsen (in 2013, 2015, 2016 en 2017) ten hoogste "
        "20 af van de tabel met het vertrek naar type vertrek; zie de Verantwoording van de cijfers."
    )


def test_assignment_breakdown_against_programme_line(model):
    """Tabel 12's lines add up to 8.017; the programme line 2016 is 8.018 (VERIFY §2)."""
    [note] = notes_at(model, "financien.xlsx › Opdracht vreemdelingenvertrek › B7:B14:")
    assert "2016: 8.017 hier, 8.018 in financien.xlsx › Programma-uitgaven" in note


def test_published_percentages_against_counts(model):
    """Tabel 15 prints 53% for 2016; Tabel 6 gives 9.070 / (9.070 + 8.320) = 52,2%.

    Rounding 52,2 gives 52, not 53: the note must not blame rounding (issue 12).
    """
    [note] = notes_at(model, "vertrekcijfers.xlsx › Uitstroom DT&V in procenten › G9:")
    assert note.startswith("Percentage aantoonbaar vertrek 2016: 53 hier, 52,2 uit de aantallen")
    assert "afronding verklaart dat niet (afgerond 52)" in note
    # 2017: 6.180 / (6.180 + 9.160) = 40,3% -> 40, as printed: nothing to note
    assert not notes_at(model, "vertrekcijfers.xlsx › Uitstroom DT&V in procenten › H9:")
    under = " ".join(model.tables["uitstroom-procenten"].notes)
    assert "afronding" not in under.replace("Verantwoording", "").lower()
    assert "Percentage MOB 2016 47,8% (hier 47%)" in under
    found = [c for c in model.corrections if c.tables == ("uitstroom-procenten",)]
    assert [(c.row, c.column, c.shown, c.other) for c in found] == [
        ("Percentage MOB", "2016", 47, Decimal("47.8")),
        ("Percentage aantoonbaar vertrek", "2016", 53, Decimal("52.2")),
    ]
    assert "afgerond geven die 48%" in found[0].reason


def test_iom_total_equals_rean_row(model):
    assert not [n for n in model.notes if "Totaal vertrek via IOM" in n.message]
    assert not [n for n in model.tables["vertrek-iom"].notes if "afronding wijken" in n]


def edit(path, sheet: str, changes: dict[tuple[str, object], int]) -> None:
    """Add amounts to cells found by (row label in column A or B, header value)."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    for (label, header), amount in changes.items():
        head = next(r for r in range(1, 30) if header in [c.value for c in ws[r]])
        col = next(c.column for c in ws[head] if c.value == header)
        rows = [
            r
            for r in range(head + 1, ws.max_row + 1)
            if label in (ws.cell(r, 1).value, ws.cell(r, 2).value)
        ]
        ws.cell(rows[0], col).value += amount
    book.save(path)


def problems(data) -> list[str]:
    with pytest.raises(InputError) as caught:
        build_model(read_inputs(data))
    return [str(p) for p in caught.value.problems]


def test_difference_beyond_rounding_is_a_problem_naming_both_sides(data_copy):
    edit(
        data_copy / "vertrekcijfers.xlsx",
        "Vertrek naar type",
        {
            ("Zelfstandig vertrek", 2015): 100,
            ("Zelfstandig vertrek", "Totaal"): 100,
            ("Totaal", 2015): 100,
            ("Totaal", "Totaal"): 100,
        },
    )
    found = problems(data_copy)
    assert (
        "vertrekcijfers.xlsx › Vertrek naar type › F7: Zelfstandig vertrek 2015: 4.750 hier, 4.660 "
        "in vertrekcijfers.xlsx › Vertrek veilige landen › G7+G11 (verschil +90); dat is meer dan "
        "de afrondingsmarge van 15: controleer beide werkbladen"
    ) in found
    assert any("› F7:F9: Totaal vertrek 2015" in p for p in found)


def test_iom_and_rean_beyond_rounding(data_copy):
    edit(
        data_copy / "vertrekcijfers.xlsx",
        "Terugkeerondersteuning",
        {("Vertrokken met REAN", 2017): 200, ("Vertrokken met REAN", "Totaal"): 200},
    )
    [problem] = problems(data_copy)
    assert problem.startswith(
        "vertrekcijfers.xlsx › Vertrek via IOM › H7:H11: Totaal vertrek via IOM 2017"
    )
    assert "1.540 hier, 1.740 in vertrekcijfers.xlsx › Terugkeerondersteuning › H7" in problem


def test_assignment_beyond_rounding(data_copy):
    edit(
        data_copy / "financien.xlsx",
        "Programma-uitgaven",
        {("Opdracht vreemdelingenvertrek", 2016): 50, ("Totaal programma-uitgaven", 2016): 50},
    )
    [problem] = problems(data_copy)
    assert "8.017 hier, 8.068 in financien.xlsx › Programma-uitgaven › G8 (verschil −51)" in problem


def test_percentage_beyond_one_point(data_copy):
    """MOB 2017: 9.160 / 15.340 = 59,7%; a printed 62 is more than one point off."""
    edit(
        data_copy / "vertrekcijfers.xlsx",
        "Uitstroom DT&V in procenten",
        {("Percentage MOB", 2017): 2},
    )
    [problem] = problems(data_copy)
    assert problem.startswith(
        "vertrekcijfers.xlsx › Uitstroom DT&V in procenten › H7: Percentage MOB 2017: 62 hier, 59,7"
    )
