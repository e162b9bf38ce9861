"""Benchmark of the full build: cold and warm, medians per stage, and a 10× scale case.

    python tools/bench.py [--runs 5] [--no-scale]

Cold: a new process with an empty build directory (every figure drawn, every format
published). Warm: a new process on the same build directory with unchanged inputs (figures
and publication are reused by content hash). Scale: the statistics workbook blown up to
about ten times its cells (200 nationalities, 25 years), built cold.
Each build runs as `python build.py` in a subprocess, so imports count, as they do for users.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_STAGE = re.compile(r"^\[\d+/\d+\] (.+?) … (?:[\d,]+ s|ongewijzigd.*)$")
_SECONDS = re.compile(r"([\d]+,[\d]+) s$")


def run_build(data: Path, output: Path, build_dir: Path) -> tuple[float, dict[str, float]]:
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--data",
            str(data),
            "--output",
            str(output),
            "--build-dir",
            str(build_dir),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"bouw mislukt ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    stages = {}
    for line in result.stdout.splitlines():
        match = _STAGE.match(line)
        seconds = _SECONDS.search(line)
        if match:
            stages[match.group(1)] = float(seconds.group(1).replace(",", ".")) if seconds else 0.0
    return wall, stages


def series(data: Path, runs: int, warm: bool) -> list[tuple[float, dict[str, float]]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        if warm:
            run_build(data, base / "output", base / "build")  # fill the caches once
        for i in range(runs):
            build_dir = base / "build" if warm else base / f"build-{i}"
            results.append(run_build(data, base / "output", build_dir))
    return results


def report(name: str, results: list[tuple[float, dict[str, float]]], target: float | None) -> float:
    walls = [wall for wall, _ in results]
    median = statistics.median(walls)
    verdict = "" if target is None else (" — binnen doel" if median <= target else " — BOVEN DOEL")
    goal = "" if target is None else f" (doel ≤ {target:.1f} s)"
    print(f"{name}: mediaan {median:.2f} s over {len(walls)} runs{goal}{verdict}")
    stages = results[0][1].keys()
    for stage in stages:
        values = [stages_[stage] for _, stages_ in results if stage in stages_]
        print(f"    {stage:<55} {statistics.median(values):6.2f} s")
    imports = median - statistics.median(sum(s.values()) for _, s in results)
    print(f"    {'opstarten Python en imports':<55} {imports:6.2f} s")
    return median


def scaled_data(source: Path, target: Path, years: int = 25, nationalities: int = 200) -> Path:
    """A copy of the sample data over `years` years with `nationalities` nationalities.

    Earlier years repeat the sample's pattern, so every total and rule still holds.
    """
    import yaml

    from report.inputs import contract
    from report.inputs.read import read_inputs
    from report.inputs.tables import YearTable
    from report.inputs.template import SheetValues, write_workbook

    inputs = read_inputs(source)
    edition = inputs.edition
    first = edition.last_year - years + 1
    target.mkdir(parents=True)
    settings = yaml.safe_load((source / "editie.yml").read_text(encoding="utf-8"))
    settings["periode"]["van"] = first
    (target / "editie.yml").write_text(
        yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8"
    )
    values: dict[str, SheetValues] = {}
    for key, table in inputs.tables.items():
        if not isinstance(table, YearTable):
            values[key] = SheetValues(
                bron=table.origin.bron,
                periode=table.period,
                years=table.years,
                records=[{**r.values, **r.phase} for r in table.records],
            )
            continue
        span = table.years
        grow = span[0] == edition.first_year and len(span) > 1
        new_years = tuple(range(first, span[-1] + 1)) if grow else span

        def value(row, year, span=span):
            found = row.values.get(year if year in span else span[(year - span[0]) % len(span)])
            return "n.b." if found is None else found  # None: the sample's n.b. cells

        rows = [
            (
                r.group,
                r.label,
                {y: value(r, y) for y in new_years},
                None,
                r.toelichting,
                r.attributes,
            )
            for r in table.rows
        ]
        if key == "nationaliteiten":
            rows = [
                (
                    "",
                    f"Nationaliteit {i:03d}",
                    {y: (i * 37 + y) % 900 for y in new_years},
                    None,
                    "",
                    {"Veilig land": "ja" if i % 3 == 0 else "nee", "Eerste asielaanvragen": i * 11},
                )
                for i in range(1, nationalities + 1)
            ]
        values[key] = SheetValues(
            bron=table.origin.bron,
            peildatum=table.origin.peildatum,
            years=new_years,
            budget_years=table.budget_years,
            rows=rows,
        )
    scaled = yaml.safe_load((target / "editie.yml").read_text(encoding="utf-8"))
    from report.inputs.edition import load_edition

    scaled_edition = load_edition(target / "editie.yml")
    for workbook in (contract.FINANCE, contract.STATISTICS):
        keys = {s.key for s in contract.sheets_of(workbook)}
        name = scaled["werkmappen"]["financien" if workbook == contract.FINANCE else "statistiek"]
        write_workbook(
            workbook, scaled_edition, target / name, {k: v for k, v in values.items() if k in keys}
        )
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-scale", action="store_true")
    args = parser.parse_args()
    data = ROOT / "data"
    cold = report("Koude bouw (alle formaten)", series(data, args.runs, warm=False), 5.0)
    report("Warme herbouw (invoer ongewijzigd)", series(data, args.runs, warm=True), 1.5)
    if not args.no_scale:
        with tempfile.TemporaryDirectory() as tmp:
            big = scaled_data(data, Path(tmp) / "data")
            scale = report(
                "Schaal ×10, koud", series(big, max(3, args.runs // 2), warm=False), None
            )
        print(f"Schaalfactor: {scale / cold:.2f}× de normale bouw (doel ≤ 2×)")


if __name__ == "__main__":
    main()
