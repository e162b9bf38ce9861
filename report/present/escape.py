"""Escaping text from the workbooks so it reaches the document literally.

Cell text is data, never markup: every ASCII punctuation character that means something to
pandoc's Markdown (or, through it, to HTML, Typst and Quarto shortcodes) gets a backslash.
pandoc then writes the character literally in each output format, escaped as that format
needs. The text is never rendered as a Jinja template.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|$@~^&=\"':;%/])")


def md(text: object) -> str:
    """Literal Markdown for any text: one line, every meaningful character escaped."""
    flat = " ".join(str(text if text is not None else "").split())
    return _SPECIAL.sub(r"\\\1", flat)
