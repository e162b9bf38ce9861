"""The layout of a sheet: the fields above the table (Eenheid, Bron, ...) and its header row."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from report.inputs.cells import read_text
from report.inputs.contract import RecordSheet, Sheet, normalise
from report.inputs.findings import SheetCells
from report.inputs.tables import Origin

META_ROWS = 30  # the header row must start within the first rows of a sheet
FIELDS = ("eenheid", "bron", "peildatum", "periode")


@dataclass(frozen=True)
class Layout:
    header: int  # the header row
    meta: dict[str, str] = field(default_factory=dict)  # field -> text
    meta_cells: dict[str, str] = field(default_factory=dict)  # field -> cell of its value

    def origin(self, cells: SheetCells, last_col: int, last_row: int) -> Origin:
        """Where the table lives: from the header's first cell to the last one used."""
        return Origin(
            cells.findings.file,
            cells.title,
            f"A{self.header}:{get_column_letter(last_col)}{last_row}",
            self.meta.get("bron", ""),
            self.meta.get("peildatum", ""),
        )


def first_header(spec: Sheet) -> str:
    if isinstance(spec, RecordSheet):
        return spec.columns[0].header
    return "Groep" if spec.grouped else spec.label_header


def read_layout(cells: SheetCells, spec: Sheet) -> Layout | None:
    """The fields and header row, with the checks every sheet gets (unit, source, merges)."""
    meta: dict[str, str] = {}
    where: dict[str, str] = {}
    wanted = normalise(first_header(spec))
    header = None
    for row in range(1, min(cells.ws.max_row, META_ROWS) + 1):
        key = normalise(cells.raw(row, 1)).rstrip(":")
        if key in FIELDS:
            where[key] = cells.coordinate(row, 2)
            meta[key] = _field_text(cells, row)
        elif key == wanted:
            header = row
            break
    if header is None:
        cells.problem("A1", f"kopregel met {first_header(spec)!r} in kolom A niet gevonden")
        return None
    layout = Layout(header, meta, where)
    _check_fields(cells, spec, layout)
    _check_merged(cells, header)
    _note_hidden(cells, header)
    return layout


def _field_text(cells: SheetCells, row: int) -> str:
    value = cells.raw(row, 2)
    if hasattr(value, "strftime"):
        return str(value.strftime("%Y-%m-%d"))
    text = read_text(value)
    coordinate = cells.coordinate(row, 2)
    if text.problem:
        cells.problem(coordinate, text.problem)
    elif text.note:
        cells.note(coordinate, text.note)
    return text.value


def _check_fields(cells: SheetCells, spec: Sheet, layout: Layout) -> None:
    unit = layout.meta.get("eenheid")
    if unit is not None and normalise(unit) != normalise(spec.unit):
        cells.problem(
            layout.meta_cells["eenheid"], f"eenheid {unit!r}; verwacht {spec.unit.value!r}"
        )
    if not layout.meta.get("bron"):
        cells.problem(
            layout.meta_cells.get("bron", ""),
            "bronvermelding ontbreekt (vul 'Bron' in boven de tabel)",
        )


def _check_merged(cells: SheetCells, header: int) -> None:
    for merged in cells.ws.merged_cells.ranges:
        if merged.max_row >= header:
            cells.problem(
                merged.coord, "samengevoegde cellen in de tabel; maak de samenvoeging ongedaan"
            )


def _note_hidden(cells: SheetCells, header: int) -> None:
    ws = cells.ws
    hidden = [r for r, dim in ws.row_dimensions.items() if dim.hidden and r > header]
    if hidden:
        rows = ", ".join(str(r) for r in sorted(hidden)[:10])
        cells.note(f"rij {rows}", "verborgen rij(en) worden meegeteld")
    columns = [c for c, dim in ws.column_dimensions.items() if dim.hidden]
    if columns:
        cells.note(
            f"kolom {', '.join(sorted(columns)[:10])}", "verborgen kolom(men) worden gelezen"
        )
