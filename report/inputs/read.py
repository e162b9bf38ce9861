"""Read editie.yml, both workbooks and the narrative files, collecting every problem before giving up.

The reading is split by responsibility: `book` opens a workbook and finds its sheets, `layout`
reads the fields above a table, `year_header`/`year_table` and `record_table` read the two
kinds of sheet, `totals` checks printed totals, and `cells` is the one place that turns a
cell into a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from report.inputs import contract
from report.inputs.contract import Sheet
from report.inputs.edition import Edition, load_edition
from report.inputs.narrative import NarrativeFile, WordTable, read_narrative, read_word_tables
from report.inputs.tables import Table
from report.problems import InputError, Note, Problem


@dataclass
class Inputs:
    edition: Edition
    tables: dict[str, Table]
    notes: list[Note] = field(default_factory=list)
    absent: list[Sheet] = field(default_factory=list)  # optional sheets not supplied
    narrative: dict[str, NarrativeFile] = field(default_factory=dict)  # tekst/*.qmd by name
    word_tables: dict[str, WordTable] = field(default_factory=dict)  # tekst/*.yml by name

    def get(self, key: str) -> Table | None:
        return self.tables.get(key)


def read_inputs(data_dir: Path) -> Inputs:
    """Read editie.yml, both workbooks and tekst/; raise InputError listing every problem."""
    from report.inputs.book import read_workbook  # openpyxl: only when workbooks are read

    edition = load_edition(data_dir / "editie.yml")
    files = {contract.FINANCE: edition.finance_file, contract.STATISTICS: edition.statistics_file}
    problems: list[Problem] = []
    notes: list[Note] = []
    tables: dict[str, Table] = {}
    absent: list[Sheet] = []
    for workbook_key, name in files.items():
        result = read_workbook(data_dir / name, name, edition, contract.sheets_of(workbook_key))
        tables.update(result.tables)
        absent.extend(result.absent)
        problems.extend(result.findings.problems)
        notes.extend(result.findings.notes)
    narrative, word_tables, unreadable = _text(data_dir)
    problems.extend(unreadable)
    if problems:
        raise InputError(problems, notes)
    return Inputs(edition, tables, sorted(set(notes)), absent, narrative, word_tables)


def read_text(data_dir: Path) -> tuple[dict[str, NarrativeFile], dict[str, WordTable]]:
    """Only the edition's text (tekst/), for the preview after a change of text alone."""
    narrative, word_tables, problems = _text(data_dir)
    if problems:
        raise InputError(problems, [])
    return narrative, word_tables


def _text(
    data_dir: Path,
) -> tuple[dict[str, NarrativeFile], dict[str, WordTable], list[Problem]]:
    narrative, unreadable = read_narrative(data_dir)
    word_tables, refused = read_word_tables(data_dir)
    return narrative, word_tables, [*unreadable, *refused]
