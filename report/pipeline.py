"""The build, stage by stage: read → compute → render → publish.

Each stage is a function of the previous stage's result; only the ends touch files. Before
anything is read, the output and build folders are checked (they may never touch the inputs
or the project) and locked (one build per folder at a time). The publication is replaced
atomically by the publish stage, so an error anywhere leaves the previous output as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from report import stamp
from report.folders import (
    FileSystemFault,
    check_folders,
    fault_in,
    folder_lock,
    lock_path,
    reason,
)
from report.inputs.read import Inputs, read_inputs
from report.problems import DraftRefused, InputError, Note, Problem, TextFinding
from report.publish.errors import PublishError
from report.resources import PUBLISH

if TYPE_CHECKING:
    from report.model import Model
    from report.model.changes import Changes

T = TypeVar("T")


class Progress(Protocol):
    """Shows the stages of a build as they run (the command line prints them)."""

    def run(self, name: str, work: Callable[[], T]) -> T: ...

    def skip(self, name: str, reason: str) -> None: ...


@dataclass(frozen=True)
class BuildResult:
    outputs: list[Path]  # everything the output folder holds now, kept files included
    notes: list[Note]
    republished: bool
    kept: tuple[str, ...] = ()  # not asked for, made from the same inputs: kept
    removed: tuple[tuple[str, str], ...] = ()  # not asked for, (name, why) removed
    findings: list[TextFinding] = field(default_factory=list)  # the text check: a draft


@dataclass(frozen=True)
class Checked:
    notes: list[Note]
    findings: list[TextFinding]  # the text check over the narrative


def check(data_dir: Path) -> Checked:
    """Validate the inputs as a build would, and run the text check (no figure is drawn)."""
    from report.model import build_model
    from report.render.document import compose

    model = build_model(_read(data_dir))
    return Checked(model.notes, compose(model).findings)


def text_check_without_model(data_dir: Path) -> list[TextFinding]:
    """What the text check can say while the inputs are unusable: markers, dates, file names.

    A new edition's blank workbooks cannot be computed, yet its writers can start on the text.
    """
    from report.inputs.edition import load_edition
    from report.inputs.narrative import read_narrative, read_word_tables
    from report.narrative.check import (
        edition_findings,
        review_markers,
        reviewed_rows,
        unknown_files,
    )

    try:
        edition = load_edition(data_dir / "editie.yml")
    except InputError:
        return []
    narrative, _ = read_narrative(data_dir)
    tables, _ = read_word_tables(data_dir)
    return [
        *edition_findings(edition),
        *unknown_files([*narrative, *(f"{name}.yml" for name in tables)]),
        *review_markers(narrative),
        *reviewed_rows(tables.values()),
    ]


def build(
    data_dir: Path,
    output_dir: Path,
    build_dir: Path,
    formats: Sequence[str],
    engine: str,
    progress: Progress,
    on_wait: Callable[[Path], None] | None = None,
    previous: Path | None = None,
    final: bool = False,
) -> BuildResult:
    """Build the publication; `on_wait` is told when another build holds one of the folders.

    With `previous` (the previous edition's tabellen.xlsx or data folder) the report gets the
    appendix on what changed since then. With open findings of the text check the publication
    is a draft (marked CONCEPT); `final` refuses to publish it (DraftRefused) and leaves the
    previous publication alone.
    """
    check_folders(output_dir, build_dir, [data_dir, *([previous] if previous else [])])
    with ExitStack() as locks:
        for folder in sorted((build_dir, output_dir), key=lock_path):  # one order: no deadlock
            locks.enter_context(folder_lock(folder, on_wait=on_wait))
        return _build(data_dir, output_dir, build_dir, formats, engine, progress, previous, final)


def _build(
    data_dir: Path,
    output_dir: Path,
    build_dir: Path,
    formats: Sequence[str],
    engine: str,
    progress: Progress,
    previous: Path | None = None,
    final: bool = False,
) -> BuildResult:
    from report.model import build_model
    from report.model.changes import facts
    from report.present import changes as changes_text
    from report.present import herkomst
    from report.present.open_data import write_open_data
    from report.present.workbook import write_tables_workbook
    from report.render.document import render

    inputs = progress.run("Werkmappen inlezen en controleren", lambda: _read(data_dir))
    model = progress.run(
        "Tabellen, indicatoren en -20%-variant berekenen", lambda: build_model(inputs)
    )
    changes = None
    if previous is not None:
        changes = progress.run(
            "Vergelijken met de vorige editie", lambda: changes_since(previous, model)
        )
    with _writing(build_dir):
        rendered = progress.run(
            "Document en figuren opmaken", lambda: render(model, build_dir, changes)
        )
        if final and rendered.findings:
            raise DraftRefused(rendered.findings)
        document = rendered.document
        audit = build_dir / stamp.HERKOMST
        herkomst.write_csv(rendered.herkomst, audit)
        extras = {stamp.HERKOMST: audit}
        if "xlsx" in formats:
            workbook = build_dir / stamp.TABLES
            sheets = [
                herkomst.sheet(rendered.herkomst),
                changes_text.parameter_sheet(facts(model)),
            ]
            write_tables_workbook(model, workbook, rendered.numbering, sheets)
            extras[stamp.TABLES] = workbook
        if "csv" in formats:
            folder = build_dir / stamp.OPEN_DATA
            write_open_data(model, rendered.numbering, folder)
            extras[stamp.OPEN_DATA] = folder
        documents = [f for f in formats if f in stamp.DOCUMENT_FORMATS]
        source = _source(document, engine)
        digest = _digest(source, extras, formats)
    wanted = [f"{document.stem}.{f}" for f in documents] + list(extras)
    with _writing(output_dir):
        carried = stamp.carry_over(build_dir, source, output_dir, wanted)
    names = wanted + list(carried.kept)
    if stamp.unchanged(build_dir, digest, output_dir, names):
        progress.skip("Publiceren", "ongewijzigd, de publicatie staat er al")
        outputs = sorted(output_dir / n for n in names)
        return BuildResult(
            outputs, model.notes, False, kept=carried.kept, findings=rendered.findings
        )
    along = {**extras, **{name: output_dir / name for name in carried.kept}}

    def run_publish() -> dict[str, Path]:
        from report.publish import publish

        return publish(document, output_dir, documents, engine=engine, extras=along)

    stamp.remove(build_dir)
    with _writing(output_dir):
        try:
            published = progress.run(
                "Publiceren (" + ", ".join(f.upper() for f in formats) + ")", run_publish
            )
        except PublishError as error:
            raise fault_in(str(error), output_dir) or error from error
    try:
        stamp.write(build_dir, digest, output_dir, source)
    except OSError:
        stamp.remove(build_dir)  # no stamp: the next build publishes again, which is safe
    outputs = sorted(published.values())
    return BuildResult(
        outputs,
        model.notes,
        True,
        kept=carried.kept,
        removed=carried.removed,
        findings=rendered.findings,
    )


def _read(data_dir: Path) -> Inputs:
    """Read the inputs; a file that cannot be read is an input problem that names it."""
    try:
        return read_inputs(data_dir)
    except OSError as error:
        name = Path(error.filename).name if error.filename else str(data_dir)
        problem = Problem(name, "", "", f"kan niet worden gelezen: {reason(error)}")
        raise InputError([problem]) from None


@contextmanager
def _writing(folder: Path) -> Iterator[None]:
    """A failed read or write names its path (or the folder being written) in Dutch."""
    try:
        yield
    except OSError as error:
        raise FileSystemFault.from_os_error(error, folder) from error


def _source(document: Path, engine: str) -> str:
    """What every format is made from: the document (figure names carry their content hash),
    the engine and the code, so a change to any of them makes older files stale."""
    digest = hashlib.sha256(document.read_bytes())
    digest.update(repr((engine, _code_version())).encode())
    return digest.hexdigest()


def _digest(source: str, extras: dict[str, Path], formats: Sequence[str]) -> str:
    """Everything the publication depends on: its source, the exchange files, the formats."""
    digest = hashlib.sha256(source.encode())
    for name in sorted(extras):
        digest.update(name.encode() + stamp.path_hash(extras[name]).encode())
    digest.update(repr(sorted(formats)).encode())
    return digest.hexdigest()


def _code_version() -> str:
    """The package and the publishing templates: a change to them must republish."""
    files = [*Path(__file__).resolve().parent.rglob("*"), *PUBLISH.rglob("*")]
    digest = hashlib.sha256()
    for path in sorted(p for p in files if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def changes_since(previous: Path, model: Model) -> Changes:
    """Compare with the previous edition: its tabellen.xlsx or its data folder."""
    from report.inputs.previous import read_previous_tables
    from report.model import build_model
    from report.model.changes import compare, facts, folder_facts, previous_facts

    if previous.is_dir():
        try:
            before = folder_facts(build_model(_read(previous)), str(previous))
        except InputError as error:  # name the previous edition's files with their folder
            raise InputError(
                [
                    Problem(str(previous / p.file), p.sheet, p.cell, p.message)
                    for p in error.problems
                ]
            ) from None
    else:
        before = previous_facts(read_previous_tables(previous))
    return compare(before, facts(model), str(previous))


def run_compare(data_dir: Path, previous: Path) -> str:
    """`python build.py compare PREVIOUS`: the changes as a Dutch summary for the terminal."""
    from report.model import build_model
    from report.present.changes import summary

    model = build_model(_read(data_dir))
    return summary(changes_since(previous, model), str(data_dir))


def run_scenario(data_dir: Path, overrides: Sequence[str]) -> str:
    """`python build.py scenario`: read the inputs, compute the variant, return the terminal text."""
    from report.model.overrides import parse_override
    from report.model.scenario import build_scenario
    from report.model.sources import Sources
    from report.present.scenario_text import scenario_text

    parsed = [parse_override(text) for text in overrides]
    inputs = _read(data_dir)
    sources = Sources(inputs.edition, inputs.tables)
    scenario = build_scenario(
        inputs.edition,
        sources.year("programma"),
        sources.year("apparaat"),
        sources.records("maatregelen"),
        parsed,
    )
    return scenario_text(scenario)
