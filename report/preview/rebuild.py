"""The preview's incremental build: only the stages a change makes stale, HTML only.

A change in the data folder reads the edition again and recomputes the model; a change of
its text alone (tekst/) reads only the text and keeps the model's figures; a template change
keeps the model and renders again. Figures are cached by content hash in the build
folder (`present/figures.py`), so only a figure whose data changed is drawn again. The HTML
page is made by `publish/chapters.py` (the published page's pandoc run, its filters and
template; the stylesheet and figures put in without pandoc's second pass; after the first page
only the chapters whose text changed are converted again) and kept in the preview's own build
folder, never in `output/`; only when the document differs from the one shown (or a publishing
template changed, which converts the whole document again).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import jinja2

from report.inputs.read import read_inputs, read_text
from report.model import Model, build_model
from report.preview.watch import Work
from report.problems import InputError, Problem
from report.publish import PublishError
from report.publish.chapters import ChapterPages
from report.render.document import render_document

HTML_DIR = "html"  # inside the build folder: the page shown, rapport.html
CHAPTERS_DIR = "hoofdstukken"  # inside the build folder: the chapters converted on their own
FIGURES_DIR = "figuren"  # where render_document keeps the figures, named <key>-<hash>.png


@dataclass(frozen=True)
class Outcome:
    """What one rebuild gave: the report's HTML, the input problems, or an error message."""

    kind: Literal["rapport", "invoer", "fout"]
    html: str = ""
    problems: list[Problem] = field(default_factory=list)
    message: str = ""
    seconds: float = 0.0
    redrawn: list[str] = field(default_factory=list)  # figure keys drawn anew
    republished: bool = False


class Rebuilder:
    """Keeps the model and the last published document between rebuilds."""

    def __init__(self, data_dir: Path, build_dir: Path):
        self.data_dir = data_dir
        self.build_dir = build_dir
        self.model: Model | None = None
        self.shown: str | None = None  # digest of the document whose HTML is in HTML_DIR
        self.pages = ChapterPages(build_dir / CHAPTERS_DIR)

    def rebuild(self, work: Work) -> Outcome:
        start = time.perf_counter()
        try:
            outcome = self._rebuild(work)
        except InputError as error:
            self.model = None  # a later template change must read the inputs again
            outcome = Outcome("invoer", problems=list(error.problems))
        except PublishError as error:
            outcome = Outcome("fout", message=f"Publiceren mislukt: {error}")
        except jinja2.TemplateError as error:
            outcome = Outcome("fout", message=_template_message(error))
        except Exception as error:  # a defect: keep the details, keep the preview running
            log = self.build_dir / "fout.log"
            log.write_text(traceback.format_exc(), encoding="utf-8")
            outcome = Outcome("fout", message=f"Interne fout: {error}. Details staan in {log}.")
        return dataclasses.replace(outcome, seconds=time.perf_counter() - start)

    def _rebuild(self, work: Work) -> Outcome:
        if work is Work.READ or self.model is None:
            self.model = build_model(read_inputs(self.data_dir))
        elif work is Work.TEXT:  # the model's figures stay; only its text is new
            narrative, word_tables = read_text(self.data_dir)
            kept = self.model.word_tables  # if unchanged, the text check keeps what it knows
            self.model = dataclasses.replace(
                self.model,
                narrative=narrative,
                word_tables=kept if word_tables == kept else word_tables,
            )
        figures_before = self._figures()
        document = render_document(self.model, self.build_dir)
        redrawn = sorted(_key(name) for name in self._figures() - figures_before)
        digest = hashlib.sha256(document.read_bytes()).hexdigest()
        page = self.build_dir / HTML_DIR / f"{document.stem}.html"
        republish = digest != self.shown or work is Work.PUBLISH or not page.is_file()
        if republish:
            self.shown = None  # a failed publish leaves nothing we can vouch for
            if work is Work.PUBLISH:
                self.pages = ChapterPages(self.build_dir / CHAPTERS_DIR)  # new templates
            _write(page, self.pages.page(document))
            self.shown = digest
        return Outcome(
            "rapport",
            html=page.read_text(encoding="utf-8"),
            redrawn=redrawn,
            republished=republish,
        )

    def _figures(self) -> set[str]:
        folder = self.build_dir / FIGURES_DIR
        return {path.name for path in folder.glob("*.png")} if folder.is_dir() else set()


def _write(path: Path, text: str) -> None:
    """Replace the page in one step, so the server never reads half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _key(file_name: str) -> str:
    """`uitgaven-fed95a4b1c22.png` → `uitgaven`."""
    return file_name.rsplit("-", 1)[0]


def _template_message(error: jinja2.TemplateError) -> str:
    place = ""
    if isinstance(error, jinja2.TemplateSyntaxError):
        place = f" in {error.name or error.filename or 'een sjabloon'}, regel {error.lineno}"
    return f"Fout in een sjabloon{place}: {error.message or error}"
