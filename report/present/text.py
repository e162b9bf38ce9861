"""Small helpers for data-driven Dutch sentences: lists, verbs that agree, trends, counts.

The templates decide what to say; these helpers decide how the data is said, so that "steeg"
or "daalde" always follows the sign of the numbers, a plural subject gets a plural verb
("de uitgaven stegen"), differences carry the minus sign (−) and nationality adjectives keep
their capital ("Iraakse"). Text with numbers is `Cited` (report.cited): each number keeps its
source, so the document can mark it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from report.cited import Cited, Shown, cite, joined
from report.model.departures import Deviation
from report.model.trend import Change
from report.numbers import MINUS, number, percent
from report.provenance import Traced, rounded

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


def join_nl(items: Iterable[object], last: str = "en") -> Cited:
    """['a', 'b', 'c'] -> 'a, b en c' (or 'a, b of c'); numbers in cited parts keep their place."""
    parts = [item if isinstance(item, str) else str(item) for item in items]
    if len(parts) <= 1:
        return joined(parts, "")
    return joined([joined(parts[:-1], ", "), parts[-1]], f" {last} ")


def capitalised(text: str) -> str:
    """The first letter upper case: a sentence start, a nationality adjective ('Iraakse')."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """The first letter lower case, for a row label inside a sentence ('zelfstandig vertrek')."""
    return text[:1].lower() + text[1:]


def count_word(count: int | Traced) -> str:
    """A count as Dutch text writes it: words up to twenty ('tien'), digits above."""
    if 0 <= count < len(WORDS):
        return WORDS[int(count)]
    return (
        cite("{n}", n=Shown(count, number(count))) if isinstance(count, Traced) else number(count)
    )


def agree(verb_text: str, plural: bool) -> str:
    """The verb for a singular or plural subject: 'steeg' / 'stegen'."""
    return PLURAL.get(verb_text, verb_text) if plural else verb_text


def verb(
    difference: float | Decimal | Traced,
    up: str = "steeg",
    down: str = "daalde",
    same: str = "bleef gelijk",
    plural: bool = False,
) -> str:
    """The verb the sign of a difference asks for, agreeing with the subject."""
    chosen = up if difference > 0 else down if difference < 0 else same
    return agree(chosen, plural)


def signed_percent(value: Traced) -> Cited:
    """A change in whole per cent with its sign: '+66%', '−3%'."""
    whole = rounded(value)
    sign = "+" if whole > 0 else MINUS if whole < 0 else ""
    return cite("{change}", change=Shown(whole, f"{sign}{percent(abs(whole))}"))


def trend(
    change: Change,
    fmt: Callable[[Traced], str] = number,
    *,
    plural: bool = False,
    subject: str = "",
    years: bool = True,
) -> Cited:
    """'steeg van 22.157 in 2011 naar 36.722 in 2017 (+66%)' from a model Change.

    `plural`: the subject is plural ('stegen'). `subject` puts the subject after the verb, for
    a sentence that opens with the period ('Tussen 2011 en 2017 daalde het vertrek van …');
    `years=False` then leaves the years out of the figures. The numbers keep their sources.
    """
    start, end = change.start, change.end
    who = f" {subject}" if subject else ""
    first = Shown(start.value, fmt(start.value))
    if change.difference == 0:
        when = f" ({start.year} en {end.year})" if years else ""
        return cite(
            "{verb}{who} gelijk op {first}{when}",
            verb=agree("bleef", plural),
            who=who,
            first=first,
            when=when,
        )
    text = cite(
        "{verb}{who} van {first}{a} naar {last}{b}",
        verb=verb(change.difference, plural=plural),
        who=who,
        first=first,
        a=f" in {start.year}" if years else "",
        last=Shown(end.value, fmt(end.value)),
        b=f" in {end.year}" if years else "",
    )
    if change.percent is not None:
        text = joined((text, " (", signed_percent(change.percent), ")"), "")
    return text


def points(value: Traced) -> Cited:
    """A difference in percentage points: '6 procentpunt'."""
    size = abs(value)
    return cite("{n} procentpunt", n=Shown(size, number(size)))


def deviations_text(deviations: Sequence[Deviation]) -> Cited:
    """Per year, each type that deviates from the prognosis, the year said once.

    'in 2015 bij zelfstandig vertrek (28%, 8 procentpunt erboven); in 2017 bij zelfstandig
    vertrek (13%, 7 procentpunt eronder) en bij … (58%, 8 procentpunt erboven)'
    """
    years = sorted({d.year for d in deviations})
    parts = []
    for year in years:
        said = [
            joined(
                (
                    cite(
                        "bij {type} ({share}, ",
                        type=lower_first(d.type),
                        share=Shown(d.share, percent(d.share)),
                    ),
                    points(d.points),
                    f" {'erboven' if d.higher else 'eronder'})",
                ),
                "",
            )
            for d in deviations
            if d.year == year
        ]
        parts.append(joined((f"in {year} ", join_nl(said)), ""))
    return joined(parts, "; ")
