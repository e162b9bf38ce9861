"""Where a number came from: an input cell, an edition setting, a rule of the program, or a
computation on other traced numbers.

A `Traced` number is a value with its source. The model computes with traced numbers, and
the arithmetic composes the source from the parts: a total is the sum of its cells, a share
the division of two traced numbers, the -20% target a percentage of the base. Every printed
number can so be followed back to the cells it was made of, and recomputed from them
(`herkomst.csv`). A traced number compares, hashes and converts like its value, so code that
only needs the number keeps working (`numbers.number(traced)` formats the value).

Text that prints traced numbers (a note, a caption with a count) is a `Cited` text
(report.cited).

This module sits below the stages: the reader traces the cells it compares, the model the
figures it computes; the present stage says the sources in words.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, TypeVar, overload

Number = int | Decimal
K = TypeVar("K")


@dataclass(frozen=True)
class Cell:
    """An input cell: workbook, sheet and address ("D7")."""

    file: str
    sheet: str
    address: str


@dataclass(frozen=True)
class Setting:
    """A value of the edition's settings, by its key path in editie.yml."""

    key: tuple[str, ...]
    file: str = "editie.yml"


@dataclass(frozen=True)
class Constant:
    """A number the program's rules fix (a rounding margin, a threshold), named in words."""

    name: str


class Op(StrEnum):
    """The computations a rule can be made of; the value is the function's name in herkomst.csv."""

    SUM = "SOM"  # empty cells add nothing
    DIFFERENCE = "VERSCHIL"  # a − b
    PRODUCT = "PRODUCT"  # a × b
    PERCENTAGE = "PERCENTAGE"  # p% of b: p × b / 100
    SHARE = "AANDEEL"  # a as a percentage of b: 100 × a / b (0 when b is 0)
    LARGEST_REMAINDER = "AANDEEL.GR"  # whole % of the first part among the others (Hamilton)
    ROUND = "AFRONDEN"  # to a whole number, a half away from zero
    MEAN = "GEMIDDELDE"
    ABS = "ABS"
    NEGATE = "NEGATIEF"
    MAXIMUM = "MAX"
    COUNT = "AANTAL"  # how many parts are not zero


@dataclass(frozen=True)
class Rule:
    op: Op
    parts: tuple[Traced, ...]


Source = Cell | Setting | Constant | Rule


def _plain(value: object) -> Decimal:
    if isinstance(value, Traced):
        return Decimal(value.value)
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    raise TypeError(f"geen getal: {value!r}")


@dataclass(frozen=True, eq=False)
class Traced:
    """A number and where it came from. Equal, ordered and hashed by its value alone.

    Traced numbers added or subtracted give a traced number; arithmetic with a plain number
    gives a plain number (its source would be incomplete), except the 0 that `sum()` starts
    from. The model composes rules with the functions below (`total`, `share`, …).
    """

    value: Number
    source: Source

    @overload
    def __add__(self, other: Traced) -> Traced: ...
    @overload
    def __add__(self, other: Number) -> Number: ...
    def __add__(self, other: Traced | Number) -> Traced | Number:
        if isinstance(other, Traced):
            return total((*_summands(self), *_summands(other)))
        return _arithmetic(self.value, other, operator.add)

    def __radd__(self, other: Number) -> Traced | Number:
        """`sum()` starts from 0: that keeps the source."""
        return self if other == 0 else _arithmetic(other, self.value, operator.add)

    @overload
    def __sub__(self, other: Traced) -> Traced: ...
    @overload
    def __sub__(self, other: Number) -> Number: ...
    def __sub__(self, other: Traced | Number) -> Traced | Number:
        if isinstance(other, Traced):
            return difference(self, other)
        return _arithmetic(self.value, other, operator.sub)

    def __rsub__(self, other: Number) -> Number:
        return _arithmetic(other, self.value, operator.sub)

    def __mul__(self, other: Traced | Number) -> Number:
        return _arithmetic(self.value, _number(other), operator.mul)

    def __rmul__(self, other: Number) -> Number:
        return _arithmetic(other, self.value, operator.mul)

    def __truediv__(self, other: Traced | Number) -> Decimal:
        return Decimal(self.value) / Decimal(_number(other))

    def __rtruediv__(self, other: Number) -> Decimal:
        return Decimal(other) / Decimal(self.value)

    def __neg__(self) -> Traced:
        return Traced(-self.value, Rule(Op.NEGATE, (self,)))

    def __abs__(self) -> Traced:
        value = -self.value if self.value < 0 else self.value
        return Traced(value, Rule(Op.ABS, (self,)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Traced, int, Decimal)):
            return _plain(self) == _plain(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.value)

    def __lt__(self, other: Traced | Number) -> bool:
        return _plain(self) < _plain(other)

    def __le__(self, other: Traced | Number) -> bool:
        return _plain(self) <= _plain(other)

    def __gt__(self, other: Traced | Number) -> bool:
        return _plain(self) > _plain(other)

    def __ge__(self, other: Traced | Number) -> bool:
        return _plain(self) >= _plain(other)

    def __int__(self) -> int:
        return int(self.value)

    def __float__(self) -> float:
        return float(self.value)

    def __bool__(self) -> bool:
        return bool(self.value)

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


def _number(value: Traced | Number) -> Number:
    return value.value if isinstance(value, Traced) else value


def _arithmetic(a: Number, b: Number, op: Callable[[Any, Any], Any]) -> Number:
    """Plain arithmetic: whole numbers stay whole, anything else becomes a Decimal."""
    if isinstance(a, int) and isinstance(b, int):
        return int(op(a, b))
    return Decimal(op(Decimal(a), Decimal(b)))


