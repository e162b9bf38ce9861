"""Read both workbooks into typed tables, collecting every problem before giving up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from report.inputs import contract
from report.inputs.cells import parse_number, parse_whole, year_of
from report.inputs.contract import Column, RecordSheet, Role, Row, Sheet, YearSheet, normalise
from report.inputs.edition import Edition, load_edition
from report.inputs.excel import WorkbookRefused, formulas, linked_files, open_workbook
from report.inputs.tables import Origin, Record, RecordTable, Table, TableRow, YearTable
from report.numbers import number
from report.problems import InputError, Note, Problem

META_ROWS = 30  # the header row must start within the first rows of a sheet
IGNORED_SHEETS = ("instructie", "toelichting", "lijsten")
_EXTERNAL = re.compile(r"(?<![\w\]])\[\d+\]")  # [1]Blad1!A1: a reference into another workbook


@dataclass
class Inputs:
    edition: Edition
    tables: dict[str, Table]
    notes: list[Note] = field(default_factory=list)
    absent: list[Sheet] = field(default_factory=list)  # optional sheets not supplied

    def get(self, key: str) -> Table | None:
        return self.tables.get(key)


def read_inputs(data_dir: Path) -> Inputs:
    """Read editie.yml and both workbooks; raise InputError listing every problem."""
    edition = load_edition(data_dir / "editie.yml")
    files = {contract.FINANCE: edition.finance_file, contract.STATISTICS: edition.statistics_file}
    problems: list[Problem] = []
    notes: list[Note] = []
    tables: dict[str, Table] = {}
    absent: list[Sheet] = []
    for workbook_key, name in files.items():
        reader = _WorkbookReader(data_dir / name, name, edition)
        found, missing = reader.read(contract.sheets_of(workbook_key))
        tables.update(found)
        absent.extend(missing)
        problems.extend(reader.problems)
        notes.extend(reader.notes)
    if problems:
        raise InputError(problems, notes)
    return Inputs(edition, tables, sorted(set(notes)), absent)


class _WorkbookReader:
    def __init__(self, path: Path, name: str, edition: Edition):
        self.path = path
        self.name = name
        self.edition = edition
        self.problems: list[Problem] = []
        self.notes: list[Note] = []
        self._formulas: dict[str, dict[str, str]] = {}  # sheet -> cell -> formula, when needed
        self._unreadable: set[tuple[str, int, int]] = set()  # cells already reported
        self._blank: set[str] = set()  # sheets left as the blank template

    # -- findings ---------------------------------------------------------------------
    def problem(self, sheet: str, cell: str, message: str) -> None:
        self.problems.append(Problem(self.name, sheet, cell, message))

    def unreadable(self, ws: Worksheet, row: int, column: int, message: str) -> None:
        """A cell that cannot be used; sums that depend on it are not checked."""
        self._unreadable.add((ws.title, row, column))
        self.problem(ws.title, ws.cell(row, column).coordinate, message)

    def note(self, sheet: str, cell: str, message: str) -> None:
        self.notes.append(Note(self.name, sheet, cell, message))

    # -- workbook -----------------------------------------------------------------------
    def read(self, sheets: tuple[Sheet, ...]) -> tuple[dict[str, Table], list[Sheet]]:
        if not self.path.is_file():
            self.problem("", "", f"bestand ontbreekt in {self.path.parent}")
            return {}, []
        if self.path.suffix.lower() == ".xlsm":
            self.note("", "", "werkmap met macro's: de macro's worden niet gebruikt")
        try:
            book = open_workbook(self.path)
            links = linked_files(self.path)
        except WorkbookRefused as exc:
            self.problem(exc.sheet, "", str(exc))
            return {}, []
        for target in links:
            self.note(
                "",
                "",
                f"de werkmap verwijst naar een ander bestand ({target}); de in deze werkmap "
                "opgeslagen uitkomsten worden gebruikt",
            )
        by_name = self._by_name(book, sheets)
        tables: dict[str, Table] = {}
        absent: list[Sheet] = []
        used: set[str] = set()
        for spec in sheets:
            ws = by_name.get(normalise(spec.sheet))
            if ws is None:
                if spec.required:
                    present = ", ".join(ws.title for ws in book.worksheets)
                    self.problem(
                        spec.sheet, "", f"verplicht werkblad ontbreekt (aanwezig: {present})"
                    )
                else:
                    absent.append(spec)
                continue
            used.add(normalise(ws.title))
            if ws.title != spec.sheet:
                self.note(ws.title, "", f"werkblad gelezen als {spec.sheet!r}")
            if ws.sheet_state != "visible":
                self.note(ws.title, "", "werkblad is verborgen maar wordt wel gelezen")
            table = (
                self._year_table(ws, spec)
                if isinstance(spec, YearSheet)
                else self._record_table(ws, spec)
            )
            if table is not None:
                tables[spec.key] = table
            elif spec.key in self._blank and not spec.required:
                absent.append(spec)
        for ws in book.worksheets:
            title = normalise(ws.title)
            if title not in used and not title.startswith(IGNORED_SHEETS):
                self.note(ws.title, "", "werkblad is onbekend en wordt niet gebruikt")
        return tables, absent

    def _by_name(self, book: Workbook, sheets: tuple[Sheet, ...]) -> dict[str, Worksheet]:
        """Sheets by normalised name; two sheets answering to one contract name are an error."""
        wanted = {normalise(spec.sheet) for spec in sheets}
        by_name: dict[str, Worksheet] = {}
        for ws in book.worksheets:
            key = normalise(ws.title)
            if key in by_name and key in wanted:
                self.problem(
                    ws.title,
                    "",
                    f"er is al een werkblad {by_name[key].title!r}; werkbladnamen mogen niet "
                    "alleen in hoofdletters of spaties verschillen",
                )
            by_name.setdefault(key, ws)
        return by_name

    def _value(self, ws: Worksheet, row: int, column: int) -> object:
        """The cell's value; a formula without a cached result is reported."""
        cell = ws.cell(row, column)
        value = cell.value
        formula = self._formula(ws.title, cell.coordinate) if value is None else ""
        if _EXTERNAL.search(formula):
            self.unreadable(
                ws,
                row,
                column,
                f"formule {formula[:60]!r} verwijst naar een ander bestand en heeft geen "
                "opgeslagen uitkomst; vervang de formule door de waarde (Plakken speciaal › "
                "Waarden)",
            )
        elif formula:
            self.unreadable(
                ws,
                row,
                column,
                "formule zonder opgeslagen uitkomst (het bestand is door een programma "
                "geschreven, niet door Excel bewaard); open het in Excel of LibreOffice en "
                "sla het op",
            )
        return value

    def _formula(self, sheet: str, coordinate: str) -> str:
        """The formula in a cell ("" when it holds none)."""
        if sheet not in self._formulas:
            try:
                self._formulas[sheet] = formulas(self.path, sheet)
            except WorkbookRefused:  # it opened a moment ago; without formulas, trust the values
                self._formulas[sheet] = {}
        return self._formulas[sheet].get(coordinate, "")

    # -- layout -------------------------------------------------------------------------
    def _metadata(self, ws: Worksheet, spec: Sheet) -> tuple[dict[str, str], int | None]:
        """Key/value cells above the table (Eenheid, Bron, Peildatum, Periode) and the header."""
        meta: dict[str, str] = {}
        first_header = normalise(self._first_header(spec))
        for row in range(1, min(ws.max_row, META_ROWS) + 1):
            key = normalise(ws.cell(row, 1).value).rstrip(":")
            if key in ("eenheid", "bron", "peildatum", "periode"):
                value = ws.cell(row, 2).value
                meta[key] = (
                    value.strftime("%Y-%m-%d")
                    if hasattr(value, "strftime")
                    else (" ".join(str(value or "").split()))
                )
            elif key == first_header:
                return meta, row
        self.problem(
            ws.title, "A1", f"kopregel met {self._first_header(spec)!r} in kolom A niet gevonden"
        )
        return meta, None

    @staticmethod
    def _first_header(spec: Sheet) -> str:
        if isinstance(spec, RecordSheet):
            return spec.columns[0].header
        return "Groep" if spec.grouped else spec.label_header

    def _check_unit(self, ws: Worksheet, spec: Sheet, meta: dict[str, str]) -> None:
        if "eenheid" in meta and normalise(meta["eenheid"]) != normalise(spec.unit):
            self.problem(ws.title, "B2", f"eenheid {meta['eenheid']!r}; verwacht {spec.unit!r}")
        if not meta.get("bron"):
            self.problem(ws.title, "", "bronvermelding ontbreekt (vul 'Bron' in boven de tabel)")

    def _check_merged(self, ws: Worksheet, header_row: int) -> None:
        for merged in ws.merged_cells.ranges:
            if merged.max_row >= header_row:
                self.problem(
                    ws.title,
                    merged.coord,
                    "samengevoegde cellen in de tabel; maak de samenvoeging ongedaan",
                )

    def _note_hidden(self, ws: Worksheet, header_row: int) -> None:
        hidden = [r for r, dim in ws.row_dimensions.items() if dim.hidden and r > header_row]
        if hidden:
            rows = ", ".join(str(r) for r in sorted(hidden)[:10])
            self.note(ws.title, f"rij {rows}", "verborgen rij(en) worden meegeteld")
        cols = [c for c, dim in ws.column_dimensions.items() if dim.hidden]
        if cols:
            self.note(
                ws.title,
                f"kolom {', '.join(sorted(cols)[:10])}",
                "verborgen kolom(men) worden gelezen",
            )

    # -- year tables --------------------------------------------------------------------
    def _blank_sheet(self, ws: Worksheet, spec: Sheet, reported: int) -> None:
        """A sheet left as the blank template: one finding instead of one per empty cell."""
        del self.problems[reported:]
        self._blank.add(spec.key)
        if spec.required:
            self.problem(ws.title, "", "het werkblad is nog niet ingevuld")
        else:
            self.note(ws.title, "", "het werkblad is leeg en geldt als niet aangeleverd")

    def _year_table(self, ws: Worksheet, spec: YearSheet) -> YearTable | None:
        reported = len(self.problems)
        meta, header = self._metadata(ws, spec)
        self._check_unit(ws, spec, meta)
        if header is None:
            return None
        self._check_merged(ws, header)
        self._note_hidden(ws, header)
        label_col = 2 if spec.grouped else 1
        years, total_col, note_col, attr_cols = self._year_header(ws, spec, header, label_col)
        if not years:
            self.problem(
                ws.title,
                f"{get_column_letter(label_col + 1)}{header}",
                "geen jaartallen in de kopregel",
            )
            return None
        self._check_years(ws, spec, header, years)
        first_data = header + 1
        budget: frozenset[int] = frozenset()
        if spec.status_row:
            budget, first_data = self._status(ws, header, years)
        rows = self._rows(ws, spec, first_data, label_col, years, total_col, note_col, attr_cols)
        if all(v is None for row in rows for v in row.values.values()):
            return self._blank_sheet(ws, spec, reported)
        self._check_rows(ws, spec, rows, label_col)
        self._check_totals(ws, spec, rows, years, total_col)
        last_row = max((row.excel_row for row in rows), default=header)
        last_col = max([*years.values(), total_col or 0, note_col or 0])
        origin = Origin(
            self.name,
            ws.title,
            f"A{header}:{get_column_letter(last_col)}{last_row}",
            meta.get("bron", ""),
            meta.get("peildatum", ""),
        )
        ordered = tuple(sorted(years))
        return YearTable(
            spec,
            origin,
            ordered,
            tuple(rows),
            {year: get_column_letter(col) for year, col in years.items()},
            budget,
        )

    def _year_header(self, ws, spec, header, label_col):
        years: dict[int, int] = {}
        total_col = note_col = None
        attr_cols: dict[str, int] = {}
        wanted_attrs = {normalise(a): a for a in spec.attributes}
        for col in range(label_col + 1, ws.max_column + 1):
            raw = ws.cell(header, col).value
            coordinate = ws.cell(header, col).coordinate
            if raw is None or str(raw).strip() == "":
                continue
            year = year_of(raw)
            text = normalise(raw)
            if year is not None:
                if year in years:
                    self.problem(
                        ws.title, coordinate, f"jaar {year} staat twee keer in de kopregel"
                    )
                    continue
                if isinstance(raw, str):
                    self.note(ws.title, coordinate, f"jaartal als tekst {raw!r} gelezen als {year}")
                years[year] = col
            elif text.startswith("totaal"):
                total_col = col
            elif text.startswith("toelichting"):
                note_col = col
            elif any(text.startswith(key) for key in wanted_attrs):
                key = next(key for key in wanted_attrs if text.startswith(key))
                attr_cols[wanted_attrs[key]] = col
            else:
                self.problem(
                    ws.title,
                    coordinate,
                    f"onbekende kolomkop {str(raw)[:40]!r}; verwacht een jaartal, Totaal of Toelichting",
                )
        for name in spec.attributes:
            if name not in attr_cols:
                self.problem(
                    ws.title, f"{get_column_letter(label_col)}{header}", f"kolom {name!r} ontbreekt"
                )
        return years, total_col, note_col, attr_cols

    def _check_years(self, ws, spec: YearSheet, header: int, years: dict[int, int]) -> None:
        ordered = sorted(years)
        gaps = [y for y in range(ordered[0], ordered[-1] + 1) if y not in years]
        for year in gaps:
            self.problem(ws.title, f"rij {header}", f"jaar {year} ontbreekt in de kopregel")
        if list(years) != ordered:
            self.problem(ws.title, f"rij {header}", "de jaren staan niet op volgorde")
        if spec.required:
            need = range(self.edition.first_year, self._last_needed_year(spec) + 1)
            for year in need:
                if year not in years and year not in gaps:
                    self.problem(
                        ws.title, f"rij {header}", f"jaar {year} ontbreekt (nodig voor deze editie)"
                    )

    def _last_needed_year(self, spec: YearSheet) -> int:
        if spec.workbook == contract.FINANCE:
            return max(self.edition.last_year, self.edition.savings.reference_year)
        return self.edition.last_year

    def _status(self, ws, header: int, years: dict[int, int]) -> tuple[frozenset[int], int]:
        row = header + 1
        if normalise(ws.cell(row, 1).value) != "status":
            self.problem(
                ws.title,
                f"A{row}",
                "rij 'Status' (realisatie of begroting per jaar) ontbreekt onder de kopregel",
            )
            return frozenset(), row
        budget = set()
        for year, col in years.items():
            value = normalise(ws.cell(row, col).value)
            if value == "begroting":
                budget.add(year)
            elif value != "realisatie":
                self.problem(
                    ws.title, ws.cell(row, col).coordinate, "vul 'realisatie' of 'begroting' in"
                )
        return frozenset(budget), row + 1

    def _rows(
        self, ws, spec, first, label_col, years, total_col, note_col, attr_cols
    ) -> list[TableRow]:
        rows: list[TableRow] = []
        group = ""
        seen: dict[tuple[str, str], int] = {}
        value_cols = [*years.values(), *(c for c in (total_col,) if c)]
        for r in _filled_rows(ws, first):
            label = ws.cell(r, label_col).value
            if spec.grouped and ws.cell(r, 1).value not in (None, ""):
                group = " ".join(str(ws.cell(r, 1).value).split())
            if label is None or str(label).strip() == "":
                if any(ws.cell(r, c).value not in (None, "") for c in value_cols):
                    self.problem(
                        ws.title,
                        f"{get_column_letter(label_col)}{r}",
                        "waarden zonder omschrijving in kolom " + get_column_letter(label_col),
                    )
                continue
            label = " ".join(str(label).split())
            if normalise(label).startswith("bron") and all(
                ws.cell(r, c).value in (None, "") for c in value_cols
            ):
                continue  # a source note; "Bronbeveiliging" with amounts is a line
            row_spec = self._match_row(spec, label, group)
            if row_spec is None:
                self.problem(
                    ws.title,
                    f"{get_column_letter(label_col)}{r}",
                    f"onbekende regel {label[:60]!r}",
                )
                continue
            key = (normalise(row_spec.group), normalise(row_spec.label))
            if key in seen and spec.rows:
                self.problem(
                    ws.title,
                    f"{get_column_letter(label_col)}{r}",
                    f"regel {label!r} staat ook al in rij {seen[key]}",
                )
                continue
            seen[key] = r
            toelichting = (
                " ".join(str(ws.cell(r, note_col).value or "").split()) if note_col else ""
            )
            values = {}
            for year, col in years.items():
                values[year] = self._amount(ws, r, col, spec, row_spec, toelichting)
            printed = (
                self._amount(ws, r, total_col, spec, row_spec, optional=True) if total_col else None
            )
            attributes = {name: ws.cell(r, col).value for name, col in attr_cols.items()}
            rows.append(
                TableRow(
                    row_spec.group,
                    row_spec.label,
                    row_spec.role,
                    values,
                    r,
                    toelichting,
                    attributes,
                    printed,
                )
            )
        return rows

    def _match_row(self, spec: YearSheet, label: str, group: str) -> Row | None:
        if not spec.rows:
            return Row(label, Role.COMPONENT, group)
        found = spec.row(label, group) or spec.row(label)
        if found is None and spec.extra_rows and not normalise(label).startswith("totaal"):
            return Row(label, Role.COMPONENT, group if spec.grouped else "")
        return found

    def _amount(
        self,
        ws,
        r: int,
        col: int,
        spec: YearSheet,
        row: Row,
        toelichting: str = "",
        optional: bool = False,
    ) -> int | None:
        raw = self._value(ws, r, col)
        coordinate = ws.cell(r, col).coordinate
        what = {contract.EURO: "bedrag", contract.PERCENT: "percentage"}.get(spec.unit, "aantal")
        parsed = parse_whole(raw, what)
        if parsed.problem:
            self.unreadable(ws, r, col, parsed.problem)
            return None
        if parsed.note:
            self.note(ws.title, coordinate, parsed.note)
        if parsed.value is None:
            if optional or row.role in (Role.TOTAL, Role.SUBTOTAL):
                return None  # printed totals are optional: they are checked, not needed
            if not (spec.gaps_allowed and toelichting):
                self.problem(
                    ws.title,
                    coordinate,
                    f"lege cel; vul een {what} in"
                    + (
                        " of licht in de kolom Toelichting toe waarom de cel leeg is"
                        if spec.gaps_allowed
                        else ""
                    ),
                )
            return None
        if spec.unit == contract.PERCENT and parsed.value > 100:
            self.problem(ws.title, coordinate, f"percentage {parsed.value} is groter dan 100")
        return int(parsed.value)

    def _check_rows(self, ws, spec: YearSheet, rows: list[TableRow], label_col: int) -> None:
        present = {(normalise(r.group), normalise(r.label)) for r in rows}
        for row in spec.rows:
            missing = (normalise(row.group), normalise(row.label)) not in present
            if missing and row.role in (Role.COMPONENT, Role.INFO):
                where = f" in groep {row.group!r}" if row.group else ""
                self.problem(
                    ws.title,
                    f"kolom {get_column_letter(label_col)}",
                    f"regel {row.label!r}{where} ontbreekt",
                )

    def _check_totals(
        self,
        ws,
        spec: YearSheet,
        rows: list[TableRow],
        years: dict[int, int],
        total_col: int | None,
    ) -> None:
        """A printed total is compared with the computed sum, never trusted."""
        components = [r for r in rows if r.role is Role.COMPONENT]
        for row in rows:
            if row.role is Role.TOTAL:
                parts = components
            elif row.role is Role.SUBTOTAL:
                parts = [r for r in components if normalise(r.group) == normalise(row.group)]
            else:
                parts = []
            if parts:
                for year, col in years.items():
                    printed = row.values.get(year)
                    known = all((ws.title, p.excel_row, col) not in self._unreadable for p in parts)
                    if printed is not None and known:
                        summed = sum(p.values.get(year) or 0 for p in parts)
                        self._compare(
                            ws,
                            spec,
                            f"{get_column_letter(col)}{row.excel_row}",
                            row.label,
                            printed,
                            summed,
                            len(parts),
                        )
            readable = all(
                (ws.title, row.excel_row, c) not in self._unreadable for c in years.values()
            )
            if row.printed_total is not None and row.values and readable:
                summed = sum(v or 0 for v in row.values.values())
                cell = f"{get_column_letter(total_col)}{row.excel_row}"
                self._compare(ws, spec, cell, row.label, row.printed_total, summed, len(row.values))

    def _compare(
        self, ws, spec: YearSheet, cell: str, label: str, printed: int, summed: int, parts: int
    ) -> None:
        difference = printed - summed
        if difference == 0:
            return
        tolerance = spec.rounding * max(parts, 2) / 2
        text = (
            f"totaal {label!r} is {number(printed)}, de som is {number(summed)} "
            f"(verschil {'+' if difference > 0 else ''}{number(difference)})"
        )
        if abs(difference) <= tolerance:
            self.note(
                ws.title,
                cell,
                text + f"; afrondingsverschil binnen de marge van {number(tolerance)}",
            )
        else:
            self.problem(
                ws.title,
                cell,
                text + f"; dat is meer dan de afrondingsmarge van {number(tolerance)}",
            )

    # -- record tables ------------------------------------------------------------------
    def _record_table(self, ws: Worksheet, spec: RecordSheet) -> RecordTable | None:
        reported = len(self.problems)
        meta, header = self._metadata(ws, spec)
        self._check_unit(ws, spec, meta)
        if header is None:
            return None
        self._check_merged(ws, header)
        self._note_hidden(ws, header)
        columns: dict[str, int] = {}
        years: dict[int, int] = {}
        by_name = {normalise(c.header): c for c in spec.columns}
        for col in range(1, ws.max_column + 1):
            raw = ws.cell(header, col).value
            if raw is None or str(raw).strip() == "":
                continue
            year = year_of(raw) if spec.year_columns else None
            column = by_name.get(normalise(raw))
            if year is not None:
                if year in years:
                    self.problem(
                        ws.title,
                        ws.cell(header, col).coordinate,
                        f"jaar {year} staat twee keer in de kopregel",
                    )
                years[year] = col
            elif column is not None:
                columns[column.header] = col
            else:
                self.problem(
                    ws.title,
                    ws.cell(header, col).coordinate,
                    f"onbekende kolomkop {str(raw)[:40]!r}",
                )
        for column in spec.columns:
            if column.header not in columns:
                self.problem(ws.title, f"rij {header}", f"kolom {column.header!r} ontbreekt")
        if spec.year_columns and not years:
            self.problem(ws.title, f"rij {header}", "geen jaartallen (fasering) in de kopregel")
        if spec.extra.get("period") and not meta.get("periode"):
            self.problem(ws.title, "", "periode ontbreekt (vul 'Periode' in boven de tabel)")
        records = []
        for r in _filled_rows(ws, header + 1):
            cells = [*columns.values(), *years.values()]
            if all(ws.cell(r, c).value in (None, "") for c in cells):
                continue
            values = {
                column.header: self._record_value(ws, r, columns[column.header], column)
                for column in spec.columns
                if column.header in columns
            }
            phase = {year: self._phase(ws, r, col) for year, col in years.items()}
            records.append(Record(values, phase, r))
        if not records:
            return self._blank_sheet(ws, spec, reported)
        last_col = max([*columns.values(), *years.values(), 1])
        last_row = max((rec.excel_row for rec in records), default=header)
        origin = Origin(
            self.name,
            ws.title,
            f"A{header}:{get_column_letter(last_col)}{last_row}",
            meta.get("bron", ""),
            meta.get("peildatum", ""),
        )
        return RecordTable(
            spec,
            origin,
            tuple(records),
            {name: get_column_letter(col) for name, col in columns.items()},
            tuple(sorted(years)),
            {year: get_column_letter(col) for year, col in years.items()},
            meta.get("periode", ""),
        )

    def _record_value(self, ws: Worksheet, r: int, col: int, column: Column) -> object:
        raw = self._value(ws, r, col)
        cell = ws.cell(r, col)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if column.required:
                self.problem(ws.title, cell.coordinate, f"{column.header} ontbreekt")
            return None
        if column.kind == "text":
            return " ".join(str(raw).split())
        if column.kind == "choice":
            wanted = {normalise(c): c for c in column.choices}
            if normalise(raw) not in wanted:
                self.problem(
                    ws.title,
                    cell.coordinate,
                    f"{str(raw)[:40]!r} is geen geldige keuze; kies uit: "
                    + "; ".join(column.choices),
                )
                return None
            return wanted[normalise(raw)]
        if column.kind == "percent":
            return self._percent(ws, cell, raw, column.header)
        parsed = (
            parse_whole(raw, column.header.lower())
            if column.kind == "int"
            else parse_number(raw, column.header.lower())
        )
        if parsed.problem:
            self.problem(ws.title, cell.coordinate, parsed.problem)
            return None
        if parsed.note:
            self.note(ws.title, cell.coordinate, parsed.note)
        if parsed.value is not None and parsed.value < 0:
            self.problem(ws.title, cell.coordinate, f"{column.header} mag niet negatief zijn")
            return None
        return int(parsed.value) if column.kind == "int" else parsed.value

    def _percent(self, ws, cell, raw, what: str) -> Decimal | None:
        """Percentages as typed (30) or as an Excel percentage cell (0,3 shown as 30%)."""
        text = str(raw).strip()
        if isinstance(raw, str) and text.endswith("%"):
            raw = text[:-1]
        parsed = parse_number(raw, "percentage")
        if parsed.problem:
            self.problem(ws.title, cell.coordinate, parsed.problem)
            return None
        value = parsed.value
        if value is not None and "%" in (cell.number_format or "") and not isinstance(raw, str):
            value = value * 100
        return value

    def _phase(self, ws, r: int, col: int) -> Decimal | None:
        cell = ws.cell(r, col)
        raw = self._value(ws, r, col)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            self.problem(
                ws.title,
                cell.coordinate,
                "fasering ontbreekt; vul een percentage in (0 als er dat jaar niets wordt bespaard)",
            )
            return None
        return self._percent(ws, cell, raw, "fasering")


def _filled_rows(ws: Worksheet, first: int) -> list[int]:
    """Rows from `first` on that hold a value, in order.

    openpyxl creates every cell it is asked for, so walking up to ws.max_row would visit a
    million rows when one formatted cell sits at the bottom of the sheet.
    """
    return sorted(
        {row for (row, _), cell in ws._cells.items() if row >= first and cell.value is not None}
    )
