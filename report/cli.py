"""The command line: build, check, template and scenario, with Dutch messages and exit codes.

Exit codes: 0 success, 2 problems in the inputs (all listed), 1 internal error. A user's
mistake never ends in a traceback; an internal error writes its traceback to build/fout.log.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from report.problems import InputError
from report.publish.errors import PublishError

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("pdf", "html", "docx", "xlsx")
COMMANDS = ("build", "check", "template", "scenario", "preview")
SHOWN = 50  # problems listed; a sheet full of errors should not flood the terminal


class UsageError(Exception):
    """A wrong argument on the command line (exit 2)."""


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python build.py",
        description="Bouwt de beleidsdoorlichting artikel 37.3 uit de Excel-werkmappen.",
    )
    commands = main.add_subparsers(dest="command", metavar="opdracht")
    build = commands.add_parser("build", help="bouw het rapport (standaard)")
    build.add_argument(
        "--data", type=Path, default=ROOT / "data", help="map met werkmappen en editie.yml"
    )
    build.add_argument(
        "--output", type=Path, default=ROOT / "output", help="map voor de publicatie"
    )
    build.add_argument(
        "--build-dir", type=Path, default=ROOT / "build", help="map voor tussenbestanden"
    )
    build.add_argument("--engine", choices=("embedded", "quarto"), default="embedded")
    build.add_argument(
        "--formats", default=",".join(FORMATS), help="bijv. pdf,html (standaard: alle)"
    )
    check = commands.add_parser("check", help="controleer de invoer zonder te bouwen")
    check.add_argument("--data", type=Path, default=ROOT / "data")
    template = commands.add_parser("template", help="schrijf lege, gedocumenteerde werkmappen")
    template.add_argument("map", type=Path, help="doelmap voor de lege werkmappen")
    template.add_argument("--data", type=Path, default=ROOT / "data", help="map met editie.yml")
    scenario = commands.add_parser("scenario", help="toon de -20%-variant in de terminal")
    scenario.add_argument("--data", type=Path, default=ROOT / "data")
    scenario.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="NR.VELD=WAARDE",
        help="wat-als zonder de werkmap te wijzigen, bijv. --set 1.percentage=40",
    )
    preview = commands.add_parser(
        "preview", help="toon het rapport in de browser en werk het bij bij elke wijziging"
    )
    preview.add_argument("--data", type=Path, default=ROOT / "data", help="map van de editie")
    preview.add_argument(
        "--port", type=int, help="poort op 127.0.0.1 (standaard 8373 of de eerstvolgende vrije)"
    )
    preview.add_argument(
        "--build-dir",
        type=Path,
        default=ROOT / "build" / "voorbeeld",
        help="map voor de tussenbestanden van het voorbeeld",
    )
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help"):
        args_list.insert(0, "build")
    try:
        args = parser().parse_args(args_list)
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "build": _build,
        "check": _check,
        "template": _template,
        "scenario": _scenario,
        "preview": _preview,
    }
    try:
        return handlers[args.command](args)
    except InputError as error:
        _print_findings(error)
        return 2
    except UsageError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2
    except PublishError as error:
        print(f"Publiceren mislukt: {error}", file=sys.stderr)
        print("De vorige publicatie is ongewijzigd.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nAfgebroken; de vorige publicatie is ongewijzigd.", file=sys.stderr)
        return 130
    except Exception as error:  # an internal error: keep the details for the developers
        log = ROOT / "build" / "fout.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(f"Interne fout: {error}", file=sys.stderr)
        print(f"Details staan in {log}. De vorige publicatie is ongewijzigd.", file=sys.stderr)
        return 1


def _print_findings(error: InputError) -> None:
    count = len(error.problems)
    print(f"De invoer bevat {count} {'probleem' if count == 1 else 'problemen'}:", file=sys.stderr)
    for problem in error.problems[:SHOWN]:
        print(f"  - {problem}", file=sys.stderr)
    if count > SHOWN:
        print(f"  … en nog {count - SHOWN} problemen; los eerst deze op.", file=sys.stderr)
    print("Er is niets gepubliceerd; de vorige publicatie is ongewijzigd.", file=sys.stderr)


class Stages:
    """Prints each stage with its duration, so users see progress and where time goes."""

    def __init__(self, total: int):
        self.total = total
        self.number = 0
        self.timings: dict[str, float] = {}

    def run(self, name: str, work: Callable[[], object]) -> object:
        self.number += 1
        print(f"[{self.number}/{self.total}] {name} …", end="", flush=True)
        start = time.perf_counter()
        try:
            result = work()
        except BaseException:
            print(" mislukt")
            raise
        seconds = time.perf_counter() - start
        self.timings[name] = seconds
        print(f" {seconds:.2f} s".replace(".", ","))
        return result

    def skip(self, name: str, reason: str) -> None:
        self.number += 1
        print(f"[{self.number}/{self.total}] {name} … {reason}")
        self.timings[name] = 0.0


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UsageError(
            f"onbekend formaat {', '.join(unknown) or '(leeg)'}; kies uit {', '.join(FORMATS)}"
        )
    return chosen


def _build(args: argparse.Namespace) -> int:
    from report.pipeline import build

    formats = _formats(args.formats)
    stages = Stages(4)
    result = build(args.data, args.output, args.build_dir, formats, args.engine, stages)
    for note in result.notes_shown:
        print(f"  let op: {note}")
    print(
        f"Klaar in {sum(stages.timings.values()):.1f} s. Publicatie in {args.output}:".replace(
            ".", ",", 1
        )
    )
    for path in result.outputs:
        print(f"  {path.name}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from report.pipeline import check

    notes = check(args.data)
    print(f"De invoer in {args.data} is bruikbaar.")
    if notes:
        print(f"Opmerkingen ({len(notes)}):")
        for note in notes:
            print(f"  - {note}")
    return 0


def _template(args: argparse.Namespace) -> int:
    from report.inputs import contract
    from report.inputs.edition import load_edition
    from report.inputs.template import write_workbook

    edition = load_edition(args.data / "editie.yml")
    target: Path = args.map
    written = []
    for workbook, name in (
        (contract.FINANCE, edition.finance_file),
        (contract.STATISTICS, edition.statistics_file),
    ):
        path = target / name
        if path.exists():
            raise UsageError(f"{path} bestaat al; kies een lege map")
        write_workbook(workbook, edition, path)
        written.append(path)
    print("Lege werkmappen geschreven:")
    for path in written:
        print(f"  {path}")
    return 0


def _scenario(args: argparse.Namespace) -> int:
    from report.model.scenario import OverrideError, run_scenario

    try:
        print(run_scenario(args.data, args.overrides))
    except OverrideError as error:
        raise UsageError(str(error)) from None
    return 0


def _preview(args: argparse.Namespace) -> int:
    from report.preview import PreviewError, serve

    try:
        return serve(args.data, args.build_dir, args.port, forbidden=[ROOT / "output"])
    except PreviewError as error:
        raise UsageError(str(error)) from None
