"""Edition settings from editie.yml: title, period, peildatum and the savings variant."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from report.inputs.labels import DEPARTURE_TYPES
from report.problems import InputError, Problem

BASES = {
    "programma": "programma-uitgaven artikel 37.3",
    "programma+apparaat": "programma-uitgaven artikel 37.3 en apparaatsuitgaven DT&V",
}


@dataclass(frozen=True)
class Savings:
    percentage: int
    reference_year: int
    base: str  # a key of BASES
    years: tuple[int, ...]


@dataclass(frozen=True)
class Edition:
    title: str
    subtitle: str
    ministry: str
    article: str
    article_name: str
    objective: str
    first_year: int
    last_year: int
    peildatum: dt.date
    published: dt.date
    finance_file: str
    statistics_file: str
    prognosis: dict[str, int]
    savings: Savings

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first_year, self.last_year + 1))


FILE = "editie.yml"


def load_edition(path: Path) -> Edition:
    """Read and check the edition settings; every problem is reported with its key."""
    if not path.is_file():
        raise InputError([Problem(FILE, message=f"bestand ontbreekt in {path.parent}")])
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError([Problem(FILE, message=f"geen geldige YAML: {exc}")]) from None
    if not isinstance(raw, dict):
        raise InputError([Problem(FILE, message="verwacht sleutels met waarden")])
    reader = _Reader(raw)
    edition = reader.edition()
    if reader.problems:
        raise InputError(reader.problems)
    return edition


class _Reader:
    def __init__(self, raw: dict):
        self.raw = raw
        self.problems: list[Problem] = []

    def get(self, path: str, kind: type, default=None):
        node = self.raw
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            if default is not None:
                return default
            self.problems.append(Problem(FILE, "", path, "waarde ontbreekt"))
            return kind()
        if kind is dt.date and isinstance(node, str):
            with contextlib.suppress(ValueError):
                node = dt.date.fromisoformat(node)
        if (kind is int and isinstance(node, bool)) or not isinstance(node, kind):
            names = {
                str: "tekst",
                int: "geheel getal",
                dt.date: "datum (JJJJ-MM-DD)",
                dict: "lijst van sleutels",
                list: "lijst",
            }
            self.problems.append(Problem(FILE, "", path, f"{node!r} is geen {names[kind]}"))
            return kind() if kind is not dt.date else dt.date(2000, 1, 1)
        return node

    def edition(self) -> Edition:
        first = self.get("periode.van", int)
        last = self.get("periode.tot", int)
        if first and last and not 1990 <= first <= last <= 2100:
            self.problems.append(Problem(FILE, "", "periode", f"periode {first}–{last} klopt niet"))
        prognosis = self.get("prognose_vertrek", dict)
        prognosis = {str(k): v for k, v in prognosis.items()}
        if prognosis:
            if sorted(prognosis) != sorted(DEPARTURE_TYPES):
                self.problems.append(
                    Problem(
                        FILE,
                        "",
                        "prognose_vertrek",
                        "verwacht de drie typen vertrek: " + ", ".join(DEPARTURE_TYPES),
                    )
                )
            elif sum(prognosis.values()) != 100 or not all(
                isinstance(v, int) for v in prognosis.values()
            ):
                self.problems.append(
                    Problem(
                        FILE,
                        "",
                        "prognose_vertrek",
                        "de percentages moeten hele getallen zijn die samen 100 zijn",
                    )
                )
        savings = self.savings(last)
        workbooks = self.get("werkmappen", dict)
        return Edition(
            title=self.get("titel", str),
            subtitle=self.get("ondertitel", str, ""),
            ministry=self.get("ministerie", str),
            article=str(self.get("artikel", str)),
            article_name=self.get("artikelnaam", str),
            objective=self.get("doelstelling", str).strip(),
            first_year=first,
            last_year=last,
            peildatum=self.get("peildatum", dt.date),
            published=self.get("publicatiedatum", dt.date),
            finance_file=str(workbooks.get("financien", "financien.xlsx")),
            statistics_file=str(workbooks.get("statistiek", "vertrekcijfers.xlsx")),
            prognosis=prognosis,
            savings=savings,
        )

    def savings(self, last_year: int) -> Savings:
        percentage = self.get("besparing.percentage", int)
        reference = self.get("besparing.referentiejaar", int)
        base = self.get("besparing.basis", str)
        years = tuple(self.get("besparing.jaren", list))
        if base and base not in BASES:
            self.problems.append(
                Problem(
                    FILE,
                    "",
                    "besparing.basis",
                    f"{base!r} is onbekend; kies uit: " + ", ".join(BASES),
                )
            )
        if percentage and not 0 < percentage <= 100:
            self.problems.append(
                Problem(FILE, "", "besparing.percentage", "moet tussen 1 en 100 liggen")
            )
        if not all(isinstance(y, int) for y in years) or list(years) != sorted(set(years)):
            self.problems.append(
                Problem(FILE, "", "besparing.jaren", "verwacht oplopende jaartallen")
            )
        elif years and last_year and years[0] <= last_year:
            self.problems.append(
                Problem(
                    FILE,
                    "",
                    "besparing.jaren",
                    f"de scenariojaren moeten na de evaluatieperiode (t/m {last_year}) liggen",
                )
            )
        elif years and reference and reference not in years:
            self.problems.append(
                Problem(
                    FILE,
                    "",
                    "besparing.referentiejaar",
                    f"{reference} hoort bij de scenariojaren {years[0]}–{years[-1]}",
                )
            )
        return Savings(percentage, reference, base, years)
