"""A year sheet (years across, labelled rows down) read into a YearTable."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from report.inputs import contract
from report.inputs.cells import (
    NOT_AVAILABLE,
    is_blank,
    is_not_available,
    parse_percent,
    parse_whole,
    parse_yes_no,
    plain,
    read_text,
)
from report.inputs.contract import Column, ColumnKind, Role, Row, YearSheet, normalise
from report.inputs.edition import Edition
from report.inputs.findings import SheetCells
from report.inputs.layout import read_layout
from report.inputs.tables import Attribute, TableRow, YearTable
from report.inputs.totals import check_totals
from report.inputs.year_header import (
    YearHeader,
    blank_years,
    budget_years,
    check_years,
    read_year_header,
    supplied_years,
)


@dataclass(frozen=True)
class Line:
    """A labelled row of the sheet, matched to the contract."""

    excel_row: int
    group: str
    label: str
    spec: Row


def needed_years(spec: YearSheet, edition: Edition) -> range:
    """The years a required sheet must cover: the period (finance: up to the savings base year)."""
    if not spec.required:
        return range(0)
    last = edition.last_year
    if spec.workbook == contract.FINANCE:
        last = max(last, edition.savings.reference_year)
    return range(edition.first_year, last + 1)


def read_year_table(cells: SheetCells, spec: YearSheet, edition: Edition) -> YearTable | None:
    """The table, or None when it cannot be read (problems reported) or was left blank."""
    mark = cells.findings.mark()
    layout = read_layout(cells, spec)
    if layout is None:
        return None
    label_col = 2 if spec.grouped else 1
    head = read_year_header(cells, spec, layout.header, label_col)
    if head is None:
        return None
    first = layout.header + 1
    status_row = None
    if spec.status_row:
        if normalise(cells.raw(first, 1)) == "status":
            status_row, first = first, first + 1
        else:
            cells.problem(
                f"A{first}",
                "rij 'Status' (realisatie of begroting per jaar) ontbreekt onder de kopregel",
            )
    lines = _lines(cells, spec, first, label_col, head)
    rows_read = [line.excel_row for line in lines]
    blank = blank_years(cells, head.years, rows_read)
    if len(blank) == len(head.years):
        cells.left_blank(mark, spec.required)
        return None
    needed = needed_years(spec, edition)
    check_years(cells, layout.header, head.years, needed)
    years = supplied_years(cells, layout.header, head.years, blank, needed)
    budget: frozenset[int] = frozenset()
    if status_row is not None:
        budget = budget_years(cells, status_row, years, edition.peildatum)
    for year in blank & set(years):  # an empty year between filled ones: reported, not summed
        cells.unreadable.update((r, years[year]) for r in rows_read)
    rows = [_row(cells, spec, line, head, years, blank) for line in lines]
    _check_rows(cells, spec, rows, label_col)
    check_totals(cells, spec, rows, years, head.total)
    last_row = max(rows_read, default=layout.header)
    last_col = max([*head.years.values(), head.total or 0, head.note or 0])
    origin = layout.origin(cells, last_col, last_row)
    ordered = tuple(sorted(years))
    return YearTable(
        spec,
        origin,
        ordered,
        tuple(rows),
        {year: get_column_letter(years[year]) for year in ordered},
        budget,
        {header: get_column_letter(col) for header, col in head.attributes.items()},
        get_column_letter(head.total) if head.total else "",
    )


def _lines(
    cells: SheetCells, spec: YearSheet, first: int, label_col: int, head: YearHeader
) -> list[Line]:
    """The labelled rows, matched to the contract; unknown and duplicated labels are refused."""
    lines: list[Line] = []
    group = ""
    seen: dict[tuple[str, str], str] = {}
    value_cols = [*head.years.values(), *(c for c in (head.total,) if c)]
    for r in cells.filled_rows(first):
        if spec.grouped and not is_blank(cells.raw(r, 1)):
            group = _text(cells, r, 1)
        raw = cells.raw(r, label_col)
        label_cell = cells.coordinate(r, label_col)
        if is_blank(raw):
            if any(not is_blank(cells.raw(r, c)) for c in value_cols):
                cells.problem(
                    label_cell,
                    "waarden zonder omschrijving in kolom " + get_column_letter(label_col),
                )
            continue
        label = _text(cells, r, label_col)
        if normalise(label).startswith("bron") and all(
            is_blank(cells.raw(r, c)) for c in value_cols
        ):
            continue  # a source note; "Bronbeveiliging" with amounts is a line
        row_spec = _match_row(spec, label, group)
        if row_spec is None:
            cells.problem(label_cell, f"onbekende regel {label[:60]!r}")
            continue
        key = (normalise(row_spec.group), normalise(row_spec.label))
        if key in seen:
            cells.problem(
                label_cell,
                f"regel {label!r} staat twee keer in de tabel: in {seen[key]} en in "
                f"{label_cell}; verwijder of hernoem een van beide",
            )
            continue
        seen[key] = label_cell
        lines.append(Line(r, row_spec.group, row_spec.label, row_spec))
    return lines


def _text(cells: SheetCells, row: int, column: int) -> str:
    text = read_text(cells.raw(row, column))
    if text.problem:
        cells.problem(cells.coordinate(row, column), text.problem)
    elif text.note:
        cells.note(cells.coordinate(row, column), text.note)
    return text.value


def _match_row(spec: YearSheet, label: str, group: str) -> Row | None:
    if not spec.rows:
        return Row(label, Role.COMPONENT, group)
    found = spec.row(label, group) or spec.row(label)
    if found is None and spec.extra_rows and not normalise(label).startswith("totaal"):
        return Row(label, Role.COMPONENT, group if spec.grouped else "")
    return found


def _row(
    cells: SheetCells,
    spec: YearSheet,
    line: Line,
    head: YearHeader,
    years: dict[int, int],
    blank: set[int],
) -> TableRow:
    """One row's values; an empty year column was reported once, not per cell."""
    r = line.excel_row
    toelichting = _text(cells, r, head.note) if head.note else ""
    printed = line.spec.role in (Role.TOTAL, Role.SUBTOTAL)
    values = {
        year: None if year in blank else _amount(cells, spec, r, col, toelichting, optional=printed)
        for year, col in years.items()
    }
    total = _amount(cells, spec, r, head.total, optional=True) if head.total else None
    attributes = {
        column.header: _attribute(cells, r, head.attributes[column.header], column, line.label)
        for column in spec.attributes
        if column.header in head.attributes
    }
    return TableRow(
        line.group, line.label, line.spec.role, values, r, toelichting, attributes, total
    )


