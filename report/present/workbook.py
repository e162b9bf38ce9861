"""tabellen.xlsx: every table of figures of the report in one workbook, for finance.

One sheet per model table, numbered, named and ordered as the rendered document numbered it
(report.present.numbering): sheet "Tabel 7" is the report's Tabel 7. Tables of words (the
glossary, the policy areas) have no sheet, so the numbers may skip; the contents sheet says
which. The contents sheet comes first and links to every sheet; `ListSheet`s (lists such as
the origin of every number) follow the tables. How a sheet looks is in workbook_sheets.py.

The file is byte-for-byte the same for the same model: document dates come from the edition
and the zip entries carry that date instead of the time of writing.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from report.model import Model
from report.model.tables import ModelTable
from report.numbers import date_text
from report.present.numbering import Numbering
from report.present.table_text import UNIT_WORDS, mixed_units, origins, source_texts
from report.present.workbook_sheets import (
    BOLD,
    CAPTION,
    CONTENTS,
    LABEL_WIDTH,
    WRAPPED,
    ListSheet,
    fit_heights,
    link,
    list_sheet,
    print_setup,
    table_sheet,
)

__all__ = ["ListSheet", "sheet_name", "workbook_bytes", "write_tables_workbook"]

SHEET_NAME_LENGTH = 31  # Excel's limit
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\']")


def sheet_name(number: int, title: str) -> str:
    """'Tabel 3 Type vertrek van vreemd…' — unique through its number, at most 31 characters."""
    text = " ".join(_NOT_IN_SHEET_NAMES.sub(" ", f"Tabel {number} {title}").split())
    return text if len(text) <= SHEET_NAME_LENGTH else text[: SHEET_NAME_LENGTH - 1] + "…"


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


def workbook_bytes(model: Model, numbering: Numbering, lists: Sequence[ListSheet] = ()) -> bytes:
    """The tables workbook as bytes: the model's tables, numbered as the document numbered them.

    `lists` are extra sheets after the tables (each named by its `name`).
    """
    book = Workbook()
    contents = book.worksheets[0]
    contents.title = CONTENTS
    shown: list[tuple[int, ModelTable, str]] = []
    for numbered in numbering.tables:
        table = model.tables.get(numbered.key)
        if table is not None:
            name = sheet_name(numbered.number, table.title)
            table_sheet(book.create_sheet(name), numbered.number, table)
            shown.append((numbered.number, table, name))
    for extra in lists:
        list_sheet(book.create_sheet(extra.name), extra)
    without = [n.number for n in numbering.tables if n.key not in model.tables]
    _contents(contents, model, shown, without, lists)
    edition = model.edition
    moment = dt.datetime.combine(edition.published, dt.time())
    properties = book.properties
    properties.title = f"{edition.title} — tabellen"
    properties.subject = f"Tabellen bij de beleidsdoorlichting van artikel {edition.article}"
    properties.description = (
        "Alle tabellen met cijfers uit het rapport, genummerd als in het rapport, met eenheid, "
        "bron, peildatum en het celbereik in de werkmappen waaruit de cijfers komen."
    )
    properties.keywords = f"beleidsdoorlichting; artikel {edition.article}; tabellen"
    properties.category = "Beleidsdoorlichting"
    properties.creator = properties.lastModifiedBy = edition.ministry
    properties.language = "nl-NL"
    properties.created = properties.modified = moment
    buffer = io.BytesIO()
    archive = _FixedTimeZip(buffer, (moment.year, moment.month, moment.day, 0, 0, 0))
    ExcelWriter(book, archive).save()  # not openpyxl's save(): that stamps the current time
    return buffer.getvalue()


def _contents(
    ws: Worksheet,
    model: Model,
    shown: Sequence[tuple[int, ModelTable, str]],
    without: Sequence[int],
    lists: Sequence[ListSheet],
) -> None:
    """The first sheet: what the workbook holds, with a link to every sheet."""
    edition = model.edition
    ws["A1"] = f"{edition.title} — tabellen"
    ws["A1"].font = CAPTION
    lines = [
        f"Alle tabellen met cijfers uit het rapport van {date_text(edition.published)}, "
        "elk op een eigen werkblad en genummerd als in het rapport.",
        f"Peildatum van de cijfers: {date_text(edition.peildatum)}.",
        "Bedragen en aantallen zijn hele getallen; percentages zijn als percentage opgeslagen "
        "(de cel bevat 0,63 en toont 63%). Een – betekent: geen cijfer; de toelichting onder "
        "de tabel zegt waarom.",
    ]
    if without:
        lines.append(
            "Tabellen met alleen tekst staan niet in deze werkmap: " + _numbers(without) + "."
        )
    for row, text in enumerate(lines, start=2):
        ws.cell(row, 1, text)
    header_row = len(lines) + 3
    headers = ("Werkblad", "Titel", "Eenheid", "Bron", "Herkomst van de cijfers")
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(header_row, col, text)
        cell.font = BOLD
    entries: list[tuple[str, str, tuple[str, ...]]] = [
        (
            name,
            f"Tabel {number}",
            (
                table.title,
                "per regel" if mixed_units(table) else UNIT_WORDS[table.unit],
                "; ".join(source_texts(table)),
                "; ".join(origins(table)),
            ),
        )
        for number, table, name in shown
    ]
    entries += [(extra.name, extra.name, (extra.caption,)) for extra in lists]
    row = header_row
    for name, shown_as, texts in entries:
        row += 1
        link(ws.cell(row, 1, shown_as), name)
        for col, text in enumerate(texts, start=2):
            ws.cell(row, col, text).alignment = WRAPPED
    first = max([len(headers[0]), *(len(shown_as) for _, shown_as, _ in entries)]) + 2
    for letter, width in zip("ABCDE", (first, LABEL_WIDTH, 12, 40, 45), strict=True):
        ws.column_dimensions[letter].width = width
    fit_heights(ws, range(header_row + 1, row + 1))
    ws.freeze_panes = ws.cell(header_row + 1, 1).coordinate
    print_setup(ws, header_row)


def _numbers(numbers: Sequence[int]) -> str:
    """'Tabel 1, 18 en 21'."""
    texts = [str(n) for n in numbers]
    return "Tabel " + (", ".join(texts[:-1]) + " en " + texts[-1] if len(texts) > 1 else texts[0])


def write_tables_workbook(
    model: Model, path: Path, numbering: Numbering, lists: Sequence[ListSheet] = ()
) -> None:
    """Write the workbook atomically: a failed write leaves any previous file intact."""
    data = workbook_bytes(model, numbering, lists)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
