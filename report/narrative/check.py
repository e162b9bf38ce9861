"""The text check: what keeps a stale sentence from being published under a minister's name.

Findings (each with file and line, in Dutch), any of which makes the build a draft:

- passages still marked for review (`::: nakijken`) and dates in editie.yml still to be set;
- years outside the evaluation period in the text (footnotes, quotes and citations such as
  "Kox (2011)" may name other years);
- numbers typed in the text that the model of this edition does not produce;
- literature (footnotes and citations) dated after the publication date;
- references to tables, figures or sections this report does not have, unknown or
  unavailable named values, headings above the part's level, footnotes without text;
- narrative files that are missing for a part the report prints, or that no part uses.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal

from report.inputs.edition import Edition
from report.inputs.narrative import NarrativeFile, WordTable, place, table_place
from report.model import Model
from report.model.catalog import TABLES
from report.model.entries import TextTable
from report.narrative.markup import DIV_OPEN, Kind, Line, Translated
from report.narrative.slots import BY_NAME
from report.numbers import round_half_up
from report.present.markdown import Markdown
from report.problems import TextFinding

_YEAR = re.compile(r"(?<![\d.,])((?:18|19|20)\d\d)(?:/(\d\d))?(?![\d.,]?\d)")
_CITATION = re.compile(
    r"[A-Z][\w'’.-]*(?:\s+(?:e\.a\.|en\s+[A-Z][\w'’.-]*))?\s*\(((?:18|19|20)\d\d)[a-z]?\)"
)
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(,\d+)?(?![\w]|[.,]\d)")


WORD_TABLES = {
    entry.content: entry for entry in TABLES if isinstance(entry, TextTable) and entry.edition_bound
}


def text_findings(
    translated: Mapping[str, Translated],
    model: Model,
    missing: Iterable[str] = (),
    words: Iterable[str] = (),
) -> list[TextFinding]:
    """Every finding of the text check over the parts and tables of words the report prints."""
    edition = model.edition
    produced = produced_numbers(model)
    found = [*edition_findings(edition)]
    for name in words:
        found += _word_table(name, model.word_tables.get(name), edition, produced)
    for name in missing:
        found.append(
            TextFinding(
                place(name),
                message=f"tekstbestand ontbreekt ({BY_NAME[name].about}); dit deel van het "
                "rapport blijft leeg",
            )
        )
    found += unknown_files([*model.narrative, *(f"{n}.yml" for n in model.word_tables)])
    for name, part in translated.items():
        where = place(name)
        found += [_marker(where, start) for start in part.reviews]
        found += [
            TextFinding(where, cell=f"regel {i.line}", message=i.message) for i in part.issues
        ]
        found += _lines(part, where, edition, produced)
    return sorted(set(found), key=lambda f: (f.file, _line(f.cell), f.message))


def edition_findings(edition: Edition) -> list[TextFinding]:
    return [
        TextFinding(
            "editie.yml",
            cell=key,
            message="datum nog vaststellen; haal hem uit de lijst 'nakijken' als hij klopt",
        )
        for key in edition.to_review
    ]


def review_markers(narrative: Mapping[str, NarrativeFile]) -> list[TextFinding]:
    """Passages still marked for review, from the files alone (when the inputs are unusable)."""
    return [
        _marker(file.place, number)
        for file in narrative.values()
        for number, line in enumerate(file.lines, start=1)
        if DIV_OPEN.match(line.expandtabs(4))
    ]


def _marker(where: str, line: int) -> TextFinding:
    return TextFinding(
        where,
        cell=f"regel {line}",
        message="passage nog nakijken; verwijder '::: nakijken' en de ':::' eronder als de "
        "tekst klopt voor deze editie",
    )


def unknown_files(names: Iterable[str]) -> list[TextFinding]:
    """Files in tekst/ that no part of the report uses (a typo in the name, an old part).

    Parts are named without suffix, tables of words with `.yml`.
    """
    found = []
    for name in names:
        table = name.endswith(".yml")
        stem = name.removesuffix(".yml")
        known = list(WORD_TABLES) if table else list(BY_NAME)
        if stem in known:
            continue
        named = table_place if table else place
        close = difflib.get_close_matches(stem, known, n=1, cutoff=0.6)
        hint = f"; bedoelt u {named(close[0])}?" if close else ""
        message = f"wordt niet gebruikt: geen deel van het rapport heet zo{hint}"
        found.append(TextFinding(named(stem), message=message))
    return found


def reviewed_rows(tables: Iterable[WordTable]) -> list[TextFinding]:
    """Rows of the edition's tables of words still marked `nakijken: ja`."""
    return [
        TextFinding(
            table.place,
            cell=f"regel {start}",
            message="regel nog nakijken; verwijder 'nakijken: ja' als de tekst klopt voor deze "
            "editie",
        )
        for table in tables
        for start, review in zip(table.lines, table.review, strict=True)
        if review
    ]


