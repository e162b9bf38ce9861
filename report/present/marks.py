"""The numbers the document prints, each marked with an anchor and where it came from.

Every traced number that reaches the document passes through a `Marks` (the number filters of
the templates, the cells of the tables, the numbers inside notes and captions). It becomes a
pandoc span, `[36.722]{#getal-17 .herkomst data-herkomst="Berekend: som van …"}`: the HTML
keeps it (the reader's "Toon herkomst" shows the attribute), the other formats print only the
number (herkomst.lua). The marks also keep the list of what was printed, for herkomst.csv.
A plain number (without a source) is printed as it is and not listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from report.cited import cited
from report.present.markdown import Markdown, escape
from report.present.provenance import tooltip
from report.provenance import Traced

ANCHOR = "getal-"
_SAFE_NUMBER = re.compile(r"[0-9.,%+\-−€ ]*(?: ?mln)?")


@dataclass(frozen=True)
class Where:
    """Where a number is printed: a table's cell, caption or note, a figure, or running text.

    For running text `part` is empty; the render stage finds the section and sentence.
    """

    part: str = ""  # "tbl-<key>", "fig-<key>"; for running text its section's label, if any
    row: str = ""  # a table's row label, "bijschrift" / "noot"; for running text the sentence
    column: str = ""  # a table's column header
    title: str = ""  # for running text: the section's title


@dataclass(frozen=True)
class Printed:
    anchor: str  # the span's id in the HTML ("getal-17")
    value: Traced
    text: str  # the number as printed
    where: Where


class Mark(Protocol):
    def __call__(self, value: object, text: str, where: Where = ...) -> Markdown: ...


def _attribute(text: str) -> str:
    """Text for a double-quoted attribute of a pandoc span, also inside a pipe table."""
    flat = " ".join(text.split())
    for plain, escaped in (("\\", "\\\\"), ('"', '\\"'), ("&", "&amp;"), ("|", "\\|")):
        flat = flat.replace(plain, escaped)
    return flat


def _number_text(text: str) -> Markdown:
    """A formatter's output stays as it is (digits and signs); anything else is escaped."""
    return Markdown(text) if _SAFE_NUMBER.fullmatch(text) else escape(text)


class Marks:
    """Marks traced numbers as they are printed and lists them, in document order."""

    def __init__(self) -> None:
        self.printed: list[Printed] = []

    def __call__(self, value: object, text: str, where: Where = Where()) -> Markdown:
        shown = _number_text(text)
        if not isinstance(value, Traced):
            return shown
        anchor = f"{ANCHOR}{len(self.printed) + 1}"
        self.printed.append(Printed(anchor, value, text, where))
        source = _attribute(tooltip(value))
        return Markdown(f'[{shown}]{{#{anchor} .herkomst data-herkomst="{source}"}}')


def unmarked(value: object, text: str, where: Where = Where()) -> Markdown:
    """For output without sources (a test, a format that does not show them)."""
    return _number_text(text)


def cited_markdown(text: str, mark: Mark, where: Where = Where()) -> Markdown:
    """Text (escaped) with each traced number in it marked."""
    found = cited(text)
    result, position = "", 0
    for start, end, value in sorted(found.places, key=lambda place: place[0]):
        result += escape(text[position:start]) if start > position else ""
        result += mark(value, text[start:end], where)
        position = end
    result += escape(text[position:]) if position < len(text) else ""
    return Markdown(result)
