"""The numbers a reader sees in the PDF, each matched to a row of herkomst.csv.

The PDF's text (pypdf) is cut into numbers: a group of digits that stands on its own, with
its thousands dots, decimal comma, sign and per cent sign ("36.722", "−0,8", "63%"); digits
inside a word or a cell address ("K10", "H7+H8") are not numbers. Each number is first put in
a class by its place alone (never by whether it matches):

- navigation: the table of contents, page numbers, the running header, heading numbers,
  the numbers of a numbered list ("2. Besparen op vervoer" at the start of a line) and
  cross-references ("Tabel 7", "paragraaf 2.4");
- years (a four-digit 19xx/20xx without a thousands dot) and dates ("1 februari 2019");
- literature: footnotes and source lines ("Bron: …", "Kamerstukken II …, 19 637, nr. 134");
- the unit "x € 1.000";
- everything else is a figure of the report, and must be in herkomst.csv.

A figure matches a row with the same printed text (sign and per cent sign included) that no
other figure has taken; a figure printed with its per cent sign outside the mark ("20%-variant"
from "{{ percentage }}%") may then take a row without it. Counts are kept per class.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

NUMBER = re.compile(r"(?<![\w.,/:\-−+])([+−-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?%?)(?![\w.,]?\w)")
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
_REFERENCE = re.compile(
    r"(?:Tabel|tabel|Figuur|figuur|paragraaf|hoofdstuk|Bijlage|bijlage)\s*$"
    r"|(?:tabel|figuur|paragraaf|hoofdstuk)\s+[\d.]+(?:,| en)\s*$"
)
_DATE = re.compile(r"\s*(?:" + "|".join(MONTHS) + r")\b")
_FOOTNOTE = re.compile(r"^\d+[A-Z(‘'\"]")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ITEM = re.compile(r"\.\s+[A-Z]")  # after the number of a numbered list's item


def key(text: str) -> str:
    """A number as the matcher compares it: one minus sign."""
    return text.replace("−", "-")


@dataclass
class Census:
    classes: Counter[str] = field(default_factory=Counter)
    unmatched: list[tuple[int, str, str]] = field(default_factory=list)  # page, number, line

    @property
    def figures(self) -> int:
        return self.classes["figuur"]

    @property
    def matched(self) -> int:
        return self.figures - len(self.unmatched)


def classify(page: int, lines: list[str], index: int, start: int, end: int) -> str:
    line = lines[index]
    number, before, after = line[start:end], line[:start], line[end:]
    if index == len(lines) - 1 and line.strip() == number:
        return "paginanummer"
    if index == 0:
        return "koptekst"  # the running header, and a chapter's number at the top of its page
    if _FOOTNOTE.match(line) or line.startswith("Bron:"):
        return "literatuur en bronvermelding"
    if _REFERENCE.search(before):
        return "verwijzing"
    if (
        before.strip() == ""
        and re.fullmatch(r"\d+(?:\.\d+)*", number)
        and re.match(r"\s+[A-Z]", after)
    ):
        return "kopnummer"
    if before.strip() == "" and re.fullmatch(r"\d{1,2}", number) and _ITEM.match(after):
        return "opsommingsteken"
    if _YEAR.fullmatch(number):
        return "jaartal"
    if _DATE.match(after):
        return "datum"
    previous = lines[index - 1] if index else ""
    if number == "1.000" and (
        before.endswith("x € ") or (not before.strip() and previous.rstrip().endswith("x €"))
    ):
        return "eenheid"
    return "figuur"


def census(pdf: Path, printed: list[str]) -> Census:
    """Every number of the PDF in its class; the figures matched to the printed texts."""
    result = Census()
    figures: list[tuple[int, str, str]] = []
    for page_number, page in enumerate(PdfReader(pdf).pages, start=1):
        text = page.extract_text()
        if "Inhoudsopgave" in text:
            result.classes["inhoudsopgave"] += len(NUMBER.findall(text))
            continue
        lines = text.split("\n")
        for index, line in enumerate(lines):
            for found in NUMBER.finditer(line):
                kind = classify(page_number, lines, index, found.start(1), found.end(1))
                result.classes[kind] += 1
                if kind == "figuur":
                    figures.append((page_number, found.group(1), line.strip()))
    available = Counter(
        key(number) for text in printed for number in NUMBER.findall(text.replace("€ ", ""))
    )
    waiting = []
    for figure in figures:
        if available[key(figure[1])] > 0:
            available[key(figure[1])] -= 1
        else:
            waiting.append(figure)
    for figure in waiting:
        bare = key(figure[1]).removesuffix("%")
        if figure[1].endswith("%") and available[bare] > 0:
            available[bare] -= 1
        else:
            result.unmatched.append(figure)
    return result
