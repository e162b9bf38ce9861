"""The build, stage by stage: read → compute → render → publish.

Each stage is a function of the previous stage's result; only the ends touch files. Before
anything is read, the output and build folders are checked (they may never touch the inputs
or the project) and locked (one build per folder at a time). The publication is replaced
atomically by the publish stage, so an error anywhere leaves the previous output as it was.

Work whose sources are unchanged is skipped: a build whose edition folder, program, formats
and engine are those of the publication in `output/` does nothing (the stamp); the inputs
come from the build folder while the edition folder and program are unchanged
(`inputs/cache.py`); figures are drawn only when their data changed, in a child process while
the document is written and published (`render/drawing.py`).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from report import fingerprint, stamp
from report.folders import (
    FileSystemFault,
    check_folders,
    fault_in,
    folder_lock,
    lock_path,
)
from report.problems import DraftRefused, InputError, Note, TextFinding
from report.publish.errors import PublishError
from report.reading import edition_fingerprint, previous_fingerprint, read

if TYPE_CHECKING:
    from report.render.drawing import FigureWorker
    from report.render.result import Rendered

T = TypeVar("T")
READ = "Werkmappen inlezen en controleren"
COMPUTE = "Tabellen, indicatoren en -20%-variant berekenen"
COMPARE = "Vergelijken met de vorige editie"
RENDER = "Document en figuren opmaken"
PUBLISH_STAGE = "Publiceren"
UNCHANGED = "ongewijzigd sinds de vorige bouw"


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


def check(data_dir: Path, build_dir: Path | None = None) -> Checked:
    """Validate the inputs as a build would, and run the text check (no figure is drawn)."""
    from report.model import build_model
    from report.render.document import compose

    model = build_model(read(data_dir, build_dir))
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
    appendix on what changed since then. With open findings of the text check the publication is a draft (marked CONCEPT);
    `final` refuses to publish it (DraftRefused) and leaves the previous publication alone.
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
    previous: Path | None,
    final: bool,
) -> BuildResult:
    edition = edition_fingerprint(data_dir)
    compared = (
        previous_fingerprint(previous) if previous else ""
    )  # a changed previous edition rebuilds
    inputs = fingerprint.combine(edition, compared, repr(sorted(formats)), engine, _tool(engine))
    stamped = stamp.current(build_dir, inputs, output_dir, stamp.names(formats))
    if stamped is not None:  # nothing it depends on has changed: the publication stands
        if final and stamped.findings:
            raise DraftRefused(stamped.findings)
        for stage in (READ, COMPUTE, RENDER):
            progress.skip(stage, UNCHANGED)
        progress.skip(PUBLISH_STAGE, "ongewijzigd, de publicatie staat er al")
        outputs = [output_dir / name for name in stamped.files]
        return BuildResult(
            outputs, stamped.notes, False, kept=stamped.kept, findings=stamped.findings
        )
    from report.present.figures import FOLDER
    from report.render.drawing import FigureWorker

    cold = not any((build_dir / FOLDER).glob("*.png"))
    with FigureWorker(early=cold) as drawing:  # cold: imports plotting while the inputs are read
        return _rebuild(
            data_dir,
            output_dir,
            build_dir,
            formats,
            engine,
            progress,
            previous,
            final,
            edition,
            inputs,
            drawing,
        )


def _rebuild(
    data_dir: Path,
    output_dir: Path,
    build_dir: Path,
    formats: Sequence[str],
    engine: str,
    progress: Progress,
    previous: Path | None,
    final: bool,
    edition: str,
    inputs: str,
    drawing: FigureWorker,
) -> BuildResult:
    from report.compare import changes_since
    from report.model import build_model
    from report.model.changes import facts
    from report.present import changes as changes_text
    from report.present import herkomst
    from report.present.figures import remove_stale
    from report.present.open_data import write_open_data
    from report.present.workbook import write_tables_workbook
    from report.render.document import render
    from report.render.figures import plan_figures

    loaded = progress.run(READ, lambda: read(data_dir, build_dir, edition))
    model = progress.run(COMPUTE, lambda: build_model(loaded))
    changes = None
    if previous is not None:
        changes = progress.run(COMPARE, lambda: changes_since(previous, model))
    with _writing(build_dir):

        def document_and_figures() -> Rendered:
            figures, missing = plan_figures(model, build_dir)
            drawing.draw(missing, build_dir)  # drawn while the document is written and published
            return render(model, build_dir, figures, changes)

        rendered = progress.run(RENDER, document_and_figures)
        if final and rendered.findings:
            raise DraftRefused(rendered.findings)
        document = rendered.document
        audit = build_dir / stamp.HERKOMST
        herkomst.write_csv(rendered.herkomst, audit)
        extras = {stamp.HERKOMST: audit}
        if "xlsx" in formats:
            workbook = build_dir / stamp.TABLES
            sheets = [herkomst.sheet(rendered.herkomst), changes_text.parameter_sheet(facts(model))]
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

    def figures_ready() -> None:
        drawing.wait()
        remove_stale(build_dir, rendered.figures)

    def record() -> None:
        """The stamp for this publication and these inputs (no stamp: the next build
        publishes again, which is safe)."""
        try:
            stamp.write(
                build_dir, digest, output_dir, source, inputs,
                model.notes, rendered.findings, carried.kept,
            )  # fmt: skip
        except OSError:
            stamp.remove(build_dir)

    if stamp.unchanged(build_dir, digest, output_dir, names):
        with _writing(build_dir):
            figures_ready()
        progress.skip(PUBLISH_STAGE, "ongewijzigd, de publicatie staat er al")
        record()  # now for these inputs
        outputs = sorted(output_dir / n for n in names)
        return BuildResult(
            outputs, model.notes, False, kept=carried.kept, findings=rendered.findings
        )
    along = {**extras, **{name: output_dir / name for name in carried.kept}}

    def run_publish() -> dict[str, Path]:
        from report.publish import publish

        return publish(
            document,
            output_dir,
            documents,
            engine=engine,
            extras=along,
            figures_ready=figures_ready,
        )

    stamp.remove(build_dir)
    with _writing(output_dir):
        try:
            published = progress.run(
                PUBLISH_STAGE + " (" + ", ".join(f.upper() for f in formats) + ")", run_publish
            )
        except PublishError as error:
            raise fault_in(str(error), output_dir) or error from error
    with _writing(build_dir):
        figures_ready()  # (the engine has waited for them already, unless it had no format)
    record()
    outputs = sorted(published.values())
    return BuildResult(
        outputs,
        model.notes,
        True,
        kept=carried.kept,
        removed=carried.removed,
        findings=rendered.findings,
    )


def _tool(engine: str) -> str:
    """Which Quarto publishes (the embedded engine's tools are installed packages)."""
    if engine != "quarto":
        return ""
    found = shutil.which("quarto")
    if found is None:
        return "geen quarto"
    resolved = Path(found).resolve()
    try:
        status = resolved.stat()
    except OSError:
        return str(resolved)
    return f"{resolved} {status.st_size} {status.st_mtime_ns}"


@contextmanager
def _writing(folder: Path) -> Iterator[None]:
    """A failed read or write names its path (or the folder being written) in Dutch."""
    try:
        yield
    except OSError as error:
        raise FileSystemFault.from_os_error(error, folder) from error


def _source(document: Path, engine: str) -> str:
    """What every format is made from: the document (figure names carry their content hash),
    the engine and the program (code, templates, filters and installed packages, the Quarto
    used), so a change to any of them makes older files stale."""
    digest = hashlib.sha256(document.read_bytes())
    digest.update(repr((engine, fingerprint.program(), _tool(engine))).encode())
    return digest.hexdigest()


def _digest(source: str, extras: dict[str, Path], formats: Sequence[str]) -> str:
    """Everything the publication depends on: its source, the exchange files, the formats."""
    digest = hashlib.sha256(source.encode())
    for name in sorted(extras):
        digest.update(name.encode() + stamp.path_hash(extras[name]).encode())
    digest.update(repr(sorted(formats)).encode())
    return digest.hexdigest()


def run_scenario(data_dir: Path, overrides: Sequence[str], build_dir: Path | None = None) -> str:
    """`python build.py scenario`: read the inputs, compute the variant, return the terminal text."""
    from report.model.overrides import parse_override
    from report.model.scenario import build_scenario
    from report.model.sources import Sources
    from report.present.scenario_text import scenario_text

    parsed = [parse_override(text) for text in overrides]
    inputs = read(data_dir, build_dir)
    sources = Sources(inputs.edition, inputs.tables)
    scenario = build_scenario(
        inputs.edition,
        sources.year("programma"),
        sources.year("apparaat"),
        sources.records("maatregelen"),
        parsed,
    )
    return scenario_text(scenario)
