"""The model's table type, and the one way an input table becomes a model table.

Totals and subtotals are always computed from the component rows; a total printed in the
workbook has been checked by the reader and is never copied. The render stage formats these
tables without knowing where they came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from report.inputs.contract import Role, normalise
from report.inputs.tables import Origin, TableRow, YearTable

Value = int | Decimal | None
TOTAL_COLUMN = "Totaal"
BUDGET_MARK = " (b)"
BUDGET_NOTE = "(b) begroting; de overige jaren zijn realisatie."


@dataclass(frozen=True)
class ModelRow:
    label: str
    values: tuple[Value, ...]  # aligned with ModelTable.columns; None = empty cell
    kind: str = "component"  # component | subtotal | total | info | group (a heading row)
    note: str = ""  # footnote for this row (e.g. the workbook's Toelichting)
    unit: str = ""  # a row in another unit than its table (a % row in a table of counts)


@dataclass(frozen=True)
class ModelTable:
    key: str  # cross-reference label without prefix, e.g. "vertrek-type" (→ @tbl-vertrek-type)
    title: str  # Dutch caption without number
    unit: str  # "aantal vreemdelingen" | "x € 1.000" | "%"
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
                if r.kind == "group" and normalise(r.label) == normalise(group)
            ]
            if not headings:
                raise KeyError(f"{self.key}: geen groep {group!r}")
            start = headings[0]
        for row in self.rows[start:]:
            if row.kind != "group" and normalise(row.label) == normalise(label):
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


def sum_known(values: Iterable[Value]) -> Value:
    """Sum of the filled cells; None when no cell is filled (nothing to add up)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def period_title(title: str, years: Sequence[int]) -> str:
    if not years:
        return title
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return f"{title} ({span})"


def year_columns(
    years: Sequence[int], total: bool, budget: frozenset[int] = frozenset()
) -> tuple[str, ...]:
    """Year headers; budget (not realised) years are marked "(b)"."""
    headers = tuple(f"{y}{BUDGET_MARK}" if y in budget else str(y) for y in years)
    return headers + ((TOTAL_COLUMN,) if total else ())


def values_for(row_values: dict[int, int | None], years: Sequence[int], total: bool) -> tuple:
    values = tuple(row_values.get(y) for y in years)
    return values + ((sum_known(values),) if total else ())


def added(rows: Sequence[TableRow], years: Sequence[int]) -> dict[int, int | None]:
    """Year-wise sum of rows."""
    return {y: sum_known(r.values.get(y) for r in rows) for y in years}


def from_year_table(
    table: YearTable,
    key: str,
    title: str,
    years: Sequence[int],
    *,
    total_column: bool = False,
    stub: str = "",
    group_labels: dict[str, str] | None = None,
    total_label: str = "",
    notes: Sequence[str] = (),
) -> ModelTable:
    """Lay out an input table in the contract's row order with computed (sub)totals.

    Rows follow the contract, so the model does not depend on how finance ordered the sheet;
    lines finance added go after the last contract line of their group. Subtotal and total
    rows appear where the contract defines them (whether or not the sheet printed them), and
    `total_label` adds a grand total to a sheet whose contract has none.
    """
    group_labels = group_labels or {}
    components = [r for r in table.rows if r.role is Role.COMPONENT]
    rows: list[ModelRow] = []
    current_group = None
    for kind, group, label, source in _ordered(table):
        if group and group != current_group and table.spec.grouped:
            rows.append(
                ModelRow(
                    group_labels.get(group, group), (None,) * _width(years, total_column), "group"
                )
            )
        current_group = group
        if source is not None:
            rows.append(
                ModelRow(
                    source.label,
                    values_for(source.values, years, total_column),
                    "info" if source.role is Role.INFO else "component",
                    source.toelichting,
                )
            )
            continue
        parts = (
            components
            if kind == "total"
            else [r for r in components if normalise(r.group) == normalise(group)]
        )
        rows.append(ModelRow(label, values_for(added(parts, years), years, total_column), kind))
    if total_label:
        rows.append(
            ModelRow(
                total_label, values_for(added(components, years), years, total_column), "total"
            )
        )
    budget = table.budget_years & frozenset(years)
    return ModelTable(
        key=key,
        title=period_title(title, years),
        unit=table.spec.unit,
        stub=stub or "Omschrijving",
        columns=year_columns(years, total_column, budget),
        rows=tuple(rows),
        sources=(table.origin,),
        notes=(*notes, BUDGET_NOTE) if budget else tuple(notes),
    )


def _width(years: Sequence[int], total_column: bool) -> int:
    return len(years) + (1 if total_column else 0)


def _ordered(table: YearTable) -> list[tuple[str, str, str, TableRow | None]]:
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
        return [("component", r.group, r.label, r) for r in extra]
    ordered: list[tuple[str, str, str, TableRow | None]] = []
    for index, row in enumerate(spec.rows):
        group = normalise(row.group)
        if row.role in (Role.COMPONENT, Role.INFO):
            found = by_key.get((group, normalise(row.label)))
            if found is not None:
                ordered.append((found.role.value, row.group, row.label, found))
            last_of_group = not any(
                r.role is Role.COMPONENT and normalise(r.group) == group
                for r in spec.rows[index + 1 :]
            )
            if row.role is Role.COMPONENT and last_of_group:
                ordered += [
                    ("component", row.group, r.label, r)
                    for r in extra
                    if normalise(r.group) == group
                ]
        else:
            kind = "total" if row.role is Role.TOTAL else "subtotal"
            ordered.append((kind, row.group, row.label, None))
    return ordered


def years_within(years: Sequence[int], first: int, last: int) -> tuple[int, ...]:
    """The table's years that fall in [first, last]."""
    return tuple(y for y in years if first <= y <= last)


def review_years(table, edition) -> tuple[int, ...]:
    """The table's years inside the edition's review period (later budget years excluded)."""
    return years_within(table.years, edition.first_year, edition.last_year)
