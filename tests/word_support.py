"""Reading a DOCX in tests with the standard library: paragraphs, sections, tables.

(Not python-docx: it brings lxml, and with lxml installed openpyxl parses workbooks with it,
which changes how the input tests' hostile workbooks are refused.)
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def body(path: Path) -> ElementTree.Element:
    return ElementTree.fromstring(part(path, "word/document.xml")).find(f"{W}body")


def text(element: ElementTree.Element) -> str:
    """The text of an element's runs (also inside links), with spaces collapsed."""
    return " ".join("".join(t.text or "" for t in element.iter(f"{W}t")).split())


def style(paragraph: ElementTree.Element) -> str:
    found = paragraph.find(f"{W}pPr/{W}pStyle")
    return found.get(f"{W}val") if found is not None else ""


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style id, text) of every paragraph with text, tables included, in document order."""
    return [(style(p), text(p)) for p in body(path).iter(f"{W}p") if text(p)]


@dataclass(frozen=True)
class Section:
    width: int  # twips
    height: int
    landscape: bool
    title_page: bool
    first_page_number: str | None
    footers: tuple[str, ...]  # relationship ids of the footers it names


def sections(path: Path) -> list[Section]:
    """Every section in order: those ended by a paragraph, then the document's last one."""
    found = []
    for properties in body(path).iter(f"{W}sectPr"):
        size = properties.find(f"{W}pgSz")
        numbering = properties.find(f"{W}pgNumType")
        found.append(
            Section(
                width=int(size.get(f"{W}w")),
                height=int(size.get(f"{W}h")),
                landscape=size.get(f"{W}orient") == "landscape",
                title_page=properties.find(f"{W}titlePg") is not None,
                first_page_number=None if numbering is None else numbering.get(f"{W}start"),
                footers=tuple(f.get(f"{R}id") for f in properties.iter(f"{W}footerReference")),
            )
        )
    return found
