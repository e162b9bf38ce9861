"""What changed since the previous edition: revised figures, tables added or dropped, and the
parameters of the savings variant.

An edition's `Facts` are the cells of its tables (by table key, row and column, each a traced
number) and the parameters of its -20% variant. They come from a model (this edition, or a
previous edition's data folder) or from a previous tabellen.xlsx (its sheets Herkomst and
Besparingsvariant). A figure is revised when both editions have a value for the same table,
row and year and the values differ; the year must be a column of both (a total over another
period is not the same figure). A previous value is traced to where it was read, so the
differences in the report can be recomputed like every other number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from report.inputs.contract import Rule, Unit
from report.inputs.previous import PreviousTables
from report.model import Model
from report.model.catalog import TABLES
from report.model.entries import TextTable
from report.model.scenario import Scenario
from report.model.tables import BUDGET_MARK, RowKind
from report.provenance import Traced, cell, rebased

SETTINGS = "editie.yml"


@dataclass(frozen=True)
class Figure:
    table: str  # catalog key
    title: str  # the table's caption, with its period
    row: str  # 'group › label' below a group heading
    column: str  # as printed: "2017", "2017 (b)", "Totaal"
    value: Traced
    percent: bool = False  # a percentage (printed with %)

    @property
    def year(self) -> int | None:
        text = self.column.removesuffix(BUDGET_MARK)
        return int(text) if text.isdigit() else None

    @property
    def budget(self) -> bool:
        return self.column.endswith(BUDGET_MARK)


@dataclass(frozen=True)
class Parameter:
    part: str  # "Maatregel 1" or "editie.yml"
    name: str  # "Percentage", "Ingroei 2021", "besparing.percentage"
    value: str  # as text, numbers without trailing zeros ("30", "160.78")
    place: str = (
        ""  # where this edition keeps it ("financien.xlsx › Besparingsmaatregelen › rij 7")
    )


@dataclass(frozen=True)
class Facts:
    tables: dict[str, str]  # key -> title, in the report's order
    figures: tuple[Figure, ...]
    parameters: tuple[Parameter, ...]


@dataclass(frozen=True)
class Revision:
    previous: Figure
    current: Figure

    @property
    def difference(self) -> Traced:
        return self.current.value - self.previous.value


@dataclass(frozen=True)
class ParameterChange:
    part: str
    name: str
    previous: str  # "" when the previous edition did not have it
    current: str  # "" when this edition does not have it
    place: str = ""  # where this edition keeps it


@dataclass(frozen=True)
class Changes:
    source: str  # the previous edition, as the user named it
    revised: tuple[Revision, ...]
    added: tuple[str, ...]  # titles of tables new in this edition
    dropped: tuple[str, ...]  # titles of tables the previous edition had
    parameters: tuple[ParameterChange, ...]

    @property
    def source_name(self) -> str:
        """The previous edition's file or folder, without the path to it."""
        return Path(self.source).name

    def by_table(self) -> list[tuple[str, str, list[Revision]]]:
        """(key, title, revisions) per table, in this edition's order."""
        grouped: dict[str, list[Revision]] = {}
        for revision in self.revised:
            grouped.setdefault(revision.current.table, []).append(revision)
        return [(key, found[0].current.title, found) for key, found in grouped.items()]


def text(value: Decimal | int) -> str:
    return format(Decimal(value).normalize(), "f")


def facts(model: Model) -> Facts:
    figures = []
    for key, table in model.tables.items():
        for row, name in zip(table.rows, table.row_names(), strict=True):
            if row.kind is RowKind.GROUP:
                continue
            percent = (row.unit or table.unit) is Unit.PERCENT
            for column, value in zip(table.columns, row.provenance, strict=True):
                if value is not None:
                    figures.append(Figure(key, table.title, name, column, value, percent))
    titles = {key: table.title for key, table in model.tables.items()}
    return Facts(titles, tuple(figures), parameters(model.scenario))


def parameters(scenario: Scenario) -> tuple[Parameter, ...]:
    """The settings of the variant and every parameter of every measure."""
    found = [
        Parameter(SETTINGS, "besparing.percentage", text(scenario.percentage.value)),
        Parameter(SETTINGS, "besparing.referentiejaar", str(scenario.reference_year)),
        Parameter(SETTINGS, "besparing.basis", scenario.basis),
        Parameter(SETTINGS, "besparing.jaren", ", ".join(str(y) for y in scenario.years)),
    ]
    for measure in scenario.measures:
        part, d = f"Maatregel {measure.number}", measure.derivation
        given = {
            "Maatregel": measure.name,
            "Rekenregel": str(d.rule),
            "Begrotingsregel": measure.budget_line,
            "Percentage": d.percentage,
            "Bedrag": d.base_amount if d.rule in (Rule.AMOUNT, Rule.FIXED) else None,
            "Aantal fte": d.fte,
            "Kosten per fte": d.cost_per_fte,
            **{f"Ingroei {year}": share for year, share in measure.phase.items()},
        }
        for name, value in given.items():
            if value is None or value == "":
                continue
            shown = value if isinstance(value, str) else text(_number(value))
            found.append(Parameter(part, name, shown, measure.cell))
    return tuple(found)


def _number(value: Traced | Decimal) -> Decimal:
    return Decimal(value.value) if isinstance(value, Traced) else value


def previous_facts(previous: PreviousTables) -> Facts:
    """The facts of a previous tabellen.xlsx; each value traced to its cell in Herkomst."""
    file = str(previous.path)
    titles: dict[str, str] = {}
    figures = []
    for found in previous.cells:
        if found.key in _WORDS:  # a number in a table of words (a named value), not a figure
            continue
        titles.setdefault(found.key, found.title)
        value = cell(_whole(found.value), file, "Herkomst", found.address)
        figure = Figure(found.key, found.title, found.row, found.column, value, found.percent)
        figures.append(figure)
    return Facts(titles, tuple(figures), tuple(Parameter(*p) for p in previous.parameters))


_WORDS = {entry.key for entry in TABLES if isinstance(entry, TextTable)}


def _whole(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value


def folder_facts(model: Model, folder: str) -> Facts:
    """A previous edition's facts from its own data folder: its cells named with that folder."""
    found = facts(model)
    figures = tuple(
        Figure(f.table, f.title, f.row, f.column, rebased(f.value, folder), f.percent)
        for f in found.figures
    )
    return Facts(found.tables, figures, found.parameters)


def compare(previous: Facts, current: Facts, source: str) -> Changes:
    before = {(f.table, f.row, f.year): f for f in previous.figures if f.year is not None}
    revised = tuple(
        Revision(before[key], figure)
        for figure in current.figures
        if (key := (figure.table, figure.row, figure.year)) in before
        and figure.year is not None
        and before[key].value != figure.value
    )
    return Changes(
        source=source,
        revised=revised,
        added=tuple(t for k, t in current.tables.items() if k not in previous.tables),
        dropped=tuple(t for k, t in previous.tables.items() if k not in current.tables),
        parameters=_parameter_changes(previous.parameters, current.parameters),
    )


def _parameter_changes(
    previous: Iterable[Parameter], current: Iterable[Parameter]
) -> tuple[ParameterChange, ...]:
    before = {(p.part, p.name): p.value for p in previous}
    now = {(p.part, p.name): p for p in current}
    keys = list(now) + [key for key in before if key not in now]
    changed = []
    for key in keys:
        was, found = before.get(key, ""), now.get(key)
        value, place = (found.value, found.place) if found else ("", "")
        if was != value:
            changed.append(ParameterChange(*key, was, value, place))
    return tuple(changed)
