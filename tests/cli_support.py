"""Helpers for the command-line tests: run `python build.py`, snapshot folders, a second edition."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import DATA, ROOT

TITLE = "titel: Beleidsdoorlichting vertrek van vreemdelingen"


def run_cli(*args: str | Path, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    """`python build.py ARGS` in a new process, as a user runs it (not in a terminal)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env={**environment, **env},
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path → content hash); {} when it does not exist."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(output: Path) -> list[str]:
    """Hidden siblings a publish of `output` may leave behind (the lock file is meant to stay)."""
    return sorted(
        p.name for p in output.parent.glob(f".{output.name}.*") if p.name != f".{output.name}.lock"
    )


def second_edition(target: Path) -> Path:
    """The sample data with another title: a different publication from the same figures."""
    shutil.copytree(DATA, target)
    settings = target / "editie.yml"
    text = settings.read_text(encoding="utf-8")
    assert TITLE in text
    settings.write_text(text.replace(TITLE, TITLE + " (tweede editie)"), encoding="utf-8")
    return target
