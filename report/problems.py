"""Problems and notes found in the inputs, each pointing at a file, sheet and cell."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    sheet: str = ""
    cell: str = ""
    message: str = ""

    @property
    def place(self) -> str:
        return " › ".join(part for part in (self.file, self.sheet, self.cell) if part)

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class Problem(Finding):
    """Makes the inputs unusable: the build stops with exit code 2."""


class Note(Finding):
    """Worth telling the reader (a rounding difference, an accepted conversion)."""


class TextFinding(Finding):
    """Makes the report a draft: a passage to review, a stale year, a number typed by hand.

    `file` is the narrative file (tekst/….qmd) or editie.yml, `cell` the line or key.
    """


class InputError(Exception):
    """Raised with every problem found, so the user can fix them in one pass."""

    def __init__(self, problems: list[Problem], notes: list[Note] | None = None):
        self.problems = sorted(set(problems), key=_order)
        self.notes = notes or []
        super().__init__("\n".join(str(p) for p in self.problems))


def _order(finding: Finding) -> tuple:
    return (finding.file, finding.sheet, _cell_key(finding.cell), finding.message)


def _cell_key(cell: str) -> tuple:
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    return (int(digits) if digits else 0, len(letters), letters)


class DraftRefused(Exception):
    """A final build while the text check has findings (exit code 2; nothing is published)."""

    def __init__(self, findings: list[TextFinding]):
        self.findings = findings
        super().__init__(f"{len(findings)} bevindingen van de tekstcontrole")
