"""Publish stage: the Quarto-markdown document in build/ → PDF, HTML and DOCX in output/.

Two engines give the same document: `embedded` (default; pandoc from pypandoc-binary and
Typst from the typst package, see embedded.py) and `quarto` (`quarto render` with
templates/publish/_quarto.yml, see quarto.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from report.publish import atomic, embedded, quarto
from report.publish.errors import PublishError
from report.publish.frontmatter import read_front_matter

__all__ = ["ENGINES", "FORMATS", "PublishError", "publish"]

FORMATS = ("pdf", "html", "docx")
ENGINES = {"embedded": embedded.render, "quarto": quarto.render}


def publish(
    document: Path,
    output_dir: Path,
    formats: Sequence[str] = FORMATS,
    engine: str = "embedded",
    extras: Mapping[str, Path] | None = None,
) -> dict[str, Path]:
    """Publish `document` (`<stem>.qmd`, figures beside it) as `<stem>.<format>` in `output_dir`.

    `extras` ({"tabellen.xlsx": path, "open-data": folder}) are copied along under their key,
    files and folders alike. Returns the final paths: by format ("pdf", "html", "docx") and by
    name for the extras.

    Atomic: the publication is built in a hidden sibling of `output_dir` and swapped in with
    one rename only when every format and extra is complete, so `output_dir` always holds
    the complete previous or the complete new publication, also when the process is killed
    (details in atomic.py). On failure PublishError (Dutch message) is raised and the
    previous publication is left byte for byte as it was.

    Deterministic: every date in the outputs is the front matter's `date:`, so the same
    document gives byte-identical PDF, HTML and DOCX.
    """
    document = Path(document)
    output_dir = Path(output_dir)
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise PublishError(f"onbekend formaat {', '.join(unknown)}; kies uit {', '.join(FORMATS)}")
    if engine not in ENGINES:
        raise PublishError(f"onbekende engine {engine!r}; kies uit {', '.join(ENGINES)}")
    if not document.is_file():
        raise PublishError(f"Het document {document} bestaat niet; er is niets gepubliceerd.")
    front = read_front_matter(document)
    extras = dict(extras or {})
    for name, source in extras.items():
        if Path(name).name != name or name in (".", ".."):
            raise PublishError(
                f"{name!r} is geen bestandsnaam; extra bestanden staan naast het rapport."
            )
        if not Path(source).exists():
            raise PublishError(f"{source} bestaat niet; {name} kan niet worden meegepubliceerd.")
    with atomic.replacing(output_dir) as staging:
        made = ENGINES[engine](document.resolve(), staging, list(dict.fromkeys(formats)), front)
        for name, source in extras.items():
            if Path(source).is_dir():
                shutil.copytree(source, staging / name)
            else:
                shutil.copyfile(source, staging / name)
            made[name] = staging / name
    return {key: output_dir / path.name for key, path in made.items()}
