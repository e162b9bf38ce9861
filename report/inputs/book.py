"""One workbook: open it safely, find the contract's sheets by name, and read each one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from report.inputs.contract import Sheet, YearSheet, normalise
from report.inputs.edition import Edition
from report.inputs.excel import WorkbookRefused, linked_files, open_workbook
from report.inputs.findings import Findings, SheetCells
from report.inputs.record_table import read_record_table
from report.inputs.tables import Table
from report.inputs.year_table import read_year_table

IGNORED_SHEETS = ("instructie", "toelichting", "lijsten")


@dataclass
class WorkbookResult:
    findings: Findings
    tables: dict[str, Table] = field(default_factory=dict)
    absent: list[Sheet] = field(default_factory=list)  # optional sheets not supplied


def read_workbook(
    path: Path, name: str, edition: Edition, sheets: tuple[Sheet, ...]
) -> WorkbookResult:
    """Every contract sheet of one workbook; problems and notes are collected, not raised."""
    result = WorkbookResult(Findings(name))
    findings = result.findings
    if not path.is_file():
        findings.problem("", "", f"bestand ontbreekt in {path.parent}")
        return result
    if path.suffix.lower() == ".xlsm":
        findings.note("", "", "werkmap met macro's: de macro's worden niet gebruikt")
    try:
        book = open_workbook(path)
        links = linked_files(path)
    except WorkbookRefused as exc:
        findings.problem(exc.sheet, "", str(exc))
        return result
    for target in links:
        findings.note(
            "",
            "",
            f"de werkmap verwijst naar een ander bestand ({target}); de in deze werkmap "
            "opgeslagen uitkomsten worden gebruikt",
        )
    by_name = _by_name(book, sheets, findings)
    used: set[str] = set()
    for spec in sheets:
        ws = by_name.get(normalise(spec.sheet))
        if ws is None:
            if spec.required:
                present = ", ".join(ws.title for ws in book.worksheets)
                findings.problem(
                    spec.sheet, "", f"verplicht werkblad ontbreekt (aanwezig: {present})"
                )
            else:
                result.absent.append(spec)
            continue
        used.add(normalise(ws.title))
        if ws.title != spec.sheet:
            findings.note(ws.title, "", f"werkblad gelezen als {spec.sheet!r}")
        if ws.sheet_state != "visible":
            findings.note(ws.title, "", "werkblad is verborgen maar wordt wel gelezen")
        cells = SheetCells(ws, path, findings)
        table = (
            read_year_table(cells, spec, edition)
            if isinstance(spec, YearSheet)
            else read_record_table(cells, spec)
        )
        if table is not None:
            result.tables[spec.key] = table
        elif not spec.required and cells.blank:
            result.absent.append(spec)
    for ws in book.worksheets:
        title = normalise(ws.title)
        if title not in used and not title.startswith(IGNORED_SHEETS):
            findings.note(ws.title, "", "werkblad is onbekend en wordt niet gebruikt")
    return result


def _by_name(book: Workbook, sheets: tuple[Sheet, ...], findings: Findings) -> dict[str, Worksheet]:
    """Sheets by normalised name; two sheets answering to one contract name are an error."""
    wanted = {normalise(spec.sheet) for spec in sheets}
    by_name: dict[str, Worksheet] = {}
    for ws in book.worksheets:
        key = normalise(ws.title)
        if key in by_name and key in wanted:
            findings.problem(
                ws.title,
                "",
                f"er is al een werkblad {by_name[key].title!r}; werkbladnamen mogen niet "
                "alleen in hoofdletters of spaties verschillen",
            )
        by_name.setdefault(key, ws)
    return by_name
