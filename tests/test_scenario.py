"""The -20% variant: base, target, the four rules, phase-in, rounding, validation, overrides.

Expected values come from the reference edition (Tabel 19: the 2022 budget; Tabel 20: the
printed 2022 amount of measure 5) or from the rule under test, worked out in the test.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import pytest

from report.inputs.contract import RULE_AMOUNT, RULE_FIXED, RULE_FTE, RULE_LINE
from report.inputs.read import read_inputs
from report.inputs.tables import Record
from report.model.catalog import table_entry
from report.model.overrides import OverrideError, parse_override
from report.model.savings import savings_table
from report.model.scenario import build_scenario
from report.numbers import euro, exact, signed
from report.present.derivation import derivation_text
from report.problems import InputError
from tests.conftest import DATA, REFERENCE

YEARS = (2019, 2020, 2021, 2022)


@pytest.fixture(scope="module")
def inputs():
    return read_inputs(DATA)


def tabel19(label: str, year: int) -> int:
    with (REFERENCE / "tabel19_uitgaven_dtv_2017_2022.csv").open(encoding="utf-8") as handle:
        return next(
            int(r["value"])
            for r in csv.DictReader(handle)
            if r["row"] == label and r["column"] == str(year)
        )


def half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def record(nr: int, rule: str, row: int, phase=(0, 25, 50, 100), **values) -> Record:
    columns = {
        "percentage": "Percentage",
        "regel": "Begrotingsregel",
        "bedrag": "Bedrag",
        "fte": "Aantal fte",
        "kosten": "Kosten per fte",
    }
    fields = {"Nr": nr, "Maatregel": f"Maatregel {nr}", "Rekenregel": rule}
    for key, value in values.items():
        fields[columns[key]] = (
            Decimal(str(value)) if key != "regel" and value is not None else value
        )
    return Record(fields, {y: Decimal(p) for y, p in zip(YEARS, phase, strict=True)}, row)


def scenario_of(inputs, *records, overrides=(), edition=None, table=None):
    table = replace(table or inputs.get("maatregelen"), records=tuple(records))
    return build_scenario(
        edition or inputs.edition,
        inputs.get("programma"),
        inputs.get("apparaat"),
        table,
        [parse_override(o) for o in overrides],
    )


def problems(inputs, *records, **kwargs) -> list[str]:
    with pytest.raises(InputError) as caught:
        scenario_of(inputs, *records, **kwargs)
    return [str(p) for p in caught.value.problems]


# -- base and target ----------------------------------------------------------------------


def test_base_programme_and_apparatus(inputs):
    scenario = scenario_of(inputs, *inputs.get("maatregelen").records)
    programme = tabel19("Totaal programma-uitgaven", 2022)  # 31.360
    apparatus = tabel19("Totaal apparaatsuitgaven", 2022)  # 49.473
    assert [p.amount for p in scenario.base_parts] == [programme, apparatus]
    assert scenario.base == 80_833 == tabel19("Totaal DT&V", 2022)
    assert scenario.target_exact == Decimal("16166.6")
    assert scenario.target == 16_167  # "16 miljoen" in the reference text


def test_base_programme_only(inputs):
    savings = replace(inputs.edition.savings, base="programma")
    scenario = scenario_of(
        inputs, *inputs.get("maatregelen").records, edition=replace(inputs.edition, savings=savings)
    )
    assert scenario.base == 31_360
    assert scenario.target == 6_272  # 20% of 31.360
    assert scenario.basis_text == "programma-uitgaven artikel 37.3"


# -- the four rules -----------------------------------------------------------------------


def test_rule_percentage_of_budget_line(inputs):
    rean = tabel19("REAN-regeling", 2022)  # 6.689
    scenario = scenario_of(inputs, record(1, RULE_LINE, 7, percentage=30, regel="REAN-regeling"))
    [measure] = scenario.measures
    exact = Decimal(30) * rean / 100  # 2.006,7
    assert measure.structural == exact
    assert measure.amounts == {
        2019: 0,
        2020: half_up(exact / 4),  # 501,675 -> 502
        2021: half_up(exact / 2),  # 1.003,35 -> 1.003
        2022: half_up(exact),  # 2.007
    }
    d = measure.derivation
    assert (d.percentage, d.base_amount, d.base_label) == (30, rean, "REAN-regeling 2022")
    assert d.source == "financien.xlsx › Programma-uitgaven › M9"


def test_rule_percentage_of_amount_rounds_half_up(inputs):
    """10% of 4.130 = 413; half of it is 206,5: half up gives 207 (babel's half-even: 206)."""
    scenario = scenario_of(
        inputs, record(4, RULE_AMOUNT, 10, phase=(0, 0, 50, 100), percentage=10, bedrag=4130)
    )
    assert scenario.measures[0].amounts == {2019: 0, 2020: 0, 2021: 207, 2022: 413}


def test_rule_fte_times_cost(inputs):
    """65 fte x 160,78 = 10.450,7 -> 10.451, the 2022 amount printed in Tabel 20."""
    scenario = scenario_of(
        inputs, record(5, RULE_FTE, 11, phase=(0, 20, 50, 100), fte=65, kosten="160.78")
    )
    [measure] = scenario.measures
    assert measure.structural == Decimal("10450.70")
    assert measure.amounts[2022] == 10_451
    assert measure.amounts[2020] == half_up(Decimal("10450.7") * 20 / 100)  # 2.090


def test_rule_fixed_amount(inputs):
    scenario = scenario_of(inputs, record(3, RULE_FIXED, 9, phase=(0, 20, 60, 100), bedrag=2500))
    assert scenario.measures[0].amounts == {2019: 0, 2020: 500, 2021: 1500, 2022: 2500}


def test_totals_add_up_and_coverage(inputs):
    """Each year's total is the sum of the rounded amounts shown.

    The reference edition's Tabel 20 printed 6.000 for 2021 where its rows add up to at least
    8.200 (VERIFY §2); here the total is the sum by construction.
    """
    scenario = scenario_of(inputs, *inputs.get("maatregelen").records)
    for year in YEARS:
        assert scenario.totals[year] == sum(m.amounts[year] for m in scenario.measures)
    expected_2022 = (
        half_up(Decimal("0.30") * tabel19("REAN-regeling", 2022))
        + half_up(Decimal("0.15") * tabel19("DV&O", 2022))
        + tabel19("Overige subsidies", 2022)
        + half_up(Decimal("0.15") * 4100)
        + half_up(65 * Decimal("160.78"))
    )
    assert scenario.totals[2022] == expected_2022
    assert scenario.difference == expected_2022 - 16_167
    assert scenario.coverage == Decimal(expected_2022) * 100 / 16_167
    table = savings_table(scenario, table_entry("besparing").heading)
    assert table.value("Totaal besparing", 2021) == scenario.totals[2021] != 6_000
    assert table.value("Verschil (totaal min taakstelling)", 2022) == scenario.difference
    assert table.value("Verschil (totaal min taakstelling)", 2021) is None


# -- validation ---------------------------------------------------------------------------

WHERE = "financien.xlsx › Besparingsmaatregelen › "


def test_unknown_budget_line_names_the_known_lines(inputs):
    [problem] = problems(inputs, record(1, RULE_LINE, 7, percentage=30, regel="REAN"))
    assert problem.startswith(WHERE + "E7: maatregel 1: onbekende begrotingsregel 'REAN'")
    assert "REAN-regeling" in problem and "Ambtelijk personeel" in problem


@pytest.mark.parametrize(
    "rule,given,missing,cell",
    [
        (RULE_LINE, {"percentage": 30}, "Begrotingsregel", "E7"),
        (RULE_AMOUNT, {"bedrag": 100}, "Percentage", "D7"),
        (RULE_FTE, {"fte": 10}, "Kosten per fte", "H7"),
        (RULE_FIXED, {"percentage": 10}, "Bedrag", "F7"),
    ],
)
def test_missing_parameters(inputs, rule, given, missing, cell):
    found = problems(inputs, record(1, rule, 7, **given))
    assert any(p.startswith(f"{WHERE}{cell}: maatregel 1: {missing} ontbreekt") for p in found), (
        found
    )


def test_percentage_above_100(inputs):
    [problem] = problems(inputs, record(2, RULE_LINE, 8, percentage=120, regel="DV&O"))
    assert problem.startswith(WHERE + "D8: maatregel 2: percentage 120 ligt niet tussen 0 en 100")


def test_measure_saving_more_than_its_line(inputs):
    dvo = tabel19("DV&O", 2022)
    [problem] = problems(inputs, record(2, RULE_FIXED, 8, bedrag=dvo + 1, regel="DV&O"))
    assert problem.startswith(
        WHERE + "F8: maatregel 2 bespaart 8.536 (x € 1.000), meer dan de 8.535 van DV&O in 2022"
    )


def test_two_measures_together_exceed_their_line(inputs):
    found = problems(
        inputs,
        record(1, RULE_LINE, 7, percentage=60, regel="REAN-regeling"),
        record(2, RULE_LINE, 8, percentage=50, regel="REAN-regeling"),
    )
    assert found == [
        WHERE + "E8: maatregelen 1 en 2 besparen samen 7.358 op REAN-regeling; dat is meer dan "
        "de 6.689 van 2022 (x € 1.000)"
    ]  # 60% + 50% of 6.689 = 7.357,9

    # the phase-in columns follow the named columns of the contract (A–L): 2019 is column M


@pytest.mark.parametrize(
    "phase,cell,message",
    [
        ((0, 50, 25, 100), "O7", "fasering daalt van 50% (2020) naar 25% (2021)"),
        ((0, 25, 50, 120), "P7", "fasering 120% in 2022 ligt niet tussen 0 en 100"),
        ((-5, 25, 50, 100), "M7", "fasering −5% in 2019 ligt niet tussen 0 en 100"),
    ],
)
def test_phase_in_checks(inputs, phase, cell, message):
    rec = record(1, RULE_LINE, 7, phase=phase, percentage=30, regel="REAN-regeling")
    assert problems(inputs, rec)[0].startswith(f"{WHERE}{cell}: maatregel 1: {message}")


def test_phase_years_must_follow_the_review_and_match_the_edition(inputs):
    table = inputs.get("maatregelen")
    years = (2017, 2018, 2019, 2020)
    shifted = replace(table, years=years, year_columns=dict(zip(years, "LMNO", strict=True)))
    rec = Record(
        {"Nr": 1, "Maatregel": "x", "Rekenregel": RULE_FIXED, "Bedrag": Decimal(10)},
        dict(zip(years, map(Decimal, (0, 0, 50, 100)), strict=True)),
        7,
    )
    found = problems(inputs, rec, table=shifted)
    assert WHERE + "L6: faseringsjaar 2017 ligt niet na de evaluatieperiode (2011–2017)" in found
    assert (
        WHERE + "L6: de faseringsjaren (2017, 2018, 2019, 2020) zijn niet de scenariojaren uit "
        "editie.yml (besparing.jaren: 2019, 2020, 2021, 2022)"
    ) in found


# -- overrides ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,number,field,value",
    [
        ("1.percentage=40", 1, "Percentage", Decimal(40)),
        ("1.percentage=40%", 1, "Percentage", Decimal(40)),
        ("4.bedrag=4.100", 4, "Bedrag", Decimal(4100)),
        ("5.kosten_per_fte=160,78", 5, "Kosten per fte", Decimal("160.78")),
        ("5.fte=60", 5, "Aantal fte", Decimal(60)),
        (
            "2.begrotingsregel=Opdracht vreemdelingenvertrek",
            2,
            "Begrotingsregel",
            "Opdracht vreemdelingenvertrek",
        ),
        ("3.rekenregel=vast", 3, "Rekenregel", RULE_FIXED),
        ("2.fasering.2021=75", 2, 2021, Decimal(75)),
        ("4.bedrag=", 4, "Bedrag", None),
    ],
)
def test_parse_override(text, number, field, value):
    override = parse_override(text)
    assert (override.number, override.field, override.value) == (number, field, value)


