"""Edition settings from editie.yml: title, period, peildatum and the savings variant.

The file is read with a strict YAML loader (`safe_yaml`) and checked by a schema
(`edition_schema`); every problem names its key, in Dutch. `edition_yaml` writes the settings
back as a commented editie.yml for a new edition folder. The YAML and schema libraries are
imported where the file is read or written: a command that works from the cached inputs
(`inputs/cache.py`) needs only the records below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from report.inputs.labels import (
    BASES,
    DEFAULT_DEVIATION_POINTS,
    DEFAULT_LICENCE,
    LICENCES,
    REVIEWED_DATES,
)
from report.inputs.labels import EDITION_FILE as FILE
from report.problems import InputError, Problem

__all__ = [
    "BASES",
    "FILE",
    "LICENCES",
    "REVIEWED_DATES",
    "Edition",
    "Savings",
    "edition_yaml",
    "load_edition",
]

MAX_BYTES = 64 * 1024  # a real editie.yml is about 2 kB


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
    deviation_points: int = DEFAULT_DEVIATION_POINTS  # procentpunt; see labels
    deviation_given: bool = False  # editie.yml sets afwijking_prognose (else: the default)
    licence: str = DEFAULT_LICENCE  # of the open data: a key of LICENCES
    to_review: tuple[str, ...] = ()  # keys of dates still to be set (editie.yml: nakijken)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first_year, self.last_year + 1))


def load_edition(path: Path) -> Edition:
    """Read and check the edition settings; every problem is reported with its key."""
    from report.inputs.edition_schema import validate  # pydantic: only when the file is read

    raw = _load(path)
    settings, found = validate(raw)
    if settings is None or found:
        raise InputError([Problem(FILE, "", key, message) for key, message in found])
    return Edition(
        title=settings.titel,
        subtitle=settings.ondertitel,
        ministry=settings.ministerie,
        article=settings.artikel,
        article_name=settings.artikelnaam,
        objective=settings.doelstelling,
        first_year=settings.periode.van,
        last_year=settings.periode.tot,
        peildatum=settings.peildatum,
        published=settings.publicatiedatum,
        finance_file=settings.werkmappen.financien,
        statistics_file=settings.werkmappen.statistiek,
        prognosis=dict(settings.prognose_vertrek),
        savings=Savings(
            settings.besparing.percentage,
            settings.besparing.referentiejaar,
            settings.besparing.basis,
            tuple(settings.besparing.jaren),
        ),
        deviation_points=settings.afwijking_prognose,
        deviation_given="afwijking_prognose" in settings.model_fields_set,
        licence=settings.licentie,
        to_review=tuple(settings.nakijken),
    )


def _load(path: Path) -> dict[str, object]:
    """The file's keys and values; size, encoding and YAML problems as Dutch input errors."""
    from report.inputs.safe_yaml import YamlRefused, load_yaml

    def refuse(message: str) -> InputError:
        return InputError([Problem(FILE, message=message)])

    if not path.parent.is_dir():
        raise refuse(f"de map {path.parent} bestaat niet")
    if not path.is_file():
        raise refuse(f"bestand ontbreekt in {path.parent}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise refuse(
                f"het bestand is te groot ({size // 1024} kB; hoogstens {MAX_BYTES // 1024} kB)"
            )
        data = path.read_bytes()
    except PermissionError:
        raise refuse(f"geen toestemming om {path} te lezen") from None
    except OSError:
        raise refuse(f"{path} kan niet worden gelezen") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse(
            f"het bestand is niet als UTF-8 opgeslagen (onleesbaar teken op positie {error.start}); "
            "sla het op als UTF-8"
        ) from None
    try:
        raw = load_yaml(text)
    except YamlRefused as error:
        raise refuse(str(error)) from None
    if raw is None:
        raise refuse("het bestand is leeg")
    if not isinstance(raw, dict):
        raise refuse("verwacht sleutels met waarden (titel: ..., periode: ..., enz.)")
    return raw


def edition_yaml(edition: Edition) -> str:
    """editie.yml for `edition`, with the comments a policy writer needs; load_edition reads it back."""
    import yaml

    def value(item: object) -> str:
        return (
            yaml.safe_dump(item, allow_unicode=True, default_flow_style=True, width=10_000)
            .removesuffix("\n...\n")
            .strip()
        )

    prognosis = "\n".join(f"  {value(k)}: {v}" for k, v in sorted(edition.prognosis.items()))

    def day(key: str, date: dt.date) -> str:
        mark = "  # NAKIJKEN: nog vaststellen" if key in edition.to_review else ""
        return f"{key}: {date.isoformat()}{mark}"

    review = []
    if edition.to_review:
        review = [
            "# Datums die nog moeten worden vastgesteld. Haal een datum uit deze lijst zodra hij",
            "# klopt; zolang de lijst niet leeg is, wordt het rapport een CONCEPT.",
            f"nakijken: [{', '.join(edition.to_review)}]",
        ]
    return "\n".join(
        [
            "# Instellingen van deze editie van de beleidsdoorlichting.",
            "# Alle jaartallen en datums in het rapport komen hiervandaan of uit de werkmappen.",
            f"titel: {value(edition.title)}",
            f"ondertitel: {value(edition.subtitle)}",
            f"ministerie: {value(edition.ministry)}",
            f"artikel: {value(edition.article)}",
            f"artikelnaam: {value(edition.article_name)}",
            "# Citaat uit de begroting (de doelstelling van het artikel); komt letterlijk in het rapport.",
            f"doelstelling: {value(edition.objective)}",
            "periode:",
            f"  van: {edition.first_year}",
            f"  tot: {edition.last_year}",
            "# Datum waarop de cijfers zijn vastgesteld, en datum van publicatie (JJJJ-MM-DD).",
            day("peildatum", edition.peildatum),
            day("publicatiedatum", edition.published),
            *review,
            "werkmappen:",
            f"  financien: {value(edition.finance_file)}",
            f"  statistiek: {value(edition.statistics_file)}",
            "# Verdeling van het vertrek waarvan de begroting uitgaat (procenten, samen 100).",
            "prognose_vertrek:" + (f"\n{prognosis}" if prognosis else " {}"),
            "# Het rapport noemt de jaren waarin een type meer dan dit aantal procentpunt van de",
            "# prognose afwijkt (geheel getal, 1 tot en met 50).",
            f"afwijking_prognose: {edition.deviation_points}",
            "# De -20%-variant (RPE 2015, art. 3 lid 2 sub g).",
            "besparing:",
            f"  percentage: {edition.savings.percentage}",
            f"  referentiejaar: {edition.savings.reference_year}",
            "  # " + "; ".join(f"{key}: {text}" for key, text in BASES.items()),
            f"  basis: {edition.savings.base}",
            f"  jaren: [{', '.join(str(y) for y in edition.savings.years)}]",
            "# Licentie van de open data (output/open-data): " + " of ".join(LICENCES) + ".",
            f"licentie: {edition.licence}",
            "",
        ]
    )
