"""A narrative file as safe Markdown: a small, documented subset passes, the rest is literal.

The file is read line by line against a whitelist. What passes as Markdown:

- paragraphs, emphasis (`*`, `**`, `_`), bullet and numbered lists, block quotes (`>`);
- headings below the level of the place the template gives the part, optionally with a
  label `{#sec-…}` that the text can refer to;
- footnotes (`[^naam]` and `[^naam]: tekst`), references `@sec-…`, `@tbl-…`, `@fig-…` to
  labels that exist in this report;
- named values `{{< var naam >}}`, replaced by their text (a number marked with its source);
- review markers: a line `::: nakijken` opens a passage still to be reviewed, `:::` closes it.

Every other character is escaped (`present.markdown.escape`), so raw HTML, `{=typst}` blocks,
LaTeX, images, links, other Quarto shortcodes and Jinja's `{{`/`{%` reach the PDF, HTML and
DOCX literally. Why a line scanner and not pandoc's AST: a whitelist cannot miss a construct
that a blacklist of AST nodes would have to know (raw blocks, image paths, link schemes, div
classes the publish filters react to, metadata blocks), every finding keeps its line number,
and no pandoc process runs per file on every preview save.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from report.cited import Cited
from report.present.markdown import Markdown, escape
from report.present.marks import Mark, cited_markdown, unmarked

DIV_OPEN = re.compile(r"^ {0,3}:{3,}\s*(?:\{\s*\.nakijken\s*\}|nakijken)\s*$")
_DIV_CLOSE = re.compile(r"^ {0,3}:{3,}\s*$")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]*\{\s*#(sec-[A-Za-z0-9_-]+)\s*\})?[ \t]*$")
_NOTE = re.compile(r"^\[\^([A-Za-z0-9_-]+)\]:[ \t]*(.*)$")
_QUOTE = re.compile(r"^((?: {0,3}>[ \t]?)+)(.*)$")
_ITEM = re.compile(r"^( *)([-*+]|\d{1,3}[.)])[ \t]+(.*)$")
_INLINE = re.compile(
    r"(?P<var>\{\{<\s*var\s+(?P<name>[^\s>]*)\s*>\}\})"
    r"|(?P<noteref>\[\^(?P<note>[A-Za-z0-9_-]+)\])"
    r"|(?<![\w@.])@(?P<label>(?:sec|tbl|fig)-[A-Za-z0-9_-]*[A-Za-z0-9])"
    r"|(?P<emph>\*{1,3}|_{1,3})"
)
REVIEW_CLASS = "nakijken"


class Kind(Enum):
    PROSE = "tekst"
    NOTE = "voetnoot"
    QUOTE = "citaat"


@dataclass(frozen=True)
class Line:
    """A line as the text check reads it: the writer's words without values and references."""

    number: int
    kind: Kind
    text: str


@dataclass(frozen=True)
class Issue:
    line: int
    message: str


@dataclass(frozen=True)
class Context:
    level: int  # the heading level of the section the part sits in
    values: Mapping[str, str | None]  # named values (None: not available in this edition)
    labels: frozenset[str]  # the labels the report defines
    taken: frozenset[str]  # labels defined elsewhere: a heading may not define them again
    prefix: str  # footnote labels get this prefix, so parts cannot clash
    mark: Mark = unmarked  # marks a named value's number with its source (report.present.marks)


@dataclass
class Translated:
    markdown: Markdown
    lines: list[Line] = field(default_factory=list)
    reviews: list[int] = field(default_factory=list)  # lines that open a review marker
    issues: list[Issue] = field(default_factory=list)


def heading_labels(lines: tuple[str, ...]) -> list[str]:
    """The `{#sec-…}` labels the file's headings define."""
    found = (_HEADING.match(line.expandtabs(4)) for line in lines)
    return [m.group(3) for m in found if m and m.group(3)]


def translate(lines: tuple[str, ...], context: Context) -> Translated:
    return _Translator(context).run(lines)


