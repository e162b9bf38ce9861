"""The commands of the yearly cycle: `new-edition` (start the next edition) and `waarden`
(the named values a narrative file may use)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from report.cli.console import Console
from report.cli.options import UsageError, build_dir_option, data_option, require_data
from report.cli.parser import Command
from report.folders import check_folders

_PERIOD = re.compile(r"^\s*(\d{4})\s*[-–/]\s*(\d{4})\s*$")

# --- new-edition -------------------------------------------------------------------------------


def _configure_new_edition(part: argparse.ArgumentParser) -> None:
    part.add_argument(
        "map",
        type=Path,
        metavar="MAP",
        help="map voor de nieuwe editie (nieuw of leeg; niet binnen de huidige editie)",
    )
    part.add_argument(
        "--period",
        "--periode",
        dest="period",
        required=True,
        metavar="JJJJ-JJJJ",
        help="evaluatieperiode van de nieuwe editie, bijv. 2018-2023",
    )
    data_option(
        part,
        "map van de huidige editie, waarvan instellingen en teksten worden overgenomen "
        "(standaard: data in de projectmap); deze map wordt alleen gelezen",
    )


def period(text: str) -> tuple[int, int]:
    match = _PERIOD.match(text)
    if not match:
        raise UsageError(f"--period {text}: schrijf de periode als JJJJ-JJJJ, bijv. 2018-2023.")
    first, last = int(match.group(1)), int(match.group(2))
    if not 1990 <= first <= last <= 2100:
        raise UsageError(
            f"--period {text}: het eerste jaar moet vóór of gelijk aan het laatste liggen, "
            "tussen 1990 en 2100."
        )
    return first, last


def run_new_edition(args: argparse.Namespace, console: Console) -> int:
    from report.new_edition import TargetRefused, write_new_edition

    first, last = period(args.period)
    require_data(args.data)
    try:
        written = write_new_edition(args.data, args.map, first, last)
    except TargetRefused as error:
        raise UsageError(str(error)) from None
    texts = [path for path in written if path.parts[0] == "tekst"]
    console.say(f"Nieuwe editie {first}–{last} geschreven in {args.map}:")
    for path in written:
        if path.parts[0] != "tekst":
            console.say(f"  {path}")
    if texts:
        console.say(
            f"  tekst/ ({len(texts)} bestanden; elke passage en elke tabelregel gemarkeerd om na te kijken)"
        )
    console.wrapped(
        "Volgende stappen: laat de werkmappen vullen, stel peildatum en publicatiedatum vast in "
        "editie.yml en kijk de teksten na. 'python build.py check --data "
        f"{args.map}' toont wat nog open staat."
    )
    return 0


# --- waarden -----------------------------------------------------------------------------------


def _configure_values(part: argparse.ArgumentParser) -> None:
    data_option(part)
    build_dir_option(part)


def run_values(args: argparse.Namespace, console: Console) -> int:
    from report.inputs.read import read_inputs
    from report.model import build_model
    from report.narrative.values import VALUES, named_values

    require_data(args.data)
    check_folders(None, args.build_dir, [args.data])
    model = build_model(read_inputs(args.data))
    found = named_values(model)
    ed = model.edition
    console.wrapped(
        f"Benoemde waarden voor de teksten van de editie {ed.first_year}–{ed.last_year}. "
        "Schrijf in een tekstbestand {{< var naam >}}; het rapport zet er de waarde voor in de "
        "plaats."
    )
    width = max(len(value.name) for value in VALUES) + 2
    shown = {
        name: text if text is not None else "(niet beschikbaar)" for name, text in found.items()
    }
    value_width = max(len(text) for text in shown.values()) + 2
    for value in VALUES:
        line = f"{value.name:<{width}}{shown[value.name]:<{value_width}}{value.meaning}"
        console.wrapped(line, "  ", "  " + " " * (width + value_width))
    return 0


EDITION_COMMANDS = (
    Command(
        "new-edition",
        "begin een nieuwe editie voor een nieuwe periode",
        "Schrijft een complete map voor de volgende editie: editie.yml voor de nieuwe periode "
        "(jaren, peildatum, publicatiedatum en besparingsjaren opgeschoven; de datums gemarkeerd "
        "om na te kijken), lege werkmappen voor die periode en de teksten van de huidige "
        "editie, elke passage gemarkeerd met '::: nakijken' en elke tabelregel met 'nakijken: "
        "ja'. De huidige editie wordt alleen "
        "gelezen; een bestaande, niet-lege map wordt geweigerd.",
        _configure_new_edition,
        run_new_edition,
    ),
    Command(
        "waarden",
        "toon de benoemde waarden die de teksten kunnen gebruiken",
        "Toont elke naam die een tekstbestand als {{< var naam >}} kan gebruiken, met de waarde "
        "in deze editie en de betekenis.",
        _configure_values,
        run_values,
    ),
)
