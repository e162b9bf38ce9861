"""Problems and notes in the terminal, and in full in a text file the message names.

Every problem is shown (grouped per file and sheet when there are many): the user fixes them
all in one pass. Notes do not stop a build, so when there are many only a count per file is
shown; the full list is in `opmerkingen.txt` and on request (`--opmerkingen`).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from report.cli.console import Console
from report.folders import reason
from report.problems import Finding, Note, Problem, TextFinding

PROBLEMS_FILE = "problemen.txt"
NOTES_FILE = "opmerkingen.txt"
TEXT_FILE = "tekstcontrole.txt"
GROUP_FROM = 10  # from this many problems on, they are grouped per file and sheet
NOTES_SHOWN = 5  # up to this many notes are listed; more are summarised per sheet


def show_problems(console: Console, problems: Sequence[Problem], folder: Path) -> None:
    count = len(problems)
    console.warn(f"De invoer bevat {count} {'probleem' if count == 1 else 'problemen'}:")
    intro = _listed(console, problems, "problemen", err=True)
    _saved(console, save(folder / PROBLEMS_FILE, problems), intro, err=True)


def show_text_findings(
    console: Console, found: Sequence[TextFinding], folder: Path, final: bool
) -> None:
    """The text check: every finding (the writers fix them all), and what it means."""
    if not found:
        _discard(folder / TEXT_FILE)
        return
    count = len(found)
    noun = "bevinding" if count == 1 else "bevindingen"
    if final:
        console.warn(f"Niet gepubliceerd: de tekstcontrole heeft {count} open {noun} (--final):")
    else:
        console.say(f"De tekstcontrole heeft {count} open {noun}; het rapport wordt een CONCEPT:")
    intro = _listed(console, found, "bevindingen", err=final)
    _saved(console, save(folder / TEXT_FILE, found), intro, err=final)


def _listed(console: Console, items: Sequence[Finding], noun: str, err: bool) -> str:
    """List every finding (grouped per file and sheet when there are many); the closing words."""
    if len(items) < GROUP_FROM:
        for item in items:
            console.wrapped(f"- {item}", "  ", "    ", err=err)
        return "De lijst staat ook in"
    groups = 0
    for (file, sheet), group in groupby(items, key=lambda p: (p.file, p.sheet)):
        found = list(group)
        groups += 1
        place = " › ".join(part for part in (file, sheet) if part)
        console.wrapped(f"{place} ({len(found)}):", "  ", "    ", err=err)
        for item in found:
            text = f"{item.cell}: {item.message}" if item.cell else item.message
            console.wrapped(f"- {text}", "    ", "      ", err=err)
    where = "werkblad of bestand" if groups == 1 else "werkbladen of bestanden"
    return f"{len(items)} {noun} in {groups} {where}; de lijst staat ook in"


def show_notes(console: Console, notes: Sequence[Note], folder: Path, full: bool) -> None:
    saved = save(folder / NOTES_FILE, notes) if notes else _discard(folder / NOTES_FILE)
    if not notes:
        return
    count = len(notes)
    label = "opmerking" if count == 1 else "opmerkingen"
    if full or count <= NOTES_SHOWN:
        console.say(f"{count} {label}:")
        for note in notes:
            console.wrapped(f"- {note}", "  ", "    ")
        return
    per_file = Counter(note.file for note in notes)
    console.wrapped(
        f"{count} {label} over de invoer ("
        + ", ".join(f"{file} {number}" for file, number in sorted(per_file.items()))
        + "); ze houden de bouw niet tegen."
    )
    _saved(console, saved, "Toon ze met --opmerkingen; de volledige lijst staat in")


def clear_problems(folder: Path) -> None:
    """After a run without problems, an old list would only mislead."""
    _discard(folder / PROBLEMS_FILE)


def save(path: Path, findings: Sequence[Finding]) -> Path | str:
    """Write the list (one finding per line); returns the path, or why it could not be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text("".join(f"{f}\n" for f in findings), encoding="utf-8")
        os.replace(partial, path)
    except OSError as error:
        return f"{error.filename or path}: {reason(error)}"
    return path


def _discard(path: Path) -> Path | str:
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        return reason(error)
    return path


def _saved(console: Console, saved: Path | str, intro: str, err: bool = False) -> None:
    if isinstance(saved, Path):
        console.wrapped(f"{intro} {saved}.", err=err)
    else:
        console.wrapped(f"De lijst kon niet worden opgeslagen ({saved}).", err=err)
