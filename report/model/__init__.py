"""Compute stage: every table, indicator and the -20% scenario the report shows.

`build_model` is a pure function of the inputs: no file is read or written. Tables appear in
the order of the report; a table whose sheet was not supplied is simply not in the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from report.inputs.edition import Edition
from report.inputs.read import Inputs
from report.inputs.tables import YearTable
from report.model import caseload, departures, indicators, return_measures, spending
from report.model.indicators import Indicators
from report.model.overrides import Override, parse_override
from report.model.reconcile import printed_total_note, reconcile, table_notes
from report.model.scenario import Scenario, build_scenario, savings_table
from report.model.tables import ModelRow, ModelTable
from report.problems import InputError, Note, Problem

__all__ = ["Model", "ModelRow", "ModelTable", "build_model"]


@dataclass(frozen=True)
class Model:
    edition: Edition
    tables: dict[str, ModelTable]  # in the order of the report
    indicators: Indicators
    scenario: Scenario
    notes: list[Note]  # the reader's notes, reconciliation notes and the scenario's notes
    absent: tuple[str, ...]  # titles of optional tables that were not supplied


def build_model(inputs: Inputs, overrides: Sequence[str | Override] = ()) -> Model:
    """All tables, indicators and the scenario; InputError lists every problem found."""
    edition, get = inputs.edition, inputs.get
    problems: list[Problem] = []
    found = (
        departures.nationalities(get("nationaliteiten"), edition) if get("nationaliteiten") else []
    )
    # (key, input sheet whose printed totals are checked, builder) in the report's order
    plan: list[tuple[str, str, Callable[[], ModelTable | None]]] = [
        ("vertrek-type", "vertrek_type", lambda: departures.by_type(get("vertrek_type"), edition)),
        ("vertrek-aandeel", "", lambda: departures.type_shares(get("vertrek_type"), edition)),
        (
            "vertrek-veilig",
            "vertrek_veilig",
            _if(get("vertrek_veilig"), departures.safe_countries, edition),
        ),
        ("top-overig", "", _top(get("nationaliteiten"), edition, found, safe=False)),
        ("top-veilig", "", _top(get("nationaliteiten"), edition, found, safe=True)),
        ("uitstroom-dtv", "uitstroom", _if(get("uitstroom"), caseload.outflow, edition)),
        ("vertrek-iom", "iom", _if(get("iom"), caseload.iom, edition)),
        ("vris", "", _if(get("vris"), return_measures.vris, edition)),
        ("uitgaven-programma", "programma", lambda: spending.programme(get("programma"), edition)),
        ("ontvangsten", "", _if(get("ontvangsten"), spending.receipts, edition)),
        ("opdracht", "opdracht", lambda: get("opdracht") and spending.assignment(get("opdracht"))),
        ("uitgaven-apparaat", "apparaat", lambda: spending.apparatus(get("apparaat"), edition)),
        (
            "terugkeerondersteuning",
            "ondersteuning",
            _if(get("ondersteuning"), caseload.support, edition),
        ),
        (
            "uitstroom-procenten",
            "",
            _if(get("uitstroom_pct"), caseload.outflow_percentages, edition),
        ),
        (
            "terugkeermaatregelen",
            "",
            _if(get("maatregelen_vertrek"), return_measures.return_measures, edition),
        ),
        ("vertrek-gl", "", lambda: get("gl") and return_measures.gl_departures(get("gl"))),
        ("uitgaven-dtv", "", lambda: spending.dtv(get("programma"), get("apparaat"), edition)),
    ]
    checks = reconcile(inputs.tables)
    problems += checks.problems
    below = table_notes(checks)
    tables: dict[str, ModelTable] = {}
    for key, sheet, make in plan:
        table = make()
        if table is None:
            continue
        extra = [below.get(key, "")]
        if sheet and isinstance(get(sheet), YearTable):
            extra.append(printed_total_note(get(sheet)))
        tables[key] = replace(table, notes=(*table.notes, *(n for n in extra if n)))
    parsed = [o if isinstance(o, Override) else parse_override(o) for o in overrides]
    scenario = None
    try:
        scenario = build_scenario(
            edition, get("programma"), get("apparaat"), get("maatregelen"), parsed
        )
    except InputError as error:
        problems += error.problems
    if problems:
        raise InputError(problems, inputs.notes)
    tables["besparing"] = savings_table(scenario)
    return Model(
        edition=edition,
        tables=tables,
        indicators=_indicators(inputs, found),
        scenario=scenario,
        notes=[*inputs.notes, *sorted(set(checks.notes)), *scenario.notes],
        absent=tuple(sheet.title for sheet in inputs.absent),
    )


def _if(table, build, edition: Edition) -> Callable[[], ModelTable | None]:
    return lambda: build(table, edition) if table is not None else None


def _top(table, edition, found, safe: bool) -> Callable[[], ModelTable | None]:
    return lambda: departures.top_table(table, edition, found, safe) if table is not None else None


def _indicators(inputs: Inputs, found) -> Indicators:
    edition, get = inputs.edition, inputs.get

    def optional(key: str, build):
        table = get(key)
        return None if table is None else build(table, edition)

    safe = optional("vertrek_veilig", indicators.safe_countries)
    nationalities = None
    if found:
        top_safe = departures.ranked(found, True)[: departures.TOP]
        top_other = departures.ranked(found, False)[: departures.TOP]
        nationalities = indicators.nationalities(top_safe, top_other, safe)
    return Indicators(
        departures=indicators.departures(get("vertrek_type"), edition),
        spending=indicators.spending(get("programma"), get("apparaat"), edition),
        safe_countries=safe,
        nationalities=nationalities,
        caseload=optional("uitstroom", indicators.caseload),
        outflow_percentages=optional("uitstroom_pct", indicators.outflow_percentages),
        iom=optional("iom", indicators.iom),
        support=optional("ondersteuning", indicators.support),
        detention=optional("maatregelen_vertrek", indicators.detention),
        gl=get("gl") and indicators.gl(get("gl")),
        vris=optional("vris", indicators.vris),
        receipts=optional("ontvangsten", indicators.receipts),
        assignment=get("opdracht") and indicators.assignment(get("opdracht")),
    )
