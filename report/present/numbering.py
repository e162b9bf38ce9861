"""The numbers the document gave its tables and figures, as the render stage emitted them.

The publish filters number captioned tables and figures in document order; the render stage
knows that order because it wrote the document, and records it here. Every other output
(tabellen.xlsx, later the provenance appendix and open data) takes its numbers from this
record, so "Tabel 7" means the same table everywhere.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Numbered:
    number: int  # Tabel <number> / Figuur <number>
    key: str  # the catalog key (the label without tbl- or fig-)
    caption: str  # the caption text, without number


@dataclass(frozen=True)
class Numbering:
    tables: tuple[Numbered, ...]
    figures: tuple[Numbered, ...]

    def table(self, key: str) -> Numbered:
        for numbered in self.tables:
            if numbered.key == key:
                return numbered
        raise KeyError(f"tabel {key!r} staat niet in het document")

    def figure(self, key: str) -> Numbered:
        for numbered in self.figures:
            if numbered.key == key:
                return numbered
        raise KeyError(f"figuur {key!r} staat niet in het document")

    def to_json(self) -> str:
        return json.dumps(
            {
                "tables": [asdict(t) for t in self.tables],
                "figures": [asdict(f) for f in self.figures],
            },
            ensure_ascii=False,
            indent=1,
        )
