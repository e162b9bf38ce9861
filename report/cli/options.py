"""Options several commands share, and the error for a wrong command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from report.cli.parser import help_text
from report.folders import PROJECT


class UsageError(Exception):
    """A wrong argument on the command line (exit code 2); the message is Dutch."""


def data_option(part: argparse.ArgumentParser, text: str | None = None) -> None:
    part.add_argument(
        "--data",
        type=Path,
        default=PROJECT / "data",
        metavar="MAP",
        help=help_text(
            text or "map met editie.yml en de twee werkmappen (standaard: data in de projectmap)"
        ),
    )


def build_dir_option(part: argparse.ArgumentParser) -> None:
    part.add_argument(
        "--build-dir",
        type=Path,
        default=PROJECT / "build",
        metavar="MAP",
        help="map voor tussenbestanden, de lijsten met problemen en opmerkingen en het "
        "foutlogboek fout.log (standaard: build in de projectmap)",
    )


def notes_option(part: argparse.ArgumentParser) -> None:
    part.add_argument(
        "--opmerkingen",
        action="store_true",
        help="toon alle opmerkingen over de invoer, niet alleen het aantal per werkblad",
    )


def require_data(folder: Path) -> None:
    """A missing data folder is named as such (not as a missing editie.yml)."""
    if not folder.exists():
        raise UsageError(
            f"De gegevensmap {folder} bestaat niet. Geef met --data de map met editie.yml en de "
            "werkmappen."
        )
    if not folder.is_dir():
        raise UsageError(f"De gegevensmap {folder} is geen map. Geef met --data een map op.")