@pytest.mark.parametrize(
    "text,message",
    [
        ("1percentage40", "is geen geldige wijziging; schrijf NR.VELD=WAARDE"),
        ("x.percentage=4", "'x' is geen maatregelnummer"),
        ("1.kleur=rood", "onbekend veld 'kleur'; kies uit: percentage, bedrag, fte"),
        ("1.percentage=veel", "'veel' is geen getal"),
        ("1.percentage=-5", "mag niet negatief zijn"),
        ("1.fasering.twintig=5", "'twintig' is geen jaartal"),
        ("1.rekenregel=gok", "onbekende rekenregel 'gok'"),
    ],
)
def test_bad_override_is_a_dutch_value_error(text, message):
    with pytest.raises(ValueError, match=message):
        parse_override(text)


def test_override_changes_the_result_and_is_listed(inputs):
    records = inputs.get("maatregelen").records
    before = scenario_of(inputs, *records)
    after = scenario_of(inputs, *records, overrides=["1.percentage=40", "2.fasering.2021=75"])
    rean = tabel19("REAN-regeling", 2022)
    assert after.measures[0].amounts[2022] == half_up(Decimal("0.40") * rean)  # 2.676
    dvo15 = Decimal("0.15") * tabel19("DV&O", 2022)
    assert after.measures[1].amounts[2021] == half_up(dvo15 * Decimal("0.75"))  # 960
    assert after.totals[2022] - before.totals[2022] == half_up(Decimal("0.40") * rean) - half_up(
        Decimal("0.30") * rean
    )
    listed = [(o.text, o.field_name, o.old, o.new) for o in after.overrides]
    assert listed == [
        ("1.percentage=40", "percentage", Decimal(30), Decimal(40)),
        ("2.fasering.2021=75", "fasering 2021", Decimal(50), Decimal(75)),
    ]
    assert before.overrides == ()


