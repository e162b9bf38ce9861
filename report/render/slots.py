"""The edition's narrative in the document: each part at its named place, then the text check.

Chapter templates place a part with `tekst("naam")`, which leaves a marker in the rendered
text. Once every template has rendered, the document's labels are known, so each part is
translated (`narrative.markup`: the safe Markdown subset, with named values and references
resolved) at the heading level of its place, and the text check runs over the parts the
report prints. Parts are never rendered as templates: the narrative meets no Jinja at all.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from report.model import Model
from report.narrative.check import text_findings
from report.narrative.markup import Context, Translated, heading_labels, translate
from report.narrative.slots import BY_NAME
from report.narrative.values import named_values
from report.present.markdown import Markdown
from report.present.marks import Mark, unmarked
from report.problems import TextFinding

_HEADING = re.compile(r"^(#{1,6})\s", re.MULTILINE)


class SlotError(Exception):
    """A template places a part that has no name in narrative.slots (a defect)."""


@dataclass
class Slots:
    """The parts the templates placed, in document order, and the edition's tables of words."""

    placed: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # tekst/<name>.yml tables placed

    def placer(self) -> Callable[[str], Markdown]:
        def tekst(name: str) -> Markdown:
            if name not in BY_NAME:
                raise SlotError(f"tekstdeel {name!r} staat niet in narrative/slots.py")
            if name in self.placed:
                raise SlotError(f"tekstdeel {name!r} staat twee keer in de sjablonen")
            self.placed.append(name)
            return Markdown(_marker(name))

        return tekst


def fill(
    text: str, model: Model, slots: Slots, defined: set[str], mark: Mark = unmarked
) -> tuple[str, list[TextFinding]]:
    """The text with every placed part in it, and the findings of the text check.

    `defined` holds the labels the templates define; the parts' headings add theirs. `mark`
    marks the numbers of named values with their sources, in document order.
    """
    values = named_values(model)
    labels = set(defined)
    for name in slots.placed:
        if name in model.narrative:
            labels.update(heading_labels(model.narrative[name].lines))
    taken = set(defined)
    translated: dict[str, Translated] = {}
    headings = [(m.start(), len(m.group(1))) for m in _HEADING.finditer(text)]
    levels = {name: _level(headings, text.index(_marker(name))) for name in slots.placed}
    for name in slots.placed:
        marker = _marker(name)
        markdown = ""
        if name in model.narrative:
            context = Context(levels[name], values, frozenset(labels), frozenset(taken), name, mark)
            part = translate(model.narrative[name].lines, context)
            taken.update(heading_labels(model.narrative[name].lines))
            translated[name] = part
            markdown = part.markdown
        text = text.replace(marker, markdown)
    missing = [name for name in slots.placed if name not in model.narrative]
    return text, text_findings(translated, model, missing, slots.words)


def _marker(name: str) -> str:
    return f"\x00tekst:{name}\x00"


def _level(headings: list[tuple[int, int]], place: int) -> int:
    """The level of the last heading before a place (1 for a chapter's opening text)."""
    before = bisect.bisect_left(headings, (place, 0))
    return headings[before - 1][1] if before else 1
