"""Percentages: exact shares, and whole shares that add up to exactly 100."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal


def share(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """`part` as an exact percentage of `whole` (None when there is nothing to divide by)."""
    if not whole:
        return None
    return Decimal(part) * 100 / Decimal(whole)


def whole_shares(parts: Mapping[str, int | Decimal], total: int = 100) -> dict[str, int]:
    """Whole percentages by largest remainder (Hamilton), so a column always adds up to 100.

    Each part first gets the whole number below its exact share; the points still missing go
    to the parts with the largest remainders (ties: the part listed first).
    """
    whole = sum(parts.values())
    if not whole:
        return dict.fromkeys(parts, 0)
    exact = {key: Decimal(value) * total / Decimal(whole) for key, value in parts.items()}
    floors = {key: int(value) for key, value in exact.items()}
    missing = total - sum(floors.values())
    order = sorted(parts, key=lambda key: (-(exact[key] - floors[key]), list(parts).index(key)))
    for key in order[:missing]:
        floors[key] += 1
    return floors
