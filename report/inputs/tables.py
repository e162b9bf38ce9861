"""Typed input tables that remember where every value came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from report.inputs.contract import RecordSheet, Role, YearSheet, normalise

Attribute = bool | int | None  # a nationality's "Veilig land" (ja/nee) or a count
CellValue = str | int | Decimal | None  # a record cell as the reader parsed it (by column kind)


@dataclass(frozen=True)
class Origin:
    """Where a table lives: workbook file, sheet, cell range, source note and peildatum."""

    file: str
    sheet: str
    cells: str
    bron: str
    peildatum: str = ""

    def __str__(self) -> str:
        return f"{self.file} › {self.sheet} › {self.cells}"


@dataclass(frozen=True)
class TableRow:
    group: str
    label: str
    role: Role
    values: dict[int, int | None]  # year -> value; None: n.b. (not available), see toelichting
    excel_row: int
    toelichting: str = ""
    attributes: dict[str, Attribute] = field(default_factory=dict)  # checked by the reader
    printed_total: int | None = None  # the sheet's "Totaal" column, already checked


@dataclass(frozen=True)
class YearTable:
    spec: YearSheet
    origin: Origin
    years: tuple[int, ...]
    rows: tuple[TableRow, ...]
    year_columns: dict[int, str]  # year -> column letter
    budget_years: frozenset[int] = frozenset()
    attribute_columns: dict[str, str] = field(default_factory=dict)  # heading -> column letter
    total_column: str = ""  # the letter of the sheet's printed "Totaal" column, if it has one

    @property
    def key(self) -> str:
        return self.spec.key

    def cell(self, row: TableRow, year: int) -> str:
        return f"{self.year_columns[year]}{row.excel_row}"

    def attribute_cell(self, row: TableRow, heading: str) -> str:
        return f"{self.attribute_columns[heading]}{row.excel_row}"

    def total_cell(self, row: TableRow) -> str:
        return f"{self.total_column}{row.excel_row}"

    def find(self, label: str, group: str = "") -> TableRow | None:
        for row in self.rows:
            if normalise(row.label) == normalise(label) and (
                not group or normalise(row.group) == normalise(group)
            ):
                return row
        return None

    def line(self, label: str, group: str = "") -> TableRow:
        """A row the contract requires (the reader has checked that it is there)."""
        row = self.find(label, group)
        if row is None:
            raise KeyError(f"{self.origin.sheet}: geen regel {label!r}")
        return row


@dataclass(frozen=True)
class Record:
    values: dict[str, CellValue]  # column header -> value, typed by the column's kind
    phase: dict[int, Decimal | None]  # year columns (phase-in, %), if the sheet has them
    excel_row: int

    def text(self, column: str) -> str:
        """A text column ('' when empty)."""
        value = self.values.get(column)
        return "" if value is None else str(value)

    def whole(self, column: str) -> int | None:
        """An int column (the reader has parsed it as a whole number)."""
        value = self.values.get(column)
        if value is None or isinstance(value, int):
            return value
        raise TypeError(f"kolom {column!r} in rij {self.excel_row} is geen geheel getal")


@dataclass(frozen=True)
class RecordTable:
    spec: RecordSheet
    origin: Origin
    records: tuple[Record, ...]
    columns: dict[str, str]  # header -> column letter
    years: tuple[int, ...] = ()
    year_columns: dict[int, str] = field(default_factory=dict)
    period: str = ""

    @property
    def key(self) -> str:
        return self.spec.key

    def cell(self, record: Record, column: str | int) -> str:
        """The cell of a record's column (a heading) or phase-in year."""
        letter = self.year_columns[column] if isinstance(column, int) else self.columns[column]
        return f"{letter}{record.excel_row}"


Table = YearTable | RecordTable
