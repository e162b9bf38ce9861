"""Departures per nationality: the safe-country flag, first asylum applications, the ranking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from report.inputs import labels as L
from report.inputs.cells import parse_whole
from report.inputs.contract import normalise
from report.inputs.edition import Edition
from report.inputs.tables import TableRow, YearTable
from report.model.tables import review_years
from report.problems import Problem

TOP = 10
YES, NO = ("ja", "j", "yes", "true", "1"), ("nee", "n", "no", "false", "0")


@dataclass(frozen=True)
class Nationality:
    label: str
    safe: bool
    values: dict[int, int | None]
    total: int  # over the evaluation period, computed
    asylum: int | None  # first asylum applications as given in the sheet
    excel_row: int


def nationalities(table: YearTable, edition: Edition, problems: list[Problem]) -> list[Nationality]:
    """Every nationality with its safe-country flag; a flag that is not ja/nee is a problem."""
    years = review_years(table, edition)
    found = []
    for row in table.rows:
        safe = _safe(table, row, problems)
        asylum = _asylum(table, row, problems)
        total = sum(row.values.get(y) or 0 for y in years)
        if safe is not None:
            found.append(Nationality(row.label, safe, row.values, total, asylum, row.excel_row))
    return found


def _where(table: YearTable, row: TableRow, column: str) -> tuple[str, str, str]:
    return table.origin.file, table.origin.sheet, f"rij {row.excel_row}, kolom {column}"


def _safe(table: YearTable, row: TableRow, problems: list[Problem]) -> bool | None:
    raw = row.attributes.get(L.SAFE_COUNTRY)
    if isinstance(raw, bool):
        return raw
    text = normalise(raw)
    if text in YES:
        return True
    if text in NO:
        return False
    shown = f"{raw!r} is geen ja of nee" if text else "leeg"
    problems.append(
        Problem(
            *_where(table, row, L.SAFE_COUNTRY),
            f"{row.label}: {shown}; vul 'ja' in voor een veilig land van herkomst, anders 'nee'",
        )
    )
    return None


def _asylum(table: YearTable, row: TableRow, problems: list[Problem]) -> int | None:
    parsed = parse_whole(row.attributes.get(L.ASYLUM), "aantal")
    if parsed.problem:
        problems.append(Problem(*_where(table, row, L.ASYLUM), f"{row.label}: {parsed.problem}"))
        return None
    return None if parsed.value is None else int(parsed.value)


def ranked(found: Sequence[Nationality], safe: bool) -> list[Nationality]:
    """The group's nationalities by total departures over the period, largest first."""
    return sorted((n for n in found if n.safe is safe), key=lambda n: (-n.total, n.label))


def top(found: Sequence[Nationality], safe: bool) -> list[Nationality]:
    """The TOP nationalities of the group (safe countries or the others)."""
    return ranked(found, safe)[:TOP]
