"""Exit codes as the README documents them, for every command.

0 success; 2 a problem in the inputs or the command line; 1 the environment or the program
failed (an internal error writes its traceback to fout.log in the build folder and says
where); 130 interrupted. Each command's work is replaced by a stand-in that ends one way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from report.cli import main
from report.problems import InputError, Problem
from report.publish import PublishError

# command → (arguments, the function that does its work)
COMMANDS = {
    "build": ([], "report.pipeline._build"),
    "check": (["check"], "report.pipeline.check"),
    "scenario": (["scenario"], "report.pipeline.run_scenario"),
    "template": (["template", "{tmp}/nieuw"], "report.inputs.template.write_workbook"),
}


class Defect(Exception):
    """Stands for a bug in the program."""


OUTCOMES = {
    "invoer": (
        InputError([Problem("financien.xlsx", "Programma-uitgaven", "D7", "geen bedrag")]),
        2,
    ),
    "interne fout": (Defect("kapot"), 1),
    "publiceren": (PublishError("Typst kon de PDF niet maken"), 1),
    "afgebroken": (KeyboardInterrupt(), 130),
}


def arguments(command: str, tmp_path: Path) -> list[str]:
    args, _target = COMMANDS[command]
    folders = ["--build-dir", str(tmp_path / "b")]
    if command == "build":
        folders += ["--output", str(tmp_path / "uit")]
    return [a.format(tmp=tmp_path) for a in args] + folders


@pytest.mark.parametrize("outcome", OUTCOMES)
@pytest.mark.parametrize("command", COMMANDS)
def test_exit_code(command, outcome, tmp_path, monkeypatch, capsys):
    error, expected = OUTCOMES[outcome]

    def fails(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(COMMANDS[command][1], fails)
    assert main(arguments(command, tmp_path)) == expected
    err = capsys.readouterr().err
    assert "Traceback" not in err
    log = tmp_path / "b" / "fout.log"
    if outcome == "interne fout":
        assert "Interne fout (een fout in het programma, niet in uw invoer): Defect: kapot" in err
        assert f"De details staan in {log}" in err
        assert "Traceback" in log.read_text(encoding="utf-8") and "Defect: kapot" in log.read_text(
            encoding="utf-8"
        )
    else:
        assert "Interne fout" not in err
        assert not log.exists()
    if outcome == "invoer":
        assert "financien.xlsx › Programma-uitgaven › D7: geen bedrag" in err
    if outcome == "afgebroken":
        assert "Afgebroken." in err


@pytest.mark.parametrize("command", ["check", "scenario"])
def test_success_is_0(command, tmp_path):
    assert main(arguments(command, tmp_path)) == 0


def test_an_internal_error_with_an_unwritable_build_folder_still_says_where(
    tmp_path, monkeypatch, capsys
):
    def fails(*_args, **_kwargs):
        raise Defect("kapot")

    blocked = tmp_path / "bestand"
    blocked.write_text("geen map", encoding="utf-8")
    monkeypatch.setattr("report.pipeline.check", fails)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    assert main(["check", "--build-dir", str(blocked / "b")]) == 1
    err = capsys.readouterr().err
    assert f"De details staan in {tmp_path / 'tmp' / 'fout.log'}" in err
