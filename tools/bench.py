"""Benchmark: every latency target of the writing loop, in whole processes, with the load.

    python tools/bench.py [--runs 5] [--quick] [--no-scale] [--no-preview] [--no-quarto]

Measures, each as `python build.py …` in a new process (imports count, as they do for users):

- cold build, all formats (empty build folder: inputs read, every figure drawn, every format
  published), with the time per stage;
- warm build with nothing changed;
- `scenario --set` with the inputs cached in the build folder, and without;
- the bare toolchain on the same document (`bench_toolchain.py`): one after another and side
  by side, and the ratios of the cold build and of the publishing stage to it;
- the publishing stage of both engines side by side (embedded and, when installed, Quarto);
- the preview: a text and a data change from saving to visible in headless Chromium
  (`preview_latency.py`);
- a scale case with about ten times the statistics.

Wall time is the median of the runs; CPU time (user + system of the whole process tree) shows
how much of it is work and how much waiting on a busy machine. The load average is printed
before and after each case: on the shared 2-core machine it changes everything.
A benchmark, not a test: nothing here fails on a missed target, it says so.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tools"), str(ROOT / "tests")]

TARGETS = {  # seconds, from issue 16
    "cold": 3.0,
    "warm": 0.4,
    "scenario": 0.3,
    "text": 1.0,
    "data": 2.0,
}
RATIO_TARGET = 1.3
_STAGE = re.compile(r"^\[\d+/\d+\] (.+?) … (?:([\d]+,[\d]+) s|ongewijzigd.*)$")


@dataclass
class Run:
    wall: float
    cpu: float
    stages: dict[str, float] = field(default_factory=dict)


def load() -> str:
    return " ".join(f"{value:.1f}".replace(".", ",") for value in os.getloadavg())


def seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command(*arguments: str | Path) -> Run:
    """`python build.py ARGUMENTS` in a new process: wall, CPU and the stages it printed."""
    cpu, start = _cpu(), time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
    )
    wall, used = time.perf_counter() - start, _cpu() - cpu
    if result.returncode != 0:
        raise SystemExit(
            f"mislukt ({result.returncode}): {arguments}\n{result.stdout}\n{result.stderr}"
        )
    stages = {}
    for line in result.stdout.splitlines():
        if match := _STAGE.match(line):
            name = re.sub(r" \(.*\)$", "", match.group(1))  # "Publiceren (PDF, …)"
            stages[name] = float(match.group(2).replace(",", ".")) if match.group(2) else 0.0
    return Run(wall, used, stages)


def build(data: Path, work: Path, *options: str) -> Run:
    return command(
        "--data", data, "--output", work / "output", "--build-dir", work / "build", *options
    )


class Report:
    """Prints each case as it is measured, and keeps the figures for the summary."""

    def __init__(self) -> None:
        self.medians: dict[str, float] = {}

    def case(
        self,
        key: str,
        name: str,
        measure: Callable[[], list[Run]],
        target: float | None = None,
        stages: bool = False,
    ) -> list[Run]:
        before = load()
        runs = measure()
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        self.medians[key] = wall
        verdict = ""
        if target is not None:
            verdict = f" — doel ≤ {seconds(target)}: " + (
                "gehaald" if wall <= target else "NIET GEHAALD"
            )
        print(
            f"{name}: mediaan {seconds(wall)} wand, {seconds(cpu)} CPU over {len(runs)} runs{verdict}"
        )
        print(
            f"    runs: {', '.join(seconds(r.wall) for r in runs)}; belasting {before} → {load()}"
        )
        if stages:
            self.stages(runs)
        return runs

    def stages(self, runs: Sequence[Run]) -> None:
        names = list(runs[0].stages)
        for name in names:
            value = statistics.median(r.stages.get(name, 0.0) for r in runs)
            print(f"    {name:<55} {seconds(value):>8}")
        rest = statistics.median(r.wall - sum(r.stages.values()) for r in runs)
        print(f"    {'opstarten, imports en afronden':<55} {seconds(rest):>8}")


def fresh(base: Path, name: str) -> Path:
    work = base / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    return work


def publish_only(data: Path, warm: Path, engine: str, name: str) -> Run:
    """A build into a new output folder from a build folder whose figures are drawn and whose
    inputs are cached: its stage [4/4] is the publishing alone."""
    output = warm / f"uit-{name}"
    shutil.rmtree(output, ignore_errors=True)
    return command(
        "--data", data, "--output", output, "--build-dir", warm / "build", "--engine", engine
    )


def bytecode_cache() -> str:
    """Measure as a user's Python runs: with the package's bytecode cached (`__pycache__`).

    A Python that may not write bytecode (PYTHONDONTWRITEBYTECODE, set on some CI machines)
    compiles every module of the package again in every command, which is not what users see.
    """
    import compileall

    refused = os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None
    compileall.compile_dir(ROOT / "report", quiet=1)
    note = " (PYTHONDONTWRITEBYTECODE stond aan en is voor de metingen uitgezet)" if refused else ""
    return f"Bytecode van het pakket in __pycache__, zoals bij gebruikers{note}."


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per case (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 runs, 1 Quarto run, no scale case")
    parser.add_argument("--no-scale", action="store_true")
    parser.add_argument("--no-preview", action="store_true")
    parser.add_argument("--no-quarto", action="store_true")
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    data = ROOT / "data"
    bytecode = bytecode_cache()
    print(
        f"Benchmark op {platform.node() or 'deze machine'}: {os.cpu_count()} kernen, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    print(bytecode)
    print(f"Belasting (gemiddelde over 1, 5 en 15 minuten) bij de start: {load()}\n")
    out = Report()
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        base = Path(scratch)
        warm = fresh(base, "warm")
        build(data, warm)  # the document, figures and cached inputs the other cases start from
        cold_and_floor(out, data, base, warm, runs)
        print()
        build(data, warm)  # the publishing runs above left a stamp for another output folder
        out.case(
            "warm", "Warme bouw, niets gewijzigd",
            lambda: [build(data, warm) for _ in range(runs)], TARGETS["warm"],
        )  # fmt: skip
        scenario = ["scenario", "--data", data, "--set", "1.percentage=40"]
        out.case(
            "scenario", "scenario --set, invoer in de bouwmap (na een bouw)",
            lambda: [command(*scenario, "--build-dir", warm / "build") for _ in range(runs)],
            TARGETS["scenario"],
        )  # fmt: skip
        out.case(
            "scenario-first", "scenario --set, eerste keer (lege bouwmap: werkmappen gelezen)",
            lambda: [command(*scenario, "--build-dir", fresh(base, f"s{i}")) for i in range(runs)],
        )  # fmt: skip
        if not args.no_quarto:
            print()
            engines(data, warm, 1 if args.quick else max(2, runs // 2))
        if not args.no_preview:
            print()
            preview(2 if args.quick else runs)
        if not (args.quick or args.no_scale):
            print()
            scale(out, data, base, max(2, runs // 2))
    print(f"\nBelasting bij het einde: {load()}")
    return 0


def cold_and_floor(out: Report, data: Path, base: Path, warm: Path, runs: int) -> None:
    """Cold builds, the bare toolchain and the publishing stage alone, in turn in each round,
    so that the ratios compare runs made under the same load."""
    from bench_toolchain import STEPS, one_after_another, side_by_side

    document = warm / "build" / "rapport.qmd"
    serial, parallel, published = [], [], []

    def rounds() -> list[Run]:
        cold = []
        for i in range(runs):
            cold.append(build(data, fresh(base, f"koud-{i}")))
            serial.append(one_after_another(document))
            parallel.append(side_by_side(document))
            published.append(publish_only(data, warm, "embedded", f"embedded-{i}"))
        return cold

    out.case("cold", "Koude bouw, alle formaten", rounds, TARGETS["cold"], stages=True)
    print("Kale gereedschapsketen op hetzelfde document (zelfde pandoc-opties, filters en")
    print("sjablonen; in dezelfde rondes gemeten als de koude bouw):")
    for step in STEPS:
        wall = statistics.median(s[step].wall for s in serial)
        cpu = statistics.median(s[step].cpu for s in serial)
        print(f"    {step:<55} {seconds(wall):>8} wand, {seconds(cpu)} CPU")
    one = statistics.median(sum(t.wall for t in s.values()) for s in serial)
    both = statistics.median(t.wall for t in parallel)
    alone = statistics.median(r.stages["Publiceren"] for r in published)
    print(f"    {'na elkaar (som)':<55} {seconds(one):>8}")
    print(f"    {'naast elkaar (3× pandoc tegelijk, dan Typst)':<55} {seconds(both):>8}")
    print(f"    {'fase Publiceren van de generator (figuren al getekend)':<55} {seconds(alone):>8}")
    cold = out.medians["cold"]
    print(
        f"Verhoudingen: koude bouw / keten na elkaar {cold / one:.2f}×, koude bouw / keten naast "
        f"elkaar {cold / both:.2f}× (doel ~{RATIO_TARGET}×); Publiceren / keten naast elkaar "
        f"{alone / both:.2f}×".replace(".", ",")
    )


def engines(data: Path, warm: Path, runs: int) -> None:
    """The publishing stage ([4/4]) of both engines on the same build folder, in turn."""
    if shutil.which("quarto") is None:
        print("Publiceren per engine: Quarto is niet geïnstalleerd (geen 'quarto' in het PATH).")
        return
    before = load()
    times: dict[str, list[float]] = {"embedded": [], "quarto": []}
    for i in range(runs):
        for engine in times:  # alternating, so a change in load hits both
            times[engine].append(
                publish_only(data, warm, engine, f"{engine}-{i}").stages["Publiceren"]
            )
    medians = {engine: statistics.median(values) for engine, values in times.items()}
    print(
        f"Publiceren per engine (fase [4/4], mediaan van {runs}, om en om): embedded "
        f"{seconds(medians['embedded'])}, Quarto {seconds(medians['quarto'])}: "
        f"{medians['quarto'] / medians['embedded']:.1f}×".replace(".", ",", 1)
    )
    print(
        f"    runs embedded {', '.join(map(seconds, times['embedded']))}; Quarto {', '.join(map(seconds, times['quarto']))}"
    )
    print(f"    belasting {before} → {load()}")


def preview(runs: int) -> None:
    try:
        from preview_latency import measure
    except ImportError as error:
        print(f"Voorbeeld: niet gemeten ({error}).")
        return
    before = load()
    try:
        text, data = measure(runs)
    except RuntimeError as error:
        print(f"Voorbeeld: niet gemeten ({error}).")
        return
    for key, name, measured in (
        ("text", "tekstwijziging", text),
        ("data", "gegevenswijziging", data),
    ):
        total = statistics.median(r.total for r in measured)
        rebuild = statistics.median(r.rebuild for r in measured)
        target = TARGETS[key]
        verdict = "gehaald" if total <= target else "NIET GEHAALD"
        print(
            f"Voorbeeld, {name} tot zichtbaar: mediaan {seconds(total)} over {len(measured)} "
            f"(herbouw {seconds(rebuild)}) — doel ≤ {seconds(target)}: {verdict}"
        )
    print(f"    belasting {before} → {load()}")


def scale(out: Report, data: Path, base: Path, runs: int) -> None:
    from bench_scale import scaled_data

    big = scaled_data(data, base / "schaal-data")
    out.case(
        "scale",
        "Schaal ×10 (25 jaar, 200 nationaliteiten), koud",
        lambda: [build(big, fresh(base, f"schaal-{i}")) for i in range(runs)],
    )
    print(
        f"    {out.medians['scale'] / out.medians['cold']:.2f}× de normale koude bouw".replace(
            ".", ","
        )
    )


if __name__ == "__main__":
    sys.exit(main())
