"""The Quarto engine: its project, its command line and how its failures reach the user.

A stand-in `quarto` checks what the engine gives Quarto and how it reports Quarto's failures,
everywhere. With a real Quarto on PATH (CI installs one with ../shared/tools/quarto/setup.sh)
the failures are also checked for real; test_publish_parity.py compares its publication with
the embedded engine's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_publish_support import sample_document, sample_text, snapshot

from report.publish import PublishError, publish
from report.publish.embedded import FILTER_CHAIN, FILTERS, TEMPLATES
from report.publish.frontmatter import read_front_matter
from report.publish.quarto import HOUSE_STYLE, project_settings, quarto_messages

QUARTO = shutil.which("quarto")
needs_quarto = pytest.mark.skipif(
    QUARTO is None,
    reason="quarto staat niet in het PATH (installeer met ../shared/tools/quarto/setup.sh)",
)


def test_project_settings_keep_the_asked_formats_and_run_the_shared_filters_first(tmp_path):
    front = read_front_matter(sample_document(tmp_path))
    settings = project_settings(["pdf", "docx"], front)
    assert list(settings["format"]) == ["typst", "docx"]
    assert settings["lang"] == "nl"
    assert settings["number-sections"] is False  # crossref.lua numbers, as in the embedded engine
    assert settings["iso-date"] == "2019-06-14"
    filters = settings["filters"]
    assert [f["path"] for f in filters[: len(FILTER_CHAIN)]] == [
        f"_filters/{name}" for name in FILTER_CHAIN
    ]
    assert {f["at"] for f in filters[:-1]} == {"pre-ast"}
    assert filters[-2:] == [
        {"path": "_filters/quarto_shield.lua", "at": "pre-ast"},
        {"path": "_filters/quarto_unshield.lua", "at": "post-render"},
    ]
    for name in HOUSE_STYLE:
        assert (TEMPLATES / name).is_file()
    typst = settings["format"]["typst"]
    assert typst["pdf-standard"] == "ua-1" and typst["papersize"] == "a4"
    assert typst["template"] == "_huisstijl/rapport.typ"
    assert settings["format"]["docx"]["reference-doc"] == "_huisstijl/reference.docx"
    assert project_settings(["html"], front)["format"]["html"]["embed-resources"] is True


def test_quarto_engine_without_quarto_refuses_and_keeps_previous_publication(tmp_path, monkeypatch):
    document = sample_document(tmp_path / "build")
    output = tmp_path / "output"
    publish(document, output, ["html"])
    before = snapshot(output)
    monkeypatch.setenv("PATH", str(tmp_path / "leeg"))
    with pytest.raises(PublishError, match="Quarto is niet geïnstalleerd"):
        publish(document, output, engine="quarto")
    assert snapshot(output) == before


# A stand-in for `quarto render`: records what it got, prints what it is told (colour codes
# and Quarto's listing of pandoc's options included) and writes the outputs.
_FAKE_QUARTO = """#!/bin/sh
{{ echo "$@"; echo "SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH NO_COLOR=$NO_COLOR"; find . -type f | sort; }} > "{log}"
printf '%b' "{stderr}" >&2
mkdir -p _publicatie
for ext in pdf html docx; do echo "$ext van quarto" > "_publicatie/rapport.$ext"; done
exit {exit}
"""
_LISTING = "pandoc --fail-if-warnings\\n  to: typst\\n  standalone: true\\n  \\nmetadata\\n  lang: nl\\n  \\n"


def _fake_quarto(tmp_path: Path, monkeypatch, stderr: str = "", exit: int = 0) -> Path:
    bin_dir, log = tmp_path / "bin", tmp_path / "quarto.log"
    bin_dir.mkdir()
    script = bin_dir / "quarto"
    script.write_text(_FAKE_QUARTO.format(log=log, stderr=stderr, exit=exit), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    return log


def test_one_quarto_render_of_a_prepared_project_writes_every_format(tmp_path, monkeypatch):
    log = _fake_quarto(tmp_path, monkeypatch)
    result = publish(sample_document(tmp_path / "build"), tmp_path / "output", engine="quarto")
    assert {fmt: path.read_text() for fmt, path in result.items()} == {
        fmt: f"{fmt} van quarto\n" for fmt in ("pdf", "html", "docx")
    }
    lines = log.read_text().splitlines()
    assert lines[0] == "render rapport.qmd --fail-if-warnings"  # no --to: the project lists them
    assert lines[1] == "SOURCE_DATE_EPOCH=1560470400 NO_COLOR=1"  # 2019-06-14, the document's date
    expected = [
        "./_quarto.yml",
        "./rapport.qmd",
        "./figuren/vertrek-aandeel.png",
        "./_huisstijl/fonts/SourceSansPro-Regular.ttf",
        *(f"./_huisstijl/{name}" for name in HOUSE_STYLE),
        *(f"./_filters/{path.name}" for path in FILTERS.glob("*.lua")),
    ]
    assert set(expected) <= set(lines)


def test_quarto_failure_reaches_the_user_without_colour_codes_or_option_listing(
    tmp_path, monkeypatch
):
    document = sample_document(tmp_path / "build")
    output = tmp_path / "output"
    publish(document, output, ["html"])
    before = snapshot(output)
    _fake_quarto(
        tmp_path,
        monkeypatch,
        stderr=_LISTING + "\\033[31mERROR: kapotte verwijzing in rapport.qmd\\033[39m\\n",
        exit=1,
    )
    with pytest.raises(PublishError) as failure:
        publish(document, output, engine="quarto")
    assert str(failure.value) == (
        "Quarto kon het document niet publiceren:\nERROR: kapotte verwijzing in rapport.qmd"
    )
    assert snapshot(output) == before


def test_error_quarto_logs_from_a_filter_fails_even_when_quarto_exits_0(tmp_path, monkeypatch):
    # Quarto catches an error raised in a Lua filter, logs it and goes on.
    _fake_quarto(
        tmp_path,
        monkeypatch,
        stderr=_LISTING + "\\033[31mERROR ([C]:-1) onbekende verwijzing: @tbl-weg\\033[39m\\n",
    )
    output = tmp_path / "output"
    with pytest.raises(PublishError, match="verwijst naar @tbl-weg, maar er is geen tabel"):
        publish(sample_document(tmp_path / "build"), output, engine="quarto")
    assert not output.exists()


def test_quarto_messages_drop_colours_listing_and_progress():
    stderr = (
        "pandoc \n  to: html\n  css:\n    - a.css\n  \nmetadata\n  lang: nl\n  \n"
        "\x1b[33mWARN: verapdf is not installed\x1b[39m\nOutput created: _publicatie/rapport.pdf\n"
    )
    assert quarto_messages(stderr) == ["WARN: verapdf is not installed"]


@pytest.mark.slow
@needs_quarto
def test_real_quarto_refuses_an_unknown_reference(tmp_path):
    text = sample_text().replace("@tbl-uitgaven.[^1]", "@tbl-bestaat-niet.[^1]")
    output = tmp_path / "output"
    with pytest.raises(PublishError, match="verwijst naar @tbl-bestaat-niet"):
        publish(sample_document(tmp_path / "build", text), output, engine="quarto")
    assert not output.exists()


@pytest.mark.slow
@needs_quarto
@pytest.mark.parametrize("fmt", ["pdf", "html", "docx"])
def test_real_quarto_refuses_a_missing_figure_and_keeps_previous_publication(tmp_path, fmt):
    document = sample_document(tmp_path / "build")
    output = tmp_path / "output"
    publish(document, output, [fmt])
    before = snapshot(output)
    (tmp_path / "build" / "figuren" / "vertrek-aandeel.png").unlink()
    with pytest.raises(PublishError, match=r"vertrek-aandeel\.png") as failure:
        publish(document, output, [fmt], engine="quarto")
    assert "\x1b[" not in str(failure.value)
    assert snapshot(output) == before
