"""Where in the running text a marked number stands: its section and its sentence.

The templates do not know the sentence around a number; the rendered document does. For every
number marked in running text (report.present.marks) this finds the heading above it and the
sentence it is in, as plain text, for the audit file herkomst.csv.

A number in a heading is copied into the table of contents by pandoc, id and all; so its
span loses its id (`unanchored`) and keeps it as `data-getal`, the key of its source in the
page; its row in herkomst.csv points to the heading's label instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import replace

from report.present.marks import ANCHOR, Printed, Where

MAX_SENTENCE = 300  # characters of a sentence kept in herkomst.csv

_HEADING = re.compile(r"^#{1,6} +(.+?)(?: *\{([^}\n]*)\})? *$", re.MULTILINE)
_LABEL = re.compile(r"#(sec-[\w-]+)")
_SPAN = re.compile(r"\[([^\]]*)\]\{#(" + ANCHOR + r"\d+)[^}]*\}")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
_REFERENCE = re.compile(r"@((?:[Tt]bl|[Ff]ig|[Ss]ec)-[\w-]*\w)")  # "@Tbl-": at a sentence start
_ESCAPE = re.compile(r"\\(.)")
_EMPHASIS = re.compile(r"(?<!\\)\*+")
_WORDS = {"tbl": "tabel", "fig": "figuur", "sec": "paragraaf"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9@\u2018'(])")
_MARKER = "\x00"
_ITEM = re.compile(r"\n(?=[-*+] |\d+\. )")  # the start of a list item


def _item_start(text: str, position: int) -> int:
    starts = [
        m.end() for m in _ITEM.finditer(text, max(0, text.rfind("\n\n", 0, position)), position)
    ]
    return starts[-1] if starts else 0


def _end(found: int | re.Match[str] | None, text: str) -> int:
    if isinstance(found, re.Match):
        return found.start()
    return len(text) if found is None or found < 0 else found


def locate(
    text: str, printed: Sequence[Printed], names: Mapping[str, str] | None = None
) -> list[Printed]:
    """Every number in document order; those of the running text with section and sentence.

    The numbers are marked as they are made, and the edition's text is filled in after the
    templates, so the order they were marked in is not the order they are printed in.
    `names` says how a cross-reference reads ("tbl-vertrek-type": "tabel 2").
    """
    names = names or {}
    headings = [
        (m.start(), _plain(m.group(1), names), _label(m.group(2) or ""))
        for m in _HEADING.finditer(text)
    ]
    starts = [start for start, _, _ in headings]
    positions = {m.group(2): m.start() for m in _SPAN.finditer(text)}
    result = []
    for number in printed:
        position = positions.get(number.anchor)
        if number.where.part or position is None:
            result.append(number)
            continue
        index = bisect_right(starts, position) - 1
        title, label = (headings[index][1], headings[index][2]) if index >= 0 else ("", "")
        sentence = _sentence(text, position, number.anchor, names)
        result.append(replace(number, where=Where(label, sentence, "", title)))
    return sorted(result, key=lambda number: positions.get(number.anchor, len(text)))


HEADING_ROW = "kop"  # the column `regel` of a number in a heading


def unanchored(text: str, printed: Sequence[Printed]) -> tuple[str, list[Printed]]:
    """Numbers in headings without their ids; their rows anchored at the heading's label.

    Run after `locate` (which finds numbers by their ids).
    """
    moved: dict[str, tuple[str, str]] = {}  # anchor -> (heading label, heading title)

    def heading(match: re.Match[str]) -> str:
        line = match.group(0)
        found = _HEADING.match(line)
        label = _label(found.group(2) or "") if found else ""
        title = _plain(found.group(1), {}) if found else ""
        for span in _SPAN.finditer(line):
            moved[span.group(2)] = (label, title)
        return _ANCHOR_IN_SPAN.sub(r'{.herkomst data-getal="\1"', line)

    text = _HEADING_LINE.sub(heading, text)
    result = []
    for number in printed:
        if number.anchor in moved:
            label, title = moved[number.anchor]
            number = replace(number, anchor=label, where=Where(label, HEADING_ROW, "", title))
        result.append(number)
    return text, result


_HEADING_LINE = re.compile(r"^#{1,6} +.*$", re.MULTILINE)
_ANCHOR_IN_SPAN = re.compile(r"\{#(" + ANCHOR + r"\d+) \.herkomst")


def _label(attributes: str) -> str:
    found = _LABEL.search(attributes)
    return found.group(1) if found else ""


def _sentence(text: str, position: int, anchor: str, names: Mapping[str, str]) -> str:
    """The sentence around `position`, as plain text (an item of a list counts as one)."""
    start = max(text.rfind("\n\n", 0, position) + 2, _item_start(text, position))
    end = min(_end(text.find("\n\n", position), text), _end(_ITEM.search(text, position), text))
    paragraph = re.sub(r"^\s*[-*+] ", "", text[start:end])

    def span(match: re.Match[str]) -> str:
        return (_MARKER if match.group(2) == anchor else "") + match.group(1)

    plain = _plain(_SPAN.sub(span, paragraph), names)
    sentence = next((s for s in _SENTENCE_END.split(plain) if _MARKER in s), plain)
    return _around(sentence.strip(), sentence.strip().find(_MARKER))


def _around(sentence: str, marker: int) -> str:
    """The sentence, or the part of a long one around the number, with "…" where it is cut."""
    if len(sentence) <= MAX_SENTENCE:
        return sentence.replace(_MARKER, "")
    start = max(0, min(marker - MAX_SENTENCE // 2, len(sentence) - MAX_SENTENCE))
    part = sentence[start : start + MAX_SENTENCE].replace(_MARKER, "")
    before = "…" if start > 0 else ""
    after = "…" if start + MAX_SENTENCE < len(sentence) else ""
    return f"{before}{part.strip()}{after}"


def _reference(label: str, names: Mapping[str, str]) -> str:
    """How a reference reads: "tabel 12", or "Tabel 12" for "@Tbl-…"."""
    key = label[:1].lower() + label[1:]
    name = names.get(key, _WORDS[key.split("-", 1)[0]])
    return name[:1].upper() + name[1:] if label[:1].isupper() else name


def _plain(markdown: str, names: Mapping[str, str]) -> str:
    """Markdown as a reader sees it, roughly: no spans, emphasis, escapes or footnote marks."""
    text = _SPAN.sub(lambda m: m.group(1), markdown)
    text = _FOOTNOTE.sub("", text)
    text = _REFERENCE.sub(lambda m: _reference(m.group(1), names), text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(lambda m: m.group(1), text)
    return " ".join(text.split())
