"""Text that prints traced numbers: a note under a table, a caption with a count, a rule in words.

A `Cited` text is a `str` (everything that reads text keeps working) that also knows where in
it each traced number stands, so the document can mark those numbers with their sources.
`cite` builds one like `str.format`; concatenating plain strings would lose the places, so
`joined` puts cited texts together.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass

from report.provenance import Traced


@dataclass(frozen=True)
class Shown:
    """A traced number and the text it is printed as ("80.833", "€ 6,7 mln")."""

    value: Traced
    text: str

    def __str__(self) -> str:
        return self.text


Place = tuple[int, int, Traced]  # start and end of the printed number in the text, its value


class Cited(str):
    """Text that prints traced numbers; `places` says where each one stands in it."""

    places: tuple[Place, ...]

    def __new__(cls, text: str, places: Sequence[Place] = ()) -> Cited:
        made = super().__new__(cls, text)
        made.places = tuple(places)
        return made


def cite(template: str, /, **values: object) -> Cited:
    """`str.format` for text with numbers: a `Shown` (or a whole `Traced`) keeps its place,
    and so do the numbers of a `Cited` value.

    cite("Taakstelling ({p}% van {base})", p=traced_percentage, base=Shown(base, "80.833"))
    """
    text, places = "", []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        text += literal
        if field is None:
            continue
        value = values[field]
        shown = (
            Shown(value, format(value.value, spec or "")) if isinstance(value, Traced) else value
        )
        if isinstance(shown, Shown):
            places.append((len(text), len(text) + len(shown.text), shown.value))
            text += shown.text
        elif isinstance(value, Cited) and not spec and not conversion:
            places += [(a + len(text), b + len(text), v) for a, b, v in value.places]
            text += value
        else:
            text += format(str(value) if conversion == "s" else value, spec or "")
    return Cited(text, places)


def joined(parts: Sequence[str], separator: str) -> Cited:
    """Texts (cited or plain) joined, their numbers kept."""
    text, places = "", []
    for index, part in enumerate(parts):
        if index:
            text += separator
        places += [(start + len(text), end + len(text), v) for start, end, v in cited(part).places]
        text += part
    return Cited(text, places)


def cited(text: str) -> Cited:
    return text if isinstance(text, Cited) else Cited(text)
