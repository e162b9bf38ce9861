"""The preview's HTML page, converted again only where the document changed.

pandoc over the whole document takes about a second, most of the preview's wait after a
change of a sentence. A change of text touches one chapter (a level-1 heading and what follows
it). So the page is kept in parts: the page around the body, and per chapter its HTML and its
footnotes; a later document converts only the chapters whose Markdown differs, with the same
filters and writer, and puts them in the place of the old ones.

Only the numbering spans chapters (crossref.lua: headings, tables, figures, references). The
whole conversion records where the numbering stands at the start of each chapter, every label
and every heading; a chapter's conversion starts from there and reports the same of itself. If
it ends elsewhere, defines other labels or has other headings (which the contents list shows),
the whole document is converted again. Footnotes are numbered through the page: a chapter's
notes are kept numbered from 1 and renumbered when the page is put together. Putting the parts
of a whole conversion together must give that conversion's page exactly; where it does not
(a document this splitting does not understand), every change converts the whole document.
The page is unwrapped (`--wrap=none`), so a renumbered note cannot change where lines break.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pypandoc

from report.publish.embedded import (
    PREVIEW_ONLY,
    common_arguments,
    finish_pandoc,
    html_body_arguments,
    pandoc_arguments,
    publishing_environment,
    self_contained,
)
from report.publish.frontmatter import FrontMatter, read_front_matter

PREVIEW_IN, PREVIEW_OUT = PREVIEW_ONLY
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_CHAPTER = re.compile(r'<section id="[^"]*" class="level2[ "]')
_NOTES = re.compile(r'<section id="footnotes" class="footnotes footnotes-end-of-document"[^>]*>')
_MAIN_START, _MAIN_END = '<main id="inhoud">\n', "</main>"
_REFERENCE = re.compile(
    r'<a href="#fn(\d+)" class="footnote-ref" id="fnref\1" role="doc-noteref"><sup>\1</sup></a>'
)
_NOTE = re.compile(r'<li id="fn(\d+)">')
_BACK = re.compile(r'<a href="#fnref(\d+)" class="footnote-back"')
_ITEM = re.compile(r'<li id="fn\d+">.*?</li>\n', re.DOTALL)


@dataclass(frozen=True)
class Chapter:
    markdown: str  # its part of the document
    html: str  # its part of the page's body, notes numbered from 1
    notes: tuple[str, ...]  # its footnotes (`<li>` items), numbered from 1


@dataclass(frozen=True)
class Parts:
    front: str  # the document's front matter
    before: str  # the page up to the first chapter
    chapters: tuple[Chapter, ...]  # [0]: what precedes the first level-1 heading
    notes_open: str  # the footnotes section up to its first item ("" without notes)
    after: str  # the rest of the page
    record: dict[str, Any]  # crossref.lua's record of the whole document


def split(text: str) -> tuple[str, list[str]]:
    """The front matter and the chapters: [0] what precedes the first level-1 heading, then
    one part per level-1 heading (a `# ` line after a blank line, outside code blocks)."""
    found = _FRONT.match(text)
    front = found.group(0) if found else ""
    parts: list[str] = []
    current: list[str] = []
    fence, blank = "", True
    for line in text[len(front) :].splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence:
            fence = "" if line.strip() == fence else fence
        elif opening:
            fence = opening.group(1)
        elif blank and line.startswith("# "):
            parts.append("".join(current))
            current = []
        current.append(line)
        blank = not line.strip()
    parts.append("".join(current))
    return front, parts


def _renumbered(html: str, shift: int) -> str:
    html = _REFERENCE.sub(
        lambda m: (
            f'<a href="#fn{int(m[1]) + shift}" class="footnote-ref" id="fnref{int(m[1]) + shift}"'
            f' role="doc-noteref"><sup>{int(m[1]) + shift}</sup></a>'
        ),
        html,
    )
    html = _NOTE.sub(lambda m: f'<li id="fn{int(m[1]) + shift}">', html)
    return _BACK.sub(lambda m: f'<a href="#fnref{int(m[1]) + shift}" class="footnote-back"', html)


def _references(html: str) -> int:
    return len(_REFERENCE.findall(html))


def assemble(parts: Parts) -> str:
    """The page: the chapters in order, their notes numbered through, the notes at the end."""
    body, notes, count = [], [], 0
    for chapter in parts.chapters:
        body.append(_renumbered(chapter.html, count))
        notes += [_renumbered(note, count) for note in chapter.notes]
        count += len(chapter.notes)
    ending = "".join(notes)
    if ending:
        ending = f"{parts.notes_open}{ending}"
    return parts.before + "".join(body) + ending + parts.after


def _parts_of(page: str, front: str, markdown: Sequence[str], record: dict) -> Parts | None:
    """A whole conversion cut into its chapters, or None if the cut does not give it back."""
    start = page.find(_MAIN_START)
    end = page.rfind(_MAIN_END)
    if start < 0 or end < 0:
        return None
    start += len(_MAIN_START)
    notes = _NOTES.search(page, start, end)
    body_end = notes.start() if notes else end
    starts = [m.start() for m in _CHAPTER.finditer(page, start, body_end)]
    if len(starts) != len(markdown) - 1:
        return None
    bounds = [start, *starts, body_end]
    items = _ITEM.findall(page, notes.end(), end) if notes else []
    notes_open = page[notes.start() : page.find("<li", notes.end())] if notes and items else ""
    after = page[page.find("</ol>", notes.end()) :] if notes and items else page[end:]
    chapters, used = [], 0
    for index, text in enumerate(markdown):
        html = page[bounds[index] : bounds[index + 1]]
        count = _references(html)
        own = tuple(_renumbered(item, -used) for item in items[used : used + count])
        chapters.append(Chapter(text, _renumbered(html, -used), own))
        used += count
    parts = Parts(front, page[:start], tuple(chapters), notes_open, after, record)
    return parts if used == len(items) and assemble(parts) == page else None


def _chapter_record(record: dict, chapter: int) -> tuple[list, dict]:
    """The headings and labels crossref.lua found in one chapter."""
    headers = [h for h in record.get("headers") or [] if h["chapter"] == chapter]
    labels = record.get("labels") or {}
    return headers, {i: label for i, label in labels.items() if label.get("chapter") == chapter}


def _arguments(front: FrontMatter, whole: bool) -> list[str]:
    """The published page's pandoc arguments, unwrapped; for a chapter, its body alone."""
    if whole:
        return [*pandoc_arguments("html", None, front), "--wrap=none"]
    return html_body_arguments([*common_arguments(front), "--wrap=none"])


