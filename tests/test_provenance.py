"""Traced numbers: the arithmetic composes the source, the words and the formula say it."""

from __future__ import annotations

from decimal import Decimal

from report.cited import Shown, cite, joined
from report.present.marks import Marks, Where, cited_markdown
from report.present.provenance import describe, formula, ranges, sources_text, tooltip
from report.provenance import (
    Cell,
    Op,
    Rule,
    Setting,
    cell,
    constant,
    kind,
    largest_remainder,
    leaves,
    percentage,
    rounded,
    setting,
    share,
    total,
)

F, S = "financien.xlsx", "Programma-uitgaven"


def cells(column: str, *values: int) -> list:
    return [cell(v, F, S, f"{column}{row}") for row, v in enumerate(values, start=6)]


def test_a_total_is_the_sum_of_its_cells_and_names_them():
    d = cells("D", 10, 20, 30, 40)
    summed = total(d)
    assert summed == 100 and summed.value == 100
    assert leaves(summed) == [Cell(F, S, a) for a in ("D6", "D7", "D8", "D9")]
    assert describe(summed) == "som van financien.xlsx › Programma-uitgaven › D6:D9"
    assert formula(summed) == "SOM('[financien.xlsx]Programma-uitgaven'!D6:D9)"
    assert kind(summed) == "berekend" and kind(d[0]) == "invoer"


def test_sum_and_difference_compose_and_plain_arithmetic_stays_plain():
    a, b = cells("D", 5, 7)
    added = sum([a, b])  # sum() starts from 0 and keeps the source
    assert isinstance(added.source, Rule) and added.source.op is Op.SUM
    assert (a + b + a).source.parts == (a, b, a)  # nested sums are flattened
    gap = b - a
    assert gap == 2 and gap.source == Rule(Op.DIFFERENCE, (b, a))
    assert a + 1 == 6 and not hasattr(a + 1, "source")  # a plain number has no source
    assert abs(a - b) == 2 and -a == -5 and a < b and max(a, b) is b


def test_the_savings_target_is_a_percentage_of_the_base_from_the_settings():
    # DESIGN §5: 20% of 31.360 + 49.473 = 80.833 gives 16.166,6, rounded 16.167
    programme = total(cells("M", 31_360))
    apparatus = total([cell(49_473, F, "Apparaatsuitgaven", "M10")])
    base = total((programme, apparatus))
    target = rounded(percentage(setting(20, "besparing", "percentage"), base))
    assert target == 16_167 and base == 80_833
    assert describe(target) == (
        "afgerond op een geheel getal: 20 (editie.yml › besparing › percentage)% van 80.833"
    )
    assert formula(target) == (
        'AFRONDEN(PERCENTAGE(INSTELLING("besparing";"percentage");'
        "SOM(SOM('[financien.xlsx]Programma-uitgaven'!M6);"
        "SOM('[financien.xlsx]Apparaatsuitgaven'!M10))))"
    )
    assert Setting(("besparing", "percentage")) in leaves(target)


def test_largest_remainder_shares_add_up_to_a_hundred_and_name_every_part():
    counts = dict(zip("abc", cells("B", 4180, 6710, 10650), strict=True))  # Tabel 2, 2011
    shares = largest_remainder(counts)
    assert [int(s) for s in shares.values()] == [19, 31, 50]
    assert sum(shares.values()) == 100
    first = shares["a"].source
    assert isinstance(first, Rule) and first.parts == (counts["a"], *counts.values())


def test_a_share_of_nothing_is_zero_and_rounding_is_half_up():
    assert share(cell(5, F, S, "A1"), total(())) == 0
    assert rounded(constant(Decimal("2.5"), "x")) == 3
    assert rounded(constant(Decimal("-2.5"), "x")) == -3
    assert rounded(constant(Decimal("47.85"), "x"), 1) == Decimal("47.9")


def test_ranges_run_down_a_column_or_along_a_row():
    assert ranges(["D6", "D7", "D8", "F6", "G6", "G7"]) == ["D6:D8", "F6:G6", "G7"]
    assert ranges(["B7", "B7"]) == ["B7", "B7"]


def test_cited_text_keeps_the_places_of_its_numbers():
    base = total(cells("N", 80_833))
    label = cite("Taakstelling ({p}% van {base})", p=setting(20, "b"), base=Shown(base, "80.833"))
    assert label == "Taakstelling (20% van 80.833)"
    assert [(label[s:e], v) for s, e, v in label.places] == [("20", 20), ("80.833", base)]
    both = joined([label, cite(" en {x}", x=Shown(base, "x"))], ";")
    assert both == label + "; en x" and len(both.places) == 3
    marks = Marks()
    markdown = cited_markdown(label, marks, Where("tbl-besparing", "Taakstelling"))
    assert markdown.startswith("Taakstelling \\([20]{#getal-1 .herkomst")
    assert [p.text for p in marks.printed] == ["20", "80.833"]
    assert marks.printed[1].where == Where("tbl-besparing", "Taakstelling")


def test_the_tooltip_names_kind_rule_and_places():
    a, b = cells("D", 5990, 20840)
    assert tooltip(a) == "Invoer: financien.xlsx › Programma-uitgaven › D6."
    percent = rounded(share(a, b))
    assert tooltip(percent) == (
        "Berekend: afgerond op een geheel getal: 5.990 (financien.xlsx › Programma-uitgaven › D6) "
        "als percentage van 20.840 (financien.xlsx › Programma-uitgaven › D7). "
        "Bronnen: financien.xlsx › Programma-uitgaven › D6:D7."
    )
    assert sources_text([percent]) == "financien.xlsx › Programma-uitgaven › D6:D7"


def test_a_sum_of_computed_parts_names_its_cells_and_a_named_place_is_not_repeated():
    a, b, c = cells("M", 31_000, 360, 49_473)
    both = total((total((a, b)), c))  # a subtotal plus a cell: the words give values only
    assert tooltip(both) == (
        "Berekend: som van 31.360 en 49.473 (financien.xlsx › Programma-uitgaven › M8). "
        "Bronnen: financien.xlsx › Programma-uitgaven › M6:M8."
    )
    minus = -setting(20, "besparing", "percentage")  # "-20%-paragraaf"
    assert tooltip(minus) == "Berekend: min 20 (editie.yml › besparing › percentage)."
