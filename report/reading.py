"""Reading an edition folder for a command: from the files, or from the build folder's cache
while the edition folder and the program are unchanged; a file that cannot be read is an input
problem that names it."""

from __future__ import annotations

from pathlib import Path

from report import fingerprint
from report.folders import reason
from report.inputs.read import Inputs, read_inputs
from report.problems import InputError, Problem


def edition_fingerprint(data_dir: Path) -> str:
    """The fingerprint of the edition folder and the program that reads it."""
    try:
        return fingerprint.combine(fingerprint.folder(data_dir), fingerprint.program())
    except OSError as error:
        raise unreadable(error, data_dir) from None


def previous_fingerprint(previous: Path) -> str:
    """The fingerprint of the previous edition the report is compared with."""
    try:
        if previous.is_dir():
            return fingerprint.folder(previous)
        return fingerprint.file_hash(previous)
    except OSError as error:
        raise unreadable(error, previous) from None


def read(data_dir: Path, build_dir: Path | None = None, edition: str | None = None) -> Inputs:
    """Read the inputs, or take them from the build folder when the edition folder and the
    program are unchanged since they were read there; a file that cannot be read is an input
    problem that names it."""
    from report.inputs import cache

    if build_dir is None:
        return read_files(data_dir)
    edition = edition or edition_fingerprint(data_dir)
    cached = cache.load(build_dir, edition)
    if cached is not None:
        return cached
    inputs = read_files(data_dir)
    if edition_fingerprint(data_dir) == edition:  # not saved while a file was being changed
        cache.save(build_dir, edition, inputs)
    return inputs


def read_files(data_dir: Path) -> Inputs:
    try:
        return read_inputs(data_dir)
    except OSError as error:
        raise unreadable(error, data_dir) from None


def unreadable(error: OSError, data_dir: Path) -> InputError:
    name = Path(error.filename).name if error.filename else str(data_dir)
    return InputError([Problem(name, "", "", f"kan niet worden gelezen: {reason(error)}")])
