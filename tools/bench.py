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


def cold_builds(data: Path, base: Path, runs: int) -> list[Run]:
    return [build(data, fresh(base, f"koud-{i}")) for i in range(runs)]


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
    print(
        f"Benchmark op {platform.node() or 'deze machine'}: {os.cpu_count()} kernen, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    print(f"Belasting (gemiddelde over 1, 5 en 15 minuten) bij de start: {load()}\n")
    out = Report()
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        base = Path(scratch)
        out.case(
            "cold", "Koude bouw, alle formaten", lambda: cold_builds(data, base, runs),
            TARGETS["cold"], stages=True,
        )  # fmt: skip
        warm = fresh(base, "warm")
        build(data, warm)  # fills the build folder
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
        print()
        toolchain(out, warm / "build" / "rapport.qmd", runs)
        print()
        engines(out, data, warm, 1 if args.quick else max(2, runs // 2), not args.no_quarto)
        if not args.no_preview:
            print()
            preview(out, 2 if args.quick else runs)
        if not (args.quick or args.no_scale):
            print()
            scale(out, data, base, max(2, runs // 2))
    print(f"\nBelasting bij het einde: {load()}")
    return 0


def toolchain(out: Report, document: Path, runs: int) -> None:
    """The floor, and the ratios of the cold build and of the publishing stage to it."""
    from bench_toolchain import STEPS, one_after_another, side_by_side

    before = load()
    series = [one_after_another(document) for _ in range(runs)]
    parallel = [side_by_side(document) for _ in range(runs)]
    print(
        "Kale gereedschapsketen op hetzelfde document (zelfde pandoc-opties, filters en sjablonen):"
    )
    for step in STEPS:
        wall = statistics.median(s[step].wall for s in series)
        cpu = statistics.median(s[step].cpu for s in series)
        print(f"    {step:<55} {seconds(wall):>8} wand, {seconds(cpu)} CPU")
    one = statistics.median(sum(t.wall for t in s.values()) for s in series)
    both = statistics.median(t.wall for t in parallel)
    print(f"    {'na elkaar (som)':<55} {seconds(one):>8}")
    print(f"    {'naast elkaar (3× pandoc tegelijk, dan Typst)':<55} {seconds(both):>8}")
    print(f"    belasting {before} → {load()}")
    cold = out.medians["cold"]
    print(
        f"Koude bouw / keten na elkaar: {cold / one:.2f}×; / keten naast elkaar: {cold / both:.2f}× "
        f"(doel ~{RATIO_TARGET}×)".replace(".", ",")
    )
    out.medians["floor-serial"], out.medians["floor-parallel"] = one, both


def engines(out: Report, data: Path, warm: Path, runs: int, quarto: bool) -> None:
    """The publishing stage ([4/4]) of both engines, on the same build folder, in turn."""
    chosen = ["embedded"] + (["quarto"] if quarto and shutil.which("quarto") else [])
    before = load()
    times: dict[str, list[float]] = {engine: [] for engine in chosen}
    for i in range(runs):
        for engine in chosen:  # alternating, so a change in load hits both
            output = warm / f"uit-{engine}-{i}"
            run = command(
                "--data",
                data,
                "--output",
                output,
                "--build-dir",
                warm / "build",
                "--engine",
                engine,
            )
            times[engine].append(run.stages["Publiceren"])
    medians = {engine: statistics.median(values) for engine, values in times.items()}
    shown = ", ".join(f"{engine} {seconds(value)}" for engine, value in medians.items())
    print(
        f"Publiceren per engine (fase [4/4], mediaan van {runs}): {shown}; belasting {before} → {load()}"
    )
    if "quarto" in medians:
        print(
            f"    Quarto / embedded: {medians['quarto'] / medians['embedded']:.1f}×".replace(
                ".", ","
            )
        )
    elif quarto:
        print(
            "    Quarto is niet geïnstalleerd (geen 'quarto' in het PATH): alleen embedded gemeten."
        )
    floor = out.medians["floor-parallel"]
    print(
        f"    embedded / kale keten naast elkaar: {medians['embedded'] / floor:.2f}×".replace(
            ".", ","
        )
    )


def preview(out: Report, runs: int) -> None:
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
        lambda: cold_builds(big, base, runs),
    )
    print(
        f"    {out.medians['scale'] / out.medians['cold']:.2f}× de normale koude bouw".replace(
            ".", ","
        )
    )


if __name__ == "__main__":
    sys.exit(main())
