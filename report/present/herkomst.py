"""herkomst.csv: one row per number the report prints or draws, with where it came from.

Each row says where the number is (a table's cell, caption or note; a section and sentence of
the text; a figure's series and year), the value, the text as printed, the kind of source,
the rule in words, the formula that recomputes it and the cells and settings it was made of.
The same rows form the sheet "Herkomst" of tabellen.xlsx. The file is UTF-8 with a byte order
mark and `;` between the fields, so Excel in a Dutch setting opens it as a table.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass
from decimal import Decimal
from pathlib import Path

from report.model import ModelFigure
from report.present.marks import Printed
from report.present.numbering import Numbering
from report.present.provenance import describe, formula, sources_text
from report.present.workbook_sheets import ListSheet, ListValue
from report.provenance import Traced, kind

SHEET = "Herkomst"  # its sheet in tabellen.xlsx
HEADER = (
    "nr",
    "anker",
    "onderdeel",
    "sleutel",
    "regel",
    "kolom",
    "waarde",
    "tekst",
    "soort",
    "berekening",
    "formule",
    "bronnen",
)


@dataclass(frozen=True)
class Row:
    """One number: where it is printed, its value and text, and where it came from."""

    nr: int
    anchor: str  # the number's id in rapport.html (a figure: the figure's id)
    part: str  # "Tabel 10", "Figuur 2", or the section's title
    key: str  # "tbl-<key>", "fig-<key>", "sec-<label>" (empty for a section without label)
    row: str  # the table's row, the figure's series, or the sentence
    column: str  # the table's column or the figure's year
    value: str  # exact, with a decimal point
    text: str  # as printed; empty for a number that is only drawn
    kind: str  # invoer, instelling, programmaregel, berekend
    rule: str
    formula: str
    sources: str


def value_text(value: Decimal | int) -> str:
    """The exact value for a machine: no grouping, a decimal point, no trailing zeros."""
    return format(Decimal(value).normalize(), "f")


def rows(
    printed: Sequence[Printed], numbering: Numbering, figures: Mapping[str, ModelFigure]
) -> list[Row]:
    """Every printed number in document order, then every number the figures draw."""
    found: list[Row] = []
    for number in printed:
        where = number.where
        part, key = (
            _part(where.part, numbering)
            if where.part.startswith(("tbl-", "fig-"))
            else (
                where.title,
                where.part,
            )
        )
        found.append(
            _row(
                len(found) + 1,
                number.anchor,
                part,
                key,
                where.row,
                where.column,
                number.value,
                number.text,
            )
        )
    for numbered in numbering.figures:
        figure = figures.get(numbered.key)
        for point in figure.points if figure else ():
            key = f"fig-{numbered.key}"
            found.append(
                _row(
                    len(found) + 1,
                    key,
                    f"Figuur {numbered.number}: {numbered.caption}",
                    key,
                    point.series,
                    point.x,
                    point.value,
                    "",
                )
            )
    return found


def _part(label: str, numbering: Numbering) -> tuple[str, str]:
    """'Tabel 10: Programma-uitgaven begrotingsartikel 37.3 (2011–2017)' and the label."""
    kind_, key = label.split("-", 1)
    numbered = numbering.table(key) if kind_ == "tbl" else numbering.figure(key)
    word = "Tabel" if kind_ == "tbl" else "Figuur"
    return f"{word} {numbered.number}: {numbered.caption}", label


def _row(
    nr: int, anchor: str, part: str, key: str, row: str, column: str, value: Traced, text: str
) -> Row:
    return Row(
        nr=nr,
        anchor=anchor,
        part=part,
        key=key,
        row=row,
        column=column,
        value=value_text(value.value),
        text=text,
        kind=kind(value),
        rule=describe(value),
        formula=formula(value),
        sources=sources_text([value]),
    )


VALUE = HEADER.index("waarde")


def sheet(found: Iterable[Row]) -> ListSheet:
    """The sheet Herkomst of tabellen.xlsx: the same rows, the value as a number."""
    rows: list[tuple[ListValue, ...]] = []
    for row in found:
        fields = astuple(row)
        number = Decimal(row.value)
        value = int(number) if number == number.to_integral_value() else number
        rows.append((*fields[:VALUE], value, *fields[VALUE + 1 :]))
    return ListSheet(
        SHEET,
        "Herkomst van elk getal in het rapport",
        HEADER,
        rows,
        (
            "Eén regel per getal dat het rapport afdrukt of in een figuur tekent; dezelfde "
            "regels als in herkomst.csv. De formule rekent het getal na uit de genoemde cellen "
            "en instellingen.",
        ),
    )


def csv_bytes(found: Iterable[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([HEADER, *(astuple(row) for row in found)])
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(found: Iterable[Row], path: Path) -> None:
    """Write herkomst.csv atomically: a failed write leaves any previous file intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(csv_bytes(found))
    os.replace(temporary, path)
