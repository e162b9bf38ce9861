"""Render the chapter templates into one Quarto-markdown document in build/.

Templates only format: every number comes from the model through the filters below, every
table through `table()`, every figure through `figure()`. Cross-references are labels; a
reference to a label that the document does not define stops the build.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from report.present import numbers
from report.present.escape import md
from report.present.figures import Figure
from report.present.scenario_text import derivation_text
from report.present.tables import markdown_table, peildatum_text, text_table
from report.present.text import join_nl, trend, verb
from report.render.figures import make_figures

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
CHAPTERS = (
    "samenvatting.qmd.j2",
    "h1_inleiding.qmd.j2",
    "h2_vertrek.qmd.j2",
    "h3_maatregelen.qmd.j2",
    "h4_herkomstlanden.qmd.j2",
    "h5_conclusies.qmd.j2",
    "h6_verbeter_besparing.qmd.j2",
    "bijlagen.qmd.j2",
)
DOCUMENT = "rapport.qmd"

_DEFINED = re.compile(r"\{\s*#((?:tbl|fig|sec)-[\w-]+)")
_USED = re.compile(r"(?<![\w\\])@((?:tbl|fig|sec)-[\w-]*\w)")


class RenderError(Exception):
    """The templates produced an inconsistent document (a defect, not a user mistake)."""


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES / "chapters"),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md=md,
        n=numbers.number,
        pct=numbers.percent,
        mln=numbers.euro_mln,
        datum=peildatum_text,
        ref=lambda label: "@" + label,
        join_nl=join_nl,
        trend=trend,
        verb=verb,
        derivation=derivation_text,
        lower_first=lambda text: text[:1].lower() + text[1:],
    )
    return env


def content(name: str) -> object:
    """Content data (glossary, actors, policy areas) from templates/content/*.yml."""
    return yaml.safe_load((TEMPLATES / "content" / f"{name}.yml").read_text(encoding="utf-8"))


def render_document(model, build_dir: Path) -> Path:
    build_dir.mkdir(parents=True, exist_ok=True)
    figures = make_figures(model, build_dir)
    env = environment()
    numbered: dict[str, int] = {}

    def table(key: str) -> str:
        numbered.setdefault(key, len(numbered) + 1)
        return markdown_table(model.tables[key])

    def figure(key: str) -> str:
        fig: Figure = figures[key]
        return f'\n![{md(fig.caption)}]({fig.path}){{#fig-{fig.key} fig-alt="{_attr(fig.alt)}"}}\n'

    context = {
        "m": model,
        "ed": model.edition,
        "T": model.tables,
        "ind": model.indicators,
        "sc": model.scenario,
        "figures": figures,
        "table": table,
        "figure": figure,
        "has": lambda key: key in model.tables,
        "content": content,
        "text_table": text_table,
        "mln": numbers.euro_mln,
    }
    parts = [env.get_template(name).render(**context) for name in CHAPTERS]
    text = _front_matter(model) + "\n".join(parts)
    check_references(text)
    target = build_dir / DOCUMENT
    target.write_text(text, encoding="utf-8")
    return target


def _attr(text: str) -> str:
    """Text for a double-quoted Markdown attribute."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')


def _front_matter(model) -> str:
    ed = model.edition
    meta = {
        "title": ed.title,
        "subtitle": ed.subtitle,
        "author": ed.ministry,
        "date": ed.published.isoformat(),
        "lang": "nl",
        "periode": f"{ed.first_year}–{ed.last_year}",
    }
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def check_references(text: str) -> None:
    defined = set(_DEFINED.findall(text))
    missing = sorted({ref for ref in _USED.findall(text) if ref not in defined})
    if missing:
        raise RenderError("verwijzingen zonder doel: " + ", ".join(missing))
