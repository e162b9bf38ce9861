"""Turning one Excel cell into a number, the way a Dutch finance department means it."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

ERROR_VALUES = ("#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!")

# "1.234", "-1.234.567", "€ 1.234", "1234"  — thousands with dots, optional euro sign
_DUTCH_INT = re.compile(r"^(?:€\s*)?(-?)(\d{1,3}(?:\.\d{3})+|\d+)$")
# "1.234,5", "0,25", "160,78" — decimal comma
_DUTCH_DEC = re.compile(r"^(?:€\s*)?(-?)(\d{1,3}(?:\.\d{3})+|\d+),(\d+)$")


@dataclass(frozen=True)
class Parsed:
    value: Decimal | None = None
    problem: str = ""  # why the cell cannot be used
    note: str = ""  # how a text cell was read


def parse_number(raw: object, what: str = "getal") -> Parsed:
    """Read a cell as a number; Dutch number text is accepted and reported as a note."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Parsed()
    if isinstance(raw, bool):
        return Parsed(problem=f"{'WAAR' if raw else 'ONWAAR'} is geen {what}")
    if isinstance(raw, (dt.datetime, dt.date, dt.time)):
        return Parsed(problem=f"datum of tijd ({_show(raw)}) waar een {what} hoort")
    if isinstance(raw, float):
        if not math.isfinite(raw):  # NaN, or a number too large for Excel (1E+400)
            return Parsed(problem=f"ongeldige waarde waar een {what} hoort")
        # Excel keeps 15 significant digits: 47520.000000000004 (floating-point noise of a
        # cached formula result) is the 47520 that Excel shows
        return Parsed(Decimal(format(raw, ".15g")))
    if isinstance(raw, int):
        return Parsed(Decimal(raw))
    text = " ".join(str(raw).replace("\u00a0", " ").split())
    if text.upper() in ERROR_VALUES:
        return Parsed(problem=f"Excel-foutwaarde {text} waar een {what} hoort")
    for pattern, decimal in ((_DUTCH_INT, False), (_DUTCH_DEC, True)):
        match = pattern.match(text)
        if match:
            number = match.group(2).replace(".", "")
            if decimal:
                number += "." + match.group(3)
            try:
                value = Decimal(match.group(1) + number)
            except InvalidOperation:  # pragma: no cover - the pattern admits only digits
                break
            return Parsed(value, note=f"tekst {_show(text)} gelezen als {_plain(value)}")
    return Parsed(problem=f"{_show(text)} is geen {what}")


def parse_whole(raw: object, what: str, negative_ok: bool = False) -> Parsed:
    """A whole, non-negative number (amounts in x € 1.000, counts, percentages)."""
    parsed = parse_number(raw, what)
    if parsed.value is None:
        return parsed
    if parsed.value != parsed.value.to_integral_value():
        return Parsed(
            problem=f"{_plain(parsed.value)} is geen geheel getal; vul een heel {what} in"
        )
    if parsed.value < 0 and not negative_ok:
        return Parsed(problem=f"negatief {what} ({_plain(parsed.value)}) is hier niet toegestaan")
    return parsed


def year_of(raw: object) -> int | None:
    """A header cell that holds a year, as a number or as text."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer()):
        year = int(raw)
    elif isinstance(raw, str) and raw.strip().isdigit():
        year = int(raw.strip())
    else:
        return None
    return year if 1900 <= year <= 2100 else None


def _plain(value: Decimal) -> str:
    """A number as a Dutch reader writes it in a message: decimal comma, no thousands dots."""
    return format(value.normalize(), "f").replace(".", ",")


def _show(raw: object) -> str:
    text = str(raw)
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'
