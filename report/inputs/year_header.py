"""The header of a year sheet: which column holds which year, and which years the table covers.

A table may cover part of the period (the return measures from 2014, the "opdracht" breakdown
for one year): a year column left wholly empty at the start or end of the table counts as not
supplied, with a note. An empty year between filled ones, or an empty year that the edition
needs (a required sheet's period), is one problem for the column, never one per empty cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from report.inputs.cells import is_blank, year_of
from report.inputs.contract import YearSheet, normalise
from report.inputs.findings import SheetCells


@dataclass
class YearHeader:
    years: dict[int, int]  # year -> column, in the sheet's order
    total: int | None = None  # a printed "Totaal" column
    note: int | None = None  # the "Toelichting" column
    attributes: dict[str, int] = field(default_factory=dict)  # attribute heading -> column


def read_year_header(
    cells: SheetCells, spec: YearSheet, header: int, label_col: int
) -> YearHeader | None:
    """The header's columns; None when the years cannot be known (reported once)."""
    found = YearHeader({})
    wanted = {normalise(a.header): a.header for a in spec.attributes}
    uncached: list[str] = []
    for col in range(label_col + 1, cells.ws.max_column + 1):
        raw = cells.raw(header, col)
        coordinate = cells.coordinate(header, col)
        if raw is None and cells.missing_result(header, col):
            uncached.append(coordinate)
            continue
        if is_blank(raw):
            continue
        year = year_of(raw)
        text = normalise(raw)
        if year is not None:
            if year in found.years:
                cells.problem(coordinate, f"jaar {year} staat twee keer in de kopregel")
                continue
            if isinstance(raw, str):
                cells.note(coordinate, f"jaartal als tekst {raw!r} gelezen als {year}")
            found.years[year] = col
        elif text.startswith("totaal"):
            found.total = col
        elif text.startswith("toelichting"):
            found.note = col
        elif any(text.startswith(key) for key in wanted):
            key = next(key for key in wanted if text.startswith(key))
            found.attributes[wanted[key]] = col
        else:
            cells.problem(
                coordinate,
                f"onbekende kolomkop {str(raw)[:40]!r}; verwacht een jaartal, Totaal of Toelichting",
            )
    if uncached:
        shown = ", ".join(uncached[:4]) + (" …" if len(uncached) > 4 else "")
        cells.problem(
            f"rij {header}",
            f"de kopregel bevat formules zonder opgeslagen uitkomst ({shown}), dus de jaartallen "
            "zijn onbekend; typ de jaartallen als getal, of open de werkmap in Excel of "
            "LibreOffice en sla haar op",
        )
        return None
    for attribute in spec.attributes:
        if attribute.header not in found.attributes:
            cells.problem(
                f"{get_column_letter(label_col)}{header}", f"kolom {attribute.header!r} ontbreekt"
            )
    if not found.years:
        cells.problem(
            f"{get_column_letter(label_col + 1)}{header}", "geen jaartallen in de kopregel"
        )
        return None
    return found


def blank_years(cells: SheetCells, years: dict[int, int], rows: Sequence[int]) -> set[int]:
    """Years whose column is empty in every data row (no value, no formula)."""
    return {
        year
        for year, col in years.items()
        if all(is_blank(cells.raw(r, col)) and not cells.missing_result(r, col) for r in rows)
    }


def supplied_years(
    cells: SheetCells, header: int, years: dict[int, int], blank: set[int], needed: range
) -> dict[int, int]:
    """The years the table covers: empty columns at either end are left out (with a note)."""
    filled = sorted(y for y in years if y not in blank)
    if not filled:
        return {}
    kept = {y: c for y, c in years.items() if filled[0] <= y <= filled[-1]}
    for year in sorted(blank):
        cell = cells.coordinate(header, years[year])
        if year in needed:
            cells.problem(
                cell,
                f"jaar {year} is niet ingevuld; deze editie heeft de jaren "
                f"{needed.start}–{needed.stop - 1} nodig",
            )
        elif year in kept:
            cells.problem(
                cell,
                f"jaar {year} is leeg, terwijl de jaren ervoor en erna zijn ingevuld; vul de "
                "cellen in, of laat alleen jaren aan het begin of eind van de tabel leeg",
            )
    dropped = sorted(y for y in blank if y not in kept and y not in needed)
    if dropped:
        cells.note(
            f"rij {header}",
            f"{_years_text(dropped)} leeg en {'telt' if len(dropped) == 1 else 'tellen'} als "
            "niet aangeleverd",
        )
    return kept


def check_years(cells: SheetCells, header: int, years: dict[int, int], needed: range) -> None:
    """Years in order, without gaps in the header, and the years this edition needs."""
    ordered = sorted(years)
    if not ordered:
        return
    gaps = [y for y in range(ordered[0], ordered[-1] + 1) if y not in years]
    for year in gaps:
        cells.problem(f"rij {header}", f"jaar {year} ontbreekt in de kopregel")
    if list(years) != ordered:
        cells.problem(f"rij {header}", "de jaren staan niet op volgorde")
    for year in needed:
        if year not in years and year not in gaps:
            cells.problem(f"rij {header}", f"jaar {year} ontbreekt (nodig voor deze editie)")


def budget_years(
    cells: SheetCells, row: int, years: dict[int, int], peildatum: dt.date
) -> frozenset[int]:
    """The Status row: begroting or realisatie per year.

    A year that had not ended on the peildatum cannot have a realisation yet: "realisatie"
    there is a problem, so budget markers never vanish from the report.
    """
    budget = set()
    for year, col in years.items():
        value = normalise(cells.raw(row, col))
        coordinate = cells.coordinate(row, col)
        if value == "begroting":
            budget.add(year)
        elif value != "realisatie":
            cells.problem(coordinate, "vul 'realisatie' of 'begroting' in")
        elif year >= peildatum.year:
            cells.problem(
                coordinate,
                f"{year} staat op 'realisatie', maar dat jaar was op de peildatum "
                f"({peildatum:%d-%m-%Y}) nog niet voorbij; vul 'begroting' in",
            )
    return frozenset(budget)


def _years_text(years: list[int]) -> str:
    if len(years) == 1:
        return f"jaar {years[0]} is"
    if years == list(range(years[0], years[-1] + 1)):
        return f"de jaren {years[0]}–{years[-1]} zijn"
    return "de jaren " + ", ".join(str(y) for y in years) + " zijn"
