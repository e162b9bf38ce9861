"""Small helpers for data-driven Dutch sentences: lists, trends and their verbs.

The templates decide what to say; these helpers decide how the data is said, so that
"steeg" or "daalde" always follows the sign of the numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from report.model.trend import Change
from report.numbers import number, percent, whole


def join_nl(items: Iterable[object]) -> str:
    """['a', 'b', 'c'] -> 'a, b en c'."""
    parts = [str(item) for item in items]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def verb(
    difference: float | Decimal,
    up: str = "steeg",
    down: str = "daalde",
    same: str = "bleef gelijk",
) -> str:
    return up if difference > 0 else down if difference < 0 else same


def trend(
    change: Change,
    fmt: Callable[[int], str] = number,
    up: str = "steeg",
    down: str = "daalde",
) -> str:
    """'steeg van 22.157 in 2011 naar 36.722 in 2017 (+66%)' from a model Change."""
    start, end = change.start, change.end
    if change.difference == 0:
        return f"bleef gelijk op {fmt(start.value)} ({start.year} en {end.year})"
    text = f"{verb(change.difference, up, down)} van {fmt(start.value)} in {start.year} naar {fmt(end.value)} in {end.year}"
    if change.percent is not None:
        sign = "+" if change.difference > 0 else "−"
        text += f" ({sign}{percent(abs(whole(change.percent)))})"
    return text
