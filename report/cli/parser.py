"""The argument parser: Dutch help for every command and option, built from the command list.

A command is one `Command` entry (name, help, options, handler) in `report/cli/commands.py`;
adding a command means adding an entry there.
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NoReturn

from report.cli.console import Console, terminal_width, wrap

PROG = "python build.py"
DEFAULT_COMMAND = "build"
EXIT_CODES = """\
Afsluitcodes:
  0    gelukt
  1    niet gelukt door de omgeving of het programma (bestandssysteem, een
       andere bouw, publiceren, een interne fout); de vorige publicatie blijft
  2    fout in de invoer of in de opdracht; alle problemen worden genoemd
  130  afgebroken (Ctrl-C)"""


@dataclass(frozen=True)
class Command:
    name: str
    summary: str  # one line in the list of commands
    description: str  # the paragraph above the command's options
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Console], int]


class ArgumentsError(Exception):
    """A wrong command line; the message is Dutch and ends with where to find help (exit 2)."""


class DutchParser(argparse.ArgumentParser):
    """Reports a wrong command line as ArgumentsError instead of exiting with English text."""

    def error(self, message: str) -> NoReturn:
        raise ArgumentsError(
            f"{self.format_usage().rstrip()}\n{self.prog}: fout: {message}\n"
            f"Uitleg: {self.prog} --help"
        )


def help_text(text: str) -> str:
    """argparse formats help with %; a literal % (as in "-20%-variant") must be doubled."""
    return text.replace("%", "%%")


def _paragraph(text: str) -> str:
    """Descriptions keep their own line breaks (for the exit codes), so wrap them here."""
    return "\n".join(wrap(text, terminal_width() - 2))


def version() -> str:
    from importlib import metadata  # only for --version: it costs a command's start-up time

    try:
        return metadata.version("report")
    except metadata.PackageNotFoundError:
        return "onbekend (niet geïnstalleerd met pip)"


class _VersionAction(argparse.Action):
    """--version, looked up only when asked for (the lookup costs every command start-up time)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None):
        super().__init__(
            option_strings, argparse.SUPPRESS, nargs=0, default=argparse.SUPPRESS, help=help
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        print(f"{parser.prog} {version()}")
        parser.exit()


def parser(commands: Sequence[Command]) -> DutchParser:
    main = DutchParser(
        prog=PROG,
        description=_paragraph(
            "Bouwt de beleidsdoorlichting van artikel 37.3 (vertrek van vreemdelingen) uit de "
            "Excel-werkmappen en editie.yml, en publiceert PDF, HTML, Word en tabellen.xlsx."
        ),
        epilog=_paragraph(
            f"Zonder opdracht voert {PROG} de opdracht '{DEFAULT_COMMAND}' uit. Uitleg per "
            f"opdracht: {PROG} OPDRACHT --help."
        )
        + f"\n\n{EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument(
        "-V", "--version", action=_VersionAction, help="toon het versienummer en stop"
    )
    sub = main.add_subparsers(
        dest="command", metavar="OPDRACHT", title="opdrachten", parser_class=DutchParser
    )
    for command in commands:
        part = sub.add_parser(
            command.name,
            help=help_text(command.summary),
            description=_paragraph(command.description),
            epilog=EXIT_CODES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.configure(part)
        part.set_defaults(handler=command)
    return main


def with_command(argv: Sequence[str], commands: Sequence[Command]) -> list[str]:
    """`python build.py --data x` means `python build.py build --data x`."""
    names = [c.name for c in commands]
    args = list(argv)
    if not args or (args[0].startswith("-") and args[0] not in ("-h", "--help", "-V", "--version")):
        return [DEFAULT_COMMAND, *args]
    if args[0] not in names and not args[0].startswith("-"):
        close = difflib.get_close_matches(args[0], names, n=1)
        hint = f" Bedoelt u '{close[0]}'?" if close else ""
        raise ArgumentsError(
            f"{PROG}: fout: onbekende opdracht '{args[0]}'; kies uit {', '.join(names)}.{hint}\n"
            f"Uitleg: {PROG} --help"
        )
    return args
