"""What changed since the previous edition: its tabellen.xlsx or its data folder, compared with
this edition's model (`python build.py compare` and the appendix of a build with `--vorige`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from report.problems import InputError, Problem
from report.reading import read, read_files

if TYPE_CHECKING:
    from report.model import Model
    from report.model.changes import Changes


def changes_since(previous: Path, model: Model) -> Changes:
    """Compare with the previous edition: its tabellen.xlsx or its data folder."""
    from report.inputs.previous import read_previous_tables
    from report.model import build_model
    from report.model.changes import compare, facts, folder_facts, previous_facts

    if previous.is_dir():
        try:
            before = folder_facts(build_model(read_files(previous)), str(previous))
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

    model = build_model(read(data_dir))
    return summary(changes_since(previous, model), str(data_dir))