def _amount(
    cells: SheetCells,
    spec: YearSheet,
    r: int,
    col: int,
    toelichting: str = "",
    optional: bool = False,
) -> int | None:
    """An amount, count or whole percentage; None for a printed total left out or n.b."""
    raw = cells.value(r, col)
    what = {contract.EURO: "bedrag", contract.PERCENT: "percentage"}.get(spec.unit, "aantal")
    coordinate = cells.coordinate(r, col)
    if is_not_available(raw):
        if optional:
            return None
        if not spec.gaps_allowed:
            cells.refuse(
                r,
                col,
                f"{NOT_AVAILABLE} is op dit werkblad niet toegestaan; vul een {what} in (een jaar "
                "zonder cijfers laat u helemaal leeg)",
            )
        elif not toelichting:
            cells.refuse(
                r,
                col,
                f"{NOT_AVAILABLE} vraagt een uitleg in de kolom Toelichting van deze regel (die "
                "uitleg komt in het rapport)",
            )
        return None
    if spec.unit == contract.PERCENT:
        parsed = parse_percent(raw, cells.number_format(r, col), what)
        if parsed.value is not None and parsed.value != parsed.value.to_integral_value():
            shown = plain(parsed.value)
            cells.refuse(r, col, f"{shown} is geen heel percentage; rond af op hele procenten")
            return None
    else:
        parsed = parse_whole(raw, what)
    if parsed.problem:
        cells.refuse(r, col, parsed.problem)
        return None
    if parsed.note:
        cells.note(coordinate, parsed.note)
    if parsed.value is None:
        if not optional and (r, col) not in cells.unreadable:
            hint = (
                f", of typ {NOT_AVAILABLE} als het bedrag niet bestaat (met uitleg in Toelichting)"
                if spec.gaps_allowed
                else ""
            )
            cells.refuse(r, col, f"lege cel; vul een {what} in{hint}")
        return None
    return int(parsed.value)


def _attribute(cells: SheetCells, r: int, col: int, column: Column, label: str) -> Attribute:
    raw = cells.value(r, col)
    coordinate = cells.coordinate(r, col)
    if column.kind is ColumnKind.YESNO:
        answer, problem = parse_yes_no(raw, f"{label}: {column.header}")
        if problem:
            cells.problem(coordinate, problem)
        return answer
    if is_blank(raw):
        if column.required:
            cells.problem(coordinate, f"{label}: {column.header} ontbreekt")
        return None
    parsed = parse_whole(raw, "aantal")
    if parsed.problem:
        cells.problem(coordinate, f"{label}: {parsed.problem}")
        return None
    if parsed.note:
        cells.note(coordinate, parsed.note)
    return None if parsed.value is None else int(parsed.value)


def _check_rows(cells: SheetCells, spec: YearSheet, rows: list[TableRow], label_col: int) -> None:
    present = {(normalise(r.group), normalise(r.label)) for r in rows}
    for row in spec.rows:
        missing = (normalise(row.group), normalise(row.label)) not in present
        if missing and row.role in (Role.COMPONENT, Role.INFO):
            where = f" in groep {row.group!r}" if row.group else ""
            cells.problem(
                f"kolom {get_column_letter(label_col)}", f"regel {row.label!r}{where} ontbreekt"
            )
