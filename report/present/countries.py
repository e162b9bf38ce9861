"""ISO 3166-1 alpha-3 codes for the nationalities and countries in the tables, where unambiguous.

The statistics name nationalities in Dutch ("Iraakse", "Amerikaans burger") and, in the
family-location table, countries ("waarvan Armenië"). A code is given only when the label
means exactly one country that ISO 3166-1 lists:

- a nationality is looked up in NATIONALITIES, which names its country as CLDR spells it in
  Dutch (babel); a country name is looked up in CLDR's Dutch names directly;
- the country's two-letter code becomes the three-letter code through pycountry (the ISO
  3166-1 list), so a territory ISO does not list (Kosovo) gets no code;
- anything else ("Onbekend", "Staatloos", "Congolese": two countries) gets no code. Nothing is
  guessed: an unknown label simply has none.
"""

from __future__ import annotations

from functools import cache

import pycountry
from babel import Locale

from report.inputs.contract import normalise
from report.inputs.labels import OF_WHICH

# Dutch nationality → the country as CLDR names it in Dutch. Adjectives that could mean more
# than one country (Congolese, Koreaanse, Dominicaanse) are deliberately absent.
NATIONALITIES = {
    "Afghaanse": "Afghanistan",
    "Albanese": "Albanië",
    "Algerijnse": "Algerije",
    "Amerikaans burger": "Verenigde Staten",
    "Amerikaanse": "Verenigde Staten",
    "Angolese": "Angola",
    "Armeense": "Armenië",
    "Azerbeidzjaanse": "Azerbeidzjan",
    "Bengalese": "Bangladesh",
    "Bosnische": "Bosnië en Herzegovina",
    "Braziliaanse": "Brazilië",
    "Burundese": "Burundi",
    "Chinese": "China",
    "Colombiaanse": "Colombia",
    "Egyptische": "Egypte",
    "Eritrese": "Eritrea",
    "Ethiopische": "Ethiopië",
    "Filipijnse": "Filipijnen",
    "Gambiaanse": "Gambia",
    "Georgische": "Georgië",
    "Ghanese": "Ghana",
    "Guinese": "Guinee",
    "Indiase": "India",
    "Indonesische": "Indonesië",
    "Iraakse": "Irak",
    "Iraanse": "Iran",
    "Ivoriaanse": "Ivoorkust",
    "Jemenitische": "Jemen",
    "Jordaanse": "Jordanië",
    "Kameroense": "Kameroen",
    "Kazachse": "Kazachstan",
    "Kirgizische": "Kirgizië",
    "Koeweitse": "Koeweit",
    "Libanese": "Libanon",
    "Liberiaanse": "Liberia",
    "Libische": "Libië",
    "Macedonische": "Noord-Macedonië",
    "Marokkaanse": "Marokko",
    "Moldavische": "Moldavië",
    "Mongolische": "Mongolië",
    "Montenegrijnse": "Montenegro",
    "Nepalese": "Nepal",
    "Nigeriaanse": "Nigeria",
    "Noord-Macedonische": "Noord-Macedonië",
    "Oekraïense": "Oekraïne",
    "Oezbeekse": "Oezbekistan",
    "Pakistaanse": "Pakistan",
    "Russische": "Rusland",
    "Saoedi-Arabische": "Saoedi-Arabië",
    "Senegalese": "Senegal",
    "Servische": "Servië",
    "Sierra Leoonse": "Sierra Leone",
    "Soedanese": "Soedan",
    "Somalische": "Somalië",
    "Sri Lankaanse": "Sri Lanka",
    "Surinaamse": "Suriname",
    "Syrische": "Syrië",
    "Tadzjiekse": "Tadzjikistan",
    "Tunesische": "Tunesië",
    "Turkse": "Turkije",
    "Venezolaanse": "Venezuela",
    "Vietnamese": "Vietnam",
    "Wit-Russische": "Belarus",
    "Zuid-Afrikaanse": "Zuid-Afrika",
    "Zuid-Soedanese": "Zuid-Soedan",
}


@cache
def _countries() -> dict[str, str]:
    """Dutch country name (normalised) → alpha-3, for names that mean one ISO country."""
    found: dict[str, set[str]] = {}
    for alpha_2, name in Locale("nl").territories.items():
        country = pycountry.countries.get(alpha_2=alpha_2) if len(alpha_2) == 2 else None
        if country is not None:
            found.setdefault(normalise(name), set()).add(country.alpha_3)
    return {name: codes.pop() for name, codes in found.items() if len(codes) == 1}


_NATIONALITIES = {normalise(k): normalise(v) for k, v in NATIONALITIES.items()}


def alpha_3(label: str) -> str | None:
    """'Iraakse' → 'IRQ', 'waarvan Armenië' → 'ARM'; None where no single ISO country fits."""
    text = normalise(label)
    prefix = normalise(OF_WHICH) + " "
    if text.startswith(prefix):
        text = text.removeprefix(prefix)
    return _countries().get(_NATIONALITIES.get(text, text))
