"""Property-based: for any valid workbook, the model's invariants hold and the document renders.

Invariants: totals equal the sum of their parts; the -20% target is the percentage of the
base; every yearly scenario total is the sum of the measures shown; shares of the departure
types add up to 100 under the largest-remainder rule; rendering succeeds with every
reference resolved.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report.inputs import contract
from report.inputs.edition import load_edition
from report.inputs.read import read_inputs
from report.inputs.template import SheetValues, write_workbook
from report.model import build_model
from report.numbers import round_half_up
from report.render.document import render_document
from tests.conftest import DATA

TYPES = ("Zelfstandig vertrek", "Gedwongen vertrek", "Zelfstandig vertrek zonder toezicht")
LINES = ("Opdracht vreemdelingenvertrek", "REAN-regeling", "Overige subsidies", "DV&O")
APPARATUS = ("Ambtelijk personeel", "Externe inhuur van personeel", "Materieel (ICT, huisvesting)")


@st.composite
def editions(draw):
    first = draw(st.integers(2000, 2020))
    length = draw(st.integers(2, 8))
    last = first + length - 1
    scenario = tuple(range(last + 2, last + 2 + draw(st.integers(1, 4))))
    finance_years = tuple(range(first, scenario[-1] + 1))
    # amounts large enough that every measure the rules draw stays within its base (the
    # scenario refuses a measure that saves more than its base line)
    amount = st.integers(1_000, 60_000)
    departures = {
        t: {y: draw(st.integers(0, 3_000)) * 10 for y in range(first, last + 1)} for t in TYPES
    }
    programme = {line: {y: draw(amount) for y in finance_years} for line in LINES}
    apparatus = {
        line: {y: draw(st.integers(15_000, 60_000)) for y in finance_years} for line in APPARATUS
    }
    measures = []
    used: dict[str, int] = {}
    for number in range(1, draw(st.integers(1, 6)) + 1):
        rule = draw(st.sampled_from(contract.RULES))
        record = {"Nr": number, "Maatregel": f"Maatregel {number}", "Rekenregel": rule}
        if rule == contract.RULE_LINE:
            line = draw(st.sampled_from(LINES))
            room = 100 - used.get(line, 0)
            share = draw(st.integers(0, room))
            used[line] = used.get(line, 0) + share
            record |= {"Percentage": share, "Begrotingsregel": line}
        elif rule == contract.RULE_AMOUNT:
            record |= {
                "Percentage": draw(st.integers(0, 100)),
                "Bedrag": draw(st.integers(1, 4_000)),
            }
        elif rule == contract.RULE_FTE:
            record |= {
                "Aantal fte": draw(st.integers(0, 200)),
                "Kosten per fte": Decimal(draw(st.integers(50_00, 200_00))) / 100,
            }
        else:
            record |= {"Bedrag": draw(st.integers(0, 4_000))}
        phases = sorted(
            draw(st.lists(st.integers(0, 100), min_size=len(scenario), max_size=len(scenario)))
        )
        record |= dict(zip(scenario, phases, strict=True))
        measures.append(record)
    base = draw(st.sampled_from(("programma", "programma+apparaat")))
    return first, last, scenario, base, departures, programme, apparatus, measures


def write(target: Path, example) -> None:
    first, last, scenario, base, departures, programme, apparatus, measures = example
    settings_ = yaml.safe_load((DATA / "editie.yml").read_text(encoding="utf-8"))
    settings_["periode"] = {"van": first, "tot": last}
    settings_["peildatum"] = f"{last + 1}-02-01"  # after the period, as editie.yml requires
    settings_["publicatiedatum"] = f"{last + 1}-06-14"
    settings_["besparing"] |= {
        "jaren": list(scenario),
        "referentiejaar": scenario[-1],
        "basis": base,
    }
    (target / "editie.yml").write_text(
        yaml.safe_dump(settings_, allow_unicode=True), encoding="utf-8"
    )
    edition = load_edition(target / "editie.yml")
    finance_years = tuple(range(first, scenario[-1] + 1))
    budget = frozenset(y for y in finance_years if y > last)
    finance = {
        "programma": SheetValues(
            bron="test",
            years=finance_years,
            budget_years=budget,
            rows=[("", k, v, None, "", {}) for k, v in programme.items()],
        ),
        "apparaat": SheetValues(
            bron="test",
            years=finance_years,
            budget_years=budget,
            rows=[("", k, v, None, "", {}) for k, v in apparatus.items()],
        ),
        "maatregelen": SheetValues(bron="test", years=scenario, records=measures),
    }
    stats = {
        "vertrek_type": SheetValues(
            bron="test",
            years=tuple(range(first, last + 1)),
            rows=[("", k, v, None, "", {}) for k, v in departures.items()],
        )
    }
    write_workbook(contract.FINANCE, edition, target / edition.finance_file, finance)
    write_workbook(contract.STATISTICS, edition, target / edition.statistics_file, stats)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(editions())
def test_model_invariants_and_render(example):
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        write(data, example)
        model = build_model(read_inputs(data))
        _, _, scenario_years, base_kind, _departures, programme, apparatus, _ = example
        # totals equal sums, per year and over the period
        table = model.tables["vertrek-type"]
        for index in range(len(table.columns)):
            parts = [r.values[index] for r in table.rows if r.kind == "component"]
            assert table.row("Totaal").values[index] == sum(parts)
        # shares add up to 100 in every year with departures (largest remainder); a year
        # without any departure has no shares to divide
        dep = model.indicators.departures
        for year, shares in dep.shares.items():
            assert sum(shares.values()) == (100 if dep.totals[year] else 0)
        # target = percentage of the base; base = the chosen lines in the reference year
        sc = model.scenario
        year = scenario_years[-1]
        base = sum(v[year] for v in programme.values())
        if base_kind == "programma+apparaat":
            base += sum(v[year] for v in apparatus.values())
        assert sc.base == base
        assert sc.target == int(round_half_up(Decimal(base) * sc.percentage / 100))
        # every yearly total is the sum of the amounts shown
        for y in sc.years:
            assert sc.totals[y] == sum(m.amounts[y] for m in sc.measures)
        document = render_document(model, data / "build")
        assert document.stat().st_size > 0
