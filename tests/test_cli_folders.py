"""Inputs and outputs cannot destroy each other, and file-system faults get a Dutch message.

An output or build folder that is, holds or lies inside the data folder or the project is
refused before anything is written; so is an output folder with files that are not a
publication (the publication replaces the whole folder). Read-only folders, a full disk and
unreadable files name the path and keep the previous publication, with no leftovers.

Cases that would endanger the project itself are only checked in this process
(`check_folders` raises before anything is written); cases on copies run the real command.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

import report.publish
from report import folders, reading
from report.cli import main
from report.folders import PROJECT, FolderRefused, check_folders
from tests.cli_support import leftovers, run_cli, snapshot
from tests.conftest import DATA

PREVIOUS = {"rapport.pdf": b"%PDF vorige", "rapport.html": b"<html>vorige</html>"}


def previous_publication(output: Path) -> dict[str, str]:
    output.mkdir(parents=True)
    for name, content in PREVIOUS.items():
        (output / name).write_bytes(content)
    return snapshot(output)


# --- folders that would destroy inputs or the project ------------------------------------------


@pytest.mark.parametrize(
    ("output", "build", "says"),
    [
        ("{data}", "{tmp}/b", "De uitvoermap {data} is de gegevensmap"),
        ("{tmp}", "{tmp}/b", "De uitvoermap {tmp} bevat de gegevensmap"),
        ("{data}/uit", "{tmp}/b", "De uitvoermap {data}/uit ligt in de gegevensmap"),
        ("{tmp}/uit", "{data}", "De bouwmap {data} is de gegevensmap"),
        ("{tmp}/uit", "{data}/bouw", "De bouwmap {data}/bouw ligt in de gegevensmap"),
        ("{tmp}/uit", "{tmp}/uit", "overlappen"),
        ("{tmp}/uit", "{tmp}/uit/bouw", "overlappen"),
        ("{tmp}/docs", "{tmp}/b", "bevat meer dan een publicatie (notities.txt)"),
        ("{tmp}/bestand.pdf", "{tmp}/b", "is geen map"),
    ],
)
def test_a_dangerous_folder_is_refused_and_the_inputs_stay(output, build, says, data_copy):
    tmp = data_copy.parent
    (tmp / "docs").mkdir()
    (tmp / "docs" / "notities.txt").write_text("eigen werk", encoding="utf-8")
    (tmp / "bestand.pdf").write_bytes(b"%PDF")
    before = snapshot(tmp)
    fill = {"data": data_copy, "tmp": tmp}
    result = run_cli(
        "--data", data_copy, "--output", output.format(**fill), "--build-dir", build.format(**fill)
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert says.format(**fill) in result.stderr
    assert "Er is niets gepubliceerd." in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(tmp) == before  # nothing written, nothing deleted


@pytest.mark.parametrize(
    "folder", [PROJECT, PROJECT / "report", PROJECT / "templates", PROJECT / "report" / "x"]
)
@pytest.mark.parametrize("role", ["output", "build"])
def test_the_project_itself_is_never_an_output_or_build_folder(folder, role, tmp_path):
    chosen = {"output": tmp_path / "uit", "build": tmp_path / "bouw", role: folder}
    with pytest.raises(FolderRefused, match=r"het project|de gegevensmap"):
        check_folders(chosen["output"], chosen["build"], [DATA])


def test_the_default_folders_are_allowed():
    check_folders(PROJECT / "output", PROJECT / "build", [DATA])  # raises when refused


def test_a_previous_publication_may_be_replaced(tmp_path):
    output = tmp_path / "uit"
    previous_publication(output)
    (output / ".DS_Store").write_bytes(b"")
    check_folders(output, tmp_path / "bouw", [DATA])


# --- read-only folders -------------------------------------------------------------------------


def test_a_read_only_output_folder_is_kept_with_a_clear_message(tmp_path):
    output = tmp_path / "uit"
    before = previous_publication(output)
    output.chmod(0o555)
    try:
        result = run_cli("--output", output, "--build-dir", tmp_path / "b")
    finally:
        output.chmod(0o755)
    assert result.returncode == 1
    assert f"Probleem met {output}: de uitvoermap is alleen-lezen." in result.stderr
    assert f"de vorige publicatie in {output} is ongewijzigd" in result.stderr
    assert "Interne fout" not in result.stderr
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_a_read_only_parent_is_named(tmp_path):
    parent = tmp_path / "alleen-lezen"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        result = run_cli("--output", parent / "uit", "--build-dir", tmp_path / "b")
    finally:
        parent.chmod(0o755)
    assert result.returncode == 1
    assert f"de uitvoermap is niet te maken ({parent} is alleen-lezen)" in result.stderr
    assert list(parent.iterdir()) == []


# --- a full disk, a read-only file system: a real small file system where this may mount one ---


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "schijf"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip("no tmpfs can be mounted here (needs root); the in-process cases cover this")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_keeps_the_previous_publication(small_disk, tmp_path):
    output = small_disk / "uit"
    before = previous_publication(output)
    result = run_cli("--output", output, "--build-dir", tmp_path / "b", "--formats", "html,pdf")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"Probleem met {output}: de schijf is vol." in result.stderr
    assert f"de vorige publicatie in {output} is ongewijzigd" in result.stderr
    assert "Interne fout" not in result.stderr and "Traceback" not in result.stderr
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_a_read_only_file_system_keeps_the_previous_publication(small_disk, tmp_path):
    output = small_disk / "uit"
    before = previous_publication(output)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = run_cli("--output", output, "--build-dir", tmp_path / "b")
    assert result.returncode == 1
    assert f"Probleem met {output}: de uitvoermap is alleen-lezen." in result.stderr
    assert snapshot(output) == before


# --- faults in the middle of a build (in this process) -----------------------------------------


@pytest.fixture(scope="module")
def warm_build(tmp_path_factory) -> Path:
    """A build folder with the figures drawn, so the in-process builds below are quick."""
    base = tmp_path_factory.mktemp("warm")
    assert (
        main(["--output", str(base / "uit"), "--build-dir", str(base / "b"), "--formats", "xlsx"])
        == 0
    )
    return base / "b"


def failing_publish(error: OSError):
    def publish(document, output_dir, formats, engine="embedded", **_):
        from report.publish import atomic

        with atomic.replacing(output_dir) as staging:
            (staging / "rapport.html").write_bytes(b"half")
            raise error
        return {}

    return publish


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "de schijf is vol"),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), "de schijfruimte (quotum) is op"),
        (
            PermissionError(errno.EACCES, "Permission denied"),
            "geen toegang (geen schrijf- of leesrechten)",
        ),
        (OSError(errno.EIO, "Input/output error"), "lees- of schrijffout van de schijf"),
    ],
    ids=["ENOSPC", "EDQUOT", "EACCES", "EIO"],
)
def test_a_write_fault_while_publishing_names_the_folder(
    error, says, warm_build, tmp_path, monkeypatch, capsys
):
    output = tmp_path / "uit"
    before = previous_publication(output)
    monkeypatch.setattr(report.publish, "publish", failing_publish(error))
    code = main(["--output", str(output), "--build-dir", str(warm_build), "--formats", "html"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"Probleem met {output}: {says}." in err
    assert f"de vorige publicatie in {output} is ongewijzigd" in err
    assert "Interne fout" not in err
    assert snapshot(output) == before
    assert leftovers(output) == []
    assert not (warm_build / "fout.log").exists()


def test_a_disk_full_message_from_pandoc_is_recognised(warm_build, tmp_path, monkeypatch, capsys):
    from report.publish import PublishError

    def pandoc_full(*_args, **_kwargs):
        raise PublishError(
            f"pandoc kon de HTML-versie niet maken:\npandoc: x.html: hPutBuf: resource "
            f"exhausted ({os.strerror(errno.ENOSPC)})"
        )

    monkeypatch.setattr(report.publish, "publish", pandoc_full)
    output = tmp_path / "uit"
    code = main(["--output", str(output), "--build-dir", str(warm_build), "--formats", "html"])
    assert code == 1
    assert f"Probleem met {output}: de schijf is vol." in capsys.readouterr().err


def test_a_write_fault_in_the_build_folder_names_it(warm_build, tmp_path, monkeypatch, capsys):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("report.render.document.render", full)
    code = main(["--output", str(tmp_path / "uit"), "--build-dir", str(tmp_path / "b")])
    assert code == 1
    assert f"Probleem met {tmp_path / 'b'}: de schijf is vol." in capsys.readouterr().err


def test_an_unreadable_workbook_is_an_input_problem(tmp_path, monkeypatch, capsys):
    def unreadable(data_dir: Path):
        raise PermissionError(errno.EACCES, "Permission denied", str(data_dir / "financien.xlsx"))

    monkeypatch.setattr(reading, "read_inputs", unreadable)
    code = main(["check", "--build-dir", str(tmp_path / "b")])
    err = capsys.readouterr().err
    assert code == 2
    assert (
        "financien.xlsx: kan niet worden gelezen: geen toegang (geen schrijf- of leesrechten)"
        in err
    )


# --- another build holds the folder ------------------------------------------------------------


def test_a_second_build_of_the_same_folder_waits_then_stops(tmp_path, monkeypatch, capsys):
    output = tmp_path / "uit"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from filelock import FileLock; lock = FileLock(sys.argv[1]); "
            "lock.acquire(); print('vast', flush=True); sys.stdin.read()",
            str(folders.lock_path(output)),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "vast"
        monkeypatch.setattr(folders, "LOCK_WAIT", 0.2)
        code = main(["--output", str(output), "--build-dir", str(tmp_path / "b")])
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    captured = capsys.readouterr()
    assert code == 1
    assert f"Een andere bouw gebruikt {output}; wachten" in captured.out
    assert f"Een andere bouw gebruikt {output} nog." in captured.err
    assert not output.exists()
    assert FileLock(folders.lock_path(output)).acquire(timeout=0)  # released by the holder
