"""Which characters the report's house font can print.

The PDF is set in Source Sans Pro (templates/publish/fonts). A character that none of its
styles contains (an emoji, a right-to-left override) cannot be printed, and an input text with
one is refused at its cell rather than failing in the PDF engine or vanishing from the page.
"""

from __future__ import annotations

import functools

from report.resources import FONTS


@functools.cache
def printable() -> frozenset[int] | None:
    """Code points present in every style of the house font; None when the fonts are absent."""
    from fontTools.ttLib import TTFont

    maps = []
    for path in sorted(FONTS.glob("SourceSansPro-*.ttf")):
        font = TTFont(path, lazy=True)
        try:
            maps.append(set(font.getBestCmap() or {}))
        finally:
            font.close()
    return frozenset(set.intersection(*maps)) if maps else None


def unprintable(text: str) -> list[str]:
    """The distinct characters of `text` the font lacks, in order of appearance."""
    known = printable()
    if known is None or not set(map(ord, text)) - known:
        return []
    found: list[str] = []
    for char in text:
        if ord(char) not in known and not char.isspace() and char not in found:
            found.append(char)
    return found


def glyph_names(chars: list[str]) -> str:
    """'😀' (U+1F600) for a visible character, U+202E alone for an invisible one."""
    return ", ".join(
        f"'{c}' (U+{ord(c):04X})" if c.isprintable() else f"U+{ord(c):04X}" for c in chars[:3]
    )
