"""The named values a narrative file may use: `{{< var vertrek.totaal >}}`.

A small, documented set, each computed from the model and written as the report writes it
(Dutch numbers, "€ 6,7 mln", "63%"). The narrative gets nothing else from the model: no
attribute access, no template logic. A value that is a traced number (or a year from
editie.yml) is a `Cited` text, so the document marks it with its source like every other
printed number (herkomst.csv, "Toon herkomst"). `python build.py waarden` lists every name with its
value and meaning; a value whose sheet was not supplied is None (a text-check finding when
a file uses it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from report.cited import Cited, Shown, cite, joined
from report.model import Model
from report.numbers import date_text, euro, number, percent
from report.provenance import Traced, setting


def _shown(value: Traced, format_number: Callable[[Traced], str] = number) -> Cited:
    """A traced number as the report prints it, keeping its source."""
    return cite("{value}", value=Shown(value, format_number(value)))


def _setting_year(year: int, *key: str) -> Cited:
    """A year from editie.yml, traced to its key."""
    return _shown(setting(year, *key), str)


@dataclass(frozen=True)
class NamedValue:
    name: str
    meaning: str  # in Dutch, for `waarden` and the README
    compute: Callable[[Model], str | None]  # a number's text is Cited: it knows its source


def _share(kind: str) -> Callable[[Model], str]:
    return lambda m: _shown(getattr(m.indicators.departures.period_mix, kind), percent)


def _detention(model: Model, what: str) -> str | None:
    found = model.indicators.detention
    if found is None:
        return None
    return _shown(found.last.value, percent) if what == "share" else str(found.last.year)


VALUES: tuple[NamedValue, ...] = (
    NamedValue(
        "periode",
        "de evaluatieperiode, eerste en laatste jaar",
        lambda m: Cited(
            f"{m.edition.first_year}–{m.edition.last_year}",
            [
                (0, 4, setting(m.edition.first_year, "periode", "van")),
                (5, 9, setting(m.edition.last_year, "periode", "tot")),
            ],
        ),
    ),
    NamedValue(
        "periode.van",
        "het eerste jaar van de periode",
        lambda m: _setting_year(m.edition.first_year, "periode", "van"),
    ),
    NamedValue(
        "periode.tot",
        "het laatste jaar van de periode",
        lambda m: _setting_year(m.edition.last_year, "periode", "tot"),
    ),
    NamedValue(
        "periode.jaren", "het aantal jaren van de periode", lambda m: str(len(m.edition.years))
    ),
    NamedValue(
        "peildatum",
        "de datum waarop de cijfers zijn vastgesteld",
        lambda m: date_text(m.edition.peildatum),
    ),
    NamedValue(
        "publicatiedatum", "de datum van publicatie", lambda m: date_text(m.edition.published)
    ),
    NamedValue(
        "publicatiejaar", "het jaar van publicatie", lambda m: str(m.edition.published.year)
    ),
    NamedValue("artikel", "het nummer van het begrotingsartikel", lambda m: m.edition.article),
    NamedValue(
        "artikel.naam", "de naam van het begrotingsartikel", lambda m: m.edition.article_name
    ),
    NamedValue(
        "vertrek.totaal",
        "het vertrek over de hele periode (aantal vreemdelingen)",
        lambda m: _shown(m.indicators.departures.period_total),
    ),
    NamedValue(
        "vertrek.gemiddeld",
        "het gemiddelde vertrek per jaar",
        lambda m: _shown(m.indicators.departures.average),
    ),
    NamedValue(
        "vertrek.laagst",
        "het laagste vertrek in één jaar",
        lambda m: _shown(m.indicators.departures.lowest.value),
    ),
    NamedValue(
        "vertrek.laagst.jaar",
        "het jaar met het laagste vertrek",
        lambda m: str(m.indicators.departures.lowest.year),
    ),
    NamedValue(
        "vertrek.hoogst",
        "het hoogste vertrek in één jaar",
        lambda m: _shown(m.indicators.departures.highest.value),
    ),
    NamedValue(
        "vertrek.hoogst.jaar",
        "het jaar met het hoogste vertrek",
        lambda m: str(m.indicators.departures.highest.year),
    ),
    NamedValue(
        "vertrek.laatste",
        "het vertrek in het laatste jaar van de periode",
        lambda m: _shown(m.indicators.departures.change.end.value),
    ),
    NamedValue(
        "vertrek.zelfstandig",
        "het aandeel zelfstandig vertrek over de periode",
        _share("independent"),
    ),
    NamedValue(
        "vertrek.gedwongen", "het aandeel gedwongen vertrek over de periode", _share("forced")
    ),
    NamedValue(
        "vertrek.zonder_toezicht",
        "het aandeel vertrek zonder toezicht over de periode",
        _share("unsupervised"),
    ),
    NamedValue(
        "uitgaven.programma.eerste",
        "de programma-uitgaven van het artikel in het eerste jaar",
        lambda m: _shown(m.indicators.spending.programme.start.value, euro),
    ),
    NamedValue(
        "uitgaven.programma.laatste",
        "de programma-uitgaven van het artikel in het laatste jaar",
        lambda m: _shown(m.indicators.spending.programme.end.value, euro),
    ),
    NamedValue(
        "uitgaven.apparaat.laatste",
        "de apparaatsuitgaven van de DT&V in het laatste jaar",
        lambda m: _shown(m.indicators.spending.apparatus.end.value, euro),
    ),
    NamedValue(
        "besparing.percentage",
        "het besparingspercentage van de variant",
        lambda m: _shown(m.scenario.percentage, percent),
    ),
    NamedValue(
        "besparing.referentiejaar",
        "het jaar waarvan de uitgaven de basis zijn",
        lambda m: _setting_year(m.scenario.reference_year, "besparing", "referentiejaar"),
    ),
    NamedValue(
        "besparing.basis", "de basis van de variant", lambda m: _shown(m.scenario.base, euro)
    ),
    NamedValue(
        "besparing.doel",
        "het bedrag dat bespaard moet worden",
        lambda m: _shown(m.scenario.target, euro),
    ),
    NamedValue(
        "besparing.eindjaar",
        "het laatste jaar van de variant",
        lambda m: str(m.scenario.final_year),
    ),
    NamedValue(
        "besparing.opbrengst",
        "wat de maatregelen samen in het laatste jaar opleveren",
        lambda m: _shown(m.scenario.final_total, euro),
    ),
    NamedValue(
        "besparing.dekking",
        "de opbrengst als percentage van het doel",
        lambda m: _shown(m.scenario.coverage, percent),
    ),
    NamedValue(
        "bewaring.aandeel",
        "het deel van wie in het laatste jaar in bewaring kwam dat aantoonbaar vertrok "
        "(alleen met het werkblad Terugkeermaatregelen)",
        lambda m: _detention(m, "share"),
    ),
    NamedValue(
        "bewaring.jaar",
        "het laatste jaar met cijfers over bewaring (alleen met het werkblad Terugkeermaatregelen)",
        lambda m: _detention(m, "year"),
    ),
    NamedValue(
        "iom.totaal",
        "het vertrek met steun van de IOM over de periode (alleen met het werkblad Vertrek via IOM)",
        lambda m: _shown(m.indicators.iom.period_total) if m.indicators.iom else None,
    ),
)

BY_NAME = {value.name: value for value in VALUES}


def named_values(model: Model) -> dict[str, str | None]:
    """Every name with its text for this edition (None: its sheet was not supplied)."""
    return {value.name: value.compute(model) for value in VALUES}


_VAR = re.compile(r"\{\{<\s*var\s+([^\s>]*)\s*>\}\}")


def with_values(item: Mapping[str, object], values: Mapping[str, str | None]) -> dict[str, object]:
    """An item of the program's own content files with its named values filled in.

    The texts in templates/content may use named values as the narrative does
    (`{{< var besparing.percentage >}}`); a number so placed keeps its source. A name that
    does not exist or has no value is a defect of the content file (KeyError).
    """
    filled: dict[str, object] = {}
    for key, text in item.items():
        if not isinstance(text, str) or not _VAR.search(text):
            filled[key] = text
            continue
        parts: list[str] = []
        position = 0
        for match in _VAR.finditer(text):
            value = values.get(match.group(1))
            if value is None:
                raise KeyError(f"benoemde waarde {match.group(1)!r} bestaat niet of is leeg")
            parts += [text[position : match.start()], value]
            position = match.end()
        filled[key] = joined([*parts, text[position:]], "")
    return filled