def _summands(value: Traced) -> tuple[Traced, ...]:
    source = value.source
    return source.parts if isinstance(source, Rule) and source.op is Op.SUM else (value,)


# -- making traced numbers -------------------------------------------------------------------


def cell(value: Number, file: str, sheet: str, address: str) -> Traced:
    return Traced(value, Cell(file, sheet, address))


def setting(value: Number, *key: str) -> Traced:
    return Traced(value, Setting(tuple(key)))


def constant(value: Number, name: str) -> Traced:
    return Traced(value, Constant(name))


def _rule(value: Number, op: Op, parts: Iterable[Traced]) -> Traced:
    return Traced(value, Rule(op, tuple(parts)))


def total(parts: Iterable[Traced]) -> Traced:
    """The sum of the parts (0 for none: an empty cell adds nothing)."""
    chosen = tuple(parts)
    value: Number = sum((p.value for p in chosen), 0)
    return _rule(value, Op.SUM, chosen)


ZERO = total(())


def or_zero(value: Traced | None) -> Traced:
    """An empty cell as a number to add up: 0, from nothing."""
    return ZERO if value is None else value


def difference(a: Traced, b: Traced) -> Traced:
    return _rule(a.value - b.value, Op.DIFFERENCE, (a, b))


def product(a: Traced, b: Traced) -> Traced:
    return _rule(Decimal(a.value) * Decimal(b.value), Op.PRODUCT, (a, b))


def percentage(p: Traced, base: Traced) -> Traced:
    """p% of base, exact."""
    return _rule(Decimal(p.value) * Decimal(base.value) / 100, Op.PERCENTAGE, (p, base))


def share(part: Traced, whole: Traced) -> Traced:
    """`part` as an exact percentage of `whole` (0 when there is nothing to divide by)."""
    value = Decimal(part.value) * 100 / Decimal(whole.value) if whole.value else Decimal(0)
    return _rule(value, Op.SHARE, (part, whole))


def rounded(value: Traced, places: int = 0) -> Traced:
    """Rounded half away from zero (the report's one rounding rule), to whole or `places`."""
    exponent = Decimal(1).scaleb(-places)
    result = Decimal(value.value).quantize(exponent, rounding=ROUND_HALF_UP)
    if not places:
        return _rule(int(result), Op.ROUND, (value,))
    return _rule(result, Op.ROUND, (value, constant(places, "aantal decimalen")))


def whole_percent(part: Traced, whole: Traced) -> Traced:
    """`part` as a whole percentage of `whole`, rounded half up (0 from nothing)."""
    return rounded(share(part, whole))


def mean(parts: Sequence[Traced]) -> Traced:
    return _rule(Decimal(sum(p.value for p in parts)) / len(parts), Op.MEAN, parts)


def maximum(parts: Sequence[Traced]) -> Traced:
    return _rule(max(p.value for p in parts), Op.MAXIMUM, parts)


def count(parts: Sequence[Traced]) -> Traced:
    """How many of the parts are not zero (a count of differences, say)."""
    return _rule(sum(1 for p in parts if p.value), Op.COUNT, parts)


def largest_remainder(parts: Mapping[K, Traced], whole: int = 100) -> dict[K, Traced]:
    """Whole percentages by largest remainder (Hamilton), so they add up to exactly `whole`.

    Each part first gets the whole number below its exact share; the points still missing go
    to the parts with the largest remainders (ties: the part listed first). Each result's
    source names its own part first, then all parts in order.
    """
    keys = list(parts)
    amount = sum(Decimal(p.value) for p in parts.values())
    if not amount:
        shares = dict.fromkeys(keys, 0)
    else:
        exact = {key: Decimal(parts[key].value) * whole / amount for key in keys}
        shares = {key: int(value) for key, value in exact.items()}
        missing = whole - sum(shares.values())
        order = sorted(keys, key=lambda key: (-(exact[key] - shares[key]), keys.index(key)))
        for key in order[:missing]:
            shares[key] += 1
    every = tuple(parts[key] for key in keys)
    return {key: _rule(shares[key], Op.LARGEST_REMAINDER, (parts[key], *every)) for key in keys}


def rebased(value: Traced, folder: str) -> Traced:
    """The same number, its cells and settings in `folder` (a previous edition's folder)."""
    source = value.source
    if isinstance(source, Cell):
        return Traced(value.value, Cell(f"{folder}/{source.file}", source.sheet, source.address))
    if isinstance(source, Setting):
        return Traced(value.value, Setting(source.key, f"{folder}/{source.file}"))
    if isinstance(source, Rule):
        return Traced(value.value, Rule(source.op, tuple(rebased(p, folder) for p in source.parts)))
    return value


# -- what a source is made of ----------------------------------------------------------------

Leaf = Cell | Setting | Constant


def leaves(value: Traced) -> list[Leaf]:
    """The cells, settings and rule constants a number was computed from, each once, in order."""
    found: dict[Leaf, None] = {}
    stack = [value]
    while stack:
        source = stack.pop().source
        if isinstance(source, Rule):
            stack.extend(reversed(source.parts))
        else:
            found.setdefault(source)
    return list(found)


def kind(value: Traced) -> str:
    """'invoer', 'instelling', 'programmaregel' or 'berekend' (the CSV's column soort)."""
    source = value.source
    if isinstance(source, Cell):
        return "invoer"
    if isinstance(source, Setting):
        return "instelling"
    if isinstance(source, Constant):
        return "programmaregel"
    return "berekend"
