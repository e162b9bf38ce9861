"""Read the edition's narrative: the Quarto-markdown files in the `tekst` folder of the edition.

The files are read as text and nothing else: which of them the report uses, and what their
Markdown may contain, is decided by `report.narrative`. Reading refuses what cannot be text
(not UTF-8, too large, characters the report's font cannot print) with the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from report.inputs.glyphs import glyph_names, unprintable
from report.problems import Problem

FOLDER = "tekst"  # inside the edition folder
SUFFIX = ".qmd"
MAX_BYTES = 256 * 1024  # the longest chapter part is about 5 kB


@dataclass(frozen=True)
class NarrativeFile:
    """One narrative file: its name without suffix (the slot it fills) and its lines."""

    name: str
    lines: tuple[str, ...]

    @property
    def place(self) -> str:
        """How messages name the file: tekst/h1-aanleiding.qmd."""
        return place(self.name)


def place(name: str) -> str:
    return f"{FOLDER}/{name}{SUFFIX}"


def read_narrative(data_dir: Path) -> tuple[dict[str, NarrativeFile], list[Problem]]:
    """Every tekst/*.qmd file of the edition by name; problems for the files that cannot be read."""
    folder = data_dir / FOLDER
    if not folder.is_dir():
        return {}, []
    found: dict[str, NarrativeFile] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path.name.startswith(".") or not path.is_file():
            continue  # an editor's lock or scratch file
        name = path.name.removesuffix(SUFFIX)
        text, problem = _text(path, place(name))
        if problem is not None:
            problems.append(problem)
            continue
        lines = tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        bad = _unprintable(lines, place(name))
        if bad:
            problems.extend(bad)
            continue
        found[name] = NarrativeFile(name, lines)
    return found, problems


def _text(path: Path, where: str) -> tuple[str, Problem | None]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return "", Problem(
                where,
                message=f"het bestand is te groot ({size // 1024} kB; hoogstens "
                f"{MAX_BYTES // 1024} kB)",
            )
        data = path.read_bytes()
    except OSError:
        return "", Problem(where, message="kan niet worden gelezen")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return "", Problem(
            where,
            cell=f"regel {line}",
            message="het bestand is niet als UTF-8 opgeslagen; sla het op als UTF-8",
        )


def _unprintable(lines: tuple[str, ...], where: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(lines, start=1):
        bad = unprintable(line)
        if bad:
            problems.append(
                Problem(
                    where,
                    cell=f"regel {number}",
                    message=f"het teken {glyph_names(bad)} staat niet in het lettertype van het "
                    "rapport en kan niet worden gedrukt; verwijder of vervang het",
                )
            )
    return problems
