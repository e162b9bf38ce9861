"""Carry the edition's text over to a new edition with every passage marked for review.

In a narrative file each passage (a run of lines between blank lines: a paragraph, a list,
the footnotes) is put between `::: nakijken` and `:::`; headings stay outside, so the
structure remains readable. In a table of words each row gets `nakijken: ja`. Markers left
over from the previous edition are removed first, so a passage is marked once. The writer
removes a marker when the passage is right for the new edition; until then the text check
reports it and a final build refuses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from report.inputs.narrative import REVIEW_FIELD
from report.narrative.markup import REVIEW_CLASS

_MARKER = re.compile(
    r"^ {0,3}:{3,}\s*(?:\{\s*\." + REVIEW_CLASS + r"\s*\}|" + REVIEW_CLASS + r")?\s*$"
)
_HEADING = re.compile(r"^#{1,6}[ \t]")
_ROW = re.compile(r"^-[ \t]+\S")
_ROW_MARK = re.compile(r"^[ \t]+" + REVIEW_FIELD + r"\s*:")
OPEN, CLOSE = "::: " + REVIEW_CLASS, ":::"


def mark_for_review(lines: Sequence[str]) -> str:
    """The file's text with each passage between review markers."""
    kept = [line.rstrip() for line in lines if not _MARKER.match(line)]
    out: list[str] = []
    passage: list[str] = []

    def close() -> None:
        if passage:
            out.extend([OPEN, *passage, CLOSE, ""])
            passage.clear()

    blank = False
    for line in kept:
        if not line.strip():
            blank = True
            continue
        if blank and not (passage and line.startswith(" ")):  # indented: the passage goes on
            close()
        elif blank:
            passage.append("")
        blank = False
        if _HEADING.match(line) and not passage:
            out.extend([line, ""])
        else:
            passage.append(line)
    close()
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def mark_rows_for_review(lines: Sequence[str]) -> str:
    """A table of words (tekst/*.yml) with `nakijken: ja` under the first line of every row."""
    out: list[str] = []
    for line in lines:
        if _ROW_MARK.match(line):
            continue
        out.append(line.rstrip())
        if _ROW.match(line):
            out.append(f"  {REVIEW_FIELD}: ja")
    return "\n".join(out).rstrip("\n") + "\n"
