"""Dutch number formatting (babel, locale nl_NL) with one stated rounding rule.

Rounding rule for everything the report shows: half away from zero ("commercieel afronden"),
applied with Decimal before formatting. babel itself would round half-to-even, so values are
always rounded here first and handed to babel as exact numbers.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

LOCALE = "nl_NL"


def round_half_up(value: Decimal | int | float, places: int = 0) -> Decimal:
    exponent = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def whole(value: Decimal | int | float) -> int:
    """Round to a whole number under the report's rounding rule."""
    return int(round_half_up(value))


def number(value: Decimal | int | float, places: int = 0) -> str:
    """1234567 -> '1.234.567'; with places=1: 6.5 -> '6,5'."""
    rounded = round_half_up(value, places)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(rounded, format=pattern, locale=LOCALE)


def percent(value: Decimal | int | float, places: int = 0) -> str:
    """A percentage given in percent points: 63.4 -> '63%'."""
    return f"{number(value, places)}%"


def euro_mln(thousands: Decimal | int | float, places: int = 1) -> str:
    """An amount in x € 1.000 as millions in text: 6689 -> '€ 6,7 mln'."""
    return f"€ {number(Decimal(str(thousands)) / 1000, places)} mln"
