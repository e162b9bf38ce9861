"""The Quarto engine. Quarto cannot be installed from the package registries, so the rendering
test is skipped without `quarto` on PATH; the settings and the refusal without Quarto are
checked everywhere."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pypdf
import pytest
import yaml
from test_publish_support import sample_document, snapshot

from report.publish import PublishError, publish
from report.publish.embedded import TEMPLATES

QUARTO = shutil.which("quarto")


def test_quarto_settings_match_the_embedded_engine():
    settings = yaml.safe_load((TEMPLATES / "_quarto.yml").read_text(encoding="utf-8"))
    assert settings["lang"] == "nl"
    assert settings["number-sections"] is True
    assert settings["format"]["html"]["embed-resources"] is True
    assert settings["format"]["typst"]["papersize"] == "a4"
    assert settings["format"]["typst"]["pdf-standard"] == "ua-1"
    assert set(settings["format"]["typst"]["template-partials"]) == {
        "typst-template.typ",
        "typst-show.typ",
    }
    assert "docx" in settings["format"]
    assert settings["project"]["output-dir"] == "_publicatie"
    for name in [*settings["filters"], settings["format"]["html"]["css"]]:
        assert (TEMPLATES / name).is_file() or (
            Path(__file__).parents[1] / "report/publish/filters" / name
        ).is_file()


def test_quarto_engine_without_quarto_refuses_and_keeps_previous_publication(tmp_path, monkeypatch):
    document = sample_document(tmp_path / "build")
    output = tmp_path / "output"
    publish(document, output, ["html"])
    before = snapshot(output)
    monkeypatch.setenv("PATH", str(tmp_path / "leeg"))
    with pytest.raises(PublishError, match="Quarto is niet geïnstalleerd"):
        publish(document, output, engine="quarto")
    assert snapshot(output) == before


@pytest.mark.slow
@pytest.mark.skipif(
    QUARTO is None, reason="quarto staat niet in het PATH (niet installeerbaar uit de registers)"
)
def test_quarto_engine_publishes_the_same_document(tmp_path):
    result = publish(sample_document(tmp_path / "build"), tmp_path / "output", engine="quarto")
    assert sorted(path.name for path in result.values()) == [
        "rapport.docx",
        "rapport.html",
        "rapport.pdf",
    ]
    reader = pypdf.PdfReader(result["pdf"])
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.trailer["/Root"]["/Lang"].startswith("nl")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "??" not in text
    assert "Tabel 1" in text
    page = result["html"].read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="nl"', page)
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", page)
    with zipfile.ZipFile(result["docx"]) as docx:
        assert docx.read("word/document.xml").decode("utf-8").count("<w:tbl>") == 3


_FAKE_QUARTO = """#!/bin/sh
# Stands in for `quarto render`: records what it was given and writes the outputs.
{{ echo "$@"; echo "SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH"; find . -type f | sort; }} > "{log}"
[ -n "{fail}" ] && {{ echo "ERROR: kapotte verwijzing" >&2; exit 1; }}
mkdir -p _publicatie
for ext in pdf html docx; do echo "$ext van quarto" > "_publicatie/rapport.$ext"; done
"""


def _fake_quarto(tmp_path: Path, monkeypatch, fail: bool = False) -> Path:
    bin_dir, log = tmp_path / "bin", tmp_path / "quarto.log"
    bin_dir.mkdir()
    script = bin_dir / "quarto"
    script.write_text(_FAKE_QUARTO.format(log=log, fail="ja" if fail else ""), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    return log


def test_quarto_engine_renders_in_a_prepared_project(tmp_path, monkeypatch):
    log = _fake_quarto(tmp_path, monkeypatch)
    result = publish(sample_document(tmp_path / "build"), tmp_path / "output", engine="quarto")
    assert {fmt: path.read_text() for fmt, path in result.items()} == {
        fmt: f"{fmt} van quarto\n" for fmt in ("pdf", "html", "docx")
    }
    lines = log.read_text().splitlines()
    assert lines[0] == "render rapport.qmd --to typst,html,docx"
    assert lines[1] == "SOURCE_DATE_EPOCH=1560470400"  # 2019-06-14, the document's date
    for name in (
        "./_quarto.yml",
        "./typst-template.typ",
        "./typst-show.typ",
        "./rapport.css",
        "./fonts/SourceSansPro-Regular.ttf",
        "./sentence_refs.lua",
        "./source_notes.lua",
        "./rapport.qmd",
        "./figuren/vertrek-aandeel.png",
    ):
        assert name in lines


def test_quarto_failure_is_reported_and_keeps_previous_publication(tmp_path, monkeypatch):
    document = sample_document(tmp_path / "build")
    output = tmp_path / "output"
    publish(document, output, ["html"])
    before = snapshot(output)
    _fake_quarto(tmp_path, monkeypatch, fail=True)
    with pytest.raises(PublishError, match="kapotte verwijzing"):
        publish(document, output, engine="quarto")
    assert snapshot(output) == before
