"""Running `python build.py preview` on a copy of the project and driving it in Chromium.

Shared by the browser test and tools/preview_latency.py. The project copy (code, templates,
sample data) lets a test edit a chapter template without touching the real one; the copy's
own `report` package is the one imported.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAUNCH_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_ADDRESS = re.compile(r"Voorbeeld op (http://127\.0\.0\.1:(\d+)/)")
_PROSE = re.compile(r"^[A-Z][a-z]+ [^{}\[\]|*#@]*$")


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


def copy_project(target: Path) -> Path:
    """Code, templates, sample data and build.py: enough to run the preview on its own."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("report", "templates", "data"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    shutil.copy2(ROOT / "build.py", target / "build.py")
    return target


def prose_line(template: Path) -> str:
    """The first line of plain prose in a text file or template, before any conditional block."""
    for line in template.read_text(encoding="utf-8").splitlines():
        if "{%" in line:
            break
        if _PROSE.match(line):
            return line
    raise AssertionError(f"{template} has no line of plain prose")


def replace_in_place(path: Path, old: str, new: str) -> None:
    """Save a changed text the way an editor does: write, then rename over the original."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    scratch = path.with_name(path.name + ".opslaan")
    scratch.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(scratch, path)


class PreviewProcess:
    """`python build.py preview` in a new process; its output is collected line by line."""

    def __init__(self, project: Path, build_dir: Path):
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        environment = dict(os.environ, PYTHONPATH=str(project), PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "build.py", "preview", "--port", "0", "--build-dir", str(build_dir)],
            cwd=project,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.url, self.port, self.watched = self._started()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
            self.output.append(line)

    def _started(self, timeout: float = 120) -> tuple[str, int, str]:
        """The address and the line naming the watched folders, printed at the start."""
        address: re.Match[str] | None = None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            address = address or _ADDRESS.search(line)
            if address and line.startswith("Gevolgd: "):
                return address.group(1), int(address.group(2)), line.strip()
        self.stop()
        raise AssertionError("the preview did not start:\n" + "".join(self.output))

    def interrupt(self, timeout: float = 120) -> tuple[int, str]:
        """Ctrl-C: the exit code and what the process wrote to stderr."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise
        self._reader.join(timeout=10)
        assert self.process.stderr is not None
        return self.process.returncode, self.process.stderr.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def wait_for(page, predicate: str, timeout: float = 120) -> None:
    """Wait until the JavaScript `predicate` holds in the page, across reloads."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.evaluate(predicate):
                return
        except Error:  # the page was reloading
            pass
        time.sleep(0.02)
    raise AssertionError(f"not in the page within {timeout} s: {predicate}")


def loaded_with(text: str) -> str:
    """A predicate: the page has finished loading and shows `text`."""
    return (
        "document.readyState === 'complete' && document.body !== null && "
        f"document.body.innerText.includes({json.dumps(text)})"
    )
