"""Rounding and Dutch number and date text (babel, locale nl_NL): one rule for every stage.

Rounding rule for everything the report shows: half away from zero ("commercieel afronden"),
applied with Decimal before formatting. babel itself would round half-to-even, so values are
always rounded here first and handed to babel as exact numbers. The module sits below the
stages: the reader's messages, the model's notes and the report's text all round the same way.
The one exception is named where it is made: shares that must add up to 100 (a column of
Tabel 3) are rounded by largest remainder (`model.shares.whole_shares`).

Negative numbers get the minus sign (−, U+2212), not the hyphen babel writes. Amounts in
running text follow one rule (`euro`): from € 1 mln in millions with one decimal, below that
in whole euros.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from report.provenance import Traced

LOCALE = "nl_NL"
Num = Decimal | int | float | Traced  # a traced number is formatted by its value
MINUS = "\u2212"
ROUNDING_RULE = "een half naar boven (afronden van 0,5 weg van nul)"


def round_half_up(value: Num, places: int = 0) -> Decimal:
    exponent = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def whole(value: Num) -> int:
    """Round to a whole number under the report's rounding rule."""
    return int(round_half_up(value))


def number(value: Num, places: int = 0) -> str:
    """1234567 -> '1.234.567'; with places=1: 6.5 -> '6,5'."""
    rounded = round_half_up(value, places)
    text = _digits(abs(rounded), places)
    return f"{MINUS}{text}" if rounded < 0 else text


@functools.lru_cache(maxsize=4096)
def _digits(value: Decimal, places: int) -> str:
    """babel's Dutch digits, kept: a report writes the same few thousand numbers many times."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(value: Num, places: int = 0) -> str:
    """A percentage given in percent points: 63.4 -> '63%'."""
    return f"{number(value, places)}%"


def euro_mln(thousands: Num, places: int = 1) -> str:
    """An amount in x € 1.000 as millions in text: 6689 -> '€ 6,7 mln'."""
    return f"€ {number(Decimal(str(thousands)) / 1000, places)} mln"


def exact(value: Num, max_places: int = 2) -> str:
    """A number with only the decimals it needs: 30 -> '30', 12.5 -> '12,5', 160.78 -> '160,78'."""
    rounded = round_half_up(value, max_places).normalize()
    exponent = rounded.as_tuple().exponent  # an int for every finite number
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return number(rounded, places)


def signed(value: Num, places: int = 0) -> str:
    """A difference with its sign: 740 -> '+740', -1250 -> '−1.250', 0 -> '0'."""
    text = number(value, places)
    return f"+{text}" if round_half_up(value, places) > 0 else text


def euro(thousands: Num) -> str:
    """An amount in x € 1.000 as running text writes it: millions from € 1 mln, else euros.

    The one style for amounts in sentences: 6689 -> '€ 6,7 mln'; 615 -> '€ 615.000';
    160.78 -> '€ 160.780'. Tables keep whole x € 1.000.
    """
    amount = Decimal(str(thousands))
    if abs(amount) >= 1000:
        return euro_mln(amount, 1)
    return f"€ {number(amount * 1000)}"


def date_text(value: dt.date | str) -> str:
    """2019-02-01 (a date or ISO text) -> '1 februari 2019'; other text stays as written."""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    except ValueError:
        return str(value)
    return format_date(day, "d MMMM y", locale=LOCALE)
