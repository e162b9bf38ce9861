"""The problems and notes found in one workbook, and one worksheet's cells as the reader sees them."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from report.inputs.excel import WorkbookRefused, formulas
from report.problems import Note, Problem

_EXTERNAL = re.compile(r"(?<![\w\]])\[\d+\]")  # [1]Blad1!A1: a reference into another workbook


class Findings:
    """Everything wrong or worth noting in one workbook file, each at its sheet and cell."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.notes: list[Note] = []

    def problem(self, sheet: str, cell: str, message: str) -> None:
        self.problems.append(Problem(self.file, sheet, cell, message))

    def note(self, sheet: str, cell: str, message: str) -> None:
        self.notes.append(Note(self.file, sheet, cell, message))

    def mark(self) -> int:
        return len(self.problems)

    def forget_since(self, mark: int) -> None:
        """Drop the problems found since `mark` (a blank sheet gets one finding instead)."""
        del self.problems[mark:]


class SheetCells:
    """One worksheet: its values, with formulas lacking a stored result reported at their cell.

    Cells that cannot be used are remembered, so that a printed total depending on them is not
    also reported as wrong.
    """

    def __init__(self, ws: Worksheet, path: Path, findings: Findings):
        self.ws = ws
        self.title = ws.title
        self.path = path
        self.findings = findings
        self.unreadable: set[tuple[int, int]] = set()
        self.blank = False  # left as the blank template
        self._formulas: dict[str, str] | None = None

    # -- findings -------------------------------------------------------------------------
    def problem(self, cell: str, message: str) -> None:
        self.findings.problem(self.title, cell, message)

    def note(self, cell: str, message: str) -> None:
        self.findings.note(self.title, cell, message)

    def refuse(self, row: int, column: int, message: str) -> None:
        """A cell that cannot be used; sums that depend on it are not checked."""
        self.unreadable.add((row, column))
        self.problem(self.coordinate(row, column), message)

    def left_blank(self, mark: int, required: bool) -> None:
        """A sheet left as the blank template: one finding instead of one per empty cell."""
        self.blank = True
        self.findings.forget_since(mark)
        if required:
            self.problem("", "het werkblad is nog niet ingevuld")
        else:
            self.note("", "het werkblad is leeg en geldt als niet aangeleverd")

    # -- cells ----------------------------------------------------------------------------
    def coordinate(self, row: int, column: int) -> str:
        return str(self.ws.cell(row, column).coordinate)

    def raw(self, row: int, column: int) -> object:
        """The stored value, unchecked (for labels and layout)."""
        return self.ws.cell(row, column).value

    def number_format(self, row: int, column: int) -> str:
        return str(self.ws.cell(row, column).number_format or "")

    def value(self, row: int, column: int) -> object:
        """The cell's value; a formula without a stored result is refused at its cell."""
        value = self.raw(row, column)
        if value is None:
            reason = self.missing_result(row, column)
            if reason:
                self.refuse(row, column, reason)
        return value

    def missing_result(self, row: int, column: int) -> str:
        """Why an empty-looking cell has no value: a formula whose result was never stored."""
        formula = self.formula(self.coordinate(row, column))
        if _EXTERNAL.search(formula):
            return (
                f"formule {formula[:60]!r} verwijst naar een ander bestand en heeft geen "
                "opgeslagen uitkomst; vervang de formule door de waarde (Plakken speciaal › "
                "Waarden)"
            )
        if formula:
            return (
                "formule zonder opgeslagen uitkomst (het bestand is door een programma "
                "geschreven, niet door Excel bewaard); open het in Excel of LibreOffice en "
                "sla het op"
            )
        return ""

    def formula(self, coordinate: str) -> str:
        """The formula in a cell ("" when it holds none); read only when a value is missing."""
        if self._formulas is None:
            try:
                self._formulas = formulas(self.path, self.title)
            except WorkbookRefused:  # it opened a moment ago; without formulas, trust the values
                self._formulas = {}
        return self._formulas.get(coordinate, "")

    def filled_rows(self, first: int) -> list[int]:
        """Rows from `first` on that hold a value, in order.

        openpyxl creates every cell it is asked for, so walking up to ws.max_row would visit a
        million rows when one formatted cell sits at the bottom of the sheet.
        """
        cells = self.ws._cells  # openpyxl keeps no public index of the stored cells
        return sorted(
            {row for (row, _), cell in cells.items() if row >= first and cell.value is not None}
        )
