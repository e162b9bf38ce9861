"""The Quarto engine: `quarto render` with the project settings in templates/publish/_quarto.yml.

Quarto finds its settings in the directory of the document, so the document and its figures
are copied into a temporary Quarto project together with the house style (the Typst partials,
stylesheet, fonts) and the two Lua filters the engines share. Quarto numbers and resolves the
cross-references itself. Timestamps come from the document's date through SOURCE_DATE_EPOCH,
which both pandoc and Typst honour.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from report.publish.embedded import FILTERS, FORMAT_NAMES, TEMPLATES, TIMEOUT
from report.publish.errors import PublishError
from report.publish.frontmatter import FrontMatter

QUARTO_FORMATS = {"pdf": "typst", "html": "html", "docx": "docx"}
PROJECT_FILES = ("_quarto.yml", "typst-template.typ", "typst-show.typ", "rapport.css")
SHARED_FILTERS = ("sentence_refs.lua", "source_notes.lua")
OUTPUT_DIR = "_publicatie"  # project: output-dir in _quarto.yml


def available() -> bool:
    return shutil.which("quarto") is not None


def render(
    document: Path, target: Path, formats: Sequence[str], front: FrontMatter
) -> dict[str, Path]:
    quarto = shutil.which("quarto")
    if quarto is None:
        raise PublishError(
            "Quarto is niet geïnstalleerd (het programma 'quarto' staat niet in het PATH). "
            "Installeer Quarto of publiceer met --engine embedded."
        )
    with tempfile.TemporaryDirectory(prefix="publicatie-quarto-") as work:
        project = Path(work) / "project"
        shutil.copytree(document.parent, project)
        for name in PROJECT_FILES:
            shutil.copy2(TEMPLATES / name, project / name)
        shutil.copytree(TEMPLATES / "fonts", project / "fonts")
        for name in SHARED_FILTERS:
            shutil.copy2(FILTERS / name, project / name)
        command = [
            quarto,
            "render",
            document.name,
            "--to",
            ",".join(QUARTO_FORMATS[fmt] for fmt in formats),
        ]
        environment = dict(os.environ, SOURCE_DATE_EPOCH=str(int(front.timestamp.timestamp())))
        try:
            run = subprocess.run(
                command,
                cwd=project,
                env=environment,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PublishError(f"Quarto werd na {TIMEOUT} seconden gestopt.") from None
        if run.returncode != 0:
            message = run.stderr.decode("utf-8", "replace").strip()
            raise PublishError(f"Quarto kon het document niet publiceren:\n{message}")
        outputs = {}
        for fmt in formats:
            made = project / OUTPUT_DIR / f"{document.stem}.{fmt}"
            if not made.is_file():
                raise PublishError(
                    f"Quarto heeft {FORMAT_NAMES[fmt]} niet gemaakt ({made.name} ontbreekt)."
                )
            outputs[fmt] = target / made.name
            shutil.move(made, outputs[fmt])
        return outputs
