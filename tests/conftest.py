"""Shared fixtures: a private copy of the sample data for every test that changes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REFERENCE = Path(__file__).resolve().parent / "reference"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (the reference edition's workbooks)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
