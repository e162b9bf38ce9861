"""argparse in Dutch: its own strings ("usage:", "show this help message and exit", errors).

argparse looks every user-visible string up through gettext (`argparse._` and
`argparse.ngettext`). `dutch()` swaps those look-ups for this catalogue while the command line
is built and parsed, and restores them afterwards, so nothing else in the process changes.
A string missing here stays English; a test compares the catalogue with the strings of the
running Python's argparse.
"""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Iterator
from contextlib import contextmanager

CATALOGUE: dict[str, str] = {
    # help texts and headings
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "subcommands": "opdrachten",
    "%(heading)s:": "%(heading)s:",
    " (default: %(default)s)": " (standaard: %(default)s)",
    "show this help message and exit": "toon deze hulptekst en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    # messages for the user
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: waarschuwing: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "unrecognized arguments: %s": "onbekend argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "expected one argument": "hier hoort een waarde bij",
    "expected at most one argument": "hier hoort hoogstens één waarde bij",
    "expected at least one argument": "hier hoort minstens één waarde bij",
    "ambiguous option: %(option)s could match %(matches)s": (
        "onduidelijke optie: %(option)s kan %(matches)s zijn"
    ),
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "ignored explicit argument %r": "deze optie neemt geen waarde (%r)",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "onbekende opdracht %(parser_name)r (kies uit %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "can't open '%s': %s": "kan '%s' niet openen: %s",
    "argument '%(argument_name)s' is deprecated": "argument '%(argument_name)s' is verouderd",
    "option '%(option)s' is deprecated": "optie '%(option)s' is verouderd",
    "command '%(parser_name)s' is deprecated": "opdracht '%(parser_name)s' is verouderd",
    # mistakes in the definition of the command line (for developers, Dutch all the same)
    "%r is not callable": "%r is niet aanroepbaar",
    "'required' is an invalid argument for positionals": (
        "'required' kan niet bij een positioneel argument"
    ),
    ".__call__() not defined": ".__call__() is niet gedefinieerd",
    'argument "-" with mode %r': 'argument "-" met modus %r',
    "cannot have multiple subparser arguments": "er kan maar één opdrachtargument zijn",
    "cannot merge actions - two groups are named %r": (
        "acties niet samen te voegen: twee groepen heten %r"
    ),
    "conflicting subparser: %s": "opdracht bestaat al: %s",
    "conflicting subparser alias: %s": "alias van een opdracht bestaat al: %s",
    "dest= is required for options like %r": "dest= is nodig voor opties als %r",
    "invalid conflict_resolution value: %r": "ongeldige waarde voor conflict_resolution: %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "ongeldige optie %(option)r: moet beginnen met een teken uit %(prefix_chars)r"
    ),
    "mutually exclusive arguments must be optional": (
        "argumenten die elkaar uitsluiten moeten opties zijn"
    ),
}
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): (
        "hier hoort %s waarde bij",
        "hier horen %s waarden bij",
    ),
    ("conflicting option string: %s", "conflicting option strings: %s"): (
        "optie bestaat al: %s",
        "opties bestaan al: %s",
    ),
}


def translate(message: str) -> str:
    return CATALOGUE.get(message, message) if isinstance(message, str) else message


def translate_plural(singular: str, plural: str, count: int) -> str:
    one, many = PLURALS.get((singular, plural), (singular, plural))
    return one if count == 1 else many


@contextmanager
def dutch() -> Iterator[None]:
    """argparse speaks Dutch inside the block (also a Python that imports gettext lazily)."""
    saved = [
        (module, name, getattr(module, name))
        for module, names in ((argparse, ("_", "ngettext")), (gettext, ("gettext", "ngettext")))
        for name in names
        if hasattr(module, name)
    ]
    replacement = {"_": translate, "gettext": translate, "ngettext": translate_plural}
    for module, name, _original in saved:
        setattr(module, name, replacement[name])
    try:
        yield
    finally:
        for module, name, original in saved:
            setattr(module, name, original)
