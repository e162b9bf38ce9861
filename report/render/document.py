"""Render the chapter templates into one Quarto-markdown document in build/.

Templates only place and format: every number comes from the model, every table through
`table(key)` and every figure through `figure(key)`, both from the catalog. Every value a
template interpolates is escaped for Markdown unless the code built it as `Markdown` (tables,
figures, formatted numbers), so text from a workbook or editie.yml is never markup and never
template code. Cross-references are labels; a reference to a label the document does not
define stops the build. The document's tables and figures must follow the catalog's order;
the numbers they get are recorded (`Rendered.numbering`, build/nummering.json).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from report import numbers
from report.cited import Cited
from report.model import Model, catalog
from report.model.changes import Changes
from report.model.entries import DataTable, FigureEntry, TableEntry, TextTable
from report.model.shares import whole_shares_rule
from report.narrative.values import named_values, with_values
from report.numbers import date_text
from report.present.changes import parameter_line, revision_line
from report.present.derivation import derivation_text, phasing_text
from report.present.markdown import FigureBlock, Markdown, escape, reference
from report.present.marks import (
    Mark,
    Marks,
    Where,
    cited_markdown,
    sources_block,
    unmarked,
)
from report.present.numbering import Numbered, Numbering
from report.present.reconciliation import correction_items, rounding_paragraphs, tables_of
from report.present.tables import provenance_items, table_block, text_block
from report.present.text import (
    capitalised,
    count_word,
    deviations_text,
    join_nl,
    lower_first,
    points,
    trend,
    verb,
)
from report.problems import Finding
from report.provenance import Traced
from report.render.content import content
from report.render.figures import make_figures
from report.render.places import locate, unanchored
from report.render.result import Composed, Rendered
from report.render.slots import Slots, fill
from report.resources import CHAPTERS

TEMPLATES = (
    "samenvatting.qmd.j2",
    "h1_inleiding.qmd.j2",
    "h2_vertrek.qmd.j2",
    "h3_maatregelen.qmd.j2",
    "h4_herkomstlanden.qmd.j2",
    "h5_conclusies.qmd.j2",
    "h6_verbeter_besparing.qmd.j2",
    "bijlagen.qmd.j2",
    "wijzigingen.qmd.j2",  # only with --compare: what changed since the previous edition
)
DOCUMENT = "rapport.qmd"
NUMBERING = "nummering.json"

_DEFINED = re.compile(r"\{\s*#((?:tbl|fig|sec)-[\w-]+)")
_USED = re.compile(r"(?<![\w\\])@((?:tbl|fig|sec)-[\w-]*\w)")
_CITED = re.compile(r"(?<![\w\\])@((?:tbl|fig|sec|Tbl|Fig|Sec)-[\w-]*\w)")


class RenderError(Exception):
    """The templates produced an inconsistent document (a defect, not a user mistake)."""


def _finalizer(mark: Mark) -> Callable[[object], str]:
    """Every `{{ … }}`: Markdown the code built stays, a traced number and text with traced
    numbers get their sources marked, anything else is escaped."""

    def finalize(value: object) -> str:
        if isinstance(value, Markdown):
            return value
        if isinstance(value, Traced):
            plain = str(value).replace("-", numbers.MINUS)  # a year or a count: no dots
            return mark(value, plain if isinstance(value.value, int) else numbers.exact(value))
        if isinstance(value, Finding):
            return Markdown(f"{escape(value.place)}: {cited_markdown(value.message, mark)}")
        if isinstance(value, Cited):
            return cited_markdown(value, mark)
        return escape(value)

    return finalize


_MARK: ContextVar[Mark] = ContextVar("mark", default=unmarked)  # the document being composed


def _current(value: object, text: str, where: Where | None = None) -> Markdown:
    """Mark with the marks of the document being composed (the environment is shared)."""
    return _MARK.get()(value, text, Where() if where is None else where)


def _marked(format_number: Callable[..., str], mark: Mark) -> Callable[..., Markdown]:
    """A number formatter whose text is marked with the number's source (if it is traced)."""
    return lambda value, *args: mark(value, format_number(value, *args))


def environment() -> Environment:
    """One environment per process: it keeps the compiled templates (the preview renders again
    and again) and compiles a template again only when its file has changed."""
    return _environment(CHAPTERS)


