"""Figures cited in the text, against the reference edition's tables and text."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from report.inputs.read import read_inputs
from report.model import build_model
from tests.conftest import DATA


@pytest.fixture(scope="module")
def ind():
    return build_model(read_inputs(DATA)).indicators


def test_departure_range_and_change(ind):
    """Tabel 2 totals: lowest 15.830 (2013), highest 24.900 (2016)."""
    d = ind.departures
    assert (d.lowest.year, d.lowest.value) == (2013, 15_830)
    assert (d.highest.year, d.highest.value) == (2016, 24_900)
    assert d.spread == 24_900 - 15_830
    assert d.period_total == 136_590
    assert (d.change.start.value, d.change.end.value, d.change.difference) == (21_540, 20_840, -700)
    assert d.change.down and not d.change.up
    # 2015 -> 2016: 16.610 -> 24.900, the largest step
    assert (d.largest_change.start.year, d.largest_change.difference) == (2015, 8_290)
    assert d.average == Decimal(136_590) / 7


def test_shares_add_up_and_last_year(ind):
    """2017: 2.830 / 5.990 / 12.020 of 20.840 = 13,58 / 28,74 / 57,68%.

    Largest remainder: 13 + 28 + 57 = 98; the two points go to ,74 and ,68 -> 13 / 29 / 58.
    """
    d = ind.departures
    for shares in d.shares.values():
        assert sum(shares.values()) == 100
    assert d.last_shares == {
        "Zelfstandig vertrek": 13,
        "Gedwongen vertrek": 29,
        "Zelfstandig vertrek zonder toezicht": 58,
    }
    assert d.forced_share_last == 29
    assert d.forced_share_period == 28  # 38.810 / 136.590 = 28,4%


def test_deviations_from_the_prognosis(ind):
    """Prognosis 20 / 30 / 50 (reference text). Beyond 5 points: zelfstandig 2014 26, 2015 28,
    2016 26 and 2017 13; zonder toezicht 2017 58 (shares by largest remainder)."""
    d = ind.departures
    assert d.prognosis == {
        "Zelfstandig vertrek": 20,
        "Gedwongen vertrek": 30,
        "Zelfstandig vertrek zonder toezicht": 50,
    }
    found = {(x.year, x.type, x.points) for x in d.deviations}
    assert found == {
        (2014, "Zelfstandig vertrek", 6),  # 4.130 / 16.000 = 25,8%
        (2015, "Zelfstandig vertrek", 8),  # 4.650 / 16.610 = 28,0%
        (2016, "Zelfstandig vertrek", 6),  # 6.510 / 24.900 = 26,1%
        (2017, "Zelfstandig vertrek", -7),
        (2017, "Zelfstandig vertrek zonder toezicht", 8),
    }


def test_detention_share_2017_is_63_percent(ind):
    """The summary's '63% vertrek vanuit bewaring in 2017' = 2.070 / 3.260."""
    assert ind.detention.last.year == 2017
    assert ind.detention.last.value == 63
    assert (ind.detention.detained_last, ind.detention.departed_last) == (3_260, 2_070)


def test_spending(ind):
    """Tabel 13: 47.756 (2011) -> 57.172 (2017); Tabel 8/19: programme 22.157 -> 36.722."""
    s = ind.spending
    assert (s.apparatus.start.value, s.apparatus.end.value) == (47_756, 57_172)
    assert s.apparatus.percent == Decimal(9_416) * 100 / 47_756  # +19,7%
    assert (s.programme.start.value, s.programme.end.value) == (22_157, 36_722)
    assert (s.programme_lowest.year, s.programme_highest.year) == (2011, 2017)
    assert (s.reference.year, s.reference.value) == (2022, 80_833)
    assert s.budget_years == (2019, 2020, 2021, 2022)
    assert s.dtv_totals[2022] == 80_833


def test_iom_decline(ind):
    """Tabel 7: peak 4.630 in 2016, 1.540 in 2017; rejections peak 1.460 in 2016."""
    i = ind.iom
    assert (i.highest.year, i.highest.value) == (2016, 4_630)
    assert i.from_peak.difference == 1_540 - 4_630
    assert (i.rejected_highest.year, i.rejected_highest.value) == (2016, 1_460)
    assert i.period_total == 20_290


def test_safe_countries_and_nationalities(ind):
    """Tabel 3 lines: 47.650 of 136.620 from safe countries = 34,9%."""
    s = ind.safe_countries
    assert (s.period_safe, s.period_other) == (47_650, 88_970)
    assert s.share_safe_period == 35
    assert s.share_safe_last == 43  # 2017: 8.940 / 20.860 = 42,9%
    assert s.type_share_safe["Zelfstandig vertrek"] == 39  # 11.790 / 30.110 (VERIFY §3)
    n = ind.nationalities
    assert (n.top_other[0].label, n.top_other[0].value) == ("Iraakse", 9_220)
    assert (n.top_safe[0].label, n.top_safe[0].value) == ("Albanese", 6_360)
    assert n.top_share_safe == 70  # 33.210 / 47.650


def test_caseload_assignment_gl_vris(ind):
    c = ind.caseload
    assert c.demonstrable == 22_480 + 18_830  # Tabel 6 lines (printed subtotal 41.300)
    assert c.permits == 10_430
    # Tabel 12: escort and returnee travel 2.554 + 1.838 = 4.392 of 8.017 = 54,8% ("55%")
    a = ind.assignment
    assert (a.year, a.travel, a.travel_share) == (2016, 4_392, 55)
    assert (a.largest.label, a.largest.value) == (
        "Reiskosten van escorteurs naar herkomstlanden",
        2_554,
    )
    assert (ind.gl.total, ind.gl.largest.label) == (4_111, "Verlening verblijfsvergunning")
    assert (ind.vris.in_chain, ind.vris.departed, ind.vris.departed_share) == (1_130, 880, 78)
    assert ind.outflow_percentages.last["Percentage MOB"] == 60
    assert ind.support.period_totals["Vertrokken met HRT"] == 8_618
    assert ind.receipts.period_totals["Ontvangsten BZ voor SVT"] == 21_342


def test_absent_optional_sheets_leave_their_parts_out(data_copy):
    path = data_copy / "vertrekcijfers.xlsx"
    book = openpyxl.load_workbook(path)
    for name in ("VRIS", "Vertrek via IOM", "Vertrek per nationaliteit"):
        del book[name]
    book.save(path)
    model = build_model(read_inputs(data_copy))
    assert not {"vris", "vertrek-iom", "top-overig", "top-veilig"} & set(model.tables)
    assert model.indicators.vris is None and model.indicators.iom is None
    assert model.indicators.nationalities is None
    assert set(model.absent) == {
        "Vreemdelingen in de strafrechtketen (VRIS)",
        "Vertrek via IOM",
        "Vertrek per nationaliteit",
    }
    assert "vertrek-type" in model.tables and "besparing" in model.tables
