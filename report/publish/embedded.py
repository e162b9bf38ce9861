"""The embedded engine: pandoc from pypandoc-binary and Typst from the typst package.

- PDF: pandoc writes Typst source with the house template (templates/publish/rapport.typ)
  and the Lua filters; Typst compiles it to a tagged PDF that conforms to PDF/UA-1.
- HTML: pandoc writes one self-contained file (`--embed-resources`: figures and stylesheet
  inside, no external requests) with the house template and stylesheet.
- DOCX: pandoc, for reviewers, with the house style of reference.docx (made by
  tools/make_reference_docx.py), the title page of rapport.openxml and docx.lua (title-page
  section, filled table of contents, landscape sections).

The three pandoc runs work in parallel (the Typst source from the start, the HTML and DOCX
once the figures are drawn). Every timestamp comes from the document's date, so
the same document gives the same bytes: Typst gets it as creation time, pandoc as
SOURCE_DATE_EPOCH (DOCX zip entries and core properties). pandoc and Typst warnings fail
the publication: they mean a missing figure, an unknown font or a broken label.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import os
import re
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

import pypandoc
import typst

from report.publish.errors import PublishError
from report.publish.frontmatter import FrontMatter
from report.resources import FONTS
from report.resources import PUBLISH as TEMPLATES

FILTERS = Path(__file__).resolve().parent / "filters"
# Order matters: numbers' sources out of all formats but HTML, capitals first, then numbering
# (which needs the tables and figures as pandoc elements), then the writers' own forms of
# figures, tables and source notes.
FILTER_CHAIN = (
    "herkomst.lua",
    "sentence_refs.lua",
    "crossref.lua",
    "alt_text.lua",
    "tables.lua",
    "source_notes.lua",
    "docx.lua",
)
PDF_STANDARD: Final = "ua-1"
# Set only by the preview (chapters.py) for crossref.lua; publishing removes them.
PREVIEW_ONLY: Final = ("PREVIEW_CROSSREF_IN", "PREVIEW_CROSSREF_OUT")
TIMEOUT = 600  # seconds; a conversion of this document takes about one

FORMAT_NAMES = {"pdf": "de PDF", "html": "de HTML-versie", "docx": "het Word-bestand"}
STYLESHEET = TEMPLATES / "rapport.css"
_UNKNOWN_REFERENCE = re.compile(r"onbekende verwijzing: ([^\n]+)")
_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="[^"]*">')
_IMAGE_SOURCE = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]+)(")')


def render(
    document: Path,
    target: Path,
    formats: Sequence[str],
    front: FrontMatter,
    figures_ready: Callable[[], None],
) -> dict[str, Path]:
    """Write `<stem>.<format>` into `target` for every format; return the paths by format.

    pandoc writes the Typst source while the figures may still be drawn (it only names them);
    the HTML and DOCX runs, which embed them, and Typst start after `figures_ready()`.
    """
    outputs = {fmt: target / f"{document.stem}.{fmt}" for fmt in formats}
    runs: dict[str, subprocess.Popen] = {}
    try:
        if "pdf" in outputs:
            runs["pdf"] = _start_pandoc(document, "pdf", outputs["pdf"], front)
        figures_ready()
        for fmt in formats:
            if fmt != "pdf":
                runs[fmt] = _start_pandoc(document, fmt, outputs[fmt], front)
        if "pdf" in runs:  # Typst compiles while pandoc still writes the other formats
            source = finish_pandoc(document, "pdf", runs["pdf"])
            outputs["pdf"].write_bytes(_compile_pdf(source, document.parent, front))
        for fmt, run in runs.items():
            if fmt != "pdf":
                finish_pandoc(document, fmt, run)
    finally:
        for run in runs.values():
            if run.poll() is None:
                run.kill()
                run.wait()
    return outputs


def pandoc_arguments(fmt: str, output: Path | None, front: FrontMatter) -> list[str]:
    """pandoc's arguments for one format (for the PDF, and the HTML without `output`, the
    result goes to stdout)."""
    arguments = common_arguments(front)
    if fmt == "pdf":
        return [
            *arguments,
            "--toc",
            "--to=typst",
            "--standalone",
            f"--template={TEMPLATES / 'rapport.typ'}",
        ]
    if fmt == "html":
        page = [
            *html_body_arguments(arguments),
            "--toc",
            "--standalone",
            f"--template={TEMPLATES / 'rapport.html'}",
            f"--css={STYLESHEET}",
            "--toc-depth=3",
        ]
        return page + (["--embed-resources", f"--output={output}"] if output else [])
    return [
        *arguments,
        "--to=docx",
        f"--reference-doc={TEMPLATES / 'reference.docx'}",
        f"--template={TEMPLATES / 'rapport.openxml'}",
        f"--output={output}",
    ]


def common_arguments(front: FrontMatter) -> list[str]:
    """pandoc's arguments for every format: input, house data, dates, the Lua filters."""
    return [
        "--from=markdown",
        f"--data-dir={TEMPLATES}",  # not the user's: their reference.docx would change the output
        "--fail-if-warnings",
        f"--metadata=date={front.date_text}",
        f"--metadata=iso-date={front.date.isoformat()}",
        "--metadata=toc-title=Inhoudsopgave",
        *[f"--lua-filter={FILTERS / name}" for name in FILTER_CHAIN],
    ]