def _word_table(
    name: str, table: WordTable | None, edition: Edition, produced: frozenset[Decimal]
) -> list[TextFinding]:
    """A table of words: rows to review, fields missing, and its texts read as prose."""
    where = table_place(name)
    if table is None:
        return [
            TextFinding(where, message="bestand ontbreekt; de tabel in het rapport blijft leeg")
        ]
    fields = [column.field for column in WORD_TABLES[name].columns]
    found = reviewed_rows([table])
    lines = []
    for row, start in zip(table.rows, table.lines, strict=True):
        absent = [field for field in fields if not row.get(field, "").strip()]
        if absent:
            message = "veld ontbreekt: " + ", ".join(absent)
            found.append(TextFinding(where, cell=f"regel {start}", message=message))
        lines += [Line(start, Kind.PROSE, text) for text in row.values()]
    part = Translated(Markdown(""), lines=lines)
    return [*found, *_lines(part, where, edition, produced)]


def _lines(
    part: Translated, where: str, edition: Edition, produced: frozenset[Decimal]
) -> Iterator[TextFinding]:
    first, last = edition.first_year, edition.last_year
    published = edition.published
    for line in part.lines:
        cited = {int(m.group(1)) for m in _CITATION.finditer(line.text)}
        text = _CITATION.sub(" ", line.text) if line.kind is Kind.PROSE else line.text
        at = f"regel {line.number}"
        for year in sorted(cited):
            if year > published.year:
                yield _late(where, at, year, edition)
        for year in sorted(_years(text)):
            if line.kind is Kind.NOTE and year > published.year:
                yield _late(where, at, year, edition)
            elif line.kind is Kind.PROSE and not first <= year <= last:
                yield TextFinding(
                    where,
                    cell=at,
                    message=f"jaartal {year} ligt buiten de evaluatieperiode {first}–{last}; "
                    "gebruik een benoemde waarde ({{< var periode.van >}}) of zet de bron in "
                    "een voetnoot",
                )
        if line.kind is Kind.PROSE:
            for typed in _numbers(text):
                if _typed_value(typed) not in produced:
                    yield TextFinding(
                        where,
                        cell=at,
                        message=f"getal {typed} komt niet uit de cijfers van deze editie; "
                        "gebruik een benoemde waarde ('python build.py waarden') of zet de bron "
                        "in een voetnoot",
                    )


def _late(where: str, at: str, year: int, edition: Edition) -> TextFinding:
    return TextFinding(
        where,
        cell=at,
        message=f"bron uit {year} is van na de publicatiedatum "
        f"({edition.published.isoformat()}) van deze editie",
    )


def _years(text: str) -> set[int]:
    found = set()
    for match in _YEAR.finditer(text):
        year = int(match.group(1))
        found.add(year)
        if match.group(2):  # a session year: 2017/18
            found.add(year // 100 * 100 + int(match.group(2)))
    return found


def _numbers(text: str) -> list[str]:
    """The numbers typed in a text, as written ('16.167', '6,5'); years are checked apart."""
    typed = []
    for match in _NUMBER.finditer(text):
        whole, decimals = match.group(1), match.group(2) or ""
        if (
            not decimals
            and "." not in whole
            and len(whole) == 4
            and whole[:2] in ("18", "19", "20")
        ):
            continue
        typed.append(whole + decimals)
    return typed


_LAST: list[tuple[Model, frozenset[Decimal]]] = []  # the last model and its numbers


def produced_numbers(model: Model) -> frozenset[Decimal]:
    """Every number the model holds, rounded as the report writes it (also in millions).

    Kept for the last model: a model is a frozen value, and one that holds the very same
    parts apart from its text (the preview after a change of text) holds the same numbers.
    """
    if _LAST and _same_numbers(_LAST[0][0], model):
        return _LAST[0][1]
    found = _produced(model)
    _LAST[:] = [(model, found)]
    return found


def _same_numbers(known: Model, model: Model) -> bool:
    return all(
        getattr(known, part.name) is getattr(model, part.name)
        for part in dataclasses.fields(model)
        if part.name != "narrative"
    )


def _produced(model: Model) -> frozenset[Decimal]:
    found: set[Decimal] = set()
    for value in {abs(Decimal(str(v))) for v in _numeric(model, depth=0)}:
        for amount in (value, value / 1000):
            found.update({round_half_up(amount, 0), round_half_up(amount, 1)})
    return frozenset(found)


def _typed_value(typed: str) -> Decimal:
    """'16.167' → 16167, '6,5' → 6.5 (Dutch separators)."""
    return Decimal(typed.replace(".", "").replace(",", "."))


def _numeric(value: object, depth: int) -> Iterator[int | float | Decimal]:
    if depth > 12 or isinstance(value, (str, bytes, bool)) or value is None:
        return
    if isinstance(value, (int, float, Decimal)):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            if item.name != "narrative":
                yield from _numeric(getattr(value, item.name), depth + 1)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _numeric(key, depth + 1)
            yield from _numeric(item, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _numeric(item, depth + 1)


def _line(cell: str) -> int:
    digits = "".join(ch for ch in cell if ch.isdigit())
    return int(digits) if digits else 0
