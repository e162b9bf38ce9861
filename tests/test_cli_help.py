"""`python build.py --help`, `-h` of every command and `--version`: Dutch, complete, exit 0.

argparse's own strings ("usage:", "show this help message and exit", its error texts) come
from report/cli/argparse_nl.py; the test reads the strings of the running Python's argparse,
so a newer Python with new strings fails here rather than showing English to users.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from report.cli import argparse_nl
from report.cli.commands import COMMANDS
from report.cli.parser import parser
from tests.conftest import ROOT

ENGLISH = re.compile(
    r"usage:|show this help|show program|positional arguments|^options:|optional arguments|"
    r"\berror:|default:|required|unrecognized|invalid choice|expected one argument|"
    r"Traceback",
    re.MULTILINE,
)


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**_environment(), **env},
    )


def _environment() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "COLUMNS"}


HELP_CALLS = [
    [flag] if command is None else [command, flag]
    for command in (None, *(c.name for c in COMMANDS))
    for flag in ("-h", "--help")
]


@pytest.mark.parametrize("args", HELP_CALLS, ids=" ".join)
def test_help_of_every_command_is_dutch_and_exits_0(args):
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("gebruik: python build.py")
    assert "toon deze hulptekst en stop" in result.stdout
    assert not ENGLISH.search(result.stdout), ENGLISH.search(result.stdout)
    assert "Afsluitcodes:" in result.stdout


def test_main_help_lists_every_command_and_the_default():
    text = run("--help").stdout
    for command in COMMANDS:
        assert re.search(rf"^\s+{command.name}\s+\S", text, re.MULTILINE), command.name
    assert "-20%-variant" in text  # the % that crashed the help before
    assert "Zonder opdracht voert python build.py de opdracht 'build' uit" in text


def _actions(part: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in part._actions if not isinstance(a, argparse._SubParsersAction)]


def test_every_option_of_every_command_is_described():
    with argparse_nl.dutch():
        main = parser(COMMANDS)
    subparsers = next(a for a in main._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(subparsers.choices) == sorted(c.name for c in COMMANDS)
    for name, part in [("", main), *subparsers.choices.items()]:
        assert part.description or not name, name
        for action in _actions(part):
            assert action.help and action.help != argparse.SUPPRESS, (name, action.dest)
            assert not ENGLISH.search(action.help), (name, action.help)


def test_version_comes_from_the_package_metadata():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"python build.py {metadata.version('report')}"


def _argparse_strings() -> set[str | tuple[str, str]]:
    """Every string the running Python's argparse passes through gettext."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found: set[str | tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id == "_" and texts and isinstance(texts[0], str):
                found.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) >= 2:
                found.add((texts[0], texts[1]))
    return found


def test_the_catalogue_covers_every_string_of_this_pythons_argparse():
    strings = _argparse_strings()
    assert "usage: " in strings  # the scan finds argparse's strings at all
    missing = [
        s
        for s in strings
        if (
            s not in argparse_nl.PLURALS if isinstance(s, tuple) else s not in argparse_nl.CATALOGUE
        )
    ]
    assert missing == []


def test_translations_fill_in_like_the_english():
    """Positional placeholders exactly as in English; named ones may be left out."""
    positional, named = re.compile(r"%[sr]"), re.compile(r"%\((\w+)\)[sr]")
    pairs = [*argparse_nl.CATALOGUE.items(), *argparse_nl.PLURALS.items()]
    for english, dutch in pairs:
        english_parts = english if isinstance(english, tuple) else (english,)
        dutch_parts = dutch if isinstance(dutch, tuple) else (dutch,)
        for en, nl in zip(english_parts, dutch_parts, strict=True):
            assert positional.findall(en) == positional.findall(nl), en
            assert set(named.findall(nl)) <= set(named.findall(en)), en


def test_argparse_is_english_again_outside_the_command_line():
    with argparse_nl.dutch():
        assert argparse._("usage: ") == "gebruik: "
    assert argparse._("usage: ") == "usage: "


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["bouw"],
            "onbekende opdracht 'bouw'; kies uit build, check, template, new-edition, scenario, "
            "waarden, compare, preview.",
        ),
        (["chek"], "Bedoelt u 'check'?"),
        (["build", "--engine", "latex"], "ongeldige keuze: 'latex' (kies uit"),
        (["build", "--onbekend"], "onbekend argument: --onbekend"),
        (["template"], "dit ontbreekt nog: MAP"),
        (["scenario", "--set"], "--set: hier hoort een waarde bij"),
        (
            ["build", "--formats", "pdf,epub"],
            "onbekend formaat epub; kies uit pdf, html, docx, xlsx, csv",
        ),
    ],
)
def test_a_wrong_command_line_is_explained_in_dutch_with_exit_2(args, says):
    result = run(*args)
    assert result.returncode == 2
    assert says in result.stderr
    assert not ENGLISH.search(result.stderr), result.stderr
    assert result.stdout == ""
