"""The folders a command writes: never over its own inputs, one build at a time, clear faults.

- `check_folders` refuses an output or build folder that is, contains or lies inside the data
  folder, the templates or the project's own files, an output folder that holds anything but
  a previous publication (the publication replaces the whole folder), and a read-only one.
- `folder_lock` keeps two builds out of the same folder (a lock file beside it, which works on
  Windows too); a second build waits a while, then stops with a clear message.
- `FileSystemFault` turns an OSError into a Dutch sentence that names the path.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from report.stamp import publication_entry

PROJECT = Path(__file__).resolve().parents[1]
# The project's own files: an output or build folder may not be, hold or lie inside any of them.
PROJECT_FILES = (
    "report",
    "templates",
    "tests",
    "tools",
    "data",
    ".git",
    ".ci",
    ".venv",
    "build.py",
    "pyproject.toml",
    "README.md",
)
# Files an operating system drops into any folder; they may be replaced with a publication.
OS_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
LOCK_WAIT = 120.0  # seconds a build waits for another build of the same folder


class FolderRefused(Exception):
    """An output or build folder that would endanger inputs or other files (exit code 2)."""


class FolderBusy(Exception):
    """Another build keeps using the folder (exit code 1)."""


class FileSystemFault(Exception):
    """Reading or writing a path failed: no permission, a full disk, a read-only folder."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    @classmethod
    def from_os_error(cls, error: OSError, folder: Path) -> FileSystemFault:
        """The error's own path when it has one, else the folder that was being written."""
        return cls(error.filename or folder, reason(error))


_REASONS = {
    "EACCES": "geen toegang (geen schrijf- of leesrechten)",
    "EPERM": "de bewerking is niet toegestaan",
    "EROFS": "het bestandssysteem is alleen-lezen",
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "de schijfruimte (quotum) is op",
    "ENOENT": "bestaat niet",
    "ENOTDIR": "een deel van het pad is geen map",
    "EISDIR": "is een map, geen bestand",
    "EEXIST": "bestaat al",
    "ENAMETOOLONG": "het pad is te lang",
    "EIO": "lees- of schrijffout van de schijf",
    "EMFILE": "te veel open bestanden",
    "EBUSY": "is in gebruik",
    "ENOTEMPTY": "de map is niet leeg",
    "ELOOP": "te veel symbolische koppelingen",
    "EXDEV": "ligt op een ander bestandssysteem",
}
# by error number; a name this platform lacks (EDQUOT on Windows) is left out
REASONS = {getattr(errno, name): text for name, text in _REASONS.items() if hasattr(errno, name)}


def reason(error: OSError) -> str:
    """Dutch for what went wrong; the error name for the rare ones without a translation."""
    if error.errno in REASONS:
        return REASONS[error.errno]
    name = errno.errorcode.get(error.errno or 0, "")
    return f"lezen of schrijven mislukt ({name or error.__class__.__name__})"


def fault_in(message: str, path: Path) -> FileSystemFault | None:
    """A file-system fault behind another tool's failure (pandoc's "No space left on device")."""
    for name in ("ENOSPC", "EDQUOT", "EROFS", "EACCES"):
        code = getattr(errno, name, None)
        if code is not None and os.strerror(code) in message:
            return FileSystemFault(path, REASONS[code])
    return None


def check_folders(output: Path | None, build: Path, protected: Iterable[Path]) -> None:
    """Refuse folders that would overwrite or delete inputs, project files or unrelated files.

    `output` is None for commands that publish nothing: they only write lists of findings to
    `build`, and say so when they cannot.
    """
    guarded = [("de gegevensmap", path) for path in protected]
    guarded += [("een onderdeel van het project", PROJECT / name) for name in PROJECT_FILES]
    folders = (
        [("bouwmap", build)] if output is None else [("uitvoermap", output), ("bouwmap", build)]
    )
    for label, folder in folders:
        for what, other in guarded:
            if _overlap(folder, other):
                raise FolderRefused(
                    f"De {label} {folder} {_relation(folder, other)} {what} ({other}). "
                    "Daar mag niet in worden geschreven: invoer en projectbestanden blijven "
                    "onaangeroerd. Kies een andere map."
                )
    if output is not None:
        if _overlap(output, build):
            raise FolderRefused(
                f"De uitvoermap {output} en de bouwmap {build} overlappen. De publicatie "
                "vervangt de hele uitvoermap; kies twee afzonderlijke mappen."
            )
        _check_output(output)
        _check_writable(build, "bouwmap")


def _check_output(output: Path) -> None:
    if os.path.lexists(output):
        if output.is_symlink() or not output.is_dir():
            raise FolderRefused(f"De uitvoermap {output} is geen map; kies een map.")
        foreign = sorted(
            p.name for p in output.iterdir() if not (p.name in OS_LITTER or publication_entry(p))
        )
        if foreign:
            shown = ", ".join(foreign[:3]) + (
                f" en nog {len(foreign) - 3}" if len(foreign) > 3 else ""
            )
            raise FolderRefused(
                f"De uitvoermap {output} bevat meer dan een publicatie ({shown}). De publicatie "
                "vervangt de hele map; kies een lege of nieuwe map, of de map van een eerdere "
                "publicatie."
            )
    _check_writable(output, "uitvoermap")


def _check_writable(folder: Path, label: str) -> None:
    """A folder (or, when it does not exist yet, its nearest parent) must be writable."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise FolderRefused(f"De {label} {folder} kan niet worden gemaakt: {existing} is geen map.")
    if not os.access(existing, os.W_OK) or not stat.S_IMODE(existing.stat().st_mode) & 0o222:
        what = (
            "alleen-lezen" if existing == folder else f"niet te maken ({existing} is alleen-lezen)"
        )
        raise FileSystemFault(folder, f"de {label} is {what}")


def _key(path: Path) -> str:
    return os.path.normcase(str(path.resolve()))


def _overlap(first: Path, second: Path) -> bool:
    a, b = _key(first), _key(second)
    return a == b or _inside(a, b) or _inside(b, a)


def _inside(inner: str, outer: str) -> bool:
    return inner.startswith(outer.rstrip(os.sep) + os.sep)


def _relation(folder: Path, other: Path) -> str:
    a, b = _key(folder), _key(other)
    if a == b:
        return "is"
    return "ligt in" if _inside(a, b) else "bevat"  # "ligt in een onderdeel", "bevat de …"


def lock_path(folder: Path) -> Path:
    """The lock file of a folder: beside it, since the output folder itself is swapped."""
    folder = Path(os.path.abspath(folder))
    return folder.with_name(f".{folder.name}.lock")


@contextmanager
def folder_lock(
    folder: Path, wait: float | None = None, on_wait: Callable[[Path], None] | None = None
) -> Iterator[None]:
    """Hold the folder for this process; re-entrant, so nested users of one folder share it."""
    path = lock_path(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(path, is_singleton=True)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if on_wait is not None:
                on_wait(folder)
            lock.acquire(timeout=LOCK_WAIT if wait is None else wait)
    except Timeout:
        raise FolderBusy(
            f"Een andere bouw gebruikt {folder} nog. Wacht tot die klaar is en probeer het "
            "opnieuw, of kies een andere map."
        ) from None
    except OSError as error:
        raise FileSystemFault.from_os_error(error, path.parent) from None
    try:
        yield
    finally:
        lock.release()
