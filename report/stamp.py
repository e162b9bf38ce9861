"""The rebuild stamp: lets a build skip publishing when output/ already holds its publication.

The stamp records what the publication was built from (a digest of the document, the extras,
the formats and the engine) and the content hash of every file published. A build skips
publishing only when the digest is the same **and** the files in the output folder are exactly
those files, byte for byte. So a stamp left by a killed build, a stamp in another build folder,
or a hand-edited output file can never make a build say "ongewijzigd" wrongly.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

STAMP = "publicatie.json"
DOCUMENT_STEM = "rapport"
DOCUMENT_FORMATS = ("pdf", "html", "docx")
TABLES = "tabellen.xlsx"
HERKOMST = "herkomst.csv"  # every printed number and its source (report.present.herkomst)
PUBLICATION_FILES = frozenset(
    {*(f"{DOCUMENT_STEM}.{f}" for f in DOCUMENT_FORMATS), TABLES, HERKOMST}
)


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


def unchanged(build_dir: Path, digest: str, output: Path, names: Iterable[str]) -> bool:
    """True when output/ holds exactly the publication the stamp describes, built from `digest`."""
    try:
        stamp = json.loads((build_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict) or stamp.get("digest") != digest:
        return False
    if stamp.get("output") != str(output.resolve()):
        return False
    files = stamp.get("files")
    if not isinstance(files, dict) or set(files) != set(names):
        return False
    try:
        return contents(output) == files
    except OSError:
        return False


def write(build_dir: Path, digest: str, output: Path) -> None:
    """Record the publication now in `output`; replaces the stamp in one step."""
    stamp = {"digest": digest, "output": str(output.resolve()), "files": contents(output)}
    target = build_dir / STAMP
    partial = target.with_name(f".{STAMP}.{os.getpid()}")
    partial.write_text(json.dumps(stamp, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(partial, target)


def remove(build_dir: Path) -> None:
    with contextlib.suppress(OSError):
        (build_dir / STAMP).unlink(missing_ok=True)
