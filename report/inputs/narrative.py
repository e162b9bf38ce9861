"""Read the edition's narrative: the files in the `tekst` folder of the edition.

`*.qmd` are the chapter parts, read as text and nothing else: which of them the report uses,
and what their Markdown may contain, is decided by `report.narrative`. `*.yml` are tables of
words the edition supplies (the measures and what is known of their effect): a list of rows,
each a block of field names and texts, read by the strict YAML reader. Reading refuses what
cannot be text (not UTF-8, too large, characters the report's font cannot print, YAML that is
not a plain list of rows) with the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from report.inputs.glyphs import glyph_names, unprintable
from report.inputs.safe_yaml import YamlRefused, load_yaml
from report.problems import Problem

FOLDER = "tekst"  # inside the edition folder
SUFFIX = ".qmd"
TABLE_SUFFIX = ".yml"
REVIEW_FIELD = "nakijken"  # a row still to be reviewed: nakijken: ja
_ROW = re.compile(r"^-(?:\s|$)")
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


@dataclass(frozen=True)
class WordTable:
    """A table of words from tekst/<name>.yml: one mapping of field to text per row."""

    name: str
    rows: tuple[dict[str, str], ...]
    lines: tuple[int, ...]  # the line each row starts on
    review: tuple[bool, ...]  # the rows still marked `nakijken: ja`

    @property
    def place(self) -> str:
        return table_place(self.name)


def table_place(name: str) -> str:
    return f"{FOLDER}/{name}{TABLE_SUFFIX}"


def read_word_tables(data_dir: Path) -> tuple[dict[str, WordTable], list[Problem]]:
    """Every tekst/*.yml of the edition by name; problems for what is not a list of rows."""
    folder = data_dir / FOLDER
    if not folder.is_dir():
        return {}, []
    found: dict[str, WordTable] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob(f"*{TABLE_SUFFIX}")):
        if path.name.startswith(".") or not path.is_file():
            continue
        name = path.name.removesuffix(TABLE_SUFFIX)
        where = table_place(name)
        text, problem = _text(path, where)
        lines = tuple(text.splitlines())
        bad = [problem] if problem else _unprintable(lines, where)
        if bad:
            problems.extend(bad)
            continue
        table, refused = _table(name, text, lines)
        if table is None:
            problems.append(refused or Problem(where, message="geen lijst van regels"))
        else:
            found[name] = table
    return found, problems


def _table(name: str, text: str, lines: tuple[str, ...]) -> tuple[WordTable | None, Problem | None]:
    where = table_place(name)
    try:
        data = load_yaml(text)
    except YamlRefused as error:
        return None, Problem(where, message=str(error).replace("editie.yml", where))
    starts = [n for n, line in enumerate(lines, start=1) if _ROW.match(line)]
    if not isinstance(data, list) or len(starts) != len(data):
        return None, Problem(
            where,
            message="verwacht een lijst van regels, elk beginnend met '- ' aan het begin van de regel",
        )
    rows, review = [], []
    for start, item in zip(starts, data, strict=True):
        if not isinstance(item, dict) or not all(isinstance(v, (str, bool)) for v in item.values()):
            return None, Problem(
                where, cell=f"regel {start}", message="verwacht velden met tekst (veld: tekst)"
            )
        mark = item.get(REVIEW_FIELD, False)
        review.append(mark is True or str(mark).strip().lower() in ("ja", "true"))
        rows.append({k: v for k, v in item.items() if k != REVIEW_FIELD and isinstance(v, str)})
    return WordTable(name, tuple(rows), tuple(starts), tuple(review)), None


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
