"""The publication stamp: what output/ holds and what it was built from.

The stamp (`publicatie.json` in the build folder) records the output folder, the content hash
of every file published, and what the publication was made from, three times over:

- the **inputs**: a fingerprint of everything the build reads (the edition folder, the
  program with its templates and installed packages, the formats and the engine, see
  `report.fingerprint`), with the notes, the text check's findings and the kept files of that
  build. A build whose inputs are the same skips every stage (`current`).
- the **source**: a digest of the rendered document, the engine and the program: what every
  format is made from.
- the **digest**: the source plus the formats asked for and the exchange files' bytes. A
  build whose document gives the same digest skips publishing (`unchanged`).

Both skips happen only when the output folder holds exactly the recorded files, byte for
byte. So a stamp left by a killed build, a stamp in another build folder, or a hand-edited
output file never makes a build say "ongewijzigd". A build of some formats (`--formats
pdf,html`) keeps a publication file it was not asked for only when the stamp shows it was made
from the same source and it is unchanged since; it removes it otherwise, and says which and
why (`carry_over`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from report.fingerprint import file_hash
from report.problems import Finding, Note, TextFinding

STAMP = "publicatie.json"
DOCUMENT_STEM = "rapport"
DOCUMENT_FORMATS = ("pdf", "html", "docx")
TABLES = "tabellen.xlsx"
HERKOMST = "herkomst.csv"  # every printed number and its source (report.present.herkomst)
OPEN_DATA = "open-data"  # a folder: a CSV file per table and datapackage.json
OPEN_DATA_PACKAGE = "datapackage.json"
PUBLICATION_FILES = frozenset(
    {*(f"{DOCUMENT_STEM}.{f}" for f in DOCUMENT_FORMATS), TABLES, HERKOMST, OPEN_DATA}
)
NOT_A_FILE = "geen bestand"
F = TypeVar("F", bound=Finding)

# Why a publication file that was not asked for is removed (the command says it).
OTHER_SOURCE = "gemaakt uit andere invoer of met een andere versie van het programma"
UNKNOWN_SOURCE = "niet na te gaan uit welke invoer"
CHANGED = "gewijzigd na de publicatie"


def path_hash(path: Path) -> str:
    """A file's content hash, or a folder's: the names and hashes of everything inside it."""
    if path.is_symlink():
        return NOT_A_FILE
    if path.is_file():
        return file_hash(path)
    if not path.is_dir():
        return NOT_A_FILE
    digest = hashlib.sha256()
    for inner in sorted(path.rglob("*")):
        digest.update(f"{inner.relative_to(path).as_posix()}\0{path_hash(inner)}\n".encode())
    return digest.hexdigest()


def publication_entry(path: Path) -> bool:
    """Is `path` (in an output folder) something a publication writes there?"""
    if path.name not in PUBLICATION_FILES or path.is_symlink():
        return False
    if path.name != OPEN_DATA:
        return path.is_file()
    return path.is_dir() and all(
        inner.is_file()
        and not inner.is_symlink()
        and (inner.suffix == ".csv" or inner.name == OPEN_DATA_PACKAGE)
        for inner in path.iterdir()
    )


def contents(output: Path) -> dict[str, str]:
    """Name → content hash of every entry in the output folder (only open-data as a folder)."""
    if not output.is_dir():
        return {}
    return {
        p.name: path_hash(p) if p.is_file() or p.name == OPEN_DATA else NOT_A_FILE
        for p in sorted(output.iterdir())
    }


def names(formats: Iterable[str]) -> list[str]:
    """The entries a publication in these formats writes into the output folder."""
    chosen = set(formats)
    documents = [f"{DOCUMENT_STEM}.{f}" for f in DOCUMENT_FORMATS if f in chosen]
    return documents + [TABLES] * ("xlsx" in chosen) + [OPEN_DATA] * ("csv" in chosen)


def _read(build_dir: Path, output: Path) -> dict[str, object] | None:
    """The stamp, when there is one and it describes this output folder."""
    try:
        stamp = json.loads((build_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("output") != str(output.resolve()):
        return None
    if not isinstance(stamp.get("files"), dict):
        return None
    return stamp


def unchanged(build_dir: Path, digest: str, output: Path, names: Iterable[str]) -> bool:
    """True when output/ holds exactly the publication the stamp describes, built from `digest`."""
    stamp = _read(build_dir, output)
    if stamp is None or stamp.get("digest") != digest:
        return False
    files = stamp["files"]
    if not isinstance(files, dict) or set(files) != set(names):
        return False
    return _holds(stamp, output)


def _holds(stamp: dict[str, object], output: Path) -> bool:
    """Does the output folder hold exactly the files the stamp recorded, byte for byte?"""
    try:
        return contents(output) == stamp["files"]
    except OSError:
        return False


@dataclass(frozen=True)
class Previous:
    """What the last build reported, for a build that finds nothing changed since."""

    notes: list[Note]
    findings: list[TextFinding]
    kept: tuple[str, ...]  # files it was not asked for and kept
    files: tuple[str, ...]  # every entry of the output folder


def current(build_dir: Path, inputs: str, output: Path, names: Iterable[str]) -> Previous | None:
    """The report of the last build when it read exactly `inputs` and output/ holds exactly its
    publication, `names` included; None when anything differs or was not recorded."""
    stamp = _read(build_dir, output)
    if stamp is None or not inputs or stamp.get("inputs") != inputs:
        return None
    files, kept = stamp["files"], stamp.get("kept")
    notes = _findings(stamp.get("notes"), Note)
    findings = _findings(stamp.get("findings"), TextFinding)
    if notes is None or findings is None or not isinstance(kept, list):
        return None
    if not isinstance(files, dict) or not set(names) <= set(files):
        return None
    if not all(isinstance(name, str) and name in files for name in kept):
        return None
    if not _holds(stamp, output):
        return None
    return Previous(notes, findings, tuple(kept), tuple(sorted(files)))


def _findings(items: object, kind: type[F]) -> list[F] | None:
    """Notes or findings as the stamp records them ([file, sheet, cell, message])."""
    if not isinstance(items, list) or not all(_is_finding(item) for item in items):
        return None
    return [kind(*item) for item in items]


def _is_finding(item: object) -> bool:
    return isinstance(item, list) and len(item) == 4 and all(isinstance(x, str) for x in item)


def _record(finding: Finding) -> list[str]:
    return [finding.file, finding.sheet, finding.cell, finding.message]


@dataclass(frozen=True)
class CarryOver:
    """What happens to publication files in output/ that this build was not asked for."""

    kept: tuple[str, ...]  # made from the same source and unchanged since: published again
    removed: tuple[tuple[str, str], ...]  # (name, why): they leave with the old publication


def carry_over(build_dir: Path, source: str, output: Path, wanted: Iterable[str]) -> CarryOver:
    """Decide, file by file, whether what is in output/ besides `wanted` stays or goes."""
    wanted = set(wanted)
    present = {
        p.name
        for p in (sorted(output.iterdir()) if output.is_dir() else [])
        if p.name not in wanted and publication_entry(p)
    }
    if not present:
        return CarryOver((), ())
    stamp = _read(build_dir, output)
    files = stamp["files"] if stamp is not None else {}
    assert isinstance(files, dict)
    now = contents(output)
    kept, removed = [], []
    for name in sorted(present):
        if stamp is None or name not in files or not stamp.get("source"):
            removed.append((name, UNKNOWN_SOURCE))
        elif stamp.get("source") != source:
            removed.append((name, OTHER_SOURCE))
        elif files[name] != now.get(name):
            removed.append((name, CHANGED))
        else:
            kept.append(name)
    return CarryOver(tuple(kept), tuple(removed))


def write(
    build_dir: Path,
    digest: str,
    output: Path,
    source: str = "",
    inputs: str = "",
    notes: Sequence[Note] = (),
    findings: Sequence[TextFinding] = (),
    kept: Sequence[str] = (),
) -> None:
    """Record the publication now in `output`; replaces the stamp in one step. `inputs` (with
    the build's notes, findings and kept files) lets the next build skip every stage."""
    stamp = {
        "digest": digest,
        "source": source,
        "inputs": inputs,
        "output": str(output.resolve()),
        "files": contents(output),
        "notes": [_record(note) for note in notes],
        "findings": [_record(finding) for finding in findings],
        "kept": list(kept),
    }
    target = build_dir / STAMP
    partial = target.with_name(f".{STAMP}.{os.getpid()}")
    partial.write_text(json.dumps(stamp, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(partial, target)


def remove(build_dir: Path) -> None:
    with contextlib.suppress(OSError):
        (build_dir / STAMP).unlink(missing_ok=True)
