"""A build stopped at any moment (SIGINT, SIGTERM, SIGKILL) never leaves a partial output/.

Each run starts from a complete previous publication, kills `python build.py` after a
random delay, and checks that output/ still holds one complete publication (the old one or
the new one, never a mix), and that the next build succeeds.
"""

from __future__ import annotations

import hashlib
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, run_build

FORMATS = "pdf,html"


def build(output: Path, build_dir: Path, data: Path = DATA) -> subprocess.CompletedProcess:
    return run_build(data, output, build_dir, "--formats", FORMATS)


def snapshot(output: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(output.iterdir())
        if p.is_file()
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    "sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name
)
def test_interrupted_build_leaves_previous_or_new_publication(tmp_path, sig):
    output, build_dir = tmp_path / "output", tmp_path / "build"
    assert build(output, build_dir).returncode == 0
    old = snapshot(output)
    assert set(old) == {"rapport.pdf", "rapport.html"}
    # a second, different edition so that "new" and "old" can be told apart
    from tests.editions import shifted_edition

    other = shifted_edition(DATA, tmp_path / "other")
    complete_new = tmp_path / "new-output"
    assert build(complete_new, tmp_path / "new-build", other).returncode == 0
    new = snapshot(complete_new)
    rng = random.Random(sig.value)
    for attempt in range(3):
        process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "build.py"),
                "--data",
                str(other),
                "--output",
                str(output),
                "--build-dir",
                str(tmp_path / f"b{attempt}"),
                "--formats",
                FORMATS,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(sig)
        process.wait(timeout=120)
        now = snapshot(output)
        assert now in (old, new), f"poging {attempt}: gemengde of onvolledige publicatie"
        if now == new:  # the build had finished; start again from the old edition
            assert build(output, build_dir).returncode == 0
            assert snapshot(output) == old
    assert build(output, tmp_path / "final-build", other).returncode == 0
    assert snapshot(output) == new
