"""Replace a publication directory all at once.

The guarantee: at every moment the output directory holds either the complete previous
publication or the complete new one — also when the process is killed (SIGKILL, power loss
after the files reached the disk). How:

1. A lock file beside the output directory (`report.folders.folder_lock`) keeps two
   publishes of the same directory apart; the operating system releases it when a process
   dies. A build holds the same lock from start to end; it is re-entrant within a process.
2. The new publication is written into a hidden sibling, `.<name>.bouw-*`, on the same file
   system; nothing in the output directory changes meanwhile. A failure deletes the sibling.
3. When every file is complete, files and sibling are flushed to disk and the sibling is
   exchanged with the output directory in one system call (Linux `renameat2` with
   `RENAME_EXCHANGE`). A first publication is a plain `rename`, equally atomic.
4. The previous publication, now in the sibling, is deleted. A process killed before that
   leaves a stale sibling, which the next publish removes.

Where the file system cannot exchange (not Linux, or a file system without the flag), two
renames are used: a crash between them leaves the output directory briefly missing but the
previous publication complete in `.<name>.vorige-*`, and the next publish puts it back
before doing anything else.

The output directory belongs to the tool: anything else in it is replaced with it.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from report.folders import folder_lock
from report.publish.errors import PublishError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


def _staging_prefix(target: Path) -> str:
    return f".{target.name}.bouw-"


def _previous_prefix(target: Path) -> str:
    return f".{target.name}.vorige-"


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield an empty directory; if the block completes, it becomes `target` atomically."""
    target = Path(os.path.abspath(target))
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    with folder_lock(target):
        _tidy(target)
        staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(target), dir=parent))
        try:
            os.chmod(staging, 0o777 & ~_umask())
            yield staging
            _flush(staging)
            _swap(staging, target)
            _fsync(parent)
        finally:
            _remove(staging)


def _remove(path: Path) -> None:
    """Delete a folder of ours, also files someone made read-only."""

    def writable_and_retry(function, name, _error) -> None:
        try:
            os.chmod(name, stat.S_IWRITE | stat.S_IREAD | stat.S_IEXEC)
            function(name)
        except OSError:
            pass

    if not os.path.lexists(path):
        return
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=writable_and_retry)
    else:
        shutil.rmtree(path, onerror=writable_and_retry)


def _tidy(target: Path) -> None:
    """Undo what a killed publish left behind: restore a displaced publication, drop the rest."""
    previous = sorted(target.parent.glob(_previous_prefix(target) + "*"))
    if previous and not os.path.lexists(target):
        os.rename(previous.pop(), target)
    for leftover in [*previous, *target.parent.glob(_staging_prefix(target) + "*")]:
        _remove(leftover)


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` in the place of `target`; afterwards `staging` holds the old publication."""
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    if target.is_symlink() or not target.is_dir():
        raise PublishError(f"{target} is geen map; de publicatie kan daar niet worden geplaatst.")
    try:
        exchange(staging, target)
    except OSError as error:
        if error.errno not in _UNSUPPORTED:
            raise
        previous = target.with_name(_previous_prefix(target) + staging.name.rsplit("-", 1)[-1])
        os.rename(target, previous)
        os.rename(staging, target)
        os.rename(previous, staging)


def exchange(first: Path, second: Path) -> None:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE)."""
    renameat2 = None
    if sys.platform.startswith("linux"):
        renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is niet beschikbaar")
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(first), None, str(second))


def _flush(directory: Path) -> None:
    """Get the new files onto the disk before they become visible."""
    for path in sorted(directory.rglob("*")):
        _fsync(path)
    _fsync(directory)


def _fsync(path: Path) -> None:
    if os.name == "nt" and path.is_dir():
        return  # Windows cannot open a directory to flush it; its renames are journalled
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
