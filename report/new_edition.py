"""Start the next edition in one step: a complete edition folder for a new evaluation period.

From the current edition folder it writes, into a new folder: editie.yml for the new period
(the dates and the savings years moved along by as many years as the period's end moved, the
dates marked `nakijken` until a person sets them), both workbooks blank for that period (the
template writer), and the narrative and tables of words carried over with every passage and
row marked for review. The
current folder is only read. The new folder is written beside its place and moved there at
the end, so a failure leaves no half-written edition behind.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import replace
from pathlib import Path

from report.inputs.edition import REVIEWED_DATES, Edition, load_edition
from report.inputs.narrative import FOLDER, SUFFIX, TABLE_SUFFIX, read_narrative, read_word_tables
from report.inputs.template import write_template
from report.narrative.carry import mark_for_review, mark_rows_for_review
from report.problems import InputError


class TargetRefused(Exception):
    """The new edition's folder cannot be used (exit code 2); the message is Dutch."""


def next_edition(current: Edition, first: int, last: int) -> Edition:
    """The settings for the period first–last, everything dated moved along with the period."""
    shift = last - current.last_year
    return replace(
        current,
        first_year=first,
        last_year=last,
        peildatum=_moved(current.peildatum, shift),
        published=_moved(current.published, shift),
        savings=replace(
            current.savings,
            reference_year=current.savings.reference_year + shift,
            years=tuple(year + shift for year in current.savings.years),
        ),
        to_review=REVIEWED_DATES,
    )


def write_new_edition(current_dir: Path, target: Path, first: int, last: int) -> list[Path]:
    """Write the new edition folder; returns its files (relative to `target`)."""
    _refuse(current_dir, target)
    edition = next_edition(load_edition(current_dir / "editie.yml"), first, last)
    narrative, unreadable = read_narrative(current_dir)
    tables, refused = read_word_tables(current_dir)
    if unreadable or refused:
        raise InputError([*unreadable, *refused])
    scratch = target.parent / f".{target.name}.nieuw-{os.getpid()}"
    try:
        scratch.mkdir(parents=True)
        write_template(scratch, edition)
        load_edition(scratch / "editie.yml")  # the new settings are valid as written
        if narrative or tables:
            (scratch / FOLDER).mkdir()
        for name, file in narrative.items():
            text = mark_for_review(file.lines)
            (scratch / FOLDER / f"{name}{SUFFIX}").write_text(text, encoding="utf-8")
        for name in tables:
            source = current_dir / FOLDER / f"{name}{TABLE_SUFFIX}"
            text = mark_rows_for_review(source.read_text(encoding="utf-8-sig").splitlines())
            (scratch / FOLDER / f"{name}{TABLE_SUFFIX}").write_text(text, encoding="utf-8")
        if target.exists():
            target.rmdir()  # empty, checked above
        os.replace(scratch, target)
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    return sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file())


def _refuse(current_dir: Path, target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise TargetRefused(f"{target} is geen map; geef een nieuwe of lege map op.")
    if target.is_dir() and any(target.iterdir()):
        raise TargetRefused(f"{target} is niet leeg; geef een nieuwe of lege map op.")
    here, there = current_dir.resolve(), target.resolve()
    if there == here or there.is_relative_to(here):
        raise TargetRefused(
            f"{target} ligt in de map van de huidige editie ({current_dir}); de nieuwe editie "
            "komt in een eigen map ernaast, zodat de huidige ongewijzigd blijft."
        )


def _moved(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
