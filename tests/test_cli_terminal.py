"""What the terminal shows: closed pipes, any console encoding, the terminal's width, every
problem listed (and saved), notes summarised, a missing data folder named as such."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import openpyxl
import pytest

from report.inputs.read import read_inputs
from report.model.scenario import build_scenario
from report.pipeline import check
from report.present.scenario_text import scenario_text
from report.problems import InputError
from tests.cli_support import run_cli
from tests.conftest import DATA, ROOT


@pytest.fixture(scope="module")
def scenario():
    inputs = read_inputs(DATA)
    get = inputs.get
    return build_scenario(inputs.edition, get("programma"), get("apparaat"), get("maatregelen"))


# --- closed pipes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["scenario"], ["check", "--opmerkingen"], ["--help"]], ids=" ".join
)
def test_a_closed_pipe_ends_quietly_with_exit_0(args, tmp_path):
    """`python build.py scenario | head`: the reader is gone before anything is written."""
    work = tmp_path / "build"
    extra = [] if args == ["--help"] else ["--build-dir", str(work)]
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), *args, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0
    assert errors == ""
    assert not (work / "fout.log").exists()


# --- console encodings -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1", "utf-8"])
def test_scenario_prints_on_any_console_encoding(encoding):
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "scenario"],
        capture_output=True,
        env={"PYTHONIOENCODING": encoding, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    text = result.stdout.decode(encoding)  # everything printed is valid in the console's encoding
    text = " ".join(text.split())
    minus = "−" if encoding == "utf-8" else "-"  # U+2212 is in none of the others
    assert f"Verschil (totaal {minus} taakstelling)" in text
    euro = "EUR" if encoding in ("ascii", "latin-1") else "€"
    assert f"(bedragen x {euro} 1.000)" in text
    arrow = "›" if encoding in ("utf-8", "cp1252") else ">"
    assert f"financien.xlsx {arrow} Programma-uitgaven" in text


# --- width -------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [30, 40, 60, 80, 100, 200])
def test_scenario_fits_the_width_and_keeps_every_measure_name(scenario, width):
    text = scenario_text(scenario, width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in text  # no name is cut
    words = text.split()
    for measure in scenario.measures:
        for word in measure.label.split():
            assert word in words, (measure.label, word)
    for year in scenario.years:
        assert str(year) in text


def test_a_wide_terminal_shows_each_measure_on_one_line_with_its_amounts(scenario):
    lines = scenario_text(scenario, 200).splitlines()
    for measure in scenario.measures:
        line = next(line for line in lines if line.startswith(measure.label))
        amounts = line[len(measure.label) :].split()
        assert amounts == [f"{measure.amounts[y]:,}".replace(",", ".") for y in scenario.years]


def test_columns_line_up_in_a_narrow_terminal(scenario):
    lines = scenario_text(scenario, 60).splitlines()
    table = [line for line in lines if line.startswith(("Maatregel ", "Totaal besparing"))]
    table += [line for line in lines if re.match(r"\d\. ", line)]
    assert len(table) == 2 + len(scenario.measures)
    assert len({len(line) for line in table}) == 1  # every row ends at the same column


def test_the_command_uses_the_terminal_width():
    result = run_cli("scenario", COLUMNS="50")
    assert result.returncode == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 50


# --- problems and notes ------------------------------------------------------------------------


@pytest.fixture
def many_problems(data_copy):
    """Every other amount typed as text: far more problems than a screen holds."""
    for name in ("financien.xlsx", "vertrekcijfers.xlsx"):
        book = openpyxl.load_workbook(data_copy / name)
        for sheet in book.worksheets:
            amounts = [
                cell
                for row in sheet.iter_rows()
                for cell in row
                if isinstance(cell.value, int | float)
                and cell.column > 1
                and not (isinstance(cell.value, int) and 1990 <= cell.value <= 2100)  # a year
            ]
            for cell in amounts[::2]:
                cell.value = "n.v.t."
        book.save(data_copy / name)
    with pytest.raises(InputError) as caught:
        read_inputs(data_copy)
    assert len(caught.value.problems) > 50  # the old list stopped at 50
    return data_copy, [str(p) for p in caught.value.problems]


def test_every_problem_is_listed_grouped_and_saved(many_problems, tmp_path):
    data, problems = many_problems
    work = tmp_path / "build"
    result = run_cli("check", "--data", data, "--build-dir", work)
    assert result.returncode == 2
    assert f"De invoer bevat {len(problems)} problemen:" in result.stderr
    listed = [line for line in result.stderr.splitlines() if line.startswith("    - ")]
    assert len(listed) == len(problems)
    assert "  financien.xlsx › Programma-uitgaven (" in result.stderr  # a heading per sheet
    assert "en nog" not in result.stderr
    saved = work / "problemen.txt"
    assert re.search(
        rf"{len(problems)} problemen in \d+ werkbladen of bestanden; de lijst staat ook in {saved}\.$",
        result.stderr,
    )
    assert saved.read_text(encoding="utf-8").splitlines() == problems
    assert "Traceback" not in result.stderr


def test_a_later_run_without_problems_removes_the_old_list(many_problems, tmp_path):
    data, _problems = many_problems
    work = tmp_path / "build"
    run_cli("check", "--data", data, "--build-dir", work)
    assert (work / "problemen.txt").exists()
    assert run_cli("check", "--build-dir", work).returncode == 0
    assert not (work / "problemen.txt").exists()


def test_notes_are_summarised_with_a_flag_for_the_full_list(tmp_path):
    notes = [str(n) for n in check(DATA).notes]
    assert len(notes) > 5
    work = tmp_path / "build"
    short = run_cli("check", "--build-dir", work)
    assert short.returncode == 0
    assert f"{len(notes)} opmerkingen over de invoer (" in short.stdout
    assert "--opmerkingen" in short.stdout and str(work / "opmerkingen.txt") in short.stdout
    assert not any(note in short.stdout for note in notes)
    assert (work / "opmerkingen.txt").read_text(encoding="utf-8").splitlines() == notes
    full = run_cli("check", "--opmerkingen", "--build-dir", work)
    assert all(f"  - {note}" in full.stdout for note in notes)


# --- the data folder ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [[], ["check"], ["scenario"], ["template", "nieuw"]],
    ids=lambda a: a[0] if a else "build",
)
def test_a_missing_data_folder_is_named_as_such(args, tmp_path):
    missing = tmp_path / "bestaat-niet"
    result = run_cli(*args, "--data", missing, "--build-dir", tmp_path / "b", cwd=tmp_path)
    assert result.returncode == 2
    assert f"De gegevensmap {missing} bestaat niet." in result.stderr
    assert "editie.yml ontbreekt" not in result.stderr
    assert not (tmp_path / "nieuw").exists()


def test_a_file_as_data_folder_is_refused(tmp_path):
    afile = tmp_path / "data.txt"
    afile.write_text("geen map", encoding="utf-8")
    result = run_cli("check", "--data", afile, "--build-dir", tmp_path / "b")
    assert result.returncode == 2
    assert f"De gegevensmap {afile} is geen map." in result.stderr


# --- the time a build reports ------------------------------------------------------------------


def test_ready_in_is_the_wall_time_of_the_whole_command(tmp_path):
    """Not a speed test: the figure must cover every stage and stay within the real time."""
    start = time.perf_counter()
    result = run_cli(
        "--output", tmp_path / "out", "--build-dir", tmp_path / "b", "--formats", "xlsx"
    )
    outside = time.perf_counter() - start
    assert result.returncode == 0, result.stderr
    stages = [float(s.replace(",", ".")) for s in re.findall(r"… (\d+,\d+) s", result.stdout)]
    assert len(stages) == 4
    reported = float(re.search(r"Klaar in (\d+,\d) s", result.stdout).group(1).replace(",", "."))
    assert sum(stages) - 0.05 <= reported <= outside + 0.05
