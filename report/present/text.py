"""Small helpers for data-driven Dutch sentences: lists, trends and their verbs.

The templates decide what to say; these helpers decide how the data is said, so that
"steeg" or "daalde" always follows the sign of the numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from report.cited import Cited, Shown, cite, joined
from report.model.trend import Change
from report.numbers import number, percent
from report.provenance import Traced, rounded


def join_nl(items: Iterable[object]) -> str:
    """['a', 'b', 'c'] -> 'a, b en c'."""
    parts = [str(item) for item in items]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def verb(
    difference: float | Decimal | Traced,
    up: str = "steeg",
    down: str = "daalde",
    same: str = "bleef gelijk",
) -> str:
    return up if difference > 0 else down if difference < 0 else same


def trend(
    change: Change,
    fmt: Callable[[Traced], str] = number,
    up: str = "steeg",
    down: str = "daalde",
) -> Cited:
    """'steeg van 22.157 in 2011 naar 36.722 in 2017 (+66%)' from a model Change.

    The numbers keep their sources (a `Cited` text), so the document can show them.
    """
    start, end = change.start, change.end
    first = Shown(start.value, fmt(start.value))
    if change.difference == 0:
        return cite("bleef gelijk op {first} ({a} en {b})", first=first, a=start.year, b=end.year)
    text = cite(
        "{verb} van {first} in {a} naar {last} in {b}",
        verb=verb(change.difference, up, down),
        first=first,
        a=start.year,
        last=Shown(end.value, fmt(end.value)),
        b=end.year,
    )
    if change.percent is not None:
        exact = rounded(change.percent)
        sign = "+" if change.difference > 0 else "−"
        shown = Shown(exact, f"{sign}{percent(abs(exact))}")
        text = joined((text, cite(" ({change})", change=shown)), "")
    return text
