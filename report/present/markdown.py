"""A small typed model of the pandoc Markdown the report is made of, and escaping for it.

Text from files (workbook cells, editie.yml, content) is data, never markup: `escape` gives
every ASCII punctuation character that means something to pandoc's Markdown (or, through it,
to HTML, Typst and Quarto shortcodes) a backslash, so pandoc writes it literally in every
output format. The result, and every fragment the code builds on purpose, is `Markdown`;
plain `str` is untrusted and gets escaped wherever it meets the document (the templates
escape every interpolation that is not `Markdown`).

Blocks (pipe tables, captions, source notes, figures) are frozen dataclasses that render
themselves; the Lua filters in report/publish/filters read the Markdown they produce.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

_SPACE = re.compile(r"\s+")
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|$@~^&=\"':;%/])")


class Markdown(str):
    """Text that is already pandoc Markdown: escaped data, or a fragment the code built."""

    __slots__ = ()


def escape(text: object) -> Markdown:
    """Literal Markdown for any text: one line, every meaningful character escaped.

    Each run of white space (line breaks included) becomes one space, so text can neither end
    a paragraph nor break a table row.
    """
    flat = _SPACE.sub(" ", str(text if text is not None else ""))
    return Markdown(_SPECIAL.sub(r"\\\1", flat))


def attribute(text: str) -> str:
    """Text for a double-quoted Markdown attribute (fig-alt="…")."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')


def strong(text: Markdown) -> Markdown:
    return Markdown(f"**{text}**")


def emphasis(text: Markdown) -> Markdown:
    return Markdown(f"*{text}*")


def reference(label: str) -> Markdown:
    """A cross-reference (@tbl-x, @sec-y) that the publish stage numbers and links."""
    return Markdown(f"@{label}")


def joined(parts: Iterable[Markdown], separator: str) -> Markdown:
    return Markdown(separator.join(parts))


class Align(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class ColumnSpec:
    align: Align = Align.LEFT
    width: int | None = None  # relative width, which pandoc reads from the dashes; None: none

    def rule(self) -> str:
        dashes = "-" * (4 * self.width if self.width else 2)
        return f":{dashes}" if self.align is Align.LEFT else f"{dashes}:"


@dataclass(frozen=True)
class PipeTable:
    columns: tuple[ColumnSpec, ...]
    header: tuple[Markdown, ...]
    rows: tuple[tuple[Markdown, ...], ...]

    def markdown(self) -> Markdown:
        lines = [
            _row(self.header),
            "|" + "|".join(column.rule() for column in self.columns) + "|",
            *(_row(row) for row in self.rows),
        ]
        return Markdown("\n".join(lines))


def _row(cells: Iterable[Markdown]) -> str:
    return "| " + " | ".join(cells) + " |"


@dataclass(frozen=True)
class SourceNote:
    """The "Bron:" line and remarks under a table, one per line, in the .bron style."""

    lines: tuple[Markdown, ...]

    def markdown(self) -> Markdown:
        return Markdown("::: {.bron}\n" + "\\\n".join(self.lines) + "\n:::\n")


@dataclass(frozen=True)
class TableBlock:
    """A numbered table: its parts (a wide table continues in parts), caption and notes.

    The caption follows the first part and carries the label; each further part says which
    table it continues, so the filters number the table once.
    """

    key: str  # label without prefix: {#tbl-<key>}
    caption: Markdown
    parts: tuple[PipeTable, ...]
    note: SourceNote

    def markdown(self) -> Markdown:
        label = f"tbl-{self.key}"
        blocks = [f"{self.parts[0].markdown()}\n\n: {self.caption} {{#{label}}}"]
        continued = emphasis(Markdown(f"Vervolg van {reference(label)}"))
        blocks += [f"{continued}\n\n{part.markdown()}" for part in self.parts[1:]]
        return Markdown("\n" + "\n\n".join(blocks) + "\n\n" + self.note.markdown())


@dataclass(frozen=True)
class FigureBlock:
    key: str  # label without prefix: {#fig-<key>}
    caption: Markdown
    path: str  # relative to the document
    alt: str
    note: SourceNote | None = None  # the "Bron:" line under the figure

    def markdown(self) -> Markdown:
        figure = (
            f'\n![{self.caption}]({self.path}){{#fig-{self.key} fig-alt="{attribute(self.alt)}"}}\n'
        )
        return Markdown(figure + (f"\n{self.note.markdown()}" if self.note else ""))
