"""The Quarto engine: `quarto render` of the same document, giving the same publication.

Quarto drives the same pandoc and Typst as the embedded engine, so the two agree when Quarto
runs the same filters with the same templates. The document and its figures are copied into a
temporary Quarto project with the house style (`_huisstijl/`) and the Lua filters
(`_filters/`); its `_quarto.yml` is templates/publish/_quarto.yml with only the formats asked
for, the embedded engine's filter chain at Quarto's first entry point (`pre-ast`), and the
edition date. Quarto's own cross-referencing would rebuild every table and figure, so
quarto_shield.lua hides them from it and quarto_unshield.lua restores them before pandoc
writes (see README, "Quarto", for what still differs).

One `quarto render` without `--to` writes every format in the project file (inside a project
Quarto reads `--to typst,html` as one unknown format name). Timestamps come from the
document's date through SOURCE_DATE_EPOCH, which pandoc and Typst honour. Quarto's messages
reach the user without colour codes, in the same Dutch frame as the embedded engine's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from report.publish.embedded import (
    FILTER_CHAIN,
    FILTERS,
    FORMAT_NAMES,
    TEMPLATES,
    TIMEOUT,
    publishing_environment,
    unknown_reference_error,
)
from report.publish.errors import PublishError
from report.publish.frontmatter import FrontMatter

QUARTO_FORMATS = {"pdf": "typst", "html": "html", "docx": "docx"}
HOUSE_STYLE = (
    "typst-template.typ",
    "typst-show.typ",
    "rapport.typ",
    "rapport.html",
    "rapport.css",
    "reference.docx",
    "rapport.openxml",
)
SHIELD, UNSHIELD = "quarto_shield.lua", "quarto_unshield.lua"
OUTPUT_DIR = "_publicatie"  # project: output-dir in _quarto.yml
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_LINKED_SOURCE = re.compile(r'<img[^>]*\ssrc="(?!data:)([^"]+)"')
_FILTER_PROBLEM = re.compile(r"(ERROR|WARNING) \(")  # Quarto's log of a Lua filter


def project_settings(formats: Sequence[str], front: FrontMatter) -> dict:
    """_quarto.yml for these formats: the house settings, the shared filters, the edition date."""
    settings = yaml.safe_load((TEMPLATES / "_quarto.yml").read_text(encoding="utf-8"))
    settings["format"] = {
        QUARTO_FORMATS[fmt]: settings["format"][QUARTO_FORMATS[fmt]] for fmt in formats
    }
    settings["filters"] = [
        *({"path": f"_filters/{name}", "at": "pre-ast"} for name in (*FILTER_CHAIN, SHIELD)),
        {"path": f"_filters/{UNSHIELD}", "at": "post-render"},
    ]
    settings["iso-date"] = front.date.isoformat()
    return settings


def render(
    document: Path,
    target: Path,
    formats: Sequence[str],
    front: FrontMatter,
    figures_ready: Callable[[], None],
) -> dict[str, Path]:
    quarto = shutil.which("quarto")
    if quarto is None:
        raise PublishError(
            "Quarto is niet geïnstalleerd (het programma 'quarto' staat niet in het PATH). "
            "Installeer Quarto of publiceer met --engine embedded."
        )
    figures_ready()  # the project is a copy of the build folder, figures included
    with tempfile.TemporaryDirectory(prefix="publicatie-quarto-") as work:
        project = Path(work) / "project"
        shutil.copytree(document.parent, project)
        house = project / "_huisstijl"
        house.mkdir()
        for name in HOUSE_STYLE:
            shutil.copyfile(TEMPLATES / name, house / name)
        shutil.copytree(TEMPLATES / "fonts", house / "fonts")
        shutil.copytree(FILTERS, project / "_filters")
        (project / "_quarto.yml").write_text(
            yaml.safe_dump(project_settings(formats, front), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        _run(quarto, document, project, front)
        outputs = {}
        for fmt in formats:
            made = project / OUTPUT_DIR / f"{document.stem}.{fmt}"
            if not made.is_file():
                raise PublishError(
                    f"Quarto heeft {FORMAT_NAMES[fmt]} niet gemaakt ({made.name} ontbreekt)."
                )
            if fmt == "html":
                _check_self_contained(made)
            outputs[fmt] = target / made.name
            shutil.move(made, outputs[fmt])
        return outputs


def _check_self_contained(page: Path) -> None:
    """Quarto embeds the HTML's resources itself and leaves a missing figure as a link."""
    missing = sorted(set(_LINKED_SOURCE.findall(page.read_text(encoding="utf-8"))))
    if missing:
        raise PublishError(
            f"De HTML-versie kan {', '.join(missing)} niet insluiten: het bestand ontbreekt. "
            "Er is niets gepubliceerd."
        )


def _run(quarto: str, document: Path, project: Path, front: FrontMatter) -> None:
    environment = dict(publishing_environment(front), NO_COLOR="1")
    try:
        run = subprocess.run(
            # pandoc's warnings (a missing figure) fail the publication, as in the embedded engine
            [quarto, "render", document.name, "--fail-if-warnings"],
            cwd=project,
            env=environment,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PublishError(f"Quarto werd na {TIMEOUT} seconden gestopt.") from None
    messages = quarto_messages(run.stderr.decode("utf-8", "replace"))
    # Quarto logs an error in a Lua filter (crossref.lua's unknown reference) and goes on.
    failed = [line for line in messages if _FILTER_PROBLEM.match(line)]
    if run.returncode != 0 or failed:
        message = "\n".join(messages)
        unknown = unknown_reference_error(document, message)
        if unknown:
            raise unknown
        raise PublishError(f"Quarto kon het document niet publiceren:\n{message}")


def quarto_messages(stderr: str) -> list[str]:
    """Quarto's messages without colour codes, its listing of pandoc's options and progress."""
    messages, in_listing = [], False
    for line in _ANSI.sub("", stderr).splitlines():
        if line.split()[:1] == ["pandoc"] or line.strip() == "metadata":
            in_listing = True
        elif in_listing and (line.startswith(" ") or not line.strip()):
            continue
        else:
            in_listing = False
            if line.strip() and not line.startswith("Output created:"):
                messages.append(line.rstrip())
    return messages
