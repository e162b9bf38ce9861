"""Compute stage: every table, indicator, figure and the -20% scenario the report shows.

`build_model` is a pure function of the inputs: no file is read or written. Tables and figures
are built from the catalog, in its order; one whose sheets were not supplied is simply not in
the model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from report.inputs.edition import Edition
from report.inputs.narrative import NarrativeFile, WordTable
from report.inputs.read import Inputs
from report.inputs.tables import Origin
from report.model.catalog import DATA_TABLES, FIGURES
from report.model.entries import DataTable, FigureEntry
from report.model.figures import Chart, Computed, Point
from report.model.indicators import Indicators, build_indicators
from report.model.nationalities import nationalities
from report.model.other_sources import other_source_corrections
from report.model.overrides import Override, parse_override
from report.model.printed import partner_note, printed_differences, rounding_note, totals_note
from report.model.reconcile import Correction, Difference, Reconciliation, correction_note
from report.model.savings import first_year_reached
from report.model.scenario import Scenario, build_scenario
from report.model.sources import Sources
from report.model.tables import ModelRow, ModelTable
from report.problems import InputError, Note, Problem

__all__ = [
    "Correction",
    "Difference",
    "Model",
    "ModelFigure",
    "ModelRow",
    "ModelTable",
    "build_model",
]


@dataclass(frozen=True)
class ModelFigure:
    key: str  # cross-reference label without prefix: @fig-<key>
    caption: str
    alt: str
    chart: Chart
    sources: tuple[Origin, ...] = ()  # the sheets its data comes from (its "Bron:" line)
    points: tuple[Point, ...] = ()  # every number it draws, with its source


@dataclass(frozen=True)
class Model:
    edition: Edition
    tables: dict[str, ModelTable]  # in the catalog's (the report's) order
    figures: dict[str, ModelFigure]  # in the catalog's order
    indicators: Indicators
    scenario: Scenario
    target_reached_in: int | None  # the first scenario year that meets the savings target
    notes: list[Note]  # the reader's notes, reconciliation notes and the scenario's notes
    absent: tuple[str, ...]  # titles of optional sheets that were not supplied
    differences: tuple[Difference, ...] = ()  # rounding differences, by table in report order
    corrections: tuple[Correction, ...] = ()  # figures other sources give differently
    # the edition's narrative files, passed on as read: the render stage places and checks them
    narrative: Mapping[str, NarrativeFile] = field(default_factory=dict)
    word_tables: Mapping[str, WordTable] = field(default_factory=dict)


def build_model(
    inputs: Inputs,
    overrides: Sequence[str | Override] = (),
    tables: Sequence[DataTable] = DATA_TABLES,
    figures: Sequence[FigureEntry] = FIGURES,
) -> Model:
    """All tables, indicators, figures and the scenario; InputError lists every problem found.

    `tables` and `figures` default to the catalog; a test may pass an extended catalog.
    """
    edition = inputs.edition
    problems: list[Problem] = []
    sources = Sources(edition, inputs.tables)
    if sources.supplied(("nationaliteiten",)):
        found = nationalities(sources.year("nationaliteiten"), edition)
        sources = replace(sources, nationalities=tuple(found))
    checks = Reconciliation()
    for entry in tables:
        partner = entry.partner
        if partner and sources.supplied((*entry.sheets, *partner.sheets)):
            partner.check(checks, entry.key, sources)
    problems += checks.problems
    parsed = [o if isinstance(o, Override) else parse_override(o) for o in overrides]
    scenario = None
    try:
        scenario = build_scenario(
            edition,
            sources.year("programma"),
            sources.year("apparaat"),
            sources.records("maatregelen"),
            parsed,
        )
    except InputError as error:
        problems += error.problems
    if problems or scenario is None:
        raise InputError(problems, inputs.notes)
    sources = replace(sources, scenario=scenario)
    built: dict[str, ModelTable] = {}
    for entry in tables:
        table = _build(entry, sources, checks) if sources.supplied(entry.sheets) else None
        if table is not None:
            built[entry.key] = table
    corrections, wrong, remarks = other_source_corrections(sources, built, tables)
    if wrong:
        raise InputError(wrong, [*inputs.notes, *remarks])
    checks.corrections += corrections
    checks.notes += remarks
    for key, table in built.items():
        note = correction_note([c for c in checks.corrections if key in c.tables])
        if note:
            built[key] = replace(table, notes=(*table.notes, note))
    indicators = build_indicators(sources)
    computed = Computed(built, indicators, scenario)
    drawn: dict[str, ModelFigure] = {}
    for figure in figures:
        data = figure.build(computed) if sources.supplied(figure.sheets) else None
        if data is not None:
            origins = tuple(sources.tables[sheet].origin for sheet in figure.sheets)
            drawn[figure.key] = ModelFigure(
                figure.key, figure.caption, data.alt, data.chart, origins, data.points
            )
    return Model(
        edition=edition,
        tables=built,
        figures=drawn,
        indicators=indicators,
        scenario=scenario,
        target_reached_in=first_year_reached(scenario),
        notes=[*inputs.notes, *sorted(set(checks.notes)), *scenario.notes],
        absent=tuple(sheet.title for sheet in inputs.absent if _shown(sheet.key, tables, figures)),
        differences=tuple(d for key in built for d in checks.of(key)),
        corrections=tuple(
            sorted(checks.corrections, key=lambda c: min(list(built).index(k) for k in c.tables))
        ),
        narrative=inputs.narrative,
        word_tables=inputs.word_tables,
    )


def _shown(sheet: str, tables: Sequence[DataTable], figures: Sequence[FigureEntry]) -> bool:
    """Whether a table or figure of the report needs the sheet (Andere bronnen: none does)."""
    return any(sheet in t.sheets for t in tables) or any(sheet in f.sheets for f in figures)


def _build(entry: DataTable, sources: Sources, checks: Reconciliation) -> ModelTable | None:
    """The entry's table with the notes on rounding differences under it."""
    table = entry.build(sources, entry.heading)
    if table is None:
        return None
    notes = []
    if entry.partner:
        found = checks.of(entry.key)
        notes.append(partner_note(found, entry.partner.described, entry.partner.unit))
    if entry.printed_totals:
        printed = printed_differences(entry.key, sources.year(entry.sheets[0]), table)
        checks.differences += printed
        checks.notes += [rounding_note(d) for d in printed]
        notes.append(totals_note(printed))
    return replace(table, notes=(*table.notes, *(n for n in notes if n)))
