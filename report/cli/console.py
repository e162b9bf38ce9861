"""Terminal output that never crashes the command: any encoding, a closed pipe, any width.

- A console that cannot print "−", "›", "€" or "…" (cp1252, ascii) gets "-", ">", "EUR",
  "..." instead of an encoding error.
- When the reader of a pipe goes away (`scenario | head`), further output is dropped quietly
  and the command still finishes its work and its exit code.
- Text is wrapped to the width of the terminal (80 columns when the output is not a terminal).
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import shutil
import sys
import textwrap
import time
import unicodedata
from collections.abc import Callable
from typing import TextIO, TypeVar

T = TypeVar("T")

ERRORS = "report-terminal"
MIN_WIDTH = 20  # narrower than this, wrapping makes nothing more readable
FALLBACK = {
    "−": "-",
    "–": "-",
    "—": "-",
    "›": ">",
    "‹": "<",
    "→": "->",
    "€": "EUR",
    "…": "...",
    "×": "x",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "≤": "<=",
    "≥": ">=",
    "\u00a0": " ",
    "\u202f": " ",
}


def _degrade(error: UnicodeError) -> tuple[str, int]:
    """Encoding error handler: a plain-ASCII stand-in for each character the console lacks."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(_plain(ch) for ch in text), error.end


def _plain(ch: str) -> str:
    if ch in FALLBACK:
        return FALLBACK[ch]
    ascii_form = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
    return ascii_form or "?"


codecs.register_error(ERRORS, _degrade)


def terminal_width() -> int:
    """Columns of the terminal (the COLUMNS variable first; 80 when not a terminal)."""
    return max(shutil.get_terminal_size((80, 24)).columns, MIN_WIDTH)


class Console:
    """stdout for results and progress, stderr for problems; both safe to write to."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None):
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        self._closed: set[int] = set()
        for stream in (self.out, self.err):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                with contextlib.suppress(ValueError, OSError):
                    reconfigure(errors=ERRORS)

    @property
    def width(self) -> int:
        return terminal_width()

    def say(self, text: str = "") -> None:
        """A line (or lines) on stdout."""
        self._write(self.out, text + "\n")

    def warn(self, text: str = "") -> None:
        """A line (or lines) on stderr."""
        self._write(self.err, text + "\n")

    def wrapped(self, text: str, indent: str = "", hang: str | None = None, *, err=False) -> None:
        """One paragraph, wrapped to the width of a terminal; `hang` indents the continuation.

        Into a pipe or file each paragraph stays one line, so that it can be searched.
        """
        stream = self.err if err else self.out
        if _is_terminal(stream):
            text = "\n".join(
                wrap(text, self.width, indent, indent + "  " if hang is None else hang)
            )
        else:
            text = indent + text
        (self.warn if err else self.say)(text)

    def progress(self, text: str) -> None:
        """Text without a line end, shown at once (a stage that is still running)."""
        self._write(self.out, text)

    def _write(self, stream: TextIO, text: str) -> None:
        if id(stream) in self._closed:
            return
        try:
            stream.write(text)
            stream.flush()
        except (BrokenPipeError, ValueError):
            self.drop(stream)
        except OSError as error:
            if error.errno not in (errno.EPIPE, errno.EINVAL):  # EINVAL: a closed Windows pipe
                raise
            self.drop(stream)

    def drop(self, stream: TextIO) -> None:
        """The reader went away: send the rest to the null device, also at exit."""
        self._closed.add(id(stream))
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, stream.fileno())
            os.close(null)
        except (OSError, ValueError, AttributeError):
            pass


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):
        return False


def wrap(text: str, width: int, indent: str = "", hang: str = "") -> list[str]:
    """Wrap each line of `text` to `width`, never breaking inside a word unless it must."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            lines.append("")
            continue
        lines += textwrap.wrap(
            paragraph,
            width=width,
            initial_indent=indent,
            subsequent_indent=hang,
            break_on_hyphens=False,
        ) or [indent]
    return lines


def seconds(value: float) -> str:
    """'1,62 s'."""
    return f"{value:.2f} s".replace(".", ",")


class Stages:
    """Prints each stage with its duration, so users see progress and where time goes."""

    def __init__(self, console: Console, total: int):
        self.console = console
        self.total = total
        self.number = 0
        self.timings: dict[str, float] = {}

    def run(self, name: str, work: Callable[[], T]) -> T:
        self.number += 1
        self.console.progress(f"[{self.number}/{self.total}] {name} …")
        start = time.perf_counter()
        try:
            result = work()
        except BaseException:
            self.console.say(" mislukt")
            raise
        self.timings[name] = time.perf_counter() - start
        self.console.say(" " + seconds(self.timings[name]))
        return result

    def skip(self, name: str, reason: str) -> None:
        self.number += 1
        self.console.say(f"[{self.number}/{self.total}] {name} … {reason}")
        self.timings[name] = 0.0