class ChapterPages:
    """The preview's page of one document, kept in parts between conversions.

    `scratch` is a folder of the preview's own (the chapters and crossref.lua's records).
    """

    def __init__(self, scratch: Path) -> None:
        self.parts: Parts | None = None
        self.scratch = scratch
        self.converted = 0  # chapters converted by the last call; all after a whole conversion

    def page(self, document: Path) -> str:
        """The self-contained HTML page of `document` (its figures beside it)."""
        self.scratch.mkdir(parents=True, exist_ok=True)
        text = document.read_text(encoding="utf-8")
        front_matter = read_front_matter(document)
        front, markdown = split(text)
        parts = self.parts
        if parts and parts.front == front and len(parts.chapters) == len(markdown):
            changed = [i for i, c in enumerate(parts.chapters) if c.markdown != markdown[i]]
            chapters = self._chapters(document, front_matter, parts, markdown, changed)
            if chapters is not None:
                self.parts = replace(parts, chapters=chapters)
                self.converted = len(changed)
                return self_contained(assemble(self.parts), document.parent)
        self.parts = None  # a failed conversion leaves nothing to build on
        out = self.scratch / "geheel.json"
        page = finish_pandoc(document, "html", self._start(document, front_matter, out))
        record = json.loads(out.read_text(encoding="utf-8"))
        self.parts = _parts_of(page.decode("utf-8"), front, markdown, record)
        self.converted = len(markdown)
        return self_contained(page.decode("utf-8"), document.parent)

    def _chapters(
        self,
        document: Path,
        front_matter: FrontMatter,
        parts: Parts,
        markdown: list[str],
        changed: list[int],
    ) -> tuple[Chapter, ...] | None:
        """The chapters with the changed ones converted again (side by side), or None if the
        numbering or the headings moved, or the part before the first heading changed."""
        if 0 in changed:
            return None
        record, runs = parts.record, {}
        starts = record["starts"]
        for index in changed:
            source = self.scratch / f"hoofdstuk-{index}.md"
            source.write_text(markdown[index], encoding="utf-8")
            given = self.scratch / f"begin-{index}.json"
            begin = {"state": starts[index - 1], "labels": record.get("labels") or {}}
            given.write_text(json.dumps(begin), encoding="utf-8")
            out = self.scratch / f"einde-{index}.json"
            runs[index] = (self._start(document, front_matter, out, source, given), out)
        chapters = list(parts.chapters)
        try:
            for index, (run, out) in runs.items():
                html = finish_pandoc(document, "html", run).decode("utf-8")
                own = json.loads(out.read_text(encoding="utf-8"))
                ending = starts[index] if index < len(starts) else record["ending"]
                if own["ending"] != ending or _chapter_record(own, index) != _chapter_record(
                    record, index
                ):
                    return None
                notes = _NOTES.search(html)
                body = html[: notes.start()] if notes else html
                items = tuple(_ITEM.findall(html, notes.end())) if notes else ()
                chapters[index] = Chapter(markdown[index], body, items)
        finally:
            for run, _ in runs.values():  # after a failure or a moved numbering: stop the rest
                if run.poll() is None:
                    run.kill()
                    run.wait()
        if any(chapter.notes for chapter in chapters) != bool(parts.notes_open):
            return None  # the page gains its first footnote or loses its last: a new ending
        return tuple(chapters)

    def _start(
        self,
        document: Path,
        front: FrontMatter,
        out: Path,
        chapter: Path | None = None,
        given: Path | None = None,
    ) -> subprocess.Popen:
        """pandoc over the document, or over one chapter from where `given` says it starts."""
        environment = publishing_environment(front) | {PREVIEW_OUT: str(out)}
        if given:
            environment[PREVIEW_IN] = str(given)
        source = str(chapter) if chapter else document.name
        return subprocess.Popen(
            [pypandoc.get_pandoc_path(), source, *_arguments(front, whole=chapter is None)],
            cwd=document.parent,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
