"""Small helpers for data-driven Dutch sentences: lists, verbs that agree, trends, counts.

The templates decide what to say; these helpers decide how the data is said, so that "steeg"
or "daalde" always follows the sign of the numbers, a plural subject gets a plural verb
("de uitgaven stegen"), differences carry the minus sign (−) and nationality adjectives keep
their capital ("Iraakse").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from report.model.departures import Deviation
from report.model.trend import Change
from report.numbers import MINUS, number, percent, whole

# past tense, singular -> plural
PLURAL = {
    "steeg": "stegen",
    "daalde": "daalden",
    "bleef gelijk": "bleven gelijk",
    "bleef": "bleven",
    "nam toe": "namen toe",
    "nam af": "namen af",
    "was": "waren",
}
WORDS = [
    "nul",
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
    "twintig",
]


def join_nl(items: Iterable[object], last: str = "en") -> str:
    """['a', 'b', 'c'] -> 'a, b en c' (or 'a, b of c')."""
    parts = [str(item) for item in items]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {last} " + parts[-1]


def capitalised(text: str) -> str:
    """The first letter upper case: a sentence start, a nationality adjective ('Iraakse')."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """The first letter lower case, for a row label inside a sentence ('zelfstandig vertrek')."""
    return text[:1].lower() + text[1:]


def count_word(count: int) -> str:
    """A count as Dutch text writes it: words up to twenty ('tien'), digits above."""
    return WORDS[count] if 0 <= count < len(WORDS) else number(count)


def agree(verb_text: str, plural: bool) -> str:
    """The verb for a singular or plural subject: 'steeg' / 'stegen'."""
    return PLURAL.get(verb_text, verb_text) if plural else verb_text


def verb(
    difference: float | Decimal,
    up: str = "steeg",
    down: str = "daalde",
    same: str = "bleef gelijk",
    plural: bool = False,
) -> str:
    """The verb the sign of a difference asks for, agreeing with the subject."""
    chosen = up if difference > 0 else down if difference < 0 else same
    return agree(chosen, plural)


def signed_percent(value: Decimal) -> str:
    """A change in whole per cent with its sign: '+66%', '−3%'."""
    rounded = whole(value)
    sign = "+" if rounded > 0 else MINUS if rounded < 0 else ""
    return f"{sign}{percent(abs(rounded))}"


def trend(
    change: Change,
    fmt: Callable[[int], str] = number,
    *,
    plural: bool = False,
    subject: str = "",
    years: bool = True,
) -> str:
    """'steeg van 22.157 in 2011 naar 36.722 in 2017 (+66%)' from a model Change.

    `plural`: the subject is plural ('stegen'). `subject` puts the subject after the verb, for
    a sentence that opens with the period ('Tussen 2011 en 2017 daalde het vertrek van …');
    `years=False` then leaves the years out of the figures.
    """
    start, end = change.start, change.end
    who = f" {subject}" if subject else ""
    if change.difference == 0:
        when = f" ({start.year} en {end.year})" if years else ""
        return f"{agree('bleef', plural)}{who} gelijk op {fmt(start.value)}{when}"
    first = f"{fmt(start.value)} in {start.year}" if years else fmt(start.value)
    last = f"{fmt(end.value)} in {end.year}" if years else fmt(end.value)
    text = f"{verb(change.difference, plural=plural)}{who} van {first} naar {last}"
    if change.percent is not None:
        text += f" ({signed_percent(change.percent)})"
    return text


def points(value: int) -> str:
    """A difference in percentage points: '6 procentpunt'."""
    return f"{number(abs(value))} procentpunt"


def deviations_text(deviations: Sequence[Deviation]) -> str:
    """Per year, each type that deviates from the prognosis, the year said once.

    'in 2015 bij zelfstandig vertrek (28%, 8 procentpunt erboven); in 2017 bij zelfstandig
    vertrek (13%, 7 procentpunt eronder) en bij … (58%, 8 procentpunt erboven)'
    """
    years = sorted({d.year for d in deviations})
    parts = []
    for year in years:
        said = [
            f"bij {lower_first(d.type)} ({percent(d.share)}, {points(d.points)} "
            f"{'erboven' if d.higher else 'eronder'})"
            for d in deviations
            if d.year == year
        ]
        parts.append(f"in {year} {join_nl(said)}")
    return "; ".join(parts)
