"""Figures another source gives for what the report shows, and why the report keeps its own.

Finance and statistics list them on the sheet Andere bronnen of their workbook (a published
total that does not add up, a second statement of the same amount). Each is matched to the
report's figure by sheet, row and column; the report lists both with the reason, as input
text, in the Verantwoording. A record that matches nothing, or two tables showing different
figures, is an input error at its cell: a correction the report cannot place is never dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from report.inputs import contract
from report.inputs import labels as L
from report.inputs.contract import normalise
from report.inputs.tables import Record, RecordTable
from report.model.entries import DataTable
from report.model.reconcile import Correction
from report.model.sources import Sources
from report.model.tables import ModelTable
from report.model.traced import record_cell
from report.numbers import exact
from report.problems import Note, Problem
from report.provenance import Traced

KEYS = ("andere_bronnen_financien", "andere_bronnen_statistiek")


def other_source_corrections(
    sources: Sources, built: Mapping[str, ModelTable], entries: Sequence[DataTable]
) -> tuple[list[Correction], list[Problem], list[Note]]:
    """Every record of the Andere bronnen sheets as a correction of the table(s) that show it."""
    corrections: list[Correction] = []
    problems: list[Problem] = []
    notes: list[Note] = []
    for key in KEYS:
        if key not in sources.tables:
            continue
        table = sources.records(key)
        sheets = {normalise(s.sheet): s.key for s in contract.sheets_of(table.spec.workbook)}
        for record in table.records:
            sheet = sheets.get(normalise(record.text(L.OTHER_SHEET)))
            if sheet is not None and sheet not in KEYS and sheet not in sources.tables:
                place = (table.origin.file, table.origin.sheet, table.cell(record, L.OTHER_SHEET))
                notes.append(Note(*place, "dat werkblad is niet aangeleverd; regel niet gebruikt"))
                continue
            found = _match(table, record, sheets, built, entries)
            if isinstance(found, Problem):
                problems.append(found)
                continue
            other = record_cell(table, record, L.OTHER_VALUE)
            if other is None:
                continue  # the reader has reported the empty or unreadable cell
            keys, shown, unit, label = found
            where = (table.origin.file, table.origin.sheet, table.cell(record, L.OTHER_VALUE))
            if other == shown:
                notes.append(Note(*where, "gelijk aan het cijfer in het rapport; niets te melden"))
                continue
            corrections.append(
                Correction(
                    tuple(keys),
                    label,  # the report's own label: a number in it keeps its source
                    record.text(L.OTHER_COLUMN),
                    shown,
                    other,
                    record.text(L.OTHER_SOURCE),
                    record.text(L.OTHER_REASON),
                    unit,
                )
            )
    return corrections, problems, notes


def _match(
    table: RecordTable,
    record: Record,
    sheets: Mapping[str, str],
    built: Mapping[str, ModelTable],
    entries: Sequence[DataTable],
) -> tuple[list[str], Traced, contract.Unit, str] | Problem:
    """The tables that show the record's figure, the figure and its unit; or why none does."""
    origin = table.origin
    sheet = record.text(L.OTHER_SHEET)
    sheet_key = sheets.get(normalise(sheet))
    if sheet_key is None or sheet_key in KEYS:
        names = ", ".join(
            s.sheet for s in contract.sheets_of(table.spec.workbook) if s.key not in KEYS
        )
        return Problem(
            origin.file,
            origin.sheet,
            table.cell(record, L.OTHER_SHEET),
            f"werkblad {sheet!r} is geen werkblad met cijfers van deze werkmap (kies uit: {names})",
        )
    label, column = record.text(L.OTHER_ROW), record.text(L.OTHER_COLUMN)
    matches: list[tuple[str, Traced, contract.Unit, str]] = []
    for entry in entries:
        shown_table = built.get(entry.key)
        if sheet_key not in entry.sheets or shown_table is None:
            continue
        try:
            row = shown_table.row(label)
            value = row.provenance[shown_table.column(column)]
        except KeyError:
            continue
        if value is not None:
            matches.append((entry.key, value, row.unit or shown_table.unit, row.label))
    if not matches:
        return Problem(
            origin.file,
            origin.sheet,
            table.cell(record, L.OTHER_ROW),
            f"regel {label!r} met kolom {column!r} staat in geen tabel van het rapport die "
            f"{sheet} toont; schrijf regel en kolom zoals het rapport ze noemt",
        )
    values = {value for _key, value, _unit, _label in matches}
    if len(values) > 1:
        shown = " en ".join(exact(v) for v in sorted(values))
        return Problem(
            origin.file,
            origin.sheet,
            table.cell(record, L.OTHER_ROW),
            f"regel {label!r} met kolom {column!r} staat in meer tabellen met verschillende "
            f"cijfers ({shown}); noem de regel zoals één tabel hem noemt",
        )
    return [key for key, *_ in matches], matches[0][1], matches[0][2], matches[0][3]
