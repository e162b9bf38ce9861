"""Figures drawn in a child process while the build renders, writes and starts publishing.

Drawing the first figure costs over a second of importing pandas, plotnine and matplotlib, the
rest a few tenths each; none of it is needed to write the document, whose figure names come
from their data (`plan_figures`). So a build starts one child process early (it imports the plotting
stack while the inputs are read), hands it the figures still to draw (`draw`), and waits for
them (`wait`) only before the first step that reads the image files. The drawings are the same
bytes as when drawn in the main process: the same code draws them.

The child only writes complete files under their final names (never deletes); it ends when
there is nothing to draw, and when the build ends or stops (`close`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType

from report.present.figures import prepare
from report.render.figures import FigureJob, draw_figure


class DrawingFailed(Exception):
    """The child process could not draw a figure (a defect: the message carries its traceback)."""


class FigureWorker:
    """One child process that draws the figures it is given; a context manager.

    `early` starts the child at once, to import the plotting stack while the inputs are read
    (a cold build, which draws every figure); otherwise it starts when there is something to
    draw, so a build whose figures are all drawn already spends no time on the imports.
    """

    def __init__(self, early: bool = True) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._orders: Connection | None = None
        self._busy = False
        if early:
            self._start()

    def _start(self) -> None:
        for stream in (sys.stdout, sys.stderr):  # a forked child must not repeat buffered text
            with contextlib.suppress(Exception):
                stream.flush()
        context = multiprocessing.get_context()
        self._orders, child_orders = context.Pipe()
        self._process = context.Process(
            target=_serve,
            args=(child_orders, self._orders),
            name="figuren-tekenen",
            daemon=True,
        )
        self._process.start()
        child_orders.close()

    @property
    def started(self) -> bool:
        return self._process is not None

    def draw(self, jobs: list[FigureJob], build_dir: Path) -> None:
        """Start drawing `jobs`; without jobs the child is not needed and ends at once."""
        if not jobs:
            self.close()
            return
        if self._process is None:
            self._start()
        assert self._orders is not None
        self._orders.send((jobs, str(build_dir)))
        self._busy = True

    def wait(self) -> None:
        """Return when every figure given to `draw` is in its file; raise what went wrong."""
        if not self._busy:
            return
        self._busy = False
        assert self._orders is not None and self._process is not None
        try:
            failure = self._orders.recv()
        except (EOFError, OSError):
            self._process.join()
            raise DrawingFailed(
                f"het proces dat de figuren tekent, stopte onverwacht (code {self._process.exitcode})"
            ) from None
        if failure:
            raise DrawingFailed(failure)

    def close(self) -> None:
        """End the child (done, not needed, or the build stopped early)."""
        self._busy = False
        if self._process is None or self._orders is None:
            return
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._orders.close()

    def __enter__(self) -> FigureWorker:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _serve(orders: Connection, parents_end: Connection) -> None:
    """The child: import the plotting stack, then draw what it is sent.

    Ctrl-C reaches the whole process group; the parent decides and ends the child, which
    therefore ignores it (and prints no traceback of its own). A forked child also holds the
    parent's end of the pipe; closing it lets the child notice when the parent is gone (killed),
    so it never outlives the build waiting for orders.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parents_end.close()
    prepare()  # the first-figure cost, paid while the parent reads

    try:
        jobs, build_dir = orders.recv()
    except (EOFError, OSError):  # the parent has gone
        return
    try:
        for job in jobs:
            draw_figure(job, Path(build_dir))
        failure = ""
    except Exception:
        failure = traceback.format_exc()
    with contextlib.suppress(OSError):
        orders.send(failure)
