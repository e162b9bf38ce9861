"""Percentages: exact shares, and whole shares that add up to exactly 100."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from report.provenance import Traced, constant, difference, total


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


@dataclass(frozen=True)
class WholeSharesRule:
    """The numbers that explain the largest-remainder rule in the Verantwoording: shares add
    up to `whole`; rounded half up they could add up to `below` or `above` instead."""

    whole: Traced
    below: Traced
    above: Traced


def whole_shares_rule() -> WholeSharesRule:
    whole = constant(100, "het geheel waarop de aandelen samen uitkomen (100%)")
    point = constant(1, "één procentpunt: ten hoogste zoveel wijkt half naar boven afronden af")
    return WholeSharesRule(whole, difference(whole, point), total((whole, point)))
