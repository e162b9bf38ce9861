"""Model tables and tables of words as table blocks: pipe tables, caption, source and notes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from report.cited import Cited
from report.inputs.contract import Unit
from report.inputs.tables import Origin
from report.model import ModelFigure
from report.model.entries import CellKind, TextColumn, TextTable
from report.model.tables import ModelTable, RowKind, Value
from report.numbers import date_text, number
from report.present.markdown import (
    Align,
    ColumnSpec,
    Markdown,
    PipeTable,
    SourceNote,
    TableBlock,
    emphasis,
    escape,
    joined,
    reference,
    strong,
)
from report.present.marks import Mark, Where, cited_markdown, unmarked
from report.present.provenance import bounds
from report.provenance import Cell, Setting, Traced, leaves

MAX_COLUMNS = 9  # value columns that fit an A4 page upright next to the labels
EMPTY = "–"
UNIT_WORDS = {Unit.PERCENT: "in procenten"}


def cell(value: Value, decimals: int = 0, unit: Unit | None = None) -> str:
    """A number as the table shows it: '1.234', '63%', or '–' for an empty cell."""
    if value is None:
        return EMPTY
    text = number(value, decimals)
    return f"{text}%" if unit is Unit.PERCENT else text


def source_line(origins: Sequence[Origin]) -> Markdown:
    """'Bron: KMI+, peildatum 1 februari 2019.' — each source once, the peildatum once.

    A table or figure from more than one sheet names each sheet's source after the sheet
    ('Programma-uitgaven: …; Apparaatsuitgaven: …'); a peildatum shared by all is said once.
    """
    distinct = list(dict.fromkeys(origins))
    dates = list(dict.fromkeys(o.peildatum for o in distinct if o.peildatum))
    one_date = len(dates) == 1
    parts: list[str] = []
    for origin in distinct:
        text = escape(origin.bron or origin.file)
        if len(distinct) > 1:
            text = Markdown(f"{escape(origin.sheet)}: {text}")
        if origin.peildatum and not one_date:
            text = Markdown(f"{text}, peildatum {escape(date_text(origin.peildatum))}")
        if text not in parts:
            parts.append(text)
    line = "; ".join(parts)
    if one_date:
        line += (
            f"; peildatum {escape(date_text(dates[0]))}"
            if len(distinct) > 1
            else (f", peildatum {escape(date_text(dates[0]))}")
        )
    return Markdown(f"Bron: {line}.")


def table_block(table: ModelTable, mark: Mark = unmarked) -> TableBlock:
    """A model table; one with more columns than fit an A4 page upright continues in parts.

    Each part has at most MAX_COLUMNS value columns and repeats the labels. `mark` marks each
    traced number with its source (report.present.marks).
    """
    parts = tuple(
        _part(table, range(i, min(i + MAX_COLUMNS, len(table.columns))), mark)
        for i in range(0, len(table.columns), MAX_COLUMNS)
    )
    unit = UNIT_WORDS.get(table.unit, table.unit)
    part = f"tbl-{table.key}"
    title = cited_markdown(table.title, mark, Where(part, "bijschrift"))
    said = unit.casefold() in table.title.casefold()  # "… in procenten (in procenten)"
    caption = title if said else Markdown(f"{title} ({escape(unit)})")
    below = [source_line(table.sources)]
    below += [escape(f"{row.label}: {row.note}") for row in table.rows if row.note]
    below += [cited_markdown(note, mark, Where(part, "noot")) for note in table.notes]
    return TableBlock(table.key, caption, parts, SourceNote(tuple(below)))


def _part(table: ModelTable, columns: range, mark: Mark) -> PipeTable:
    specs = (ColumnSpec(Align.LEFT), *(ColumnSpec(Align.RIGHT) for _ in columns))
    header = (escape(table.stub), *(escape(table.columns[i]) for i in columns))
    rows = []
    part = f"tbl-{table.key}"
    for row, name in zip(table.rows, table.row_names(), strict=True):
        label = cited_markdown(row.label, mark, Where(part, name))
        traced = row.provenance or (None,) * len(row.values)
        values = [
            mark(
                traced[i],
                cell(row.values[i], table.decimals, row.unit or table.unit),
                Where(part, name, table.columns[i]),
            )
            for i in columns
        ]
        if row.kind is RowKind.GROUP:
            label, values = emphasis(label), [Markdown("") for _ in columns]
        elif row.kind.is_sum:
            label = strong(label)
            values = [strong(v) if v != EMPTY else v for v in values]
        rows.append((label, *values))
    return PipeTable(specs, header, tuple(rows))


def text_block(
    entry: TextTable, items: Iterable[Mapping[str, object]], mark: Mark = unmarked
) -> TableBlock:
    """A table of words from content items (or derived rows), cell by cell as its columns say.

    A cell that holds a number (a named value in a content file) is marked with its source.
    """
    specs = tuple(ColumnSpec(Align.LEFT, column.width) for column in entry.columns)
    header = tuple(escape(column.header) for column in entry.columns)
    first = entry.columns[0].field
    rows = tuple(
        tuple(
            text_cell(
                item,
                column,
                mark,
                Where(f"tbl-{entry.key}", str(item.get(first, "")), column.header),
            )
            for column in entry.columns
        )
        for item in items
    )
    return TableBlock(
        entry.key,
        escape(entry.caption),
        (PipeTable(specs, header, rows),),
        SourceNote((Markdown(f"Bron: {escape(entry.source)}."),)),
    )


def text_cell(
    item: Mapping[str, object],
    column: TextColumn,
    mark: Mark = unmarked,
    where: Where | None = None,
) -> Markdown:
    value = item.get(column.field)
    if isinstance(value, Cited):
        return cited_markdown(value, mark, where or Where())
    if column.kind is CellKind.REF:
        return reference(str(value)) if value else Markdown("")
    if column.kind is CellKind.REFS:
        labels: Sequence[object] = value if isinstance(value, list) else []
        return joined((reference(str(label)) for label in labels), ", ")
    return escape(value or "")


def provenance_items(
    tables: Iterable[ModelTable], figures: Iterable[ModelFigure] = ()
) -> list[dict[str, str]]:
    """The appendix's list of sources: per table its workbooks (sheet, cells, peildatum) and the
    editie.yml settings it uses; per figure the cells its points were made of."""
    items: list[dict[str, str]] = []
    peildatum: dict[tuple[str, str], str] = {}
    for table in tables:
        found = [_origin_item(origin) for origin in table.sources]
        peildatum |= {(o.file, o.sheet): o.peildatum for o in table.sources}
        used = [v for row in table.rows for v in row.provenance if v is not None]
        found += _setting_items(used)
        found[0]["tabel"] = f"tbl-{table.key}"
        items += found
    for figure in figures:
        found = _cell_items([point.value for point in figure.points], peildatum)
        found += _setting_items([point.value for point in figure.points])
        if found:
            found[0]["tabel"] = f"fig-{figure.key}"
            items += found
    return items


def _origin_item(origin: Origin) -> dict[str, str]:
    return {
        "tabel": "",
        "werkmap": origin.file,
        "werkblad": origin.sheet,
        "cellen": origin.cells,
        "peildatum": date_text(origin.peildatum) if origin.peildatum else EMPTY,
    }


def _setting_items(values: Sequence[Traced]) -> list[dict[str, str]]:
    """The editie.yml keys the values use: a key with siblings by its group ("prognose_vertrek")."""
    keys = {leaf.key for value in values for leaf in leaves(value) if isinstance(leaf, Setting)}
    groups: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted(keys):
        groups.setdefault(key[0], []).append(key)
    shown = [" › ".join(found[0]) if len(found) == 1 else group for group, found in groups.items()]
    return [
        {"tabel": "", "werkmap": Setting.file, "werkblad": EMPTY, "cellen": key, "peildatum": EMPTY}
        for key in shown
    ]


def _cell_items(
    values: Sequence[Traced], peildatum: Mapping[tuple[str, str], str]
) -> list[dict[str, str]]:
    """Per workbook sheet the block of cells the values were made of."""
    by_sheet: dict[tuple[str, str], list[str]] = {}
    for value in values:
        for leaf in leaves(value):
            if isinstance(leaf, Cell):
                by_sheet.setdefault((leaf.file, leaf.sheet), []).append(leaf.address)
    return [
        {
            "tabel": "",
            "werkmap": file,
            "werkblad": sheet,
            "cellen": bounds(addresses),
            "peildatum": date_text(peildatum[file, sheet])
            if peildatum.get((file, sheet))
            else EMPTY,
        }
        for (file, sheet), addresses in by_sheet.items()
    ]
