"""The rebuild stamp: lets a build skip work when output/ already holds its publication.

The stamp records what the publication was built from, twice: the `sources` (a fingerprint of
the edition folder, the program, the formats and the engine, see `report.fingerprint`) and the
`digest` of what was published (the document, the extras, the formats and the engine). It
also records the content hash of every file published and the notes on the inputs. A build
skips everything when its sources are the same (`current`), or only the publishing when its
document is (`unchanged`), and in both cases only when the files in the output folder are
exactly those files, byte for byte. So a stamp left by a killed build, a stamp in another
build folder, or a hand-edited output file can never make a build say "ongewijzigd" wrongly.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from report.problems import Note

STAMP = "publicatie.json"
DOCUMENT_STEM = "rapport"
DOCUMENT_FORMATS = ("pdf", "html", "docx")
TABLES = "tabellen.xlsx"
PUBLICATION_FILES = frozenset({*(f"{DOCUMENT_STEM}.{f}" for f in DOCUMENT_FORMATS), TABLES})


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def contents(output: Path) -> dict[str, str]:
    """Name → content hash of every entry in the output folder (a folder counts as different)."""
    if not output.is_dir():
        return {}
    return {
        p.name: file_hash(p) if p.is_file() and not p.is_symlink() else "geen bestand"
        for p in sorted(output.iterdir())
    }


def names(formats: Iterable[str]) -> list[str]:
    """The files a publication in these formats consists of."""
    chosen = set(formats)
    documents = [f"{DOCUMENT_STEM}.{f}" for f in DOCUMENT_FORMATS if f in chosen]
    return documents + ([TABLES] if "xlsx" in chosen else [])


def unchanged(build_dir: Path, digest: str, output: Path, names: Iterable[str]) -> bool:
    """True when output/ holds exactly the publication the stamp describes, built from `digest`."""
    return _published(build_dir, "digest", digest, output, names) is not None


def current(build_dir: Path, sources: str, output: Path, names: Iterable[str]) -> list[Note] | None:
    """The notes of the last build when output/ holds exactly its publication, built from
    `sources`; None when anything differs."""
    stamp = _published(build_dir, "sources", sources, output, names)
    notes = stamp.get("notes") if stamp is not None else None
    if not isinstance(notes, list) or not all(_is_note(n) for n in notes):
        return None
    return [Note(*note) for note in notes]


def _published(
    build_dir: Path, field: str, value: str, output: Path, names: Iterable[str]
) -> dict | None:
    try:
        stamp = json.loads((build_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or not value or stamp.get(field) != value:
        return None
    if stamp.get("output") != str(output.resolve()):
        return None
    files = stamp.get("files")
    if not isinstance(files, dict) or set(files) != set(names):
        return None
    try:
        return stamp if contents(output) == files else None
    except OSError:
        return None


def _is_note(item: object) -> bool:
    return isinstance(item, list) and len(item) == 4 and all(isinstance(x, str) for x in item)


def write(
    build_dir: Path, digest: str, output: Path, sources: str = "", notes: Sequence[Note] = ()
) -> None:
    """Record the publication now in `output`; replaces the stamp in one step."""
    stamp = {
        "digest": digest,
        "sources": sources,
        "output": str(output.resolve()),
        "files": contents(output),
        "notes": [[n.file, n.sheet, n.cell, n.message] for n in notes],
    }
    target = build_dir / STAMP
    partial = target.with_name(f".{STAMP}.{os.getpid()}")
    partial.write_text(json.dumps(stamp, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(partial, target)


def remove(build_dir: Path) -> None:
    with contextlib.suppress(OSError):
        (build_dir / STAMP).unlink(missing_ok=True)
