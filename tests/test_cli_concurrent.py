"""Two builds of two different editions into the same output and build folders at once.

The second waits for the first (the folders are locked), so output/ ends up holding one
complete edition — the one that finished last — never a mix of the two, and the next build of
the other edition notices that output/ holds something else and publishes again.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_support import leftovers, second_edition, snapshot
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.slow

FORMATS = "html,docx,xlsx"  # the issue saw DOCX/HTML of one edition and XLSX of the other


def command(data: Path, output: Path, build_dir: Path) -> list[str]:
    return [
        sys.executable,
        str(ROOT / "build.py"),
        "--data",
        str(data),
        "--output",
        str(output),
        "--build-dir",
        str(build_dir),
        "--formats",
        FORMATS,
    ]


def build(data: Path, output: Path, build_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(data, output, build_dir), capture_output=True, text=True, timeout=600
    )


def test_two_editions_built_at_once_into_the_same_folders(tmp_path):
    editions = {"A": DATA, "B": second_edition(tmp_path / "B")}
    references = {}
    for name, data in editions.items():
        result = build(data, tmp_path / f"ref-{name}", tmp_path / f"ref-build-{name}")
        assert result.returncode == 0, result.stderr
        references[name] = snapshot(tmp_path / f"ref-{name}")
    assert references["A"] != references["B"]

    output, work = tmp_path / "output", tmp_path / "build"
    runs = {
        name: subprocess.Popen(
            command(data, output, work), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for name, data in editions.items()
    }
    finished: list[str] = []
    while len(finished) < 2:  # note the order in which they end
        finished += [n for n, run in runs.items() if n not in finished and run.poll() is not None]
        time.sleep(0.05)
    outputs = {name: run.communicate() for name, run in runs.items()}
    for name, run in runs.items():
        assert run.returncode == 0, outputs[name][1]
        assert "Traceback" not in outputs[name][1]
    last, first = finished[-1], finished[0]
    assert snapshot(output) == references[last]  # complete, and all of one edition
    assert leftovers(output) == []
    if "wachten" in outputs[first][0] + outputs[last][0]:
        assert "wachten" in outputs[last][0]  # only the later one can have waited

    again = build(editions[first], output, work)  # output/ holds the other edition now
    assert again.returncode == 0, again.stderr
    assert "ongewijzigd" not in again.stdout
    assert snapshot(output) == references[first]
