"""The publication in the output directory is replaced whole or not at all.

At every moment the output directory must hold the complete previous or the complete new
publication: after a failure in any step, after SIGKILL at any moment, and after a crash
between the two renames of the fallback used where the file system cannot exchange.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_publish_support import sample_document, sample_text, snapshot

from report.publish import PublishError, atomic, embedded, publish

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def editions(tmp_path) -> tuple[Path, Path]:
    """Two documents that give different publications: the previous and the new edition."""
    previous = sample_document(tmp_path / "vorige")
    new = sample_document(tmp_path / "nieuwe", sample_text().replace("2019-06-14", "2020-05-01"))
    return previous, new


def _broken_typst(*_args):
    raise PublishError("Typst kon de PDF niet maken: kunstmatige fout")


def _leftovers(output: Path) -> list[str]:
    """What a publish leaves beside the output directory besides its lock file (which stays)."""
    return sorted(
        p.name for p in output.parent.glob(f".{output.name}.*") if p.name != f".{output.name}.lock"
    )


def test_failure_in_the_last_engine_step_keeps_previous_publication(
    editions, tmp_path, monkeypatch
):
    previous, new = editions
    output = tmp_path / "output"
    publish(previous, output)
    before = snapshot(output)

    monkeypatch.setattr(
        embedded, "_compile_pdf", _broken_typst
    )  # HTML and DOCX are written by then
    with pytest.raises(PublishError, match="kunstmatige fout"):
        publish(new, output)
    assert snapshot(output) == before
    assert _leftovers(output) == []


def test_failure_just_before_the_swap_keeps_previous_publication(editions, tmp_path, monkeypatch):
    previous, new = editions
    output = tmp_path / "output"
    publish(previous, output)
    before = snapshot(output)

    def disk_full(_directory):
        raise OSError(errno.ENOSPC, "schijf vol")

    monkeypatch.setattr(atomic, "_flush", disk_full)
    with pytest.raises(OSError, match="schijf vol"):
        publish(new, output, extras={"tabellen.xlsx": previous})
    assert snapshot(output) == before
    assert _leftovers(output) == []


def test_failed_first_publication_creates_no_output_directory(editions, tmp_path, monkeypatch):
    monkeypatch.setattr(embedded, "_compile_pdf", _broken_typst)
    with pytest.raises(PublishError):
        publish(editions[1], tmp_path / "output")
    assert not (tmp_path / "output").exists()
    assert _leftovers(tmp_path / "output") == []


def test_new_publication_replaces_everything_of_the_previous_one(editions, tmp_path):
    previous, new = editions
    output = tmp_path / "output"
    publish(previous, output, extras={"tabellen.xlsx": previous})
    publish(new, output, ["pdf", "html"])
    assert sorted(snapshot(output)) == ["rapport.html", "rapport.pdf"]


def test_fallback_without_atomic_exchange_still_replaces(editions, tmp_path, monkeypatch):
    previous, new = editions
    output, reference = tmp_path / "output", tmp_path / "referentie"
    publish(previous, output)
    publish(new, reference)

    def unsupported(*_paths):
        raise OSError(errno.EINVAL, "niet ondersteund")

    monkeypatch.setattr(atomic, "exchange", unsupported)
    publish(new, output)
    assert snapshot(output) == snapshot(reference)
    assert _leftovers(output) == []


def test_crash_between_fallback_renames_is_repaired_by_the_next_publish(
    editions, tmp_path, monkeypatch
):
    previous, _new = editions
    output = tmp_path / "output"
    publish(previous, output)
    before = snapshot(output)
    # The state a crash between "output → .output.vorige-*" and "staging → output" leaves.
    output.rename(tmp_path / ".output.vorige-abc123")
    (tmp_path / ".output.bouw-def456").mkdir()
    (tmp_path / ".output.bouw-def456" / "rapport.pdf").write_bytes(b"half")
    monkeypatch.setattr(embedded, "_compile_pdf", _broken_typst)
    with pytest.raises(PublishError):
        publish(previous, output)
    assert snapshot(output) == before
    assert _leftovers(output) == []


# --- killed processes --------------------------------------------------------------------------

_KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from report.publish import atomic, publish

    moment = sys.argv[3]
    exchange = atomic.exchange

    def exchange_and_die(first, second):
        if moment == "voor":
            os.kill(os.getpid(), signal.SIGKILL)
        exchange(first, second)
        os.kill(os.getpid(), signal.SIGKILL)

    if moment != "geen":
        atomic.exchange = exchange_and_die
    publish(Path(sys.argv[1]), Path(sys.argv[2]))
    """
)


