"""A draft is visibly a draft in every format, a final build refuses one, and hostile narrative
text reaches the PDF, HTML and Word edition literally (never as markup or template code).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from report.preview.rebuild import Rebuilder
from report.preview.watch import Work
from tests.cli_support import run_cli, snapshot
from tests.conftest import DATA
from tests.word_support import paragraphs

PAYLOAD = (
    "<script>alert(1)</script> `#pagebreak()`{=typst} {{< pagebreak >}} {{ 7 + 7 }} "
    "{% raw %} ![x](/etc/passwd) $x$"
)
PART = "h2-literatuur"


def hostile_draft(data: Path) -> Path:
    """The sample with a part that holds the payload, a raw block and a passage to review."""
    shutil.copytree(DATA, data)
    text = "\n".join(
        [
            f"Letterlijk: {PAYLOAD}",
            "",
            "```{=typst}",
            "#set page(fill: red)",
            "```",
            "",
            "::: nakijken",
            "Nog na te kijken.",
            ":::",
        ]
    )
    (data / "tekst" / f"{PART}.qmd").write_text(text + "\n", encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("concept")
    data = hostile_draft(root / "data")
    result = run_cli("--data", data, "--output", root / "out", "--build-dir", root / "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root, result


@pytest.mark.slow
def test_the_build_says_it_published_a_draft(published):
    _, result = published
    assert (
        "De tekstcontrole heeft 1 open bevinding; het rapport wordt een CONCEPT:" in result.stdout
    )
    assert f"tekst/{PART}.qmd › regel 7: passage nog nakijken" in result.stdout
    assert "Concept in" in result.stdout


@pytest.mark.slow
def test_concept_on_the_title_page_and_in_every_running_header(published):
    root, _ = published
    pages = [
        " ".join((p.extract_text() or "").split())
        for p in PdfReader(root / "out" / "rapport.pdf").pages
    ]
    assert pages[0].startswith("CONCEPT Niet vastgesteld")
    assert all(page.startswith("CONCEPT · ") for page in pages[1:])


@pytest.mark.slow
def test_concept_banner_and_title_in_the_html_and_the_word_edition(published):
    root, _ = published
    page = (root / "out" / "rapport.html").read_text(encoding="utf-8")
    assert "<title>CONCEPT – " in page
    assert re.search(r'<p class="concept"><strong>CONCEPT</strong>', page)
    assert 'class="nakijken"' in page  # the passage to review is marked for the reader
    words = [text for _, text in paragraphs(root / "out" / "rapport.docx")]
    assert words[0].startswith("CONCEPT – niet vastgesteld")


@pytest.mark.slow
def test_hostile_narrative_is_literal_in_pdf_and_html(published):
    root, _ = published
    page = (root / "out" / "rapport.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and 'src="/etc/passwd"' not in page
    visible = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert f"Letterlijk: {PAYLOAD}" in visible
    assert "```{=typst} #set page(fill: red) ```" in visible
    pdf = " ".join(
        " ".join((p.extract_text() or "").split())
        for p in PdfReader(root / "out" / "rapport.pdf").pages
    )
    assert "{{ 7 + 7 }}" in pdf and "{{< pagebreak >}}" in pdf and "#set page(fill: red)" in pdf


@pytest.mark.slow
def test_a_final_build_refuses_a_draft_and_keeps_the_publication(published):
    root, _ = published
    before = snapshot(root / "out")
    result = run_cli(
        "--data", root / "data", "--output", root / "out", "--build-dir", root / "build", "--final"
    )
    assert result.returncode == 2
    assert "Niet gepubliceerd: de tekstcontrole heeft 1 open bevinding (--final):" in result.stderr
    assert "de vorige publicatie in" in result.stderr
    assert snapshot(root / "out") == before
    checked = run_cli("check", "--data", root / "data", "--build-dir", root / "build", "--final")
    assert checked.returncode == 2 and "regel 7: passage nog nakijken" in checked.stderr


def test_the_preview_shows_a_narrative_change_and_the_draft_banner(data_copy, tmp_path):
    built = Rebuilder(data_copy, tmp_path / "voorbeeld")
    first = built.rebuild(Work.READ)
    assert first.kind == "rapport" and 'class="concept"' not in first.html
    path = data_copy / "tekst" / "samenvatting-besparing.qmd"
    path.write_text("::: nakijken\nEen nieuwe zin voor het voorbeeld.\n:::\n", encoding="utf-8")
    changed = built.rebuild(Work.READ)
    assert changed.kind == "rapport" and changed.republished
    assert "Een nieuwe zin voor het voorbeeld." in changed.html
    assert 'class="concept"' in changed.html
