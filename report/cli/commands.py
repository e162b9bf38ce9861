"""The commands: build, check, template, scenario, compare and preview — their options and what
they do.

The commands of the yearly cycle (new-edition, waarden) are in `edition_commands`.

Each command is one `Command` entry in COMMANDS; its handler returns the exit code and
raises the project's exceptions for everything else (the frame in `report.cli` turns them
into Dutch messages and exit codes).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from report.cli import findings
from report.cli.console import Console, Stages
from report.cli.edition_commands import EDITION_COMMANDS
from report.cli.options import (
    UsageError,
    build_dir_option,
    data_option,
    notes_option,
    require_data,
)
from report.cli.parser import Command
from report.folders import LOCK_WAIT, PROJECT, check_folders

__all__ = ["COMMANDS", "UsageError"]

FORMATS = ("pdf", "html", "docx", "xlsx", "csv")
ENGINES = ("embedded", "quarto")
STARTED = time.perf_counter()  # the command line's clock: "Klaar in" is the real wall time


# --- build -------------------------------------------------------------------------------------


def _configure_build(part: argparse.ArgumentParser) -> None:
    data_option(part)
    part.add_argument(
        "--output",
        type=Path,
        default=PROJECT / "output",
        metavar="MAP",
        help="map voor de publicatie (standaard: output in de projectmap). De publicatie "
        "vervangt de hele map; die mag dus alleen een eerdere publicatie bevatten.",
    )
    build_dir_option(part)
    part.add_argument(
        "--formats",
        default=",".join(FORMATS),
        metavar="LIJST",
        help=f"te publiceren formaten, gescheiden door komma's: {', '.join(FORMATS)} "
        "(standaard: alle). csv is de open data: een CSV-bestand per tabel met "
        "datapackage.json in de map open-data. Bestanden van andere formaten die al in de "
        "uitvoermap staan, blijven staan als ze uit dezelfde invoer zijn gemaakt (volgens "
        "publicatie.json in de bouwmap) en worden anders verwijderd; de opdracht meldt welke.",
    )
    part.add_argument(
        "--engine",
        choices=ENGINES,
        default=ENGINES[0],
        help="embedded: pandoc en Typst uit de Python-pakketten (standaard); quarto: "
        "Quarto, dat dan geïnstalleerd moet zijn",
    )
    part.add_argument(
        "--compare",
        type=Path,
        metavar="VORIGE",
        help="voeg de bijlage 'Wijzigingen ten opzichte van de vorige editie' toe; VORIGE is "
        "de tabellen.xlsx van de vorige publicatie of de gegevensmap van de vorige editie",
    )
    final_option(part)
    notes_option(part)


def final_option(part: argparse.ArgumentParser) -> None:
    part.add_argument(
        "--final",
        action="store_true",
        help="definitieve versie: weiger (afsluitcode 2) zolang de tekstcontrole bevindingen "
        "heeft, zoals passages die nog moeten worden nagekeken; zonder --final wordt zo'n "
        "rapport als CONCEPT gemarkeerd",
    )


def formats(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UsageError(
            f"onbekend formaat {', '.join(unknown) or '(leeg)'}; kies uit {', '.join(FORMATS)}"
        )
    return chosen


def run_build(args: argparse.Namespace, console: Console) -> int:
    from report.pipeline import build, text_check_without_model
    from report.problems import InputError

    chosen = formats(args.formats)
    require_data(args.data)
    if args.compare is not None:
        require_previous(args.compare)
        if args.compare.resolve().is_relative_to(args.output.resolve()):
            raise UsageError(
                f"De vorige publicatie {args.compare} staat in de uitvoermap {args.output}, die "
                "deze bouw vervangt. Kopieer haar eerst naar een andere map (bijvoorbeeld een "
                "archief van eerdere edities) en vergelijk daarmee."
            )

    def waiting(folder: Path) -> None:
        console.say(
            f"Een andere bouw gebruikt {folder}; wachten tot die klaar is "
            f"(hoogstens {LOCK_WAIT:.0f} s) …"
        )

    try:
        result = build(
            args.data,
            args.output,
            args.build_dir,
            chosen,
            args.engine,
            Stages(console, 5 if args.compare else 4),
            waiting,
            args.compare,
            final=args.final,
        )
    except InputError:  # e.g. a new edition whose workbooks are blank: its text can be reviewed
        early = text_check_without_model(args.data)
        findings.show_text_findings(console, early, args.build_dir, final=args.final)
        raise
    findings.show_notes(console, result.notes, args.build_dir, args.opmerkingen)
    findings.clear_problems(args.build_dir)
    findings.show_text_findings(console, result.findings, args.build_dir, final=False)
    wall = f"{time.perf_counter() - STARTED:.1f}".replace(".", ",")
    state = "Concept" if result.findings else "Publicatie"
    state += "" if result.republished else " (ongewijzigd)"
    console.say(f"Klaar in {wall} s. {state} in {args.output}:")
    for path in result.outputs:
        kept = " (behouden: niet gevraagd, wel uit dezelfde invoer gemaakt)"
        shown = f"{path.name}/" if path.is_dir() else path.name
        console.say(f"  {shown}{kept if path.name in result.kept else ''}")
    for why in dict.fromkeys(why for _, why in result.removed):
        names = ", ".join(name for name, reason in result.removed if reason == why)
        console.say(f"Verwijderd uit {args.output} (niet gevraagd en {why}): {names}")
    return 0


# --- check -------------------------------------------------------------------------------------


def _configure_check(part: argparse.ArgumentParser) -> None:
    data_option(part)
    build_dir_option(part)
    final_option(part)
    notes_option(part)


def run_check(args: argparse.Namespace, console: Console) -> int:
    from report.pipeline import check, text_check_without_model
    from report.problems import InputError

    require_data(args.data)
    check_folders(None, args.build_dir, [args.data])
    try:
        checked = check(args.data, args.build_dir)
    except InputError:
        early = text_check_without_model(args.data)
        findings.show_text_findings(console, early, args.build_dir, final=args.final)
        raise
    console.say(f"De invoer in {args.data} is bruikbaar.")
    findings.show_notes(console, checked.notes, args.build_dir, args.opmerkingen)
    findings.clear_problems(args.build_dir)
    findings.show_text_findings(console, checked.findings, args.build_dir, final=args.final)
    if not checked.findings:
        console.say("De tekstcontrole heeft geen bevindingen.")
    return 2 if args.final and checked.findings else 0


# --- template ----------------------------------------------------------------------------------


def _configure_template(part: argparse.ArgumentParser) -> None:
    part.add_argument(
        "map",
        type=Path,
        metavar="MAP",
        help="map waarin de lege werkmappen en editie.yml komen (nieuw of leeg)",
    )
    data_option(part, "map met de editie.yml waarvan periode en bestandsnamen worden overgenomen "
          "(standaard: data in de projectmap)")  # fmt: skip
    build_dir_option(part)


def run_template(args: argparse.Namespace, console: Console) -> int:
    from report.inputs.edition import load_edition
    from report.inputs.template import write_template

    require_data(args.data)
    check_folders(None, args.build_dir, [args.data])
    target: Path = args.map
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is geen map; geef een nieuwe of lege map op.")
    try:
        written = write_template(target, load_edition(args.data / "editie.yml"))
    except FileExistsError as error:
        raise UsageError(f"{error} bestaat al; kies een nieuwe of lege map.") from None
    console.say("Lege werkmappen en editie.yml geschreven:")
    for path in written:
        console.say(f"  {path}")
    return 0


# --- scenario ----------------------------------------------------------------------------------


def _configure_scenario(part: argparse.ArgumentParser) -> None:
    data_option(part)
    build_dir_option(part)
    part.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="NR.VELD=WAARDE",
        help="wat-als-berekening zonder de werkmap te wijzigen, bijv. --set 1.percentage=40 "
        "of --set 2.fasering.2021=75; mag vaker worden gegeven",
    )


def run_scenario_command(args: argparse.Namespace, console: Console) -> int:
    from report.model.overrides import OverrideError
    from report.pipeline import run_scenario

    require_data(args.data)
    check_folders(None, args.build_dir, [args.data])
    try:
        text = run_scenario(args.data, args.overrides, args.build_dir)
    except OverrideError as error:
        raise UsageError(str(error)) from None
    console.say(text.rstrip("\n"))
    findings.clear_problems(args.build_dir)
    return 0


# --- compare -----------------------------------------------------------------------------------


def require_previous(previous: Path) -> None:
    """The previous edition is a tabellen.xlsx or a data folder that exists."""
    if not previous.exists():
        raise UsageError(
            f"{previous} bestaat niet. Geef de tabellen.xlsx van de vorige publicatie of de "
            "gegevensmap van de vorige editie."
        )
    if previous.is_file() and previous.suffix.lower() != ".xlsx":
        raise UsageError(
            f"{previous} is geen tabellen.xlsx en geen map. Geef de tabellen.xlsx van de vorige "
            "publicatie of de gegevensmap van de vorige editie."
        )


def _configure_compare(part: argparse.ArgumentParser) -> None:
    part.add_argument(
        "vorige",
        type=Path,
        metavar="VORIGE",
        help="de tabellen.xlsx van de vorige publicatie, of de gegevensmap van de vorige editie",
    )
    data_option(part, "map van deze editie (standaard: data in de projectmap)")
    build_dir_option(part)


def run_compare_command(args: argparse.Namespace, console: Console) -> int:
    from report.compare import run_compare

    require_data(args.data)
    require_previous(args.vorige)
    check_folders(None, args.build_dir, [args.data, args.vorige])
    console.say(run_compare(args.data, args.vorige).rstrip("\n"))
    findings.clear_problems(args.build_dir)
    return 0


# --- preview -----------------------------------------------------------------------------------


def _configure_preview(part: argparse.ArgumentParser) -> None:
    data_option(part, "map van de editie die wordt bekeken (standaard: data in de projectmap)")
    part.add_argument(
        "--port",
        type=int,
        metavar="POORT",
        help="poort op 127.0.0.1 (standaard 8373 of de eerstvolgende vrije poort)",
    )
    part.add_argument(
        "--build-dir",
        type=Path,
        default=PROJECT / "build" / "voorbeeld",
        metavar="MAP",
        help="map voor de tussenbestanden van het voorbeeld (standaard: build/voorbeeld)",
    )


def run_preview(args: argparse.Namespace, console: Console) -> int:
    from report.preview import PreviewError, serve

    require_data(args.data)
    try:
        return serve(args.data, args.build_dir, args.port, forbidden=[PROJECT / "output"])
    except PreviewError as error:
        raise UsageError(str(error)) from None


COMMANDS = (
    Command(
        "build",
        "bouw en publiceer het rapport (standaard)",
        "Leest en controleert de invoer, berekent alle tabellen en de -20%-variant, maakt het "
        "document, controleert de tekst en publiceert het in de uitvoermap; met open "
        "bevindingen van de tekstcontrole als CONCEPT. Bij een fout blijft de vorige "
        "publicatie ongewijzigd.",
        _configure_build,
        run_build,
    ),
    Command(
        "check",
        "controleer de invoer zonder te bouwen",
        "Controleert editie.yml, de werkmappen en de teksten zoals een bouw dat doet en noemt "
        "alle problemen met bestand, werkblad en cel, en de bevindingen van de tekstcontrole "
        "met bestand en regel. Afsluitcode 0 als de invoer bruikbaar is (met bevindingen wordt "
        "het rapport een CONCEPT), 2 als niet; met --final ook 2 zolang er bevindingen zijn.",
        _configure_check,
        run_check,
    ),
    Command(
        "template",
        "schrijf lege, gedocumenteerde werkmappen",
        "Schrijft de twee werkmappen leeg, met een uitlegblad, beveiligde kopjes en "
        "gegevensvalidatie, voor de periode uit editie.yml. Bestaande bestanden worden niet "
        "overschreven.",
        _configure_template,
        run_template,
    ),
    EDITION_COMMANDS[0],
    Command(
        "scenario",
        "toon de -20%-variant in de terminal",
        "Berekent de besparingsvariant uit de werkmap en toont basis, taakstelling, de "
        "maatregelen per jaar, de dekking en de berekening per maatregel. Met --set rekent u "
        "een wat-als door zonder de werkmap te wijzigen.",
        _configure_scenario,
        run_scenario_command,
    ),
    EDITION_COMMANDS[1],
    Command(
        "compare",
        "toon wat er is veranderd sinds de vorige editie",
        "Vergelijkt deze editie met de vorige: cijfers die voor dezelfde jaren zijn herzien, "
        "tabellen die erbij zijn gekomen of zijn vervallen, en gewijzigde parameters van de "
        "besparingsvariant. Met build --compare komt hetzelfde als bijlage in het rapport.",
        _configure_compare,
        run_compare_command,
    ),
    Command(
        "preview",
        "toon het rapport in de browser en werk het bij bij elke wijziging",
        "Bouwt de HTML-versie, toont die op http://127.0.0.1 en bouwt opnieuw wat verouderd "
        "is zodra u een werkmap, editie.yml, een tekstbestand of een sjabloon bewaart. De "
        "pagina ververst zichzelf. Stoppen met Ctrl-C. De uitvoermap wordt niet aangeraakt.",
        _configure_preview,
        run_preview,
    ),
)
