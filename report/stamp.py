"""The publication stamp: what output/ holds and what it was built from.

The stamp (`publicatie.json` in the build folder) records the output folder, the content hash
of every file published, the **source** (a digest of the rendered document, the engine and
the code: what every format is made from) and the **digest** (the source plus the formats
asked for and the exchange files' bytes). Two decisions rest on it:

- A build skips publishing only when the digest is the same **and** the output folder holds
  exactly the recorded files, byte for byte. So a stamp left by a killed build, a stamp in
  another build folder, or a hand-edited output file never makes a build say "ongewijzigd".
- A build of some formats (`--formats pdf,html`) keeps a publication file it was not asked
  for only when the stamp shows it was made from the same source and it is unchanged since;
  it removes it otherwise, and says which and why (`carry_over`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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

# Why a publication file that was not asked for is removed (the command says it).
OTHER_SOURCE = "gemaakt uit andere invoer of met een andere versie van het programma"
UNKNOWN_SOURCE = "niet na te gaan uit welke invoer"
CHANGED = "gewijzigd na de publicatie"


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
    try:
        return contents(output) == files
    except OSError:
        return False


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


def write(build_dir: Path, digest: str, output: Path, source: str = "") -> None:
    """Record the publication now in `output`; replaces the stamp in one step."""
    stamp = {
        "digest": digest,
        "source": source,
        "output": str(output.resolve()),
        "files": contents(output),
    }
    target = build_dir / STAMP
    partial = target.with_name(f".{STAMP}.{os.getpid()}")
    partial.write_text(json.dumps(stamp, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(partial, target)


def remove(build_dir: Path) -> None:
    with contextlib.suppress(OSError):
        (build_dir / STAMP).unlink(missing_ok=True)
