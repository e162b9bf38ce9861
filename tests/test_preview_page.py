"""The preview's quick HTML page shows what the published HTML shows.

`ChapterPages.page` runs the same pandoc conversion without pandoc's embedding pass and puts the
stylesheet and figures in itself; its markup differs from the published file, what a reader
sees must not: the same text, the same images, the same stylesheet, and nothing fetched.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from report.inputs.read import read_inputs
from report.model import build_model
from report.publish import PublishError, publish
from report.publish.chapters import ChapterPages
from report.publish.embedded import STYLESHEET
from report.render.document import render_document
from tests.conftest import DATA


class Reader(HTMLParser):
    """The text a reader sees, the image sources and the stylesheets of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.images: list[str] = []
        self.styles: list[str] = []
        self.links: list[str] = []
        self._skip: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("style", "script"):
            self._skip = tag
        if tag == "img":
            self.images.append(values.get("src") or "")
        if tag == "link":
            self.links.append(values.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._skip:
            self._skip = None

    def handle_data(self, data: str) -> None:
        if self._skip == "style":
            self.styles.append(data)
        elif self._skip is None:
            self.text.append(data)

    def words(self) -> list[str]:
        return " ".join(self.text).split()


def read(page: str) -> Reader:
    reader = Reader()
    reader.feed(page)
    return reader


@pytest.fixture(scope="module")
def document(tmp_path_factory) -> Path:
    build = tmp_path_factory.mktemp("bouw")
    return render_document(build_model(read_inputs(DATA)), build)


@pytest.fixture(scope="module")
def pages(document, tmp_path_factory) -> tuple[Reader, Reader]:
    output = tmp_path_factory.mktemp("uit") / "html"
    published = publish(document, output, ["html"])["html"].read_text(encoding="utf-8")
    scratch = tmp_path_factory.mktemp("hoofdstukken")
    return read(ChapterPages(scratch).page(document)), read(published)


def test_the_same_words(pages):
    quick, published = pages
    assert quick.words() == published.words()
    assert "Inhoudsopgave" in quick.words()


def test_the_same_figures_inside_the_page(pages):
    quick, published = pages
    assert len(quick.images) == 5
    assert quick.images == published.images
    assert all(src.startswith("data:image/png;base64,") for src in quick.images)


def test_the_house_stylesheet_and_nothing_fetched(pages):
    quick, _ = pages
    assert quick.links == []
    rules = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    assert rules.split() == re.sub(r"/\*.*?\*/", "", "".join(quick.styles), flags=re.S).split()


def test_a_missing_figure_is_named(document, tmp_path):
    copy = tmp_path / "bouw"
    shutil.copytree(document.parent, copy)
    figure = sorted((copy / "figuren").glob("*.png"))[0]
    figure.unlink()
    with pytest.raises(PublishError, match=re.escape(f"figuren/{figure.name}")):
        ChapterPages(tmp_path / "hoofdstukken").page(copy / document.name)
