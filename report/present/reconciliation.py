"""The Verantwoording's account of every place where a printed figure and the report differ.

Corrections and choices (another source gives another figure for what the report shows, with
the reason) become the rows of a table, grouped where one reason covers several figures.
Rounding differences become one compact paragraph per table and sheet, the cells in natural
order (by row, then by column), each with the printed figure and the one it was checked with.
Every figure is marked with its source (report.present.marks).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from report.cited import Shown, cite, joined
from report.model import Correction, Difference
from report.model.printed import cell_order, count_text, ordered
from report.numbers import exact
from report.present.markdown import Markdown, escape, reference, strong
from report.present.marks import Mark, cited_markdown, unmarked
from report.present.text import join_nl


def correction_items(corrections: Sequence[Correction]) -> list[dict[str, object]]:
    """One row per group of corrections with the same tables, source and reason."""
    items: list[dict[str, object]] = []
    key = lambda c: (c.tables, c.row, c.source, c.reason)  # noqa: E731
    for (tables, row, source, reason), group in groupby(corrections, key=key):
        found = list(group)
        figures = joined(
            [
                cite(
                    "{column}{shown} ({other})",
                    column=_column(c.column),
                    shown=c.figure(c.shown),
                    other=c.figure(c.other),
                )
                for c in found
            ],
            "; ",
        )
        items.append(
            {
                "tabel": [f"tbl-{t}" for t in tables],
                "cijfer": joined([row, ": ", figures], ""),
                "bron": source,
                "reden": reason,
            }
        )
    return items


def _column(column: str) -> str:
    return f"{column}: " if column.isdigit() else f"kolom {column}: "


def rounding_paragraphs(differences: Sequence[Difference], mark: Mark = unmarked) -> list[Markdown]:
    """Per table and compared source: where the cells are and every cell, in natural order."""
    paragraphs = []
    key = lambda d: (d.table, d.file, d.sheet, d.against.split(" › ")[0])  # noqa: E731
    groups: dict[tuple[str, str, str, str], list[Difference]] = {}
    for d in differences:
        groups.setdefault(key(d), []).append(d)
    for (table, file, sheet, against), found in groups.items():
        cells = joined(
            [
                cite(
                    "{cell} {printed} ({compared})",
                    cell=d.cell,
                    printed=Shown(d.printed, exact(d.printed, 1)),
                    compared=Shown(d.compared, exact(d.compared, 1)),
                )
                for d in _natural(found)
            ],
            "; ",
        )
        compared = (
            f"vergeleken met {escape(against)}"
            if against
            else "vergeleken met de som van de regels"
        )
        count = cited_markdown(count_text(found, "cel", "cellen"), mark)
        paragraphs.append(
            Markdown(
                f"{strong(reference('Tbl-' + table))} ({escape(file)} › {escape(sheet)}, "
                f"{compared}), {count}: {cited_markdown(cells, mark)}."
            )
        )
    return paragraphs


def _natural(found: Sequence[Difference]) -> list[Difference]:
    return sorted(ordered(found), key=lambda d: cell_order(d.cell.split(":")[0].split("+")[0]))


def tables_of(differences: Sequence[Difference]) -> Markdown:
    """'tabel 4, 5 en 7': the tables with rounding differences, as references."""
    keys = list(dict.fromkeys(d.table for d in differences))
    return Markdown(join_nl(reference(f"tbl-{k}") for k in keys))
