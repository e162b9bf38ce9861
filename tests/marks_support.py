"""The rendered document as a reader sees its text: numbers without their source spans.

Every traced number reaches the Quarto-markdown document as a pandoc span carrying its source
(`[36.722]{#getal-17 .herkomst}`); the PDF and DOCX print only the number.
Tests that read sentences of the document compare them without those spans.
"""

from __future__ import annotations

import re

SPAN = re.compile(
    r'\[([^\]]*)\]\{(?:#getal-\d+ \.herkomst|\.herkomst data-getal="getal-\d+")\}'
)  # a number in a heading keeps its id as data-getal


def unmarked(text: str) -> str:
    return SPAN.sub(lambda m: m.group(1), text)
