"""More cases for the robustness corpus: Excel habits and text the report cannot print.

Issue 9 (point 5) and issue 13 found these after the first corpus: percentages typed as
fractions, blank cells with an unrelated note, budget years left "realisatie", numbers beyond
what the report can show, duplicated labels, emoji and invisible characters, a unit on another
row, year headers as formulas without stored results, and tables covering part of the period.
They register in `tests.corpus.CASES` on import; `tests/test_robustness_inputs.py` holds what the
reader must do with each.
"""

from __future__ import annotations

from pathlib import Path

from tests.corpus import (
    FINANCE,
    STATISTICS,
    case,
    cell_of,
    column_of,
    edit,
    patch_sheet,
    set_cell_xml,
)


def _set(data: Path, workbook: str, sheet: str, label: str, year: int, value: object) -> None:
    def change(book):
        ws = book[sheet]
        ws[cell_of(ws, label, year)] = value

    edit(data / workbook, change)


# == percentages ==============================================================================
@case("a fraction (0,3) typed where a percentage belongs, without a percentage format")
def percent_fraction(data: Path) -> None:
    edit(data / FINANCE, lambda book: book["Besparingsmaatregelen"].__setitem__("D7", 0.3))


@case("a phase-in typed as a fraction (0,25)")
def phase_fraction(data: Path) -> None:
    def change(book):
        ws = book["Besparingsmaatregelen"]
        ws[f"{column_of(ws, 2020)}7"] = 0.25

    edit(data / FINANCE, change)


@case("an outflow percentage in a percentage cell (0,63 shown as 63%)")
def percent_cell_outflow(data: Path) -> None:
    def change(book):
        ws = book["Uitstroom DT&V in procenten"]
        cell = ws[cell_of(ws, "Percentage MOB", 2014)]
        cell.value, cell.number_format = cell.value / 100, "0%"

    edit(data / STATISTICS, change)


@case("an outflow percentage above 100")
def percent_above_100(data: Path) -> None:
    _set(data, STATISTICS, "Uitstroom DT&V in procenten", "Percentage MOB", 2014, 130)


# == blank and not available ==================================================================
@case("a blank amount in a row whose Toelichting is about something else")
def blank_amount_unrelated_note(data: Path) -> None:
    def change(book):
        ws = book["Programma-uitgaven"]
        ws[cell_of(ws, "DV&O", 2017)] = None
        ws[f"{column_of(ws, 'Toelichting')}11"] = "inclusief vervoer naar Schiphol"

    edit(data / FINANCE, change)


@case("n.b. on a sheet that needs every figure")
def na_where_not_allowed(data: Path) -> None:
    _set(data, STATISTICS, "Vertrek naar type", "Gedwongen vertrek", 2014, "n.b.")


@case("a budget year left 'realisatie' after the peildatum")
def realisation_after_peildatum(data: Path) -> None:
    def change(book):
        ws = book["Programma-uitgaven"]
        ws[f"{column_of(ws, 2021)}7"] = "realisatie"

    edit(data / FINANCE, change)


# == years ====================================================================================
@case("an optional table whose first year column is left wholly empty")
def year_empty_at_start(data: Path) -> None:
    def change(book):
        ws = book["Vertrek via IOM"]
        letter, total = column_of(ws, 2011), column_of(ws, "Totaal")
        for row in range(7, ws.max_row + 1):
            ws[f"{letter}{row}"] = None
            ws[f"{total}{row}"] = None  # the printed Totaal column covered 2011 too

    edit(data / STATISTICS, change)


@case("an optional table with an empty year between filled ones")
def year_empty_in_between(data: Path) -> None:
    def change(book):
        ws = book["Vertrek via IOM"]
        letter = column_of(ws, 2013)
        for row in range(7, ws.max_row + 1):
            ws[f"{letter}{row}"] = None

    edit(data / STATISTICS, change)


@case("a required table with a year of the period left wholly empty")
def year_empty_required(data: Path) -> None:
    def change(book):
        ws = book["Apparaatsuitgaven"]
        letter = column_of(ws, 2013)
        for row in range(8, ws.max_row + 1):
            ws[f"{letter}{row}"] = None

    edit(data / FINANCE, change)


@case("year headers as formulas without stored results")
def year_headers_formulas(data: Path) -> None:
    def change(xml: str) -> str:
        for col in "BCDEFGHIJKLM":
            year = 2011 + "BCDEFGHIJKLM".index(col)
            xml = set_cell_xml(xml, f"{col}6", f'<c r="{col}6"><f>2010+{year - 2010}</f></c>')
        return xml

    patch_sheet(data / FINANCE, "Apparaatsuitgaven", change)


# == numbers beyond the report ================================================================
@case("an amount of 1E+308 (finite, but no report can print it)")
def amount_1e308(data: Path) -> None:
    patch_sheet(
        data / FINANCE,
        "Apparaatsuitgaven",
        lambda xml: set_cell_xml(xml, "B8", '<c r="B8"><v>1E+308</v></c>'),
    )


@case("a number of 5000 digits in the sheet XML")
def amount_5000_digits(data: Path) -> None:
    digits = "9" * 5000
    patch_sheet(
        data / FINANCE,
        "Apparaatsuitgaven",
        lambda xml: set_cell_xml(xml, "B8", f'<c r="B8"><v>{digits}</v></c>'),
    )


@case("a number of 5000 digits typed as text")
def amount_5000_digits_text(data: Path) -> None:
    edit(data / FINANCE, lambda book: book["Apparaatsuitgaven"].__setitem__("B8", "9" * 5000))


# == labels and text ==========================================================================
@case("a nationality listed twice")
def label_duplicated(data: Path) -> None:
    def change(book):
        ws = book["Vertrek per nationaliteit"]
        last = ws.max_row + 1
        for col in range(1, ws.max_column + 1):
            ws.cell(last, col, ws.cell(7, col).value)

    edit(data / STATISTICS, change)


@case("an emoji in the label of an extra line")
def label_emoji(data: Path) -> None:
    def change(book):
        ws = book["Programma-uitgaven"]
        ws.insert_rows(12)
        ws.cell(12, 1, "Reiskosten 😀")
        for col in range(2, 14):
            ws.cell(12, col, 0)

    edit(data / FINANCE, change)


@case("a right-to-left override character in a Toelichting")
def text_bidi_override(data: Path) -> None:
    def change(book):
        ws = book["Apparaatsuitgaven"]
        ws[f"{column_of(ws, 'Toelichting')}8"] = "zie \u202etoelichting"

    edit(data / FINANCE, change)


@case("a zero-width space pasted after a row label")
def label_zero_width_space(data: Path) -> None:
    def change(book):
        book["Apparaatsuitgaven"]["A8"] = "Ambtelijk personeel\u200b"

    edit(data / FINANCE, change)


@case("the Eenheid field on row 3 (below Bron) with a wrong unit")
def unit_on_row_3(data: Path) -> None:
    def change(book):
        ws = book["Apparaatsuitgaven"]
        ws["A2"], ws["B2"], ws["A3"], ws["B3"] = "Bron", ws["B3"].value, "Eenheid", "x € 1 mln"

    edit(data / FINANCE, change)


@case("two savings measures with the same number")
def measure_number_twice(data: Path) -> None:
    edit(data / FINANCE, lambda book: book["Besparingsmaatregelen"].__setitem__("A8", 1))
