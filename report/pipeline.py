"""The build, stage by stage: read → compute → render → publish.

Each stage is a function of the previous stage's result; only the ends touch files. The
publication is replaced atomically by the publish stage, so an error anywhere leaves the
previous output as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from report.inputs.read import Inputs, read_inputs
from report.problems import Note
from report.resources import PUBLISH


@dataclass(frozen=True)
class BuildResult:
    outputs: list[Path]
    notes_shown: list[Note]


def check(data_dir: Path) -> list[Note]:
    """Validate the inputs as a build would (reading and the model's reconciliation)."""
    from report.model import build_model

    inputs = read_inputs(data_dir)
    return build_model(inputs).notes


def build(
    data_dir: Path,
    output_dir: Path,
    build_dir: Path,
    formats: Sequence[str],
    engine: str,
    stages,
) -> BuildResult:
    from report.model import build_model
    from report.present.workbook import write_tables_workbook
    from report.render.document import render

    inputs: Inputs = stages.run("Werkmappen inlezen en controleren", lambda: read_inputs(data_dir))
    model = stages.run(
        "Tabellen, indicatoren en -20%-variant berekenen", lambda: build_model(inputs)
    )
    rendered = stages.run("Document en figuren opmaken", lambda: render(model, build_dir))
    document = rendered.document
    extras = {}
    if "xlsx" in formats:
        workbook = build_dir / "tabellen.xlsx"
        write_tables_workbook(model, workbook, rendered.numbering)
        extras["tabellen.xlsx"] = workbook
    documents = [f for f in formats if f != "xlsx"]
    digest = _digest(document, extras, formats, engine)
    stamp = build_dir / "publicatie.json"
    expected = [output_dir / f"rapport.{f}" for f in documents] + [output_dir / n for n in extras]
    if _unchanged(stamp, digest, output_dir, expected):
        stages.skip("Publiceren", "ongewijzigd, vorige publicatie staat er al")
        return BuildResult(sorted(expected), [])

    def run_publish():
        from report.publish import publish

        return publish(document, output_dir, documents, engine=engine, extras=extras)

    published = stages.run(
        "Publiceren (" + ", ".join(f.upper() for f in formats) + ")", run_publish
    )
    stamp.write_text(
        json.dumps({"digest": digest, "output": str(output_dir.resolve())}), encoding="utf-8"
    )
    return BuildResult(sorted(published.values()), [])


def _digest(document: Path, extras: dict[str, Path], formats, engine: str) -> str:
    """Everything the publication depends on; figure file names carry their own content hash."""
    digest = hashlib.sha256(document.read_bytes())
    for name in sorted(extras):
        digest.update(name.encode() + extras[name].read_bytes())
    digest.update(repr((sorted(formats), engine, _engine_version())).encode())
    return digest.hexdigest()


def _engine_version() -> str:
    """Publishing templates and filters count too: a change to them must republish."""
    files = [*(Path(__file__).resolve().parent / "publish").rglob("*"), *PUBLISH.rglob("*")]
    digest = hashlib.sha256()
    for path in sorted(p for p in files if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _unchanged(stamp: Path, digest: str, output_dir: Path, expected: list[Path]) -> bool:
    try:
        previous = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    same_place = previous.get("output") == str(output_dir.resolve())
    return previous.get("digest") == digest and same_place and all(p.exists() for p in expected)


def run_scenario(data_dir: Path, overrides: Sequence[str]) -> str:
    """`python build.py scenario`: read the inputs, compute the variant, return the terminal text."""
    from report.model.overrides import parse_override
    from report.model.scenario import build_scenario
    from report.model.sources import Sources
    from report.present.scenario_text import scenario_text

    parsed = [parse_override(text) for text in overrides]
    inputs = read_inputs(data_dir)
    sources = Sources(inputs.edition, inputs.tables)
    scenario = build_scenario(
        inputs.edition,
        sources.year("programma"),
        sources.year("apparaat"),
        sources.records("maatregelen"),
        parsed,
    )
    return scenario_text(scenario)
