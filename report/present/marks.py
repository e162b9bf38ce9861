"""The numbers the document prints, each marked with an anchor and where it came from.

Every traced number that reaches the document passes through a `Marks` (the number filters of
the templates, the cells of the tables, the numbers inside notes and captions). It becomes a
pandoc span with an id, `[36.722]{#getal-17 .herkomst}`: the HTML keeps it (the reader's
"Toon herkomst" looks its source up in the page's table of sources, `sources_block`), the other
formats print only the number (herkomst.lua). The sources stay out of the spans: in them they
doubled the document and every pandoc run over it. The marks also keep the list of what was
printed, for herkomst.csv. A plain number (without a source) is printed as it is and not listed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from report.cited import cited
from report.present.markdown import Markdown, escape
from report.present.provenance import tooltip
from report.provenance import Traced

ANCHOR = "getal-"
SOURCES_ID = "herkomst-bronnen"  # the page's table of sources (templates/publish/rapport.html)
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
        return Markdown(f"[{shown}]{{#{anchor} .herkomst}}")


# In JSON inside a <script> element, none of these may appear as themselves: "<" could close
# the element, "`" could close the Markdown code fence the block is written in.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "`": "\\u0060"})


def sources_block(printed: Sequence[Printed]) -> Markdown:
    """The source of every marked number, by its anchor, as JSON in a raw HTML block.

    Only the HTML writer keeps a raw HTML block; the page's script shows an entry as the
    number's tooltip. Sources are text from workbooks and editie.yml: JSON-escaped and kept
    from ending the element or the fence, they stay data.
    """
    sources = {number.anchor: " ".join(tooltip(number.value).split()) for number in printed}
    data = json.dumps(sources, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return Markdown(
        f'```{{=html}}\n<script type="application/json" id="{SOURCES_ID}">{data}</script>\n```\n'
    )


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
