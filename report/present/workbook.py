"""Every table of figures of the report in one Excel file, for readers who reuse the figures.

One sheet per model table, numbered, named and ordered as the rendered document numbered it
(report.present.numbering): sheet "Tabel 7" is the report's Tabel 7. Tables of words (the
glossary, the policy areas) have no sheet, so the numbers may skip. Each sheet has caption,
unit, header row, the computed totals and where each figure came from (source note and
workbook › sheet › cell range). The file is byte-for-byte the same for the same model:
document dates come from the edition and the zip entries carry that date instead of the
time of writing.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from report.inputs.contract import Unit
from report.model import Model
from report.model.tables import ModelTable, RowKind
from report.numbers import date_text
from report.present.numbering import Numbering

HEADER_ROW = 4
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
BOLD = Font(bold=True)
SHEET_NAME_LENGTH = 31  # Excel's limit
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def sheet_name(number: int, title: str) -> str:
    """'Tabel 3 Type vertrek van vreemd…' — unique through its number, at most 31 characters."""
    text = " ".join(_NOT_IN_SHEET_NAMES.sub(" ", f"Tabel {number} {title}").split())
    return text if len(text) <= SHEET_NAME_LENGTH else text[: SHEET_NAME_LENGTH - 1] + "…"


def _source_lines(table: ModelTable) -> list[str]:
    lines = []
    for origin in table.sources:
        text = f"Bron: {origin.bron or origin.file}"
        if origin.peildatum:
            text += f", peildatum {date_text(origin.peildatum)}"
        lines.append(text)
        lines.append(f"Herkomst van de cijfers: {origin}")
    return lines


def _write_table(ws: Worksheet, number: int, table: ModelTable) -> None:
    ws["A1"] = f"Tabel {number}. {table.title}"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = f"Eenheid: {'procenten' if table.unit is Unit.PERCENT else table.unit}"
    for col, header in enumerate([table.stub, *table.columns], start=1):
        cell = ws.cell(HEADER_ROW, col, header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(horizontal="left" if col == 1 else "right", wrap_text=True)
    style = "#,##0" + ("." + "0" * table.decimals if table.decimals else "")
    row = HEADER_ROW + 1
    for model_row in table.rows:
        label = ws.cell(row, 1, model_row.label)
        strong = model_row.kind.is_sum or model_row.kind is RowKind.GROUP
        label.font = Font(bold=strong, italic=model_row.kind is RowKind.GROUP)
        if model_row.kind is RowKind.INFO:
            label.alignment = Alignment(indent=1)
        for col, value in enumerate(model_row.values, start=2):
            if value is not None:
                cell = ws.cell(row, col, value)
                cell.number_format = style
                cell.font = Font(bold=strong)
        row += 1
    row += 1
    below = _source_lines(table)
    below += [f"{r.label}: {r.note}" for r in table.rows if r.note]
    below += list(table.notes)
    for text in below:
        ws.cell(row, 1, text)
        row += 1
    ws.column_dimensions["A"].width = min(60, max(len(r.label) for r in table.rows) + 4)
    for col in range(2, len(table.columns) + 2):
        ws.column_dimensions[get_column_letter(col)].width = 13
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2).coordinate


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose entries all carry one given date, so the bytes do not vary."""

    def __init__(self, file: io.BytesIO, date_time: tuple[int, int, int, int, int, int]):
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.fixed = date_time

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.fixed)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        """Worksheets arrive as temporary files; store their content, not their file date."""
        self.writestr(arcname or os.path.basename(filename), Path(filename).read_bytes())


Rows = Sequence[Sequence[str | int | Decimal]]  # a plain sheet: a header row, then the data rows


def _write_rows(ws: Worksheet, rows: Rows) -> None:
    """A plain sheet after the tables (herkomst: one row per printed number)."""
    for number, values in enumerate(rows, start=1):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(number, col, value)
            if number == 1:
                cell.font, cell.fill = BOLD, HEADER_FILL
    ws.freeze_panes = "A2"


def workbook_bytes(
    model: Model, numbering: Numbering, extra: Sequence[tuple[str, Rows]] = ()
) -> bytes:
    """The tables workbook as bytes: the model's tables, numbered as the document numbered them,
    then each `extra` sheet (name, rows)."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    for numbered in numbering.tables:
        table = model.tables.get(numbered.key)
        if table is not None:
            sheet = book.create_sheet(sheet_name(numbered.number, table.title))
            _write_table(sheet, numbered.number, table)
    for name, rows in extra:
        _write_rows(book.create_sheet(name), rows)
    edition = model.edition
    moment = dt.datetime.combine(edition.published, dt.time())
    book.properties.title = f"{edition.title} — tabellen"
    book.properties.creator = edition.ministry
    book.properties.language = "nl-NL"
    book.properties.created = book.properties.modified = moment
    buffer = io.BytesIO()
    archive = _FixedTimeZip(buffer, (moment.year, moment.month, moment.day, 0, 0, 0))
    ExcelWriter(book, archive).save()  # not openpyxl's save(): that stamps the current time
    return buffer.getvalue()


def write_tables_workbook(
    model: Model, path: Path, numbering: Numbering, extra: Sequence[tuple[str, Rows]] = ()
) -> None:
    """Write the workbook atomically: a failed write leaves any previous file intact."""
    data = workbook_bytes(model, numbering, extra)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