class _Translator:
    def __init__(self, context: Context):
        self.context = context
        self.out: list[str] = []
        self.result = Translated(Markdown(""))
        self.open: list[int] = []  # lines of the review markers still open
        self.notes_used: dict[str, int] = {}
        self.notes_defined: dict[str, int] = {}
        self.own: set[str] = set()  # labels this part's headings define
        self.container = ""  # "note" or "list": indented lines continue it
        self.after_blank = False

    def issue(self, number: int, message: str) -> None:
        self.result.issues.append(Issue(number, message))

    def run(self, lines: tuple[str, ...]) -> Translated:
        for number, raw in enumerate(lines, start=1):
            self.line(number, raw.expandtabs(4).rstrip())
        for start in self.open:
            self.issue(start, "'::: nakijken' wordt niet gesloten; zet ':::' onder de passage")
            self.out += ["", ":::"]
        for name, number in self.notes_used.items():
            if name not in self.notes_defined:
                self.issue(number, f"voetnoot [^{name}] heeft geen tekst in dit bestand")
        for name, number in self.notes_defined.items():
            if name not in self.notes_used:
                self.issue(number, f"voetnoot [^{name}] wordt in de tekst niet gebruikt")
        self.result.markdown = Markdown("\n".join(self.out).strip("\n"))
        return self.result

    def line(self, number: int, text: str) -> None:
        if not text.strip():
            self.out.append("")
            self.after_blank = True
            return
        indent = len(text) - len(text.lstrip(" "))
        continued = self.container and (indent > 0 or not self.after_blank)
        self.after_blank = False
        if DIV_OPEN.match(text):
            self.open.append(number)
            self.result.reviews.append(number)
            self.container = ""
            self.out += ["", "::: {." + REVIEW_CLASS + "}", ""]
        elif _DIV_CLOSE.match(text):
            self.container = ""
            if self.open:
                self.open.pop()
                self.out += ["", ":::", ""]
            else:
                self.issue(number, "':::' sluit geen '::: nakijken'; verwijder de regel")
                self.out.append(self.inline(number, text.strip(), Kind.PROSE))
        elif match := _NOTE.match(text):
            name = match.group(1)
            if name in self.notes_defined:
                self.issue(number, f"voetnoot [^{name}] heeft al een tekst")
            self.notes_defined.setdefault(name, number)
            self.container = "note"
            body = self.inline(number, match.group(2), Kind.NOTE)
            self.out.append(f"[^{self.context.prefix}-{name}]: {body}")
        elif continued and self.container == "note":
            self.out.append(" " * indent + self.inline(number, text.strip(), Kind.NOTE))
        elif match := _HEADING.match(text):
            self.container = ""
            self.heading(number, len(match.group(1)), match.group(2), match.group(3))
        elif match := _QUOTE.match(text):
            self.container = ""
            marks = ">" * match.group(1).count(">")
            self.out.append(f"{marks} {self.inline(number, match.group(2), Kind.QUOTE)}")
        elif match := _ITEM.match(text):
            self.container = "list"
            marker = match.group(2)
            body = self.inline(number, match.group(3), Kind.PROSE)
            self.out.append(f"{match.group(1)}{marker} {body}")
        else:
            keep = indent if continued and self.container == "list" else 0
            if not continued:
                self.container = ""
            self.out.append(" " * keep + self.inline(number, text.strip(), Kind.PROSE))

    def heading(self, number: int, level: int, title: str, label: str | None) -> None:
        allowed = self.context.level + 1
        if level < allowed:
            self.issue(
                number,
                f"een kop met {level} #-teken(s) mag hier niet: dit deel staat onder een kop "
                f"van niveau {self.context.level}; gebruik er ten minste {allowed}",
            )
            self.out.append(self.inline(number, "#" * level + " " + title, Kind.PROSE))
            return
        text = "#" * level + " " + self.inline(number, title, Kind.PROSE)
        if label and (label in self.context.taken or label in self.own):
            self.issue(number, f"het label {label} bestaat al in het rapport; kies een ander")
        elif label:
            self.own.add(label)
            text += f" {{#{label}}}"
        self.out += ["", text, ""]

    def inline(self, number: int, text: str, kind: Kind) -> str:
        """One line's text: the allowed constructs as Markdown, everything else literal."""
        parts: list[str] = []
        plain: list[str] = []
        position = 0
        for match in _INLINE.finditer(text):
            before = text[position : match.start()]
            parts.append(_literal(before))
            plain.append(before)
            parts.append(self.token(number, match))
            plain.append(" " if match.group("emph") is None else "")
            position = match.end()
        parts.append(_literal(text[position:]))
        plain.append(text[position:])
        self.result.lines.append(Line(number, kind, "".join(plain)))
        return "".join(parts)

    def token(self, number: int, match: re.Match[str]) -> str:
        if match.group("emph") is not None:
            return match.group("emph")
        if match.group("var") is not None:
            return self.value(number, match.group("name"), match.group(0))
        if match.group("note") is not None:
            name = match.group("note")
            self.notes_used.setdefault(name, number)
            return f"[^{self.context.prefix}-{name}]"
        label = match.group("label")
        if label not in self.context.labels:
            self.issue(
                number, f"verwijzing @{label}: dit rapport heeft geen {_what(label)} met dat label"
            )
            return _literal("@" + label)
        return "@" + label

    def value(self, number: int, name: str, written: str) -> str:
        values = self.context.values
        if name not in values:
            self.issue(
                number,
                f"onbekende waarde '{name}'; 'python build.py waarden' toont de namen die u kunt "
                "gebruiken",
            )
            return _literal(written)
        text = values[name]
        if text is None:
            self.issue(
                number,
                f"de waarde '{name}' is in deze editie niet beschikbaar: het werkblad met de "
                "cijfers is niet aangeleverd",
            )
            return _literal(written)
        return cited_markdown(text, self.context.mark) if isinstance(text, Cited) else escape(text)


def _literal(text: str) -> str:
    """Text as it stands; quotes stay bare so pandoc still sets them typographically."""
    return escape(text).replace("\\'", "'").replace('\\"', '"')


def _what(label: str) -> str:
    return {"sec": "paragraaf", "tbl": "tabel", "fig": "figuur"}[label.split("-", 1)[0]]
