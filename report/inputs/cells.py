"""The one place that turns an Excel cell into a value, the way a Dutch finance department means it.

Every cell the reader uses passes through one of these functions: amounts and counts, percentages
(read by the cell's number format, so 0,3 shown as 30% is 30), text (whitespace normalised,
invisible characters removed with a note, characters the report's font cannot print refused),
ja/nee and choices. Each returns the value, or a Dutch reason the cell cannot be used.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from report.inputs.contract import normalise
from report.inputs.glyphs import glyph_names, unprintable

ERROR_VALUES = ("#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!")
NOT_AVAILABLE = "n.b."  # typed in an amount cell: the figure does not exist (documented)
LIMIT = Decimal(10) ** 12  # amounts and counts the report can show: at most 12 digits
YES, NO = ("ja", "j"), ("nee", "n")
# zero-width and other invisible characters that Excel users paste in from web pages
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

# "1.234", "-1.234.567", "€ 1.234", "1234"  — thousands with dots, optional euro sign; the
# minus may be the hyphen or the minus sign (−) the report prints
_DUTCH_INT = re.compile(r"^(?:€\s*)?([-\u2212]?)(\d{1,3}(?:\.\d{3})+|\d+)$")
# "1.234,5", "0,25", "160,78" — decimal comma
_DUTCH_DEC = re.compile(r"^(?:€\s*)?([-\u2212]?)(\d{1,3}(?:\.\d{3})+|\d+),(\d+)$")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # literal text, escapes and [colour] in a format


@dataclass(frozen=True)
class Parsed:
    value: Decimal | None = None
    problem: str = ""  # why the cell cannot be used
    note: str = ""  # how a text cell was read


@dataclass(frozen=True)
class Text:
    value: str = ""
    problem: str = ""
    note: str = ""


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def is_not_available(raw: object) -> bool:
    """The documented marker for a figure that does not exist: n.b. typed in the cell."""
    return isinstance(raw, str) and normalise(raw).rstrip(".") == "n.b"


def parse_number(raw: object, what: str = "getal") -> Parsed:
    """Read a cell as a number; Dutch number text is accepted and reported as a note."""
    if is_blank(raw):
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
        return _within(Decimal(format(raw, ".15g")), what)
    if isinstance(raw, int):
        return _within(Decimal(raw), what)
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
                sign = "-" if match.group(1) else ""
                value = Decimal(sign + number)
            except InvalidOperation:  # pragma: no cover - the pattern admits only digits
                break
            parsed = _within(value, what)
            if parsed.problem:
                return parsed
            return Parsed(value, note=f"tekst {_show(text)} gelezen als {plain(value)}")
    return Parsed(problem=f"{_show(text)} is geen {what}")


def _within(value: Decimal, what: str) -> Parsed:
    """Numbers beyond what the report can print are refused, not published as 1E+308."""
    if abs(value) >= LIMIT:
        return Parsed(
            problem=f"{what} van {value.adjusted() + 1} cijfers is te groot voor het "
            f"rapport (hoogstens {len(str(LIMIT)) - 1} cijfers)"
        )
    return Parsed(value)


def parse_whole(raw: object, what: str, negative_ok: bool = False) -> Parsed:
    """A whole, non-negative number (amounts in x € 1.000, counts)."""
    parsed = parse_number(raw, what)
    if parsed.value is None:
        return parsed
    if parsed.value != parsed.value.to_integral_value():
        return Parsed(problem=f"{plain(parsed.value)} is geen geheel getal; vul een heel {what} in")
    if parsed.value < 0 and not negative_ok:
        return Parsed(problem=f"negatief {what} ({plain(parsed.value)}) is hier niet toegestaan")
    return parsed


def is_percent_format(number_format: str | None) -> bool:
    """Whether Excel shows the cell as a percentage (a % outside quotes and escapes)."""
    return "%" in _QUOTED.sub("", number_format or "")


def parse_percent(raw: object, number_format: str | None, what: str = "percentage") -> Parsed:
    """A percentage between 0 and 100, read by the cell's format.

    Typed as 30, as the text "30%", or as an Excel percentage cell (stored 0,3, shown 30%): all
    mean 30. A fraction in a cell without a percentage format (0,3) could mean 0,3% or 30%, so
    it is refused rather than guessed.
    """
    if isinstance(raw, str) and raw.strip().endswith("%"):
        parsed = parse_number(raw.strip()[:-1], what)
        if parsed.problem:
            return Parsed(problem=f"{_show(raw.strip())} is geen {what}")
        value = parsed.value
    else:
        parsed = parse_number(raw, what)
        if parsed.problem or parsed.value is None:
            return parsed
        value = parsed.value
        if not isinstance(raw, str) and is_percent_format(number_format):
            value = value * 100
        elif 0 < value < 1:
            return Parsed(
                problem=f"{plain(value)} is een breuk; typ het {what} als getal "
                f"({plain(value * 100)} of {plain(value * 100)}%), niet als deel van 1"
            )
    if value is None:
        return Parsed()
    if value < 0:
        return Parsed(problem=f"negatief {what} ({plain(value)}) is niet toegestaan")
    if value > 100:
        return Parsed(problem=f"{what} {plain(value)} is groter dan 100")
    return Parsed(Decimal(int(value)) if value == value.to_integral_value() else value)


def read_text(raw: object) -> Text:
    """Cell text with whitespace normalised; invisible characters go, unprintable ones refuse."""
    text = " ".join(str(raw).replace("\u00a0", " ").split()) if raw is not None else ""
    cleaned = text.translate(INVISIBLE)
    note = ""
    if cleaned != text:
        hidden = sorted({f"U+{ord(c):04X}" for c in text if ord(c) in INVISIBLE})
        note = f"onzichtbaar teken ({', '.join(hidden)}) verwijderd uit {_show(cleaned)}"
        cleaned = " ".join(cleaned.split())
    bad = unprintable(cleaned)
    if bad:
        return Text(
            cleaned,
            problem=f"het teken {glyph_names(bad)} staat niet in het lettertype van het rapport "
            "en kan niet worden gedrukt; de cel wordt geweigerd: verwijder of vervang het teken",
        )
    return Text(cleaned, note=note)


def parse_yes_no(raw: object, what: str) -> tuple[bool | None, str]:
    """ja/nee (or Excel's WAAR/ONWAAR); anything else is a problem."""
    if isinstance(raw, bool):
        return raw, ""
    text = normalise(raw)
    if text in YES:
        return True, ""
    if text in NO:
        return False, ""
    shown = f"{_show(raw)} is geen ja of nee" if text else "leeg"
    return None, f"{what}: {shown}; vul 'ja' of 'nee' in"


def parse_choice(raw: object, choices: tuple[str, ...]) -> tuple[str | None, str]:
    wanted = {normalise(c): c for c in choices}
    if normalise(raw) in wanted:
        return wanted[normalise(raw)], ""
    return None, f"{_show(raw)} is geen geldige keuze; kies uit: " + "; ".join(choices)


def year_of(raw: object) -> int | None:
    """A header cell that holds a year, as a number or as text."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer()):
        year = int(raw)
    elif isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) == 4:
        year = int(raw.strip())
    else:
        return None
    return year if 1900 <= year <= 2100 else None


def plain(value: Decimal) -> str:
    """A number as a Dutch reader writes it in a message: decimal comma, no thousands dots."""
    return format(value.normalize(), "f").replace(".", ",")


def _show(raw: object) -> str:
    text = str(raw)
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'
