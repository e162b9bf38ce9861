"""The kinds of entry in the catalog: tables computed from the workbooks, tables of words, figures.

An entry is everything the project knows about one table or figure of the report: its label
(`@tbl-<key>`), caption, unit, the input sheets it needs, the function that builds it, the
section whose text introduces it and, for data tables, the other source it is reconciled with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from report.inputs.contract import BY_KEY
from report.model.figures import Computed, FigureData
from report.model.reconcile import Reconciliation
from report.model.sources import Sources
from report.model.tables import Heading, ModelTable

Builder = Callable[[Sources, Heading], ModelTable | None]
Check = Callable[[Reconciliation, str, Sources], None]
Drawing = Callable[[Computed], FigureData | None]


@dataclass(frozen=True)
class Partner:
    """Another source of the same figures: differences within rounding get a note, else a problem."""

    sheets: tuple[str, ...]  # input sheets the check needs besides the table's own
    described: str  # the other source in words, for the note under the table
    check: Check
    unit: str = ""  # the unit of a difference in the note, e.g. " procentpunt"


@dataclass(frozen=True)
class DataTable:
    heading: Heading
    sheets: tuple[str, ...]  # contract keys of the input sheets; all must be supplied
    build: Builder
    section: str  # the section whose text introduces the table ("": not introduced yet)
    printed_totals: bool = False  # note the first sheet's printed totals that differ by rounding
    partner: Partner | None = None

    @property
    def key(self) -> str:
        return self.heading.key

    @property
    def caption(self) -> str:
        return self.heading.caption

    @property
    def optional(self) -> bool:
        """Optional when one of its sheets is: then the report leaves the table out."""
        return not all(BY_KEY[sheet].required for sheet in self.sheets)


class CellKind(StrEnum):
    TEXT = "text"  # literal text
    REF = "ref"  # a cross-reference label such as sec-resultaten
    REFS = "refs"  # a list of cross-reference labels


@dataclass(frozen=True)
class TextColumn:
    header: str
    field: str  # the key in each content item
    kind: CellKind = CellKind.TEXT
    width: int = 1  # relative column width


@dataclass(frozen=True)
class TextTable:
    """A table of words: its rows come from templates/content/<content>.yml.

    An edition-bound table (what is known of the measures' effect) comes from the edition's
    own tekst/<content>.yml instead, and the text check reads it like the narrative.
    """

    key: str
    caption: str
    source: str  # the "Bron:" text
    columns: tuple[TextColumn, ...]
    content: str = ""  # the content file; "" for a table the render stage derives
    section: str = ""
    edition_bound: bool = False
    used_only: bool = False  # a row only when its first column occurs in the report (abbreviations)

    optional = False


@dataclass(frozen=True)
class FigureEntry:
    key: str  # @fig-<key>
    caption: str
    sheets: tuple[str, ...]
    build: Drawing
    section: str

    @property
    def optional(self) -> bool:
        return not all(BY_KEY[sheet].required for sheet in self.sheets)


TableEntry = DataTable | TextTable
