"""Plain-text facts about a model table that the exchange formats share.

tabellen.xlsx and the open data say the same things about a table as the report does (its
unit, row by row, and its sources); this module says them once, as plain text. The report's
own table blocks (report.present.tables) escape the same facts for Markdown.
"""

from __future__ import annotations

from decimal import Decimal

from report.inputs.contract import Unit
from report.model.tables import BUDGET_MARK, ModelRow, ModelTable, Value
from report.numbers import date_text

UNIT_WORDS = {unit: "procenten" if unit is Unit.PERCENT else str(unit) for unit in Unit}


def row_unit(table: ModelTable, row: ModelRow) -> Unit:
    """The unit of a row: its own where it differs from the table's (a % row among counts)."""
    return row.unit or table.unit


def mixed_units(table: ModelTable) -> bool:
    """True when some row is in another unit than the table."""
    return any(row_unit(table, row) is not table.unit for row in table.rows)


def source_texts(table: ModelTable) -> list[str]:
    """'KMI+, peildatum 1 februari 2019' for each distinct source note of the table."""
    texts: list[str] = []
    for origin in table.sources:
        text = origin.bron or origin.file
        if origin.peildatum:
            text += f", peildatum {date_text(origin.peildatum)}"
        if text not in texts:
            texts.append(text)
    return texts


def origins(table: ModelTable) -> list[str]:
    """'vertrekcijfers.xlsx › Vertrek naar type › A6:J10' for each input range of the table."""
    return [str(origin) for origin in table.sources]


def column_year(header: str) -> int | None:
    """The year of a column header ('2019 (b)' → 2019), None for 'Totaal' and the like."""
    text = header.removesuffix(BUDGET_MARK)
    return int(text) if text.isdigit() else None


def is_budget(header: str) -> bool:
    """A budget (not realised) year: the report marks its header '(b)'."""
    return header.endswith(BUDGET_MARK)


def as_fraction(value: Value) -> Decimal | None:
    """A percentage (63) as the fraction a spreadsheet stores (0.63)."""
    return None if value is None else Decimal(value) / 100
