"""The command line (`python build.py`): Dutch help and messages, exit codes, no tracebacks.

Exit codes: 0 success; 2 a problem the user can fix in the inputs or the command line (all
listed); 1 the environment or the program failed (file system, another build, publishing, an
internal error — only the last writes its traceback to `fout.log` in the build folder);
130 interrupted. A failed build never touches the previous publication.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from report.cli import findings
from report.cli.argparse_nl import dutch
from report.cli.commands import COMMANDS
from report.cli.console import Console
from report.cli.options import UsageError
from report.cli.parser import ArgumentsError, parser, with_command
from report.folders import PROJECT, FileSystemFault, FolderBusy, FolderRefused, reason
from report.problems import DraftRefused, InputError
from report.publish.errors import PublishError

LOG = "fout.log"


def main(argv: Sequence[str] | None = None) -> int:
    console = Console()
    try:
        with dutch():
            args = parser(COMMANDS).parse_args(
                with_command(sys.argv[1:] if argv is None else argv, COMMANDS)
            )
    except ArgumentsError as error:
        console.warn(str(error))
        return 2
    except SystemExit as exit_:  # --help and --version have been printed
        return 0 if exit_.code in (0, None) else 2
    except BrokenPipeError:
        console.drop(console.out)
        return 0
    try:
        return args.handler.run(args, console)
    except BaseException as error:  # every outcome gets a Dutch message and its exit code
        return _failed(error, args, console)


def _failed(error: BaseException, args: argparse.Namespace, console: Console) -> int:
    build_dir: Path = getattr(args, "build_dir", PROJECT / "build")
    output: Path | None = getattr(args, "output", None)
    kept = ""
    if output is not None:  # a command that publishes says what happened to the publication
        kept = "Er is niets gepubliceerd"
        if not isinstance(error, (UsageError, FolderRefused)) and output.is_dir():
            kept += f"; de vorige publicatie in {output} is ongewijzigd"
        kept += "."
    code = 1
    if isinstance(error, InputError):
        findings.show_problems(console, error.problems, build_dir)
        code = 2
    elif isinstance(error, DraftRefused):
        findings.show_text_findings(console, error.findings, build_dir, final=True)
        code = 2
    elif isinstance(error, (UsageError, FolderRefused)):
        console.wrapped(f"Fout: {error}", err=True)
        code = 2
    elif isinstance(error, FolderBusy):
        console.wrapped(str(error), err=True)
    elif isinstance(error, BrokenPipeError):
        console.drop(console.out)
        return 0
    elif isinstance(error, FileSystemFault):
        console.wrapped(f"Probleem met {error.path}: {error.reason}.", err=True)
        code = 2 if _inside(error.path, getattr(args, "data", None)) else 1
    elif isinstance(error, OSError):
        path = error.filename or build_dir
        console.wrapped(f"Probleem met {path}: {reason(error)}.", err=True)
        code = 2 if _inside(Path(path), getattr(args, "data", None)) else 1
    elif isinstance(error, PublishError):
        console.wrapped(f"Publiceren mislukt: {error}", err=True)
    elif isinstance(error, KeyboardInterrupt):
        console.warn("\nAfgebroken.")
        code = 130
    elif isinstance(error, SystemExit):
        raise error
    else:
        _internal(error, build_dir, console)
    if kept:
        console.wrapped(kept, err=True)
    return code


def _internal(error: BaseException, build_dir: Path, console: Console) -> None:
    """A defect in the program: the traceback goes to fout.log for the developers."""
    details = "".join(traceback.format_exception(error))
    console.wrapped(
        f"Interne fout (een fout in het programma, niet in uw invoer): "
        f"{type(error).__name__}: {error}",
        err=True,
    )
    for folder in (build_dir, Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / LOG).write_text(details, encoding="utf-8")
        except OSError:
            continue
        console.wrapped(
            f"De details staan in {folder / LOG}; stuur dat bestand mee met een melding.", err=True
        )
        return
    console.warn(details)


def _inside(path: Path, folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False
