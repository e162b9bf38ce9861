"""The build, stage by stage: read → compute → render → publish.

Each stage is a function of the previous stage's result; only the ends touch files. The
publication is replaced atomically by the publish stage, so an error anywhere leaves the
previous output as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from report.inputs.read import Inputs, read_inputs
from report.problems import Note


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
    from report.render.document import render_document

    inputs: Inputs = stages.run("Werkmappen inlezen en controleren", lambda: read_inputs(data_dir))
    model = stages.run(
        "Tabellen, indicatoren en -20%-variant berekenen", lambda: build_model(inputs)
    )
    document = stages.run("Document en figuren opmaken", lambda: render_document(model, build_dir))
    extras = {}
    if "xlsx" in formats:
        workbook = build_dir / "tabellen.xlsx"
        write_tables_workbook(model, workbook)
        extras["tabellen.xlsx"] = workbook
    from report.publish import publish

    documents = [f for f in formats if f != "xlsx"]
    published = stages.run(
        "Publiceren (" + ", ".join(f.upper() for f in formats) + ")",
        lambda: publish(document, output_dir, documents, engine=engine, extras=extras),
    )
    return BuildResult(sorted(published.values()), [])