@functools.cache
def _environment(chapters: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(chapters),
        undefined=StrictUndefined,
        finalize=_finalizer(_current),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    euro = _marked(numbers.euro, _current)  # the one style for amounts in running text
    env.filters.update(
        n=_marked(numbers.number, _current),
        pct=_marked(numbers.percent, _current),
        euro=euro,
        datum=date_text,
        join_nl=join_nl,
        trend=trend,  # this and the other helpers give Cited text: `finalize` marks it
        verb=verb,
        derivation=derivation_text,
        phasing=phasing_text,
        deviations=deviations_text,
        points=points,
        count_word=count_word,
        capitalised=capitalised,
        lower_first=lower_first,
        revision=revision_line,
        parameter_change=parameter_line,
    )
    return env


def render(
    model: Model,
    build_dir: Path,
    figures: Mapping[str, FigureBlock] | None = None,
    changes: Changes | None = None,
) -> Rendered:
    """Write build/rapport.qmd and the numbers its tables and figures got.

    The figures are drawn here, or `figures` gives their blocks when another process draws
    them (`render/drawing.py`): the document needs only their file names. With `changes` the
    appendix on what changed since the previous edition is written too.
    """
    build_dir.mkdir(parents=True, exist_ok=True)
    if figures is None:
        figures = make_figures(model, build_dir)
    composed = compose(model, figures, changes)
    target = build_dir / DOCUMENT
    target.write_text(composed.text, encoding="utf-8")
    (build_dir / NUMBERING).write_text(composed.numbering.to_json() + "\n", encoding="utf-8")
    paths = tuple(block.path for block in figures.values())
    return Rendered(target, composed, paths)


def compose(
    model: Model,
    figures: Mapping[str, FigureBlock] | None = None,
    changes: Changes | None = None,
) -> Composed:
    """The document's text, its numbering, the text check and the source of every number it
    prints, without writing anything.

    Without `figures` (the check command) every figure is placed without drawing it.
    """
    if figures is None:
        figures = {
            key: FigureBlock(key, escape(f.caption), f"{key}.png", f.alt)
            for key, f in model.figures.items()
        }
    emitted: list[str] = []
    slots = Slots()
    marks = Marks()

    def table(key: str) -> Markdown:
        entry = _table(key)
        emitted.append(f"tbl-{key}")
        if isinstance(entry, DataTable):
            if key not in model.tables:
                raise RenderError(f"tabel {key!r} is er niet; plaats hem binnen has({key!r})")
            return table_block(model.tables[key], marks).markdown()
        if entry.edition_bound:  # the edition's own table of words; the text check reads it
            slots.words.append(entry.content)
            found = model.word_tables.get(entry.content)
            items: Sequence[Mapping[str, object]] = found.rows if found else ()
        elif entry.used_only:  # filled in once the whole text is known
            return Markdown(_later(key))
        elif entry.content:
            values = named_values(model)
            items = [with_values(item, values) for item in content(entry.content)]
        elif entry.key == "correcties":
            items = correction_items(model.corrections)
        else:
            items = provenance_items(model.tables.values(), model.figures.values())
        return text_block(entry, items, marks).markdown()

    def figure(key: str) -> Markdown:
        _figure(key)
        emitted.append(f"fig-{key}")
        if key not in figures:
            raise RenderError(
                f"figuur {key!r} is er niet; plaats hem binnen de has() van zijn tabel"
            )
        return figures[key].markdown()

    context = {
        "rounding_paragraphs": lambda: rounding_paragraphs(model.differences, marks),
        "rule": whole_shares_rule(),  # the numbers that explain the largest-remainder rule
        "rounded_tables": lambda: tables_of(model.differences),
        "m": model,
        "ed": model.edition,
        "ind": model.indicators,
        "sc": model.scenario,
        "table": table,
        "figure": figure,
        "has": lambda key: key in model.tables,
        "content": content,
        "euro": numbers.euro,
        "tekst": slots.placer(),
        "changes": changes,
        "ref": reference,
    }
    token = _MARK.set(marks)
    try:
        env = environment()
        body = "\n".join(env.get_template(name).render(**context) for name in TEMPLATES)
    finally:
        _MARK.reset(token)
    body, findings = fill(body, model, slots, set(_DEFINED.findall(body)), marks)
    for entry in catalog.TABLES:
        if isinstance(entry, TextTable) and entry.used_only and _later(entry.key) in body:
            block = text_block(entry, _used(content(entry.content), entry, body)).markdown()
            body = body.replace(_later(entry.key), block)
    text = _front_matter(model, draft=bool(findings)) + body
    check_references(text)
    check_cited(text, emitted)
    numbering = Numbering(
        tables=_numbered(text, "tbl", emitted, catalog.TABLES, lambda k: _table_caption(model, k)),
        figures=_numbered(
            text, "fig", emitted, catalog.FIGURES, lambda k: model.figures[k].caption
        ),
    )
    names = {f"tbl-{n.key}": f"tabel {n.number}" for n in numbering.tables}
    names |= {f"fig-{n.key}": f"figuur {n.number}" for n in numbering.figures}
    text += "\n" + sources_block(marks.printed)
    text, located = unanchored(text, locate(text, marks.printed, names))
    return Composed(text, numbering, findings, tuple(located), model.figures)


def render_document(model: Model, build_dir: Path) -> Path:
    """The document alone (for callers that only publish it)."""
    return render(model, build_dir).document


def _later(key: str) -> str:
    return f"\x00tabel:{key}\x00"


def _used(
    items: Sequence[Mapping[str, object]], entry: TextTable, body: str
) -> list[Mapping[str, object]]:
    """The rows whose first column occurs in the report: an abbreviation the text uses."""
    plain = body.replace("\\", "")
    first = entry.columns[0].field
    words = sorted({str(item.get(first, "")) for item in items} - {""}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-])")
    found = set(pattern.findall(plain)) if words else set()
    return [item for item in items if str(item.get(first, "")) in found]


