"""A build's progress and a quick publisher, as the tests of skipped work watch a build."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import report.publish
from report import pipeline, reading
from report.inputs.read import Inputs, read_inputs
from report.publish import atomic
from tests.conftest import DATA


class Recorder:
    """Progress that runs every stage and remembers the names of the stages it skipped."""

    def __init__(self) -> None:
        self.skipped: list[str] = []

    def run(self, name: str, work: Callable[[], object]) -> object:
        return work()

    def skip(self, name: str, reason: str) -> None:
        self.skipped.append(name)


def fake_publish(document: Path, output_dir: Path, formats, engine="embedded", extras=None, **_):
    """The document itself as rapport.html, the extras copied along, atomically."""
    with atomic.replacing(output_dir) as staging:
        (staging / "rapport.html").write_bytes(document.read_bytes())
        for name, source in (extras or {}).items():
            shutil.copyfile(source, staging / name)
    return {"html": output_dir / "rapport.html"} | {n: output_dir / n for n in extras or {}}


class Reads:
    """Counts the real reads of the workbooks."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, data_dir: Path) -> Inputs:
        self.count += 1
        return read_inputs(data_dir)


@pytest.fixture
def reads(monkeypatch) -> Reads:
    counter = Reads()
    monkeypatch.setattr(reading, "read_inputs", counter)
    return counter


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> Path:
    """The sample's figures, drawn once: every build folder below starts with them."""
    base = tmp_path_factory.mktemp("figuren")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(report.publish, "publish", fake_publish)
        pipeline.build(DATA, base / "output", base / "build", ["html"], "embedded", Recorder())
    return base / "build" / "figuren"


@pytest.fixture
def work(tmp_path, figures, monkeypatch) -> Path:
    """A build folder that starts with the sample's figures, publishing with `fake_publish`."""
    monkeypatch.setattr(report.publish, "publish", fake_publish)
    shutil.copytree(figures, tmp_path / "build" / "figuren")
    return tmp_path
