"""Shared fixtures: a private copy of the sample data for every test that changes it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The fixtures of skipped-work tests (reads, figures, work) live beside their helpers.
pytest_plugins = ["tests.progress_support"]

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REFERENCE = Path(__file__).resolve().parent / "reference"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (the reference edition's workbooks)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def run_build(
    data: Path, output: Path, build_dir: Path, *options: str
) -> subprocess.CompletedProcess:
    """`python build.py` in a new process, as a user runs it."""
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--data",
            str(data),
            "--output",
            str(output),
            "--build-dir",
            str(build_dir),
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
