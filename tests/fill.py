"""Fill a blank template the way finance does: values only, typed into the template's cells.

`fill_like_finance` copies every value of a filled workbook (the sample data) into a blank
template written by `python build.py template`, finding each cell by its row label and year
(or column heading), never by position. Nothing is inserted, deleted or reformatted: a value
goes into the cell the template offers, a new row label into the first open row, and a year
the template does not offer is reported, as finance would find it missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from report.inputs import contract
from report.inputs.cells import year_of
from report.inputs.contract import RecordSheet, YearSheet, normalise

META = ("bron", "peildatum", "periode")


@dataclass
class Filled:
    """What could not be typed into the template (each would stop finance)."""

    missing: list[str] = field(default_factory=list)


def _header_row(ws: Worksheet, spec: YearSheet | RecordSheet) -> int:
    if isinstance(spec, RecordSheet):
        first = spec.columns[0].header
    else:
        first = "Groep" if spec.grouped else spec.label_header
    for row in range(1, 40):
        if normalise(ws.cell(row, 1).value) == normalise(first):
            return row
    raise AssertionError(f"{ws.title}: no header row")


def _headers(ws: Worksheet, row: int) -> dict[object, int]:
    """Column heading (a year as int, other headings normalised) -> column number."""
    found: dict[object, int] = {}
    for col in range(1, ws.max_column + 1):
        raw = ws.cell(row, col).value
        if raw in (None, ""):
            continue
        year = year_of(raw)
        found[year if year is not None else normalise(raw)] = col
    return found


def _copy_meta(source: Worksheet, target: Worksheet, header: int, out: Filled) -> None:
    rows = {normalise(target.cell(r, 1).value): r for r in range(1, header)}
    for r in range(1, header):
        key = normalise(source.cell(r, 1).value)
        value = source.cell(r, 2).value
        if key in META and value not in (None, ""):
            if key not in rows:
                out.missing.append(f"{target.title}: no field {key}")
                continue
            target.cell(rows[key], 2).value = value


def _fill_year_sheet(source: Worksheet, target: Worksheet, spec: YearSheet, out: Filled) -> None:
    s_head, t_head = _header_row(source, spec), _header_row(target, spec)
    _copy_meta(source, target, t_head, out)
    s_cols, t_cols = _headers(source, s_head), _headers(target, t_head)
    label_col = 2 if spec.grouped else 1
    first = s_head + 1
    if spec.status_row:
        for key, col in s_cols.items():
            if isinstance(key, int) and key in t_cols:
                target.cell(t_head + 1, t_cols[key]).value = source.cell(s_head + 1, col).value
        first += 1
    t_first = t_head + 2 if spec.status_row else t_head + 1
    t_rows: dict[tuple[str, str], int] = {}
    open_rows: list[int] = []
    group = ""
    for r in range(t_first, target.max_row + 1):
        if spec.grouped and target.cell(r, 1).value:
            group = normalise(target.cell(r, 1).value)
        label = target.cell(r, label_col).value
        if label in (None, ""):
            if not target.cell(r, label_col).protection.locked:
                open_rows.append(r)
            continue
        t_rows[(group, normalise(label))] = r
    group_text = ""
    for r in range(first, source.max_row + 1):
        if spec.grouped and source.cell(r, 1).value:
            group_text = str(source.cell(r, 1).value)
        label = source.cell(r, label_col).value
        if label in (None, ""):
            continue
        key = (normalise(group_text) if spec.grouped else "", normalise(label))
        row = t_rows.get(key)
        if row is None:
            if not open_rows:
                out.missing.append(f"{target.title}: no open row for {label!r}")
                continue
            row = open_rows.pop(0)
            if spec.grouped:
                target.cell(row, 1).value = group_text
            target.cell(row, label_col).value = label
        for heading, col in s_cols.items():
            value = source.cell(r, col).value
            if value in (None, "") or heading in ("totaal", normalise(spec.label_header), "groep"):
                continue  # the template offers no printed-total column; totals are computed
            if heading not in t_cols:
                out.missing.append(f"{target.title}: no column {heading!r} for {label!r}")
                continue
            target.cell(row, t_cols[heading]).value = value


def _fill_record_sheet(
    source: Worksheet, target: Worksheet, spec: RecordSheet, out: Filled
) -> None:
    s_head, t_head = _header_row(source, spec), _header_row(target, spec)
    _copy_meta(source, target, t_head, out)
    s_cols, t_cols = _headers(source, s_head), _headers(target, t_head)
    t_row = t_head + 1
    for r in range(s_head + 1, source.max_row + 1):
        if all(source.cell(r, c).value in (None, "") for c in s_cols.values()):
            continue
        for heading, col in s_cols.items():
            value = source.cell(r, col).value
            if value in (None, ""):
                continue
            if heading not in t_cols:
                out.missing.append(f"{target.title}: no column {heading!r}")
                continue
            target.cell(t_row, t_cols[heading]).value = value
        t_row += 1


def fill_like_finance(sample: Path, template: Path, workbook: str) -> Filled:
    """Type every value of `sample` into the blank `template` (saved in place)."""
    out = Filled()
    source = openpyxl.load_workbook(sample, data_only=True)
    target = openpyxl.load_workbook(template)
    for spec in contract.sheets_of(workbook):
        if spec.sheet not in source.sheetnames:
            continue
        if spec.sheet not in target.sheetnames:
            out.missing.append(f"template lacks sheet {spec.sheet}")
            continue
        if isinstance(spec, YearSheet):
            _fill_year_sheet(source[spec.sheet], target[spec.sheet], spec, out)
        else:
            _fill_record_sheet(source[spec.sheet], target[spec.sheet], spec, out)
    target.save(template)
    return out