@pytest.mark.parametrize(
    "text,message",
    [
        ("9.percentage=40", "maatregel 9 bestaat niet; de werkmap heeft maatregel 1, 2, 3, 4, 5"),
        ("1.fasering.2030=10", "2030 is geen jaar van de fasering"),
        ("1.begrotingsregel=Onbekend", "onbekende begrotingsregel 'Onbekend'"),
        ("1.percentage=150", "percentage 150 ligt niet tussen 0 en 100"),
        ("1.fasering.2022=10", "fasering daalt van 50% (2021) naar 10% (2022)"),
    ],
)
def test_override_that_breaks_a_rule_blames_the_override(inputs, text, message):
    with pytest.raises(OverrideError) as caught:
        scenario_of(inputs, *inputs.get("maatregelen").records, overrides=[text])
    assert f"'{text}'" in str(caught.value) and message in str(caught.value)


# -- the derivation in words --------------------------------------------------------------


@pytest.mark.parametrize(
    "rec,text",
    [
        # 30% of 6.689 = 2.006,7
        (
            record(1, RULE_LINE, 7, percentage=30, regel="REAN-regeling"),
            "30% van € 6,7 mln (REAN-regeling 2022) = € 2,0 mln",
        ),
        # 15% of 4.100 = 615
        (
            record(4, RULE_AMOUNT, 10, percentage=15, bedrag=4100),
            "15% van € 4,1 mln = € 615.000",  # the amount itself, no workbook jargon
        ),
        # 65 x 160,78 = 10.450,7
        (
            record(5, RULE_FTE, 11, fte=65, kosten="160.78"),
            "65 fte × € 160.780 per fte = € 10,5 mln",
        ),
        (record(3, RULE_FIXED, 9, bedrag=2500), "Een vast bedrag van € 2,5 mln"),
        (
            record(2, RULE_LINE, 8, percentage="12.5", regel="DV&O"),
            "12,5% van € 8,5 mln (DV&O 2022) = € 1,1 mln",  # 12,5% of 8.535 = 1.066,9
        ),
    ],
    ids=["line", "amount", "fte", "fixed", "decimal-percentage"],
)
def test_derivation_text(inputs, rec, text):
    [measure] = scenario_of(inputs, rec).measures
    assert derivation_text(measure) == text


def test_dutch_number_helpers():
    assert (exact(Decimal(30)), exact(Decimal("12.50")), exact(Decimal("160.78"))) == (
        "30",
        "12,5",
        "160,78",
    )
    assert (signed(740), signed(-1250), signed(0)) == ("+740", "\u22121.250", "0")
    assert (euro(6689), euro(615), euro(Decimal("160.78"))) == (
        "€ 6,7 mln",
        "€ 615.000",
        "€ 160.780",
    )
