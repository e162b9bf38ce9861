"""Which saved files matter to the preview, and how much of the build they make us redo.

Watching uses `watchfiles` (inotify on Linux, a polling fallback elsewhere) rather than a
hand-written polling loop: changes arrive at once without scanning the folders every few
hundred milliseconds on a shared 2-core machine, and its `step` groups an editor's burst of
writes (temporary file, rename, lock file) into one set of changes.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable
from enum import IntEnum
from pathlib import Path

import watchfiles

from report.inputs.narrative import FOLDER as TEXT_FOLDER

QUIET_MS = 50  # a burst of writes ends after this much quiet; then the rebuild starts
LONGEST_BURST_MS = 1_600  # rebuild at the latest this long after the first write of a burst

# Lock and scratch files of office programs; watchfiles already skips editors' swap files.
_SCRATCH_PREFIXES = ("~$", ".~lock.", ".#")


class Work(IntEnum):
    """How much of the build a change makes stale; a larger value includes the smaller."""

    PUBLISH = 1  # publishing templates (HTML template, stylesheet): publish again
    RENDER = 2  # chapter templates and content: render the document and publish
    TEXT = 3  # the edition's text (tekst/): read it again, render and publish
    READ = 4  # the rest of the edition (workbooks, editie.yml): read, compute, render, publish


def work_for(changed: Iterable[Path], data_dir: Path, templates: Path) -> Work | None:
    """The work a set of changed files needs; None when none of them matters."""
    needed: Work | None = None
    for path in changed:
        if path.name.startswith(_SCRATCH_PREFIXES):
            continue
        if path.is_relative_to(data_dir / TEXT_FOLDER):
            work = Work.TEXT
        elif path.is_relative_to(data_dir):
            work = Work.READ
        elif path.is_relative_to(templates / "publish"):
            work = Work.PUBLISH
        elif path.is_relative_to(templates):
            work = Work.RENDER
        else:
            continue
        needed = work if needed is None else max(needed, work)
    return needed


class Watcher(threading.Thread):
    """Puts each burst of changed paths on a queue until `stop()`; a failure goes there too."""

    def __init__(self, folders: Iterable[Path]):
        super().__init__(name="voorbeeld-bewaker")
        self.folders = [Path(folder) for folder in folders]
        self.changes: queue.Queue[set[Path] | Exception] = queue.Queue()
        self._stopping = threading.Event()

    def run(self) -> None:
        try:
            for batch in watchfiles.watch(
                *self.folders,
                debounce=LONGEST_BURST_MS,
                step=QUIET_MS,
                stop_event=self._stopping,
                rust_timeout=500,
                raise_interrupt=False,
            ):
                self.changes.put({Path(path) for _, path in batch})
        except Exception as error:  # a watched folder removed or unreadable: tell the loop
            self.changes.put(error)

    def stop(self) -> None:
        self._stopping.set()
        self.join()