def _table(key: str) -> TableEntry:
    try:
        return catalog.table_entry(key)
    except KeyError:
        raise RenderError(f"tabel {key!r} staat niet in de catalogus") from None


def _figure(key: str) -> FigureEntry:
    try:
        return catalog.figure_entry(key)
    except KeyError:
        raise RenderError(f"figuur {key!r} staat niet in de catalogus") from None


def _table_caption(model: Model, key: str) -> str:
    table = model.tables.get(key)
    return table.title if table is not None else _table(key).caption


def _numbered(
    text: str,
    prefix: str,
    emitted: list[str],
    catalog: tuple[TableEntry, ...] | tuple[FigureEntry, ...],
    caption: Callable[[str], str],
) -> tuple[Numbered, ...]:
    """Number the captioned blocks of one kind in document order, as the publish filters do.

    Every captioned table or figure in the text must have come through `table()`/`figure()`
    once, and they must appear in the catalog's order.
    """
    found = re.findall(r"\{#(" + prefix + r"-[\w-]+)[ }]", text)
    mine = [label for label in emitted if label.startswith(prefix + "-")]
    if sorted(found) != sorted(mine) or len(set(found)) != len(found):
        stray = sorted(set(found) ^ set(mine)) or sorted({x for x in found if found.count(x) > 1})
        raise RenderError("bijschriften buiten de catalogus of dubbel: " + ", ".join(stray))
    keys = [label.removeprefix(prefix + "-") for label in found]
    expected = [entry.key for entry in catalog if entry.key in keys]
    if keys != expected:
        raise RenderError(
            f"de volgorde in het document ({', '.join(keys)}) wijkt af van de catalogus "
            f"({', '.join(expected)})"
        )
    return tuple(Numbered(n, key, caption(key)) for n, key in enumerate(keys, start=1))


def _front_matter(model: Model, draft: bool) -> str:
    """Metadata for pandoc; its values are read as Markdown, so edition text is escaped.

    A draft (open findings of the text check) says so: `concept: true` puts CONCEPT on the
    title page, in the PDF's running header, in the HTML and on the Word title page.
    """
    ed = model.edition
    meta = {
        "title": escape(ed.title),
        "subtitle": escape(ed.subtitle),
        "author": escape(ed.ministry),
        "date": ed.published.isoformat(),
        "lang": "nl",
        "periode": f"{ed.first_year}–{ed.last_year}",
    }
    plain: dict[str, str | bool] = {key: str(value) for key, value in meta.items()}
    if draft:
        plain["concept"] = True
    return "---\n" + yaml.safe_dump(plain, allow_unicode=True, sort_keys=False) + "---\n\n"


def check_cited(text: str, emitted: list[str]) -> None:
    """Every numbered table and figure is referred to in the text at least once."""
    cited = {label[:1].lower() + label[1:] for label in _CITED.findall(text)}
    uncited = [label for label in emitted if label not in cited]
    if uncited:
        raise RenderError(
            "tabellen en figuren waar de tekst nergens naar verwijst: " + ", ".join(uncited)
        )


def check_references(text: str) -> None:
    defined = set(_DEFINED.findall(text))
    missing = sorted({ref for ref in _USED.findall(text) if ref not in defined})
    if missing:
        raise RenderError("verwijzingen zonder doel: " + ", ".join(missing))
