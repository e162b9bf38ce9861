#!/usr/bin/env python3
"""Latency of `python build.py preview`: from saving a file to the browser showing the change.

Starts the preview on a copy of the project, opens it in headless Chromium and saves, five
times each, (1) a changed sentence in a chapter template and (2) a changed amount in the
finance workbook (which also redraws the spending figure). The clock starts just before the
saved file is renamed into place (as editors save) and stops when the reloaded page shows
the change. Prints each run, the medians, the preview's own rebuild times and the load.

    python tools/preview_latency.py [--runs 5]

Needs chromium and Playwright (dev extra). A benchmark, not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from preview_support import (  # noqa: E402
    LAUNCH_FLAGS,
    PreviewProcess,
    chromium,
    copy_project,
    loaded_with,
    prose_line,
    wait_for,
)

SHEET, LINE, TOTAL = "Programma-uitgaven", "B8", "B12"
_SECONDS = re.compile(r"\((\d+),(\d+) s\)$")


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


class Run:
    """One save: seconds until visible, the preview's rebuild, and the page's own reload."""

    def __init__(self, total: float, rebuild: float, reload: float):
        self.total, self.rebuild, self.reload = total, rebuild, reload


def _timed_save(scratch: Path, target: Path, page, shown: str, preview: PreviewProcess) -> Run:
    printed = len(preview.output)
    start = time.perf_counter()
    os.replace(scratch, target)
    wait_for(page, loaded_with(shown), timeout=60)
    total = time.perf_counter() - start
    reload = page.evaluate(
        "(() => { const n = performance.getEntriesByType('navigation')[0];"
        " return (n.loadEventEnd - n.startTime) / 1000; })()"
    )
    time.sleep(0.5)  # the terminal line follows the page by a moment
    rebuilds = _rebuild_seconds(preview.output[printed:])
    return Run(total, rebuilds[-1] if rebuilds else float("nan"), reload)


def _text_runs(project: Path, page, runs: int, preview: PreviewProcess) -> list[Run]:
    template = project / "data" / "tekst" / "h4-inleiding.qmd"  # the edition's text
    sentence = prose_line(template)
    text = template.read_text(encoding="utf-8")
    times = []
    for run in range(1, runs + 1):
        marker = f"Meetzin {run} van de voorbeeldlatentie."
        scratch = template.with_name(template.name + ".opslaan")
        scratch.write_text(text.replace(sentence, f"{marker} {sentence}", 1), encoding="utf-8")
        times.append(_timed_save(scratch, template, page, marker, preview))
        time.sleep(1)  # let the page settle; a writer does not save twice a second
    return times


def _dutch(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _data_runs(project: Path, page, runs: int, preview: PreviewProcess) -> list[Run]:
    path = project / "data" / "financien.xlsx"
    times = []
    for run in range(1, runs + 1):
        workbook = openpyxl.load_workbook(path)
        sheet = workbook[SHEET]
        step = 111 * run
        line, total = sheet[LINE].value + step, sheet[TOTAL].value + step
        while page.evaluate(f"document.body.innerText.includes({json.dumps(_dutch(line))})"):
            line, total = line + 1, total + 1  # a number not yet in the page
        sheet[LINE], sheet[TOTAL] = line, total
        scratch = path.with_name("opslaan.xlsx")
        workbook.save(scratch)
        times.append(_timed_save(scratch, path, page, _dutch(line), preview))
        time.sleep(1)
    return times


def _rebuild_seconds(output: list[str]) -> list[float]:
    """The rebuild times the preview printed ("… gewijzigd: HTML bijgewerkt (1,23 s)")."""
    found = []
    for line in output:
        if "gewijzigd" in line and (match := _SECONDS.search(line.strip())):
            found.append(float(f"{match.group(1)}.{match.group(2)}"))
    return found


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--runs", type=int, default=5)
    runs = arguments.parse_args().runs
    from playwright.sync_api import sync_playwright

    browser_path = chromium()
    if browser_path is None:
        print("chromium is not installed", file=sys.stderr)
        return 1
    load_before = _load()
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        project = copy_project(Path(scratch) / "project")
        preview = PreviewProcess(project, Path(scratch) / "bouw")
        browser = playwright.chromium.launch(executable_path=browser_path, args=LAUNCH_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(preview.url)
            wait_for(page, loaded_with("Relatie met landen van herkomst"))
            time.sleep(3)  # the preview warms its plotting stack after the first build
            text = _text_runs(project, page, runs, preview)
            data = _data_runs(project, page, runs, preview)
        finally:
            browser.close()
            preview.interrupt()
    for name, measured, target in (("text change", text, 1.0), ("data change", data, 2.0)):
        shown = ", ".join(f"{run.total:.2f}" for run in measured)
        print(f"{name}: save → visible {shown} s")
        print(
            f"  median {statistics.median(r.total for r in measured):.2f} s (target ≤ {target:.0f} s);"
            f" of which the preview's rebuild {statistics.median(r.rebuild for r in measured):.2f} s"
            f" and the page's reload {statistics.median(r.reload for r in measured):.2f} s"
        )
    print(f"load average before {load_before}, after {_load()}; {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