def html_body_arguments(common: list[str]) -> list[str]:
    """pandoc's arguments for the HTML of the document's body (the page adds its template)."""
    return [*common, "--to=html5", "--section-divs", "--shift-heading-level-by=1", "--mathml"]


def publishing_environment(front: FrontMatter) -> dict[str, str]:
    """The tools' environment: the edition's date for timestamps, no preview-only settings."""
    environment = dict(os.environ, SOURCE_DATE_EPOCH=str(int(front.timestamp.timestamp())))
    for name in PREVIEW_ONLY:
        environment.pop(name, None)
    return environment


def _start_pandoc(
    document: Path, fmt: str, output: Path | None, front: FrontMatter
) -> subprocess.Popen:
    command = [pypandoc.get_pandoc_path(), document.name, *pandoc_arguments(fmt, output, front)]
    return subprocess.Popen(
        command,
        cwd=document.parent,
        env=publishing_environment(front),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def self_contained(page: str, folder: Path) -> str:
    """A page of the preview with the stylesheet and figures put in, as `<style>` and `data:`
    addresses: pandoc's `--embed-resources` would read the whole page back and write it
    again (a third of the run). The page looks the same as the published file; its markup is
    not byte for byte the same (pandoc's embedding rewrites it).
    """
    folder = folder.resolve()
    style = STYLESHEET.read_text(encoding="utf-8")
    page, found = _STYLESHEET_LINK.subn(lambda _: f"<style>\n{style}</style>", page, count=1)
    if not found:
        raise PublishError("De HTML-sjabloon verwijst niet naar het stijlblad rapport.css.")

    def embedded_image(match: re.Match[str]) -> str:
        source = html.unescape(match.group(2))
        path = (folder / source).resolve()
        if source.startswith("data:"):
            return match.group(0)
        if not path.is_relative_to(folder) or not path.is_file():
            raise PublishError(
                f"De HTML-versie kan {source} niet insluiten: het bestand ontbreekt. "
                "Er is niets gepubliceerd."
            )
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return f"{match.group(1)}data:{kind};base64,{data}{match.group(3)}"

    return _IMAGE_SOURCE.sub(embedded_image, page)


def unknown_reference_error(document: Path, message: str) -> PublishError | None:
    """The Dutch error for crossref.lua's "onbekende verwijzing", if `message` reports one."""
    found = _UNKNOWN_REFERENCE.search(message)
    if not found:
        return None
    labels = found.group(1).strip().split(", ")
    if len(labels) == 1:
        message = (
            f"{document.name} verwijst naar {labels[0]}, maar er is geen tabel, figuur of "
            "paragraaf met dat label."
        )
    else:
        message = (
            f"{document.name} verwijst naar {', '.join(labels[:-1])} en {labels[-1]}, maar er "
            "zijn geen tabellen, figuren of paragrafen met die labels."
        )
    text = document.read_text(encoding="utf-8")
    written = [label for label in labels if "{#" + label[1:] in text]
    if written:
        message += (
            f" Het label {', '.join(written)} staat wel in de tekst, maar niet aan een tabel, "
            "figuur of kop; ontbreekt er een lege regel vóór de tabel?"
        )
    return PublishError(message + " Er is niets gepubliceerd.")


def finish_pandoc(document: Path, fmt: str, run: subprocess.Popen) -> bytes:
    try:
        stdout, stderr = run.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise PublishError(
            f"pandoc werd na {TIMEOUT} seconden gestopt bij het maken van {FORMAT_NAMES[fmt]}."
        ) from None
    if run.returncode != 0:
        message = stderr.decode("utf-8", "replace").strip()
        unknown = unknown_reference_error(document, message)
        if unknown:
            raise unknown
        raise PublishError(f"pandoc kon {FORMAT_NAMES[fmt]} niet maken:\n{message}")
    return stdout


def _compile_pdf(source: bytes, root: Path, front: FrontMatter) -> bytes:
    compiler = typst.Compiler(root=str(root), font_paths=[str(FONTS)], ignore_system_fonts=True)
    try:
        pdf, warnings = compiler.compile_with_warnings(
            input=source, format="pdf", pdf_standards=[PDF_STANDARD], timestamp=front.timestamp
        )
    except typst.TypstError as error:
        raise PublishError(f"Typst kon de PDF niet maken: {_typst_text(error)}") from None
    if warnings:
        details = "\n".join(_typst_text(warning) for warning in warnings)
        raise PublishError(f"Typst gaf waarschuwingen bij het maken van de PDF:\n{details}")
    if not isinstance(pdf, bytes):  # a list of pages is only for image formats
        raise PublishError("Typst gaf geen PDF terug.")
    return pdf


def _typst_text(problem: typst.TypstError | typst.TypstWarning) -> str:
    hints = "".join(f"\n  tip: {hint}" for hint in problem.hints or ())
    return f"{problem.message}{hints}"
