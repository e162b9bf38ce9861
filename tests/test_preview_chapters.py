"""The preview converts only the chapters that changed, and its page is still the whole page.

The oracle of every test is a whole conversion of the changed document by a fresh
`ChapterPages`: the page put together from converted and kept chapters must be exactly that
page, whether one chapter was converted again (a changed sentence, a new footnote before the
notes of later chapters, a reference to a table in another chapter) or the change moved the
numbering or the headings and the whole document had to be converted again.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from report.inputs.read import read_inputs
from report.model import build_model
from report.publish import PublishError, publish
from report.publish.chapters import ChapterPages, split
from report.publish.embedded import PREVIEW_ONLY
from report.render.document import render_document
from tests.conftest import DATA


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    build = tmp_path_factory.mktemp("bouw")
    return render_document(build_model(read_inputs(DATA)), build)


@pytest.fixture
def document(built, tmp_path) -> Path:
    """A copy of the rendered document and its figures, free to change."""
    copy = tmp_path / "bouw"
    shutil.copytree(built.parent, copy)
    return copy / built.name


def _whole(document: Path, scratch: Path) -> str:
    return ChapterPages(scratch).page(document)


def _changed(document: Path, old: str, new: str) -> None:
    text = document.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    document.write_text(text.replace(old, new, 1), encoding="utf-8")


def _chapters(document: Path) -> int:
    return len(split(document.read_text(encoding="utf-8"))[1])


def test_a_changed_sentence_converts_one_chapter(document, tmp_path):
    pages = ChapterPages(tmp_path / "voorbeeld")
    first = pages.page(document)
    assert pages.converted == _chapters(document) and pages.parts is not None
    _changed(document, "Deze doorlichting betreft", "Deze herziene doorlichting betreft")
    page = pages.page(document)
    assert pages.converted == 1
    assert "Deze herziene doorlichting betreft" in page and page != first
    assert page == _whole(document, tmp_path / "geheel")


def test_a_new_footnote_renumbers_the_notes_of_later_chapters(document, tmp_path):
    pages = ChapterPages(tmp_path / "voorbeeld")
    before = pages.page(document)
    notes = len(re.findall(r'class="footnote-ref"', before))
    assert notes > 10  # the sample has footnotes in several chapters
    _changed(document, "Deze doorlichting betreft", "Deze doorlichting^[Een nieuwe noot.] betreft")
    page = pages.page(document)
    assert pages.converted == 1
    assert len(re.findall(r'class="footnote-ref"', page)) == notes + 1
    assert f'<li id="fn{notes + 1}">' in page
    assert page == _whole(document, tmp_path / "geheel")


def test_a_reference_to_a_table_of_another_chapter(document, tmp_path):
    pages = ChapterPages(tmp_path / "voorbeeld")
    pages.page(document)
    _changed(
        document, "Deze doorlichting betreft", "Zie @tbl-vertrek-type. Deze doorlichting betreft"
    )
    page = pages.page(document)
    assert pages.converted == 1
    assert re.search(r'Zie <a href="#tbl-vertrek-type">tabel\xa0\d+</a>\.', page)
    assert page == _whole(document, tmp_path / "geheel")


@pytest.mark.parametrize(
    "old, new",
    [
        # a new heading: the numbering of the later ones moves, and the contents list changes
        (
            "\nDeze doorlichting betreft artikel",
            "\n\n## Een nieuwe paragraaf\n\nDeze doorlichting betreft artikel",
        ),
        # a heading's text: the contents list shows it
        ("## Wat er is bereikt {.unnumbered}", "## Wat er bereikt is {.unnumbered}"),
    ],
    ids=["nieuwe-kop", "andere-kop"],
)
def test_a_change_of_numbering_or_headings_converts_the_whole_document(
    document, tmp_path, old, new
):
    pages = ChapterPages(tmp_path / "voorbeeld")
    pages.page(document)
    _changed(document, old, new)
    page = pages.page(document)
    assert pages.converted == _chapters(document)
    assert page == _whole(document, tmp_path / "geheel")


@pytest.mark.parametrize("noted", [False, True], ids=["eerste-noot", "laatste-noot-weg"])
def test_the_first_or_last_footnote_converts_the_whole_document(built, tmp_path, noted):
    """The page's notes section appears with its first note and goes with its last."""
    front, _ = split(built.read_text(encoding="utf-8"))
    document = tmp_path / "bouw" / "kort.qmd"
    document.parent.mkdir()
    with_note, without = "Tekst twee.^[Een noot.]", "Tekst twee."
    body = "# Een {#sec-een}\n\nTekst een.\n\n# Twee {#sec-twee}\n\n"
    document.write_text(front + body + (with_note if noted else without), encoding="utf-8")
    pages = ChapterPages(tmp_path / "voorbeeld")
    pages.page(document)
    document.write_text(front + body + (without if noted else with_note), encoding="utf-8")
    page = pages.page(document)
    assert pages.converted == 3
    assert ('class="footnotes' in page) is not noted
    assert page == _whole(document, tmp_path / "geheel")


def test_an_unknown_reference_in_a_chapter_is_named(document, tmp_path):
    pages = ChapterPages(tmp_path / "voorbeeld")
    pages.page(document)
    _changed(document, "Deze doorlichting betreft", "Zie @tbl-bestaat-niet. Deze betreft")
    with pytest.raises(PublishError, match="@tbl-bestaat-niet"):
        pages.page(document)


def test_splitting_keeps_code_and_headings_without_a_blank_line_together():
    front, parts = split(
        "---\ntitle: x\n---\nVooraf\n\n# Een {#sec-een}\n\ntekst\n# geen kop\n\n"
        "```\n\n# ook geen kop\n```\n\n# Twee\n"
    )
    assert front == "---\ntitle: x\n---\n"
    assert [p.splitlines()[0] if p.strip() else "" for p in parts] == [
        "Vooraf",
        "# Een {#sec-een}",
        "# Twee",
    ]
    assert (
        "".join(parts)
        == "Vooraf\n\n# Een {#sec-een}\n\ntekst\n# geen kop\n\n```\n\n# ook geen kop\n```\n\n# Twee\n"
    )


def test_publishing_ignores_the_preview_settings(built, tmp_path, monkeypatch):
    """The preview's settings for crossref.lua, left in a user's environment, change nothing."""
    record = tmp_path / "verslag.json"
    monkeypatch.setenv(PREVIEW_ONLY[1], str(record))
    monkeypatch.setenv(PREVIEW_ONLY[0], str(tmp_path / "bestaat-niet.json"))
    page = publish(built, tmp_path / "uit", ["html"])["html"]
    assert page.is_file() and not record.exists()
