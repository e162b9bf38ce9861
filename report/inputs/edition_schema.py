"""The schema of editie.yml (pydantic), with every violation turned into a Dutch problem at its key.

Types, ranges, real dates and unknown keys are checked by the schema; how the settings relate
to each other (the peildatum after the period, the scenario years after it) by `consistency`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from report.inputs.glyphs import glyph_names, unprintable
from report.inputs.labels import (
    BASES,
    DEFAULT_DEVIATION_POINTS,
    DEFAULT_LICENCE,
    DEPARTURE_TYPES,
    LICENCES,
    REVIEWED_DATES,
)

Licence = Literal["CC0-1.0", "CC-BY-4.0"]  # the keys of LICENCES
FIRST_DATE, LAST_DATE = dt.date(1980, 1, 1), dt.date(2107, 12, 31)  # what a ZIP file can date
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _printable(text: str) -> str:
    bad = unprintable(text)
    if bad:
        raise ValueError(
            f"het teken {glyph_names(bad)} staat niet in het lettertype van het rapport en kan niet worden "
            "gedrukt; verwijder of vervang het"
        )
    return text.strip()


def _date(value: object) -> dt.date:
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value.strip()} is geen bestaande datum") from None
    elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    else:
        raise ValueError(f"{_show(value)} is geen datum; schrijf JJJJ-MM-DD, bijv. 2019-02-01")
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ValueError(f"{day.isoformat()} ligt niet tussen 1980 en 2107")
    return day


def _file_name(value: str) -> str:
    name = value.strip()
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(
            f"{_show(value)}: geef alleen de bestandsnaam van een werkmap in deze map, geen pad"
        )
    return name


Text = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_printable)]
LongText = Annotated[str, Field(min_length=1, max_length=4000), AfterValidator(_printable)]
Date = Annotated[dt.date, BeforeValidator(_date)]
WorkbookName = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_file_name)]
Year = Annotated[int, Field(ge=1990, le=2100)]


class _Block(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Period(_Block):
    van: Year
    tot: Year


class Workbooks(_Block):
    financien: WorkbookName
    statistiek: WorkbookName


class SavingsSettings(_Block):
    percentage: Annotated[int, Field(ge=1, le=100)]
    referentiejaar: Year
    basis: Literal["programma", "programma+apparaat"]
    jaren: Annotated[list[Year], Field(min_length=1, max_length=20)]


class Settings(_Block):
    titel: Text
    ondertitel: Annotated[str, Field(max_length=300), AfterValidator(_printable)] = ""
    ministerie: Text
    artikel: Annotated[str, Field(min_length=1, max_length=20), AfterValidator(_printable)]
    artikelnaam: Text
    doelstelling: LongText
    periode: Period
    peildatum: Date
    publicatiedatum: Date
    werkmappen: Workbooks
    prognose_vertrek: dict[str, Annotated[int, Field(ge=0, le=100)]]
    # procentpunt: a year's share of a type "deviates" from the prognosis beyond this
    afwijking_prognose: Annotated[int, Field(ge=1, le=50)] = DEFAULT_DEVIATION_POINTS
    besparing: SavingsSettings
    licentie: Licence = DEFAULT_LICENCE
    # dates still to be set: the text check reports them and a final build refuses
    nakijken: Annotated[
        list[Literal["peildatum", "publicatiedatum"]], Field(max_length=len(REVIEWED_DATES))
    ] = []


def validate(raw: dict[str, Any]) -> tuple[Settings | None, list[tuple[str, str]]]:
    """The settings, or the (key, Dutch message) of every violation."""
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as error:
        return None, [_translate(e) for e in error.errors(include_url=False)]
    return settings, consistency(settings)


def consistency(s: Settings) -> list[tuple[str, str]]:
    """How the settings must relate to each other."""
    found: list[tuple[str, str]] = []
    first, last = s.periode.van, s.periode.tot
    if first > last:
        found.append(("periode", f"van ({first}) ligt na tot ({last})"))
    if s.peildatum.year <= last:
        found.append(
            (
                "peildatum",
                f"{s.peildatum.isoformat()} ligt niet na de evaluatieperiode (t/m {last})",
            )
        )
    if s.publicatiedatum < s.peildatum:
        found.append(("publicatiedatum", f"{s.publicatiedatum.isoformat()} ligt vóór de peildatum"))
    elif s.publicatiedatum.year > s.peildatum.year + 5:
        found.append(
            (
                "publicatiedatum",
                f"{s.publicatiedatum.isoformat()} ligt meer dan vijf jaar na de peildatum; "
                "klopt het jaartal?",
            )
        )
    if len(set(s.nakijken)) != len(s.nakijken):
        found.append(("nakijken", "noem elke datum één keer"))
    if s.werkmappen.financien == s.werkmappen.statistiek:
        found.append(("werkmappen", "de twee werkmappen hebben dezelfde bestandsnaam"))
    found += _prognosis(s.prognose_vertrek)
    years, reference = s.besparing.jaren, s.besparing.referentiejaar
    if years != sorted(set(years)):
        found.append(("besparing.jaren", "verwacht oplopende jaartallen, elk één keer"))
    elif years[0] <= last:
        found.append(
            (
                "besparing.jaren",
                f"de scenariojaren moeten na de evaluatieperiode (t/m {last}) liggen",
            )
        )
    elif reference not in years:
        found.append(
            (
                "besparing.referentiejaar",
                f"{reference} hoort bij de scenariojaren {years[0]}–{years[-1]}",
            )
        )
    return found


def _prognosis(prognosis: dict[str, int]) -> list[tuple[str, str]]:
    if not prognosis:
        return []
    found = []
    for key in prognosis:
        if key not in DEPARTURE_TYPES:
            found.append(
                (
                    f"prognose_vertrek.{key}",
                    "onbekend type vertrek" + _suggest(key, DEPARTURE_TYPES),
                )
            )
    missing = [t for t in DEPARTURE_TYPES if t not in prognosis]
    if missing and not found:
        found.append(("prognose_vertrek", "ontbreekt: " + ", ".join(missing)))
    if not found and sum(prognosis.values()) != 100:
        found.append(
            (
                "prognose_vertrek",
                f"de percentages tellen op tot {sum(prognosis.values())}, niet 100",
            )
        )
    return found


def _translate(error: Any) -> tuple[str, str]:
    """One pydantic error as (key, Dutch message); pydantic's English never reaches the user."""
    loc = tuple(error["loc"])
    key = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    percent = isinstance(value, str) and value.strip().endswith("%")
    if kind == "missing" or (value is None and kind.endswith("_type")):
        return key, "waarde ontbreekt"
    if kind == "extra_forbidden":
        return key, "onbekende sleutel" + _suggest(str(loc[-1]), _fields_at(loc[:-1]))
    if kind.startswith("int_") and percent:
        number = value.strip().rstrip("%").strip()
        return key, f"schrijf het percentage als getal zonder %-teken: {number}"
    if kind.startswith("int_"):
        hint = "; schrijf het getal zonder aanhalingstekens" if isinstance(value, str) else ""
        return key, f"{_show(value)} is geen geheel getal{hint}"
    if kind == "string_type":
        return (
            key,
            f'{_show(value)} is geen tekst; zet de waarde tussen aanhalingstekens: "{value}"',
        )

    if kind == "string_too_short":
        return key, "mag niet leeg zijn"
    if kind in ("string_too_long", "too_long"):
        return key, f"is te lang (hoogstens {ctx.get('max_length')})"
    if kind == "too_short":
        return key, "de lijst is leeg"
    if kind == "greater_than_equal":
        return key, f"{_show(value)} is te klein (ten minste {ctx.get('ge')})"
    if kind == "less_than_equal":
        return key, f"{_show(value)} is te groot (hoogstens {ctx.get('le')})"
    if kind == "literal_error" and loc[0] == "nakijken":
        return key, f"{_show(value)} is onbekend; kies uit: {', '.join(REVIEWED_DATES)}"
    if kind == "literal_error":
        options = tuple(LICENCES if key == "licentie" else BASES)
        return key, f"{_show(value)} is onbekend; kies uit: {', '.join(options)}" + _suggest(
            str(value), options
        )
    if kind == "list_type" and loc[0] == "nakijken":
        return key, f"{_show(value)} is geen lijst; schrijf bijv. [peildatum, publicatiedatum]"
    if kind == "list_type":
        return key, f"{_show(value)} is geen lijst; schrijf bijv. [2019, 2020]"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return key, f"{_show(value)}: verwacht een blok met sleutels en waarden (ingesprongen)"
    if kind == "value_error":
        return key, str(ctx.get("error", "ongeldige waarde"))
    return key, f"ongeldige waarde {_show(value)}"


def _fields_at(path: tuple[Any, ...]) -> tuple[str, ...]:
    """The keys allowed in the block at `path`."""
    model: Any = Settings
    for part in path:
        field = model.model_fields.get(part) if isinstance(part, str) else None
        if field is None or not isinstance(field.annotation, type):
            return ()
        model = field.annotation
    return (
        tuple(model.model_fields)
        if isinstance(model, type) and issubclass(model, BaseModel)
        else ()
    )


def _suggest(word: str, options: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; bedoelt u '{close[0]}'?" if close else ""


def _show(value: object) -> str:
    """A value in a message: text in quotes (shortened), numbers and lists as written."""
    if not isinstance(value, str):
        text = repr(value)
        return text[:40] + "…" if len(text) > 40 else text
    return f'"{value[:40]}…"' if len(value) > 40 else f'"{value}"'
