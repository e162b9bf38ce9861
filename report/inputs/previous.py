"""The previous edition's tabellen.xlsx, as far as `compare` needs it.

Its sheet Herkomst lists every number the previous report printed, with the table, row and
column of each table cell; its sheet Besparingsvariant lists the parameters of the savings
variant. Both are written by this program (report/present/herkomst.py, changes.py), so a
tabellen.xlsx without them comes from another program or an older version: the message says
so and names the file and the sheet. (A previous edition's data folder is read as any edition.)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from report.problems import InputError, Problem

HERKOMST = "Herkomst"
PARAMETERS = "Besparingsvariant"
PARAMETER_HEADER = ("Onderdeel", "Parameter", "Waarde")
MAX_HEADER = 10  # the header row is among the first rows (under a caption)
_NEEDED = ("onderdeel", "sleutel", "regel", "kolom", "waarde", "tekst")


@dataclass(frozen=True)
class PreviousCell:
    """One cell of a table of the previous report."""

    key: str  # the table's catalog key
    title: str  # its caption ("Programma-uitgaven begrotingsartikel 37.3 (2011–2017)")
    row: str
    column: str
    value: Decimal
    address: str  # of its value in the sheet Herkomst ("G12")
    percent: bool = False  # printed as a percentage


@dataclass(frozen=True)
class PreviousTables:
    path: Path
    cells: tuple[PreviousCell, ...]
    parameters: tuple[tuple[str, str, str], ...]  # (part, parameter, value as text)


def read_previous_tables(path: Path) -> PreviousTables:
    """The table cells and savings parameters of a previous tabellen.xlsx; InputError if unusable."""
    name = path.name
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, BadZipFile, InvalidFileException, KeyError, ValueError):
        raise InputError([_problem(name, "", "is geen leesbare Excel-werkmap (.xlsx)")]) from None
    try:
        missing = [sheet for sheet in (HERKOMST, PARAMETERS) if sheet not in book.sheetnames]
        if missing:
            raise InputError(
                [
                    _problem(
                        name,
                        sheet,
                        "werkblad ontbreekt; vergelijk met een tabellen.xlsx die dit programma "
                        "heeft gemaakt, of geef de gegevensmap van de vorige editie",
                    )
                    for sheet in missing
                ]
            )
        cells = _cells(name, list(book[HERKOMST].iter_rows(values_only=True)))
        parameters = _parameters(name, list(book[PARAMETERS].iter_rows(values_only=True)))
    finally:
        book.close()
    return PreviousTables(path, cells, parameters)


def _problem(file: str, sheet: str, message: str, cell: str = "") -> Problem:
    return Problem(file, sheet, cell, message)


def _header(rows: list[tuple[object, ...]], first: str) -> int:
    """The index of the header row: the first row whose first cell is `first` (-1: none)."""
    return next((i for i, row in enumerate(rows[:MAX_HEADER]) if row and row[0] == first), -1)


def _cells(file: str, rows: list[tuple[object, ...]]) -> tuple[PreviousCell, ...]:
    start = _header(rows, "nr")
    header = [str(v) if v is not None else "" for v in rows[start]] if start >= 0 else []
    absent = [column for column in _NEEDED if column not in header]
    if absent:
        message = "geen kopregel met de kolommen " + ", ".join(absent)
        raise InputError([_problem(file, HERKOMST, message)])
    at = {column: header.index(column) for column in _NEEDED}
    letter = chr(ord("A") + at["waarde"])
    found = []
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        if not row or row[0] is None:
            break  # the notes under the list
        key, part = str(row[at["sleutel"]] or ""), str(row[at["onderdeel"]] or "")
        label = str(row[at["regel"]] or "")
        if not key.startswith("tbl-") or label in ("bijschrift", "noot") or not row[at["kolom"]]:
            continue
        try:
            value = Decimal(str(row[at["waarde"]]))
        except InvalidOperation:
            message = f"{row[at['waarde']]!r} is geen getal"
            raise InputError([_problem(file, HERKOMST, message, f"{letter}{number}")]) from None
        title = part.split(": ", 1)[1] if ": " in part else part
        found.append(
            PreviousCell(
                key.removeprefix("tbl-"),
                title,
                label,
                str(row[at["kolom"]]),
                value,
                f"{letter}{number}",
                str(row[at["tekst"]] or "").endswith("%"),
            )
        )
    return tuple(found)


def _parameters(file: str, rows: list[tuple[object, ...]]) -> tuple[tuple[str, str, str], ...]:
    start = _header(rows, PARAMETER_HEADER[0])
    if start < 0 or tuple(rows[start][:3]) != PARAMETER_HEADER:
        message = "geen kopregel " + ", ".join(PARAMETER_HEADER)
        raise InputError([_problem(file, PARAMETERS, message)])
    found = []
    for a, b, c, *_ in rows[start + 1 :]:
        if a is None:
            break
        found.append((str(a), "" if b is None else str(b), _text(c)))
    return tuple(found)


def _text(value: object) -> str:
    """A parameter's value as `compare` writes it: numbers without trailing zeros ("160.78")."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)
