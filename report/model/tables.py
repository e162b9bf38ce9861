"""The model's table type, and the one way an input table becomes a model table.

Totals and subtotals are always computed from the component rows; a total printed in the
workbook has been checked by the reader and is never copied. The render stage formats these
tables without knowing where they came from.

A cell is a plain number (`Value`); where it came from sits beside it in the row
(`ModelRow.provenance`, a traced number per cell), filled in where values are made:
`from_year_table`, the sum helpers below and the builders that compute rows of their own.
Rows are made from traced numbers (`ModelRow.traced`), so a value and its source cannot part.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from report.cited import joined
from report.inputs.contract import Role, Unit, normalise
from report.inputs.edition import Edition
from report.inputs.tables import Origin, TableRow, YearTable
from report.model.traced import added as added_cells
from report.model.traced import year_cell
from report.provenance import Traced, total

Number = int | Decimal
Value = Number | None  # None: an empty cell
TOTAL_COLUMN = "Totaal"
BUDGET_MARK = " (b)"
BUDGET_NOTE = "(b) begroting; de overige jaren zijn realisatie."


class RowKind(StrEnum):
    """How a row of a model table is shown and whether it is a sum."""

    COMPONENT = "component"
    SUBTOTAL = "subtotal"
    TOTAL = "total"
    INFO = "info"  # shown, outside every sum
    GROUP = "group"  # a heading row without values

    @property
    def is_sum(self) -> bool:
        return self in (RowKind.SUBTOTAL, RowKind.TOTAL)


TracedValue = Traced | None  # None: an empty cell


@dataclass(frozen=True)
class ModelRow:
    label: str
    values: tuple[Value, ...]  # aligned with ModelTable.columns; None = empty cell
    kind: RowKind = RowKind.COMPONENT
    note: str = ""  # footnote for this row (e.g. the workbook's Toelichting)
    unit: Unit | None = None  # a row in another unit than its table (a % row in a table of counts)
    provenance: tuple[TracedValue, ...] = ()  # per value: where it came from (() for a heading)

    @classmethod
    def traced(
        cls,
        label: str,
        cells: Sequence[TracedValue],
        kind: RowKind = RowKind.COMPONENT,
        note: str = "",
        unit: Unit | None = None,
    ) -> ModelRow:
        """A row whose values are the traced numbers' values, with their sources beside them."""
        values = tuple(None if c is None else c.value for c in cells)
        return cls(label, values, kind, note, unit, tuple(cells))


@dataclass(frozen=True)
class ModelTable:
    key: str  # cross-reference label without prefix, e.g. "vertrek-type" (→ @tbl-vertrek-type)
    title: str  # Dutch caption without number
    unit: Unit
    stub: str  # header of the label column
    columns: tuple[str, ...]  # e.g. ("2011", …, "2017", "Totaal")
    rows: tuple[ModelRow, ...]
    sources: tuple[Origin, ...]
    notes: tuple[str, ...] = ()  # reconciliation / rounding notes for under the table (Dutch)
    decimals: int = 0

    def row(self, label: str, group: str = "") -> ModelRow:
        """The first data row called `label` (below the group heading `group`, if given)."""
        start = 0
        if group:
            headings = [
                i
                for i, r in enumerate(self.rows)
                if r.kind is RowKind.GROUP and normalise(r.label) == normalise(group)
            ]
            if not headings:
                raise KeyError(f"{self.key}: geen groep {group!r}")
            start = headings[0]
        for row in self.rows[start:]:
            if row.kind is not RowKind.GROUP and normalise(row.label) == normalise(label):
                return row
        raise KeyError(f"{self.key}: geen regel {label!r}")

    def column(self, column: str | int) -> int:
        """Index of a column by its header or its year (budget years carry a mark)."""
        for index, header in enumerate(self.columns):
            if header in (str(column), f"{column}{BUDGET_MARK}"):
                return index
        raise KeyError(f"{self.key}: geen kolom {column!r}")

    def value(self, label: str, column: str | int, group: str = "") -> Value:
        return self.row(label, group).values[self.column(column)]

    def row_names(self) -> list[str]:
        """Each row's label, below a group heading as 'heading › label' (unique in a table)."""
        names, group = [], ""
        for row in self.rows:
            if row.kind is RowKind.GROUP:
                group = row.label
            below = group and row.kind is not RowKind.GROUP
            names.append(f"{group} › {row.label}" if below else row.label)
        return names

    @property
    def years(self) -> tuple[int, ...]:
        """The year columns, without their budget mark."""
        years = (header.removesuffix(BUDGET_MARK) for header in self.columns)
        return tuple(int(year) for year in years if year.isdigit())


@dataclass(frozen=True)
class Heading:
    """What the catalog says about a table: label, caption, unit, label column, standing notes.

    Builders make their table through `table()`, so the caption and unit have one owner.
    """

    key: str
    caption: str  # without the period; `table()` adds the years shown
    unit: Unit
    stub: str = "Omschrijving"
    notes: tuple[str, ...] = ()

    def table(
        self,
        columns: Sequence[str],
        rows: Sequence[ModelRow],
        sources: Sequence[Origin],
        *,
        period: str = "",
        notes: Sequence[str] = (),
    ) -> ModelTable:
        return ModelTable(
            key=self.key,
            title=joined((self.caption, f" ({period})"), "") if period else self.caption,
            unit=self.unit,
            stub=self.stub,
            columns=tuple(columns),
            rows=tuple(rows),
            sources=tuple(sources),
            notes=(*self.notes, *notes),
        )


