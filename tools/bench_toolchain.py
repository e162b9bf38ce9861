"""The bare toolchain on the generator's own document: the floor for publishing.

The same pandoc (from pypandoc-binary) with the same options, filters and templates as the
embedded engine, and the same Typst (the typst package), each run as a bare process on the
document and figures of a finished build, with none of the generator around them:

- one after another, as a script would run them (pandoc → Typst, → HTML, → DOCX, Typst → PDF);
- side by side, as the engine schedules them (three pandoc runs at once, Typst after the
  Typst source), which is the best the generator's publishing stage can do on this machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pypandoc

from report.publish import embedded
from report.publish.frontmatter import read_front_matter
from report.resources import FONTS

STEPS = ("pandoc → Typst", "pandoc → HTML", "pandoc → DOCX", "Typst → PDF")
_TYPST = """
import sys, typst
compiler = typst.Compiler(root=sys.argv[1], font_paths=[sys.argv[2]], ignore_system_fonts=True)
compiler.compile(input=open(sys.argv[3], "rb").read(), format="pdf", pdf_standards=["ua-1"])
"""


@dataclass
class Timing:
    wall: float
    cpu: float


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _pandoc(document: Path, fmt: str, output: Path | None) -> list[str]:
    front = read_front_matter(document)
    return [
        pypandoc.get_pandoc_path(),
        document.name,
        *embedded.pandoc_arguments(fmt, output, front),
    ]


def _typst(document: Path, source: Path) -> list[str]:
    return [sys.executable, "-c", _TYPST, str(document.parent), str(FONTS), str(source)]


def _environment(document: Path) -> dict[str, str]:
    front = read_front_matter(document)
    return dict(os.environ, SOURCE_DATE_EPOCH=str(int(front.timestamp.timestamp())))


def one_after_another(document: Path) -> dict[str, Timing]:
    """Each step as a bare process, in turn; wall and CPU time per step."""
    timings = {}
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        source = work / "rapport.typ"
        commands = {
            STEPS[0]: (_pandoc(document, "pdf", None), source),
            STEPS[1]: (_pandoc(document, "html", work / "rapport.html"), None),
            STEPS[2]: (_pandoc(document, "docx", work / "rapport.docx"), None),
            STEPS[3]: (_typst(document, source), None),
        }
        for step, (command, stdout) in commands.items():
            cpu, start = _cpu(), time.perf_counter()
            result = subprocess.run(
                command,
                cwd=document.parent,
                env=_environment(document),
                capture_output=True,
                check=True,
            )
            timings[step] = Timing(time.perf_counter() - start, _cpu() - cpu)
            if stdout is not None:
                stdout.write_bytes(result.stdout)
    return timings


def side_by_side(document: Path) -> Timing:
    """The three pandoc runs at once, Typst as soon as its source is written."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        source = work / "rapport.typ"
        cpu, start = _cpu(), time.perf_counter()
        options = {"cwd": document.parent, "env": _environment(document)}
        runs = [
            subprocess.Popen(_pandoc(document, "pdf", None), stdout=subprocess.PIPE, **options),
            subprocess.Popen(_pandoc(document, "html", work / "rapport.html"), **options),
            subprocess.Popen(_pandoc(document, "docx", work / "rapport.docx"), **options),
        ]
        source.write_bytes(runs[0].communicate()[0])
        subprocess.run(_typst(document, source), check=True, **options)
        for run in runs[1:]:
            run.wait()
        if any(run.returncode for run in runs):
            raise RuntimeError("pandoc faalde in de kale keten")
        return Timing(time.perf_counter() - start, _cpu() - cpu)
