"""The rebuild stamp never makes a build say "ongewijzigd" while output/ holds something else.

The build runs in this process with a stand-in for the engines (the document itself as
`rapport.html`, published through the same atomic replacement), so each case takes a moment.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import report.publish
from report import pipeline
from report.publish import atomic
from tests.cli_support import second_edition, snapshot
from tests.conftest import DATA
from tests.progress_support import Recorder


def fake_publish(document: Path, output_dir: Path, formats, engine="embedded", extras=None, **_):
    with atomic.replacing(output_dir) as staging:
        (staging / "rapport.html").write_bytes(document.read_bytes())
        for name, source in (extras or {}).items():  # herkomst.csv, as the real publish does
            (staging / name).write_bytes(source.read_bytes())
    return {"html": output_dir / "rapport.html", **{n: output_dir / n for n in extras or {}}}


@pytest.fixture(autouse=True)
def quick_engine(monkeypatch):
    monkeypatch.setattr(report.publish, "publish", fake_publish)


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("edities")
    return {"A": DATA, "B": second_edition(base / "B")}


@pytest.fixture(scope="module")
def figures(tmp_path_factory, editions) -> Path:
    """The figures, drawn once: every build folder of these tests starts with them."""
    base = tmp_path_factory.mktemp("figuren")
    pipeline.build(DATA, base / "output", base / "build", ["html"], "embedded", Recorder())
    return base / "build" / "figuren"


def build(data: Path, output: Path, build_dir: Path, figures: Path) -> bool:
    """True when the build published, False when it found the publication unchanged."""
    if not build_dir.exists():
        shutil.copytree(figures, build_dir / "figuren")
    progress = Recorder()
    result = pipeline.build(data, output, build_dir, ["html"], "embedded", progress)
    assert result.republished == (not progress.skipped)
    return result.republished


def test_an_unchanged_publication_is_skipped(editions, figures, tmp_path):
    output, work = tmp_path / "output", tmp_path / "build"
    assert build(editions["A"], output, work, figures) is True
    assert build(editions["A"], output, work, figures) is False


def test_a_hand_edited_output_file_is_republished(editions, figures, tmp_path):
    output, work = tmp_path / "output", tmp_path / "build"
    build(editions["A"], output, work, figures)
    published = snapshot(output)
    (output / "rapport.html").write_text("met de hand gewijzigd", encoding="utf-8")
    assert build(editions["A"], output, work, figures) is True
    assert snapshot(output) == published


def test_an_extra_or_missing_output_file_is_republished(editions, figures, tmp_path):
    output, work = tmp_path / "output", tmp_path / "build"
    build(editions["A"], output, work, figures)
    (output / "tabellen.xlsx").write_bytes(b"")  # a publication file that is not in the stamp
    assert build(editions["A"], output, work, figures) is True
    assert sorted(snapshot(output)) == ["herkomst.csv", "rapport.html"]
    (output / "rapport.html").unlink()
    assert build(editions["A"], output, work, figures) is True


def test_another_build_folder_in_between_is_noticed(editions, figures, tmp_path):
    output = tmp_path / "output"
    build(editions["A"], output, tmp_path / "b1", figures)
    published_a = snapshot(output)
    build(editions["B"], output, tmp_path / "b2", figures)
    assert snapshot(output) != published_a
    assert build(editions["A"], output, tmp_path / "b1", figures) is True
    assert snapshot(output) == published_a


def test_a_build_killed_before_its_stamp_is_noticed(editions, figures, tmp_path):
    """The state a build of B leaves when it is killed after the swap, before the stamp."""
    output, work = tmp_path / "output", tmp_path / "build"
    build(editions["A"], output, work, figures)
    published_a = snapshot(output)
    other = tmp_path / "document-B.qmd"
    other.write_text("een andere editie", encoding="utf-8")
    fake_publish(other, output, ["html"])  # B's publication, A's stamp still in build/
    assert build(editions["A"], output, work, figures) is True
    assert snapshot(output) == published_a


def test_a_stamp_for_another_output_folder_does_not_count(editions, figures, tmp_path):
    work = tmp_path / "build"
    build(editions["A"], tmp_path / "een", work, figures)
    assert build(editions["A"], tmp_path / "twee", work, figures) is True
    assert (
        build(editions["A"], tmp_path / "een", work, figures) is True
    )  # the stamp now describes "twee"


def test_a_damaged_stamp_means_publishing_again(editions, figures, tmp_path):
    output, work = tmp_path / "output", tmp_path / "build"
    build(editions["A"], output, work, figures)
    (work / "publicatie.json").write_text("{niet compleet", encoding="utf-8")
    assert build(editions["A"], output, work, figures) is True
    assert build(editions["A"], output, work, figures) is False
