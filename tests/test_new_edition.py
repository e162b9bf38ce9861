"""`python build.py new-edition TARGET --period 2018-2023`: a complete next edition in one step.

The expectations follow the rule: every date of the edition moves by as many years as the
period's end (2017 → 2023: six), the dates are marked to be set, the workbooks cover the new
period, and every passage of the narrative is marked for review. The current edition is only
read; a target that exists and is not empty, or lies inside the current edition, is refused.
"""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from report.inputs.edition import load_edition
from report.narrative.carry import mark_for_review, mark_rows_for_review
from report.new_edition import next_edition
from tests.cli_support import run_cli, snapshot
from tests.conftest import DATA


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    target = tmp_path_factory.mktemp("editie") / "2018-2023"
    before = snapshot(DATA)
    result = run_cli("new-edition", target, "--period", "2018-2023", "--data", DATA)
    assert result.returncode == 0, result.stderr
    assert snapshot(DATA) == before  # the current edition is only read
    return target, result


def test_the_settings_move_along_with_the_period(edition):
    target, _ = edition
    current, new = load_edition(DATA / "editie.yml"), load_edition(target / "editie.yml")
    shift = 2023 - current.last_year
    assert (new.first_year, new.last_year) == (2018, 2023)
    assert new.peildatum == current.peildatum.replace(year=current.peildatum.year + shift)
    assert new.published == current.published.replace(year=current.published.year + shift)
    assert new.savings.reference_year == current.savings.reference_year + shift
    assert new.savings.years == tuple(y + shift for y in current.savings.years)
    assert new.to_review == ("peildatum", "publicatiedatum")
    assert (new.title, new.article, new.prognosis) == (
        current.title,
        current.article,
        current.prognosis,
    )
    text = (target / "editie.yml").read_text(encoding="utf-8")
    assert text.count("# NAKIJKEN") == 2


def test_the_workbooks_are_blank_for_the_new_period(edition):
    target, _ = edition
    book = openpyxl.load_workbook(target / "vertrekcijfers.xlsx")
    ws = book["Vertrek naar type"]
    header = [c.value for row in ws.iter_rows(max_row=10) for c in row if isinstance(c.value, int)]
    assert header[:6] == [2018, 2019, 2020, 2021, 2022, 2023]
    finance = openpyxl.load_workbook(target / "financien.xlsx")["Programma-uitgaven"]
    years = [
        c.value for row in finance.iter_rows(max_row=10) for c in row if isinstance(c.value, int)
    ]
    assert max(years) == load_edition(target / "editie.yml").savings.reference_year


def test_every_passage_and_row_of_the_text_is_marked_for_review(edition):
    target, result = edition
    names = sorted(p.name for p in (DATA / "tekst").iterdir())
    assert sorted(p.name for p in (target / "tekst").iterdir()) == names
    for name in names:
        old = (DATA / "tekst" / name).read_text(encoding="utf-8")
        new = (target / "tekst" / name).read_text(encoding="utf-8")
        if name.endswith(".qmd"):
            passages = [b for b in re.split(r"\n\s*\n", old.strip()) if not b.startswith("#")]
            assert new.count("::: nakijken") == len(passages), name
            assert new.replace("::: nakijken\n", "").replace(":::\n", "").split() == old.split()
        else:
            assert new.count("  nakijken: ja") == old.count("\n- "), name
    assert "gemarkeerd om na te kijken" in result.stdout


def test_check_lists_what_is_still_open_on_the_new_folder(edition, tmp_path):
    target, _ = edition
    result = run_cli("check", "--data", target, "--build-dir", tmp_path / "b")
    assert result.returncode == 2  # the workbooks are still blank
    out = result.stdout + result.stderr
    assert "het werkblad is nog niet ingevuld" in out
    assert "De tekstcontrole heeft" in out and "editie.yml (2):" in out
    listed = (tmp_path / "b" / "tekstcontrole.txt").read_text("utf-8")
    assert "editie.yml › peildatum: datum nog vaststellen" in listed
    assert "tekst/h1-aanleiding.qmd › regel 1: passage nog nakijken" in listed
    assert "tekst/maatregelen.yml › regel 7: regel nog nakijken" in listed


def test_a_target_that_is_not_empty_or_inside_the_current_edition_is_refused(tmp_path, data_copy):
    full = tmp_path / "vol"
    full.mkdir()
    (full / "iets.txt").write_text("x", encoding="utf-8")
    refused = run_cli("new-edition", full, "--period", "2018-2023", "--data", data_copy)
    assert refused.returncode == 2 and "is niet leeg" in refused.stderr
    assert sorted(p.name for p in full.iterdir()) == ["iets.txt"]
    before = snapshot(data_copy)
    inside = run_cli(
        "new-edition", data_copy / "volgende", "--period", "2018-2023", "--data", data_copy
    )
    assert inside.returncode == 2 and "ligt in de map van de huidige editie" in inside.stderr
    assert snapshot(data_copy) == before
    wrong = run_cli("new-edition", tmp_path / "nieuw", "--period", "2023-2018", "--data", data_copy)
    assert (
        wrong.returncode == 2 and "--period" in wrong.stderr and not (tmp_path / "nieuw").exists()
    )


def test_an_empty_target_folder_is_used(tmp_path):
    target = tmp_path / "leeg"
    target.mkdir()
    result = run_cli("new-edition", target, "--period", "2018-2023", "--data", DATA)
    assert result.returncode == 0, result.stderr
    assert (target / "editie.yml").is_file() and not list(tmp_path.glob(".leeg.*"))


def test_a_leap_day_moves_to_the_last_day_of_february():
    current = load_edition(DATA / "editie.yml")
    leap = current.__class__(**{**current.__dict__, "peildatum": dt.date(2020, 2, 29)})
    assert next_edition(leap, 2019, 2023).peildatum == dt.date(2026, 2, 28)


def test_markers_from_an_earlier_edition_are_not_doubled():
    once = mark_for_review(["Tekst.", "", "[^a]: Noot."])
    assert mark_for_review(once.splitlines()) == once
    rows = mark_rows_for_review(["- a: x", "  b: y", "- a: z"])
    assert rows.count("nakijken: ja") == 2
    assert mark_rows_for_review(rows.splitlines()) == rows
