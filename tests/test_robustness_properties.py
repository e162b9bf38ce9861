"""Properties of the reader over generated, valid finance workbooks.

Workbooks are written with the template writer (the contract's layout) for a random
evaluation period, a random span of years, random extra lines and random amounts, some of
them typed as Dutch number text; the statistics workbook is the sample one. The reader must
give back exactly what was written, accept a printed total equal to the sum, and refuse a
printed total off by more than the rounding tolerance, naming that cell.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter

from report.inputs import contract
from report.inputs.cells import parse_number, parse_whole
from report.inputs.contract import BY_KEY, Role, Unit, normalise
from report.inputs.edition import load_edition
from report.inputs.glyphs import unprintable
from report.inputs.read import read_inputs
from report.inputs.template import HEADER_ROW, SheetValues, write_workbook
from report.model.printed import printed_differences
from report.model.tables import Heading, from_year_table
from report.numbers import number
from report.problems import InputError
from tests.conftest import DATA

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
EDITION_TEXT = (DATA / "editie.yml").read_text(encoding="utf-8")
FIRST_ROW = HEADER_ROW + 2  # below the header and the Status row


@dataclass
class Generated:
    """One generated year sheet: what was written, as the reader should return it."""

    key: str
    years: tuple[int, ...]
    budget: frozenset[int]
    lines: dict[str, dict[int, int]]  # label -> year -> amount
    typed: dict[str, dict[int, object]]  # the same amounts as written (int or Dutch text)
    total: bool  # whether the printed total row is present

    @property
    def spec(self) -> contract.YearSheet:
        return BY_KEY[self.key]

    @property
    def total_label(self) -> str:
        return next(r.label for r in self.spec.rows if r.role is Role.TOTAL)

    def sums(self) -> dict[int, int]:
        return {y: sum(line[y] for line in self.lines.values()) for y in self.years}

    def values(self, totals: dict[int, int] | None = None) -> SheetValues:
        rows = [("", label, typed, None, "", {}) for label, typed in self.typed.items()]
        if self.total:
            rows.append(("", self.total_label, totals or self.sums(), None, "", {}))
        return SheetValues(bron="Test", years=self.years, budget_years=self.budget, rows=rows)

    def total_cell(self, year: int) -> str:
        return f"{get_column_letter(2 + self.years.index(year))}{FIRST_ROW + len(self.lines)}"


def _label_ok(label: str, fixed: list[str]) -> bool:
    key = normalise(label)
    return (
        bool(key)
        and not key.startswith(("totaal", "bron:", "bronnen:", "="))
        and key != "bron"
        and label not in ERROR_CODES
        and key not in {normalise(f) for f in fixed}
    )


def labels(fixed: list[str]) -> st.SearchStrategy[str]:
    text = st.text(
        alphabet=st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=25
    )
    # labels the report's font can print (others are refused at their cell, tested elsewhere)
    return (
        text.map(lambda s: " ".join(s.split()))
        .filter(lambda s: _label_ok(s, fixed))
        .filter(lambda s: not unprintable(s))
    )


@st.composite
def typed_amount(draw) -> tuple[int, object]:
    """An amount and how it is typed: a number, Dutch text, or Dutch text with a euro sign."""
    value = draw(st.integers(0, 10**9))
    form = draw(st.sampled_from(("number", "text", "euro")))
    if form == "number":
        return value, value
    text = number(value)
    return value, text if form == "text" else f"€ {text}"


@st.composite
def year_sheet(draw, key: str, years: tuple[int, ...]) -> Generated:
    fixed = [r.label for r in BY_KEY[key].rows if r.role is Role.COMPONENT]
    extra = draw(st.lists(labels(fixed), max_size=3, unique_by=normalise))
    lines: dict[str, dict[int, int]] = {}
    typed: dict[str, dict[int, object]] = {}
    for label in fixed + extra:
        pairs = {year: draw(typed_amount()) for year in years}
        lines[label] = {year: value for year, (value, _) in pairs.items()}
        typed[label] = {year: shown for year, (_, shown) in pairs.items()}
    # a year not over on the sample's peildatum (2019-02-01) can only be budget
    cut = draw(st.integers(years[0], min(years[-1] + 1, 2019)))
    budget = frozenset(y for y in years if y >= cut)
    return Generated(key, years, budget, lines, typed, draw(st.booleans()))


@st.composite
def finance(draw) -> tuple[int, int, Generated, Generated]:
    """A period within the sample statistics (2011-2017) and finance sheets around it."""
    start = draw(st.integers(2011, 2014))
    end = draw(st.integers(start + 2, 2017))
    years = tuple(range(draw(st.integers(2005, start)), draw(st.integers(2022, 2026)) + 1))
    return start, end, draw(year_sheet("programma", years)), draw(year_sheet("apparaat", years))


def write_data(target: Path, start: int, end: int, sheets: dict[str, SheetValues]) -> None:
    target.mkdir()
    edition = re.sub(r"(?m)^(\s+van:).*$", rf"\g<1> {start}", EDITION_TEXT)
    edition = re.sub(r"(?m)^(\s+tot:).*$", rf"\g<1> {end}", edition)
    (target / "editie.yml").write_text(edition, encoding="utf-8")
    shutil.copy(DATA / "vertrekcijfers.xlsx", target / "vertrekcijfers.xlsx")
    loaded = load_edition(target / "editie.yml")
    measure = {"Nr": 1, "Maatregel": "Maatregel", "Rekenregel": contract.RULE_FIXED}
    measure |= {"Bedrag": 100} | dict.fromkeys(loaded.savings.years, 100)
    sheets = sheets | {"maatregelen": SheetValues(bron="Test", records=[measure])}
    write_workbook(contract.FINANCE, loaded, target / "financien.xlsx", sheets)


@SETTINGS
@given(finance())
def test_every_value_read_equals_the_value_written(generated):
    start, end, *sheets = generated
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        write_data(data, start, end, {s.key: s.values() for s in sheets})
        inputs = read_inputs(data)
    assert (inputs.edition.first_year, inputs.edition.last_year) == (start, end)
    for sheet in sheets:
        table = inputs.get(sheet.key)
        assert table.years == sheet.years
        assert table.budget_years == sheet.budget
        read = {r.label: r.values for r in table.rows if r.role is Role.COMPONENT}
        assert read == sheet.lines
        total = table.find(sheet.total_label)
        assert (total.values if total else None) == (sheet.sums() if sheet.total else None)
    typed_text = sum(
        isinstance(v, str) for s in sheets for line in s.typed.values() for v in line.values()
    )
    assert sum(n.message.startswith("tekst ") for n in inputs.notes) == typed_text


@st.composite
def wrong_total(draw, beyond: bool):
    start, end, programma, apparaat = draw(finance())
    sheet = draw(st.sampled_from((programma, apparaat)))
    sheet.total = True
    year = draw(st.sampled_from(sheet.years))
    tolerance = sheet.spec.rounding * max(len(sheet.lines), 2) / 2
    if beyond:
        size = draw(st.integers(int(tolerance) + 1, 10**6))
    else:
        size = draw(st.integers(1, int(tolerance)))
    sign = draw(st.sampled_from((1, -1))) if sheet.sums()[year] >= size else 1
    return start, end, programma, apparaat, sheet, year, sign * size


@SETTINGS
@given(wrong_total(beyond=True))
def test_a_total_off_beyond_the_tolerance_is_refused_at_its_cell(case):
    start, end, programma, apparaat, sheet, year, offset = case
    totals = sheet.sums() | {year: sheet.sums()[year] + offset}
    values = {s.key: s.values(totals if s is sheet else None) for s in (programma, apparaat)}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        write_data(data, start, end, values)
        with pytest.raises(InputError) as caught:
            read_inputs(data)
    [problem] = caught.value.problems
    assert (problem.file, problem.sheet, problem.cell) == (
        "financien.xlsx",
        sheet.spec.sheet,
        sheet.total_cell(year),
    )
    assert problem.message.startswith(f"totaal '{sheet.total_label}' is {number(totals[year])}")
    assert "meer dan de afrondingsmarge" in problem.message


@SETTINGS
@given(wrong_total(beyond=False))
def test_a_total_off_within_the_tolerance_is_read_and_noted_by_the_model(case):
    """The reader keeps a printed total within rounding; the model notes it at its cell."""
    start, end, programma, apparaat, sheet, year, offset = case
    totals = sheet.sums() | {year: sheet.sums()[year] + offset}
    values = {s.key: s.values(totals if s is sheet else None) for s in (programma, apparaat)}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        write_data(data, start, end, values)
        inputs = read_inputs(data)
    table = inputs.get(sheet.key)
    assert table.find(sheet.total_label).values[year] == totals[year]
    shown = from_year_table(table, Heading(sheet.key, "", Unit.EURO), table.years)
    [difference] = printed_differences(sheet.key, table, shown)
    assert (difference.file, difference.cell) == ("financien.xlsx", sheet.total_cell(year))
    assert difference.printed == totals[year] and difference.compared == sheet.sums()[year]


@settings(max_examples=200, deadline=None)
@given(st.integers(-(10**12) + 1, 10**12 - 1), st.booleans())  # the report shows 12 digits
def test_whole_numbers_as_dutch_text_round_trip(value, euro):
    text = ("€ " if euro else "") + number(value)
    parsed = parse_number(text)
    assert parsed.value == value and not parsed.problem
    assert parsed.note == f'tekst "{text}" gelezen als {value}'
    assert parse_whole(text, "bedrag", negative_ok=True).value == value


@settings(max_examples=200, deadline=None)
@given(st.decimals(-(10**9), 10**9, places=3, allow_nan=False, allow_infinity=False))
def test_decimals_as_dutch_text_round_trip(value):
    text = number(value, 3)
    assert parse_number(text).value == value
    whole = parse_whole(text, "bedrag", negative_ok=True)
    if value == value.to_integral_value():
        assert whole.value == value
    else:
        assert whole.value is None and "geen geheel getal" in whole.problem


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 1e11, allow_nan=False).map(lambda f: round(f, 2)))  # within 12 digits
def test_float_cells_read_as_excel_shows_them(value):
    """A float cell is read with Excel's 15 significant digits, so sums' noise vanishes."""
    noisy = value + value * 2.0**-52  # one unit in the last place of the float
    assert parse_number(noisy).value == Decimal(f"{value:.2f}")
