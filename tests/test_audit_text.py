"""Issue 12: the Dutch of the data-driven sentences, by small helpers that know agreement.

The helpers are tried on every branch (rise, fall, no change; singular and plural; positive and
negative differences; each measure rule), then the real templates are rendered from data that
take the other branches, and the sentences a reader sees are checked.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal

import openpyxl
import pytest
import yaml

from report.inputs.contract import RULE_AMOUNT, RULE_FIXED, RULE_FTE, RULE_LINE
from report.inputs.edition import edition_yaml, load_edition
from report.inputs.read import read_inputs
from report.model import build_model
from report.model.departures import Deviation
from report.model.trend import Change, YearValue
from report.numbers import euro, number, signed
from report.present.derivation import derivation_text, phasing_text
from report.present.text import (
    capitalised,
    count_word,
    deviations_text,
    join_nl,
    trend,
    verb,
)
from report.problems import InputError
from report.provenance import cell as traced_cell
from report.render.document import render_document
from tests.conftest import DATA
from tests.marks_support import unmarked

MINUS = "\u2212"


def change(start: int, end: int) -> Change:
    """A change as the model makes it: from traced cells."""
    return Change(
        YearValue(2011, traced_cell(start, "vertrekcijfers.xlsx", "Vertrek naar type", "B10")),
        YearValue(2017, traced_cell(end, "vertrekcijfers.xlsx", "Vertrek naar type", "H10")),
    )


@pytest.mark.parametrize(
    "start,end,plural,expected",
    [
        (22_157, 36_722, False, "steeg van 22.157 in 2011 naar 36.722 in 2017 (+66%)"),
        (22_157, 36_722, True, "stegen van 22.157 in 2011 naar 36.722 in 2017 (+66%)"),
        (21_540, 20_840, False, f"daalde van 21.540 in 2011 naar 20.840 in 2017 ({MINUS}3%)"),
        (21_540, 20_840, True, f"daalden van 21.540 in 2011 naar 20.840 in 2017 ({MINUS}3%)"),
        (500, 500, False, "bleef gelijk op 500 (2011 en 2017)"),
        (500, 500, True, "bleven gelijk op 500 (2011 en 2017)"),
    ],
)
def test_trend_agrees_with_its_subject(start, end, plural, expected):
    assert trend(change(start, end), plural=plural) == expected


def test_a_trend_after_the_period_names_its_subject():
    """'Tussen 2011 en 2017 daalde het vertrek van …', never '… 2017 daalde van …'."""
    text = trend(change(21_540, 20_840), subject="het jaarlijkse vertrek", years=False)
    assert text == f"daalde het jaarlijkse vertrek van 21.540 naar 20.840 ({MINUS}3%)"
    assert (
        trend(change(7, 7), subject="het vertrek", years=False) == "bleef het vertrek gelijk op 7"
    )


def test_amounts_in_running_text_follow_one_rule():
    assert trend(change(22_157, 36_722), euro, plural=True) == (
        "stegen van € 22,2 mln in 2011 naar € 36,7 mln in 2017 (+66%)"
    )
    assert (euro(16_167), euro(615), euro(740), euro(-740)) == (
        "€ 16,2 mln",
        "€ 615.000",
        "€ 740.000",
        f"€ {MINUS}740.000",
    )


def test_minus_sign_everywhere():
    assert number(-10_253) == f"{MINUS}10.253"
    assert signed(-10) == f"{MINUS}10" and signed(10) == "+10"
    assert verb(-1) == "daalde" and verb(1, plural=True) == "stegen"


def test_words_for_counts_and_capitals_for_nationalities():
    assert count_word(10) == "tien" and count_word(3) == "drie" and count_word(25) == "25"
    assert join_nl(capitalised(n) for n in ("iraakse", "Afghaanse", "chinese")) == (
        "Iraakse, Afghaanse en Chinese"
    )


def test_deviations_say_each_year_once_in_percentage_points():
    found = [
        Deviation(2015, "Zelfstandig vertrek", 28, 20, 8),
        Deviation(2017, "Zelfstandig vertrek", 13, 20, -7),
        Deviation(2017, "Zelfstandig vertrek zonder toezicht", 58, 50, 8),
    ]
    text = deviations_text(found)
    assert text == (
        "in 2015 bij zelfstandig vertrek (28%, 8 procentpunt erboven); in 2017 bij zelfstandig "
        "vertrek (13%, 7 procentpunt eronder) en bij zelfstandig vertrek zonder toezicht (58%, "
        "8 procentpunt erboven)"
    )
    assert text.count("2017") == 1 and " punt " not in text


class _Derivation:
    def __init__(self, rule, structural, **given):
        self.rule, self.structural = rule, Decimal(structural)
        self.percentage = given.get("percentage")
        self.base_amount = given.get("base")
        self.base_label = given.get("label", "")
        self.fte = given.get("fte")
        self.cost_per_fte = given.get("cost")


class _Measure:
    def __init__(self, derivation, phase=None):
        self.derivation = derivation
        self.phase = phase or {}


@pytest.mark.parametrize(
    "derivation,expected",
    [
        (
            _Derivation(
                RULE_LINE,
                2006.7,
                percentage=Decimal(30),
                base=Decimal(6689),
                label="REAN-regeling 2022",
            ),
            "30% van € 6,7 mln (REAN-regeling 2022) = € 2,0 mln",
        ),
        # an amount typed in the workbook: no "(opgegeven bedrag)"
        (
            _Derivation(RULE_AMOUNT, 615, percentage=Decimal(15), base=Decimal(4100)),
            "15% van € 4,1 mln = € 615.000",
        ),
        (
            _Derivation(RULE_FTE, 10450.7, fte=Decimal(65), cost=Decimal("160.78")),
            "65 fte × € 160.780 per fte = € 10,5 mln",
        ),
        # follows "Berekening." in the report: it starts with a capital
        (_Derivation(RULE_FIXED, 2500, base=Decimal(2500)), "Een vast bedrag van € 2,5 mln"),
    ],
    ids=["line", "amount", "fte", "fixed"],
)
def test_each_measure_rule_in_words(derivation, expected):
    text = derivation_text(_Measure(derivation))
    assert text == expected and text[:1] == text[:1].upper() and "opgegeven" not in text


def test_phasing_as_shares_not_amounts():
    measure = _Measure(
        None, {2019: Decimal(0), 2020: Decimal(25), 2021: Decimal(50), 2022: Decimal(100)}
    )
    assert phasing_text(measure) == "0% in 2019, 25% in 2020, 50% in 2021 en 100% in 2022"


# -- the real templates -----------------------------------------------------------------------


def prose(text: str) -> str:
    """The running text: no tables, captions, source notes, footnotes or headings."""
    lines, in_note = [], False
    for line in text.splitlines():
        if line.startswith(":::"):
            in_note = not in_note
            continue
        if in_note or line.startswith(("|", ":", "!", "[^", "#", "---", "*Vervolg")):
            continue
        lines.append(line)
    return re.sub(r"\\(.)", r"\1", " ".join(lines))  # Markdown escapes as the reader sees them


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> str:
    build = tmp_path_factory.mktemp("build")
    document = render_document(build_model(read_inputs(DATA)), build)
    return unmarked(document.read_text(encoding="utf-8"))


def test_sample_sentences(sample):
    text = prose(sample)
    assert "De programma-uitgaven stegen van € 22,2 mln in 2011 naar € 36,7 mln in 2017" in text
    assert "De apparaatsuitgaven van de DT&V stegen van" in text
    assert "de apparaatsuitgaven stegen van" in text  # the conclusions
    assert "Tussen 2011 en 2017 daalde het jaarlijkse vertrek van 21.540 naar 20.840" in text
    assert "Iraakse, Afghaanse en Chinese" in text and "iraakse" not in text
    assert "De tien grootste nationaliteiten" in text
    assert " punt boven" not in text and " punt onder" not in text
    assert "meer dan 5 procentpunt" in text
    # the prognosis deviations of 2017 are one clause, the year said once
    assert len(re.findall(r"in 2017 bij", text)) == 1
    for jargon in ("opgegeven bedrag", "x € 1.000", "x € 1\\.000"):
        assert jargon not in text, jargon
    assert not re.search(r"(?<![\w\\])-\d", text)  # a minus is the minus sign


def test_other_branches(tmp_path):
    """Programme spending falling, apparatus costs flat, another savings percentage and threshold."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    settings = yaml.safe_load((data / "editie.yml").read_text(encoding="utf-8"))
    settings["besparing"]["percentage"] = 25
    settings["afwijking_prognose"] = 7
    (data / "editie.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    book = openpyxl.load_workbook(data / "financien.xlsx")
    ws = book["Programma-uitgaven"]
    header = next(r for r in range(1, 20) if ws.cell(r, 2).value == 2011)
    last = next(c for c in range(2, 20) if ws.cell(header, c).value == 2017)
    for row in range(header + 2, header + 7):
        ws.cell(row, last).value = ws.cell(row, 2).value  # 2017 as 2011: a fall
    ws.cell(header + 2, last).value = 5_000
    ws.cell(header + 6, last).value = None  # the printed total would no longer add up
    for r in book["Andere bronnen"].iter_rows(min_row=7):
        for cell in r:
            cell.value = None  # the other sources speak of the reference edition
    measures = book["Besparingsmaatregelen"]
    head = [c.value for c in measures[6]]
    measures.cell(9, head.index("Rekenregel") + 1).value = "vast bedrag"  # measure 3
    measures.cell(9, head.index("Bedrag") + 1).value = 2_500
    book.save(data / "financien.xlsx")
    text = unmarked(
        render_document(build_model(read_inputs(data)), tmp_path / "build").read_text(
            encoding="utf-8"
        )
    )
    assert "# Verbeterparagraaf en −25%-paragraaf" in text
    assert "20%-paragraaf" not in text and "−20%" not in text
    assert "bedragen van de\n−25%-variant" in text
    running = prose(text)
    assert "De programma-uitgaven daalden van" in running
    assert "meer dan 7 procentpunt" in running and "5 procentpunt" not in running
    # 25% of 80.833 is 20.208; the measures give 2.007 + 1.280 + 2.500 + 615 + 10.451 = 16.853
    # in 2022: 3.355 short, said in the one style for amounts
    assert "Het doel wordt niet gehaald; er ontbreekt € 3,4 mln." in running
    assert "**Berekening.** Een vast bedrag van € 2,5 mln." in running


@pytest.mark.parametrize(
    "value,message",
    [(0, "0 is te klein (ten minste 1)"), ("vijf", '"vijf" is geen geheel getal')],
)
def test_the_deviation_threshold_is_a_checked_setting(tmp_path, value, message):
    settings = yaml.safe_load((DATA / "editie.yml").read_text(encoding="utf-8"))
    settings["afwijking_prognose"] = value
    (tmp_path / "editie.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_edition(tmp_path / "editie.yml")
    [problem] = caught.value.problems
    assert problem.cell == "afwijking_prognose" and problem.message.startswith(message)


def test_the_deviation_threshold_defaults_to_five(tmp_path):
    settings = yaml.safe_load((DATA / "editie.yml").read_text(encoding="utf-8"))
    del settings["afwijking_prognose"]
    (tmp_path / "editie.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    edition = load_edition(tmp_path / "editie.yml")
    assert edition.deviation_points == 5
    assert "afwijking_prognose: 5" in edition_yaml(edition)  # a new edition folder shows it