def _publisher(document: Path, output: Path, moment: str = "geen") -> subprocess.Popen:
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", _KILLER, str(document), str(output), moment],
        cwd=ROOT,
        env=environment,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize(("moment", "expected"), [("voor", "vorige"), ("na", "nieuwe")])
def test_sigkill_around_the_swap_leaves_a_complete_publication(
    editions, tmp_path, moment, expected
):
    previous, new = editions
    output, reference = tmp_path / "output", tmp_path / "referentie"
    publish(previous, output)
    publications = {
        "vorige": snapshot(output),
        "nieuwe": snapshot(publish(new, reference)["pdf"].parent),
    }
    run = _publisher(new, output, moment)
    run.wait(timeout=120)
    assert run.returncode == -signal.SIGKILL
    assert snapshot(output) == publications[expected]
    publish(new, output)  # the next publish clears what the killed one left
    assert _leftovers(output) == []


_STEPPER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from report.publish import atomic, embedded, publish

    target = int(sys.argv[3])  # 0: run to the end and print how many moments there were
    moments = 0

    def moment():
        global moments
        moments += 1
        if moments == target:
            os.kill(os.getpid(), signal.SIGKILL)

    def watched(function):
        def step(*args, **kwargs):
            moment()
            result = function(*args, **kwargs)
            moment()
            return result
        return step

    for module, name in [
        (atomic, "_tidy"), (atomic, "_flush"), (atomic, "_fsync"), (atomic, "_swap"),
        (atomic, "exchange"), (atomic, "_remove"), (embedded, "finish_pandoc"),
        (embedded, "_compile_pdf"), (os, "rename"),
    ]:
        setattr(module, name, watched(getattr(module, name)))
    publish(Path(sys.argv[1]), Path(sys.argv[2]))
    print(moments)
    """
)


def _stepper(document: Path, output: Path, target: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _STEPPER, str(document), str(output), str(target)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_previous_or_new_publication(editions, tmp_path):
    """Killed at randomly chosen steps of a publish (before and after each file-system step
    and each engine step), chosen by count rather than by time, so the machine's load does
    not matter."""
    previous, new = editions
    output, reference = tmp_path / "output", tmp_path / "referentie"
    publications = {
        "vorige": snapshot(publish(previous, reference)["pdf"].parent),
        "nieuwe": snapshot(publish(new, reference)["pdf"].parent),
    }
    publish(previous, output)
    dry_run = _stepper(new, output, 0)
    assert dry_run.returncode == 0, dry_run.stderr
    moments = int(dry_run.stdout.split()[-1])
    assert moments > 10  # engine steps, flushes, the swap and the clean-up are all watched
    current, reached = "vorige", set()
    for target in sorted(random.Random(37).sample(range(1, moments + 1), min(12, moments))):
        goal = "vorige" if current == "nieuwe" else "nieuwe"
        run = _stepper(previous if goal == "vorige" else new, output, target)
        assert run.returncode == -signal.SIGKILL, run.stderr
        state = snapshot(output)
        assert state in publications.values(), f"moment {target}: neither edition"
        reached.add(state == publications[goal])
        current = "vorige" if state == publications["vorige"] else "nieuwe"
    assert reached == {True, False}  # killed before the swap and after it
    publish(new, output)  # the next publish clears what the killed ones left
    assert _leftovers(output) == []
