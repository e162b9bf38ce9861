"""A build stopped at any moment (SIGINT, SIGTERM, SIGKILL) never leaves a partial output/.

Each run starts from a complete previous publication and runs the command line in a child
process that sends itself the signal at a chosen moment: before or after one of the stages or
one of the publishing steps, counted rather than timed, so the machine's load does not matter.
output/ must then hold one complete publication (the old one or the new one, never a mix),
Ctrl-C must end with exit code 130, and the next build must succeed.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, run_build

FORMATS = "pdf,html"

_CHILD = textwrap.dedent(
    """
    import os, sys
    import report.model, report.publish, report.render.document
    from report import reading
    from report.cli import main
    from report.publish import atomic, embedded

    sig, target = int(sys.argv[1]), int(sys.argv[2])  # target 0: count the moments
    moments = 0

    def moment():
        global moments
        moments += 1
        if moments == target:
            os.kill(os.getpid(), sig)

    def watched(function):
        def step(*args, **kwargs):
            moment()
            result = function(*args, **kwargs)
            moment()
            return result
        return step

    for module, name in [
        (reading, "read_inputs"), (report.model, "build_model"),
        (report.render.document, "render_document"), (report.publish, "publish"),
        (embedded, "finish_pandoc"), (embedded, "_compile_pdf"),
        (atomic, "_flush"), (atomic, "_swap"), (atomic, "_remove"),
    ]:
        setattr(module, name, watched(getattr(module, name)))
    code = main(sys.argv[3:])
    print(f"momenten: {moments}", file=sys.stderr)
    sys.exit(code)
    """
)


def build(output: Path, build_dir: Path, data: Path = DATA) -> subprocess.CompletedProcess:
    return run_build(data, output, build_dir, "--formats", FORMATS)


def stopped_build(
    sig: signal.Signals, moment: int, data: Path, output: Path, build_dir: Path
) -> subprocess.CompletedProcess:
    arguments = ["--data", data, "--output", output, "--build-dir", build_dir, "--formats", FORMATS]
    return subprocess.run(
        [sys.executable, "-c", _CHILD, str(int(sig)), str(moment), *map(str, arguments)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=300,
    )


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
    assert set(old) == {"rapport.pdf", "rapport.html", "herkomst.csv"}
    # a second, different edition so that "new" and "old" can be told apart
    from tests.editions import shifted_edition

    other = shifted_edition(DATA, tmp_path / "other")
    complete_new, new_build = tmp_path / "new-output", tmp_path / "new-build"
    assert build(complete_new, new_build, other).returncode == 0
    new = snapshot(complete_new)
    count = stopped_build(sig, 0, other, tmp_path / "tel", new_build)
    assert count.returncode == 0, count.stderr
    moments = int(count.stderr.rsplit("momenten: ", 1)[1])
    assert moments >= 16  # every stage and publishing step is watched
    for moment in sorted(random.Random(sig.value).sample(range(1, moments), 3)):
        stopped = stopped_build(sig, moment, other, output, new_build)  # its figures are drawn
        expected = {signal.SIGINT: 130, signal.SIGTERM: -signal.SIGTERM, signal.SIGKILL: -9}
        assert stopped.returncode == expected[sig], stopped.stderr
        assert "Traceback" not in stopped.stderr
        if sig == signal.SIGINT:
            assert "Afgebroken." in stopped.stderr
        now = snapshot(output)
        assert now in (old, new), f"moment {moment}: gemengde of onvolledige publicatie"
        if now == new:  # the build had published; start again from the old edition
            assert build(output, build_dir).returncode == 0
            assert snapshot(output) == old
    assert build(output, new_build, other).returncode == 0
    assert snapshot(output) == new