def sum_known(values: Iterable[TracedValue]) -> TracedValue:
    """Sum of the filled cells; None when no cell is filled (nothing to add up)."""
    known = [v for v in values if v is not None]
    return total(known) if known else None


def column_sums(rows: Sequence[ModelRow], width: int) -> tuple[TracedValue, ...]:
    """Column-wise sum of the filled cells of `rows`."""
    return tuple(sum_known(r.provenance[i] for r in rows) for i in range(width))


def period_text(years: Sequence[int]) -> str:
    """'2011–2017' (one year: '2016'; none: '')."""
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def year_columns(
    years: Sequence[int], total: bool, budget: frozenset[int] = frozenset()
) -> tuple[str, ...]:
    """Year headers; budget (not realised) years are marked "(b)"."""
    headers = tuple(f"{y}{BUDGET_MARK}" if y in budget else str(y) for y in years)
    return headers + ((TOTAL_COLUMN,) if total else ())


def values_for(
    row_values: Mapping[int, TracedValue], years: Sequence[int], total_column: bool
) -> tuple[TracedValue, ...]:
    values = tuple(row_values.get(y) for y in years)
    return values + ((sum_known(values),) if total_column else ())


def added(
    table: YearTable, rows: Sequence[TableRow], years: Sequence[int]
) -> dict[int, TracedValue]:
    """Year-wise sum of rows."""
    return {y: added_cells(table, rows, y) for y in years}


def cells_of(table: YearTable, row: TableRow, years: Sequence[int]) -> dict[int, TracedValue]:
    return {y: year_cell(table, row, y) for y in years}


def from_year_table(
    table: YearTable,
    heading: Heading,
    years: Sequence[int],
    *,
    total_column: bool = False,
    group_labels: Mapping[str, str] | None = None,
    total_label: str = "",
) -> ModelTable:
    """Lay out an input table in the contract's row order with computed (sub)totals.

    Rows follow the contract, so the model does not depend on how finance ordered the sheet;
    lines finance added go after the last contract line of their group. Subtotal and total
    rows appear where the contract defines them (whether or not the sheet printed them), and
    `total_label` adds a grand total to a sheet whose contract has none.
    """
    group_labels = group_labels or {}
    components = [r for r in table.rows if r.role is Role.COMPONENT]
    width = len(years) + (1 if total_column else 0)
    rows: list[ModelRow] = []
    current_group = None
    for kind, group, label, source in _ordered(table):
        if group and group != current_group and table.spec.grouped:
            rows.append(ModelRow(group_labels.get(group, group), (None,) * width, RowKind.GROUP))
        current_group = group
        if source is not None:
            rows.append(
                ModelRow.traced(
                    source.label,
                    values_for(cells_of(table, source, years), years, total_column),
                    RowKind.INFO if source.role is Role.INFO else RowKind.COMPONENT,
                    source.toelichting,
                )
            )
            continue
        parts = (
            components
            if kind is RowKind.TOTAL
            else [r for r in components if normalise(r.group) == normalise(group)]
        )
        sums = values_for(added(table, parts, years), years, total_column)
        rows.append(ModelRow.traced(label, sums, kind))
    if total_label:
        sums = values_for(added(table, components, years), years, total_column)
        rows.append(ModelRow.traced(total_label, sums, RowKind.TOTAL))
    budget = table.budget_years & frozenset(years)
    return heading.table(
        year_columns(years, total_column, budget),
        rows,
        (table.origin,),
        period=period_text(years),
        notes=(BUDGET_NOTE,) if budget else (),
    )


def _ordered(table: YearTable) -> list[tuple[RowKind, str, str, TableRow | None]]:
    """(kind, group, label, input row or None for a computed row) in the contract's order."""
    spec = table.spec
    by_key = {(normalise(r.group), normalise(r.label)): r for r in table.rows}
    contract_keys = {(normalise(r.group), normalise(r.label)) for r in spec.rows}
    extra = [
        r
        for r in table.rows
        if r.role is Role.COMPONENT
        and (normalise(r.group), normalise(r.label)) not in contract_keys
    ]
    if not spec.rows:  # a free list (nationalities): the sheet's own order
        return [(RowKind.COMPONENT, r.group, r.label, r) for r in extra]
    ordered: list[tuple[RowKind, str, str, TableRow | None]] = []
    for index, row in enumerate(spec.rows):
        group = normalise(row.group)
        if row.role in (Role.COMPONENT, Role.INFO):
            found = by_key.get((group, normalise(row.label)))
            if found is not None:
                kind = RowKind.INFO if found.role is Role.INFO else RowKind.COMPONENT
                ordered.append((kind, row.group, row.label, found))
            last_of_group = not any(
                r.role is Role.COMPONENT and normalise(r.group) == group
                for r in spec.rows[index + 1 :]
            )
            if row.role is Role.COMPONENT and last_of_group:
                ordered += [
                    (RowKind.COMPONENT, row.group, r.label, r)
                    for r in extra
                    if normalise(r.group) == group
                ]
        else:
            kind = RowKind.TOTAL if row.role is Role.TOTAL else RowKind.SUBTOTAL
            ordered.append((kind, row.group, row.label, None))
    return ordered


def years_within(years: Sequence[int], first: int, last: int) -> tuple[int, ...]:
    """The table's years that fall in [first, last]."""
    return tuple(y for y in years if first <= y <= last)


def review_years(table: YearTable, edition: Edition) -> tuple[int, ...]:
    """The table's years inside the edition's review period (later budget years excluded)."""
    return years_within(table.years, edition.first_year, edition.last_year)
