"""The numbers a reader sees in the HTML, each found where it stands (not matched by its text).

This counts apart from the project: the published rapport.html is read with the standard
library's HTML parser, and every number in the text of `<main>` (the same pattern as
tests/pdf_numbers.py) is put in a class by where it stands:

- marked: inside a `span.herkomst` (the number carries its source);
- navigation: heading numbers, cross-references (links within the page), "Tabel 7",
  "Figuur 2" and "Bijlage 1" in captions and headings, and a table named in a source's
  description ("tabel 4 van de beleidsdoorlichting …");
- years (a four-digit 19xx/20xx), dates ("1 februari 2019") and the unit "x € 1.000";
- literature: footnotes and source lines ("Bron: …");
- anything else is a figure without a source.

A figure of the report is a marked number or one without a source; the share of marked ones
is the HTML's coverage.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tests.pdf_numbers import MONTHS, NUMBER

_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE = re.compile(r"\s*(?:" + "|".join(MONTHS) + r")\b")
_LABEL = re.compile(r"(?:tabel|figuur|paragraaf|hoofdstuk|bijlage)\s*$", re.IGNORECASE)
_UNIT = re.compile(r"x\s*€\s*$")
_VOID = {"br", "img", "meta", "link", "hr", "input", "col", "source", "wbr"}

Stack = list[tuple[str, dict[str, str]]]


@dataclass
class HtmlCensus:
    classes: Counter[str] = field(default_factory=Counter)
    unmarked: list[tuple[str, str]] = field(default_factory=list)  # number, its text node
    spans: list[tuple[str, str]] = field(default_factory=list)  # id, text of span.herkomst

    @property
    def figures(self) -> int:
        return self.classes["getal met herkomst"] + self.classes["getal zonder herkomst"]

    @property
    def marked(self) -> int:
        return self.classes["getal met herkomst"]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: Stack = []
        self.result = HtmlCensus()
        self.span: list[str] | None = None  # the text of the span.herkomst being read
        self.span_id = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        attributes = {k: v or "" for k, v in attrs}
        self.stack.append((tag, attributes))
        if tag == "span" and "herkomst" in attributes.get("class", "").split() and self._main():
            self.span, self.span_id = [], attributes.get("id", "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self.stack:
            closed, attributes = self.stack.pop()
            if (
                closed == "span"
                and self.span is not None
                and "herkomst" in attributes.get("class", "")
            ):
                self.result.spans.append((self.span_id, "".join(self.span)))
                self.span = None
            if closed == tag:
                break

    def _main(self) -> bool:
        return any(tag == "main" for tag, _ in self.stack)

    def handle_data(self, data: str) -> None:
        if not self._main() or any(t in ("script", "style") for t, _ in self.stack):
            return
        if self.span is not None:
            self.span.append(data)
        for found in NUMBER.finditer(data):
            kind = _classify(self.stack, data, found.start(1), found.end(1))
            self.result.classes[kind] += 1
            if kind == "getal zonder herkomst":
                self.result.unmarked.append((found.group(1), " ".join(data.split())))


def _classify(stack: Stack, data: str, start: int, end: int) -> str:
    classes = {c for _, attributes in stack for c in attributes.get("class", "").split()}
    number, before, after = data[start:end], data[:start], data[end:]
    if "herkomst" in classes:
        return "getal met herkomst"
    if "header-section-number" in classes:
        return "kopnummer"
    if any(tag == "a" and a.get("href", "").startswith("#") for tag, a in stack):
        return "verwijzing"
    if "footnotes" in classes or any(a.get("id") == "footnotes" for _, a in stack):
        return "literatuur en bronvermelding"
    if data.lstrip().startswith("Bron:"):
        return "literatuur en bronvermelding"
    if _LABEL.search(before):
        return "verwijzing"
    if _DATE.match(after):
        return "datum"
    if number == "1.000" and _UNIT.search(before):
        return "eenheid"
    if _YEAR.fullmatch(number):
        return "jaartal"
    return "getal zonder herkomst"


def html_census(page: Path) -> HtmlCensus:
    reader = _Reader()
    reader.feed(page.read_text(encoding="utf-8"))
    reader.close()
    return reader.result
