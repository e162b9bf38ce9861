"""Content fingerprints: what a result depends on, so that work whose sources are unchanged is skipped.

A fingerprint is a SHA-256 over file names and bytes, never over times: a copied or touched file
with the same content counts as unchanged, an edited one always as changed. `program()` stands
for everything besides the edition folder that shapes a publication: the package's code and
filters, the templates (chapters, content, publishing templates, fonts), the Python version and
the installed distributions (pandoc, Typst, plotnine and the rest, by name and version).
`drawing()` is the narrower part that shapes a figure (the plotting code, the house font and the
plotting libraries), so that a change to a chapter template does not redraw every figure.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from pathlib import Path

from report.resources import FONTS, TEMPLATES

_PACKAGE = Path(__file__).resolve().parent
_SKIPPED_DIRECTORIES = {"__pycache__"}


def folder(root: Path) -> str:
    """Every regular file under `root` (recursively), by path and content."""
    digest = hashlib.sha256()
    for path in _files(root):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(file_hash(path).encode("ascii"))
    return digest.hexdigest()


@functools.cache
def program() -> str:
    """The code, templates and tools that turn an edition into a publication (once per process)."""
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    digest.update(folder(_PACKAGE).encode("ascii"))
    if not TEMPLATES.is_relative_to(_PACKAGE):  # a checkout keeps templates/ beside the package
        digest.update(folder(TEMPLATES).encode("ascii"))
    digest.update("\n".join(_distributions()).encode("utf-8"))
    return digest.hexdigest()


# What a figure's pixels depend on besides its data: the code that draws it, the fonts it may
# use and the libraries that render it (by the names of their metadata folders, which carry
# the version).
_DRAWING_CODE = ("present/figures.py", "render/figures.py")
_DRAWING_LIBRARIES = ("plotnine", "matplotlib", "mizani", "pandas", "numpy", "pillow")


@functools.cache
def drawing() -> str:
    """The code, fonts and libraries that turn a chart's data into its image (once per process)."""
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    for relative in _DRAWING_CODE:
        digest.update(relative.encode("ascii") + file_hash(_PACKAGE / relative).encode("ascii"))
    digest.update(folder(FONTS).encode("ascii"))
    libraries = [
        name
        for name in _distributions()
        if name.split("-", 1)[0].lower().replace("_", "-") in _DRAWING_LIBRARIES
    ]
    digest.update("\n".join(libraries).encode("utf-8"))
    return digest.hexdigest()


def combine(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _files(root: Path) -> list[Path]:
    """Every regular file under `root`, symlinked files and folders followed as a reader
    follows them (a folder reached twice, through a link loop, is walked once)."""
    found, seen = [], set()
    for directory, folders, names in os.walk(root, followlinks=True):
        status = os.stat(directory)
        if (status.st_dev, status.st_ino) in seen:
            folders[:] = []
            continue
        seen.add((status.st_dev, status.st_ino))
        folders[:] = sorted(f for f in folders if f not in _SKIPPED_DIRECTORIES)
        found += [Path(directory, name) for name in sorted(names)]
    return [path for path in found if path.is_file()]


def file_hash(path: Path) -> str:
    """A file by content, read in blocks (workbooks and publications can be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _distributions() -> list[str]:
    """Installed distributions by name and version: the metadata folders on the import path."""
    names = set()
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as found:
                names |= {e.name for e in found if e.name.endswith((".dist-info", ".egg-info"))}
        except OSError:
            continue
    return sorted(names)
