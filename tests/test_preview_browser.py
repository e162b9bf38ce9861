"""`python build.py preview` end to end in headless Chromium, as a policy writer uses it.

Start the preview on a copy of the project, open the page, change a sentence of a chapter
template, break a workbook cell and fix it again, then stop with Ctrl-C. Waits are generous
(a loaded 2-core machine); nothing here is timed. Needs Debian's `chromium` and Playwright
for Python (dev extra); without them the test is skipped with the reason.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import openpyxl
import pytest
from preview_support import (
    LAUNCH_FLAGS,
    PreviewProcess,
    chromium,
    copy_project,
    loaded_with,
    prose_line,
    replace_in_place,
    wait_for,
)

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
CHROMIUM = chromium()
AXE_LOCATIONS = [Path(__file__).resolve().parents[1] / ".ci/node/node_modules/axe-core/axe.min.js"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MARKER = "Deze zin is in het voorbeeld toegevoegd."
SHEET, CELL = "Programma-uitgaven", "B8"
PLACE = f"financien.xlsx › {SHEET} › {CELL}"


@pytest.fixture
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def _set_cell(data: Path, value: object) -> object:
    """Type `value` into the cell as a user would in Excel; return what was there."""
    path = data / "financien.xlsx"
    workbook = openpyxl.load_workbook(path)
    previous = workbook[SHEET][CELL].value
    workbook[SHEET][CELL] = value
    scratch = path.with_name("opslaan.xlsx")
    workbook.save(scratch)
    os.replace(scratch, path)
    return previous


def _files(folder: Path) -> list[Path]:
    return sorted(path.relative_to(folder) for path in folder.rglob("*"))


def _scroll_y(page) -> int:
    return page.evaluate("Math.round(window.scrollY)")


def test_preview_follows_text_and_data_changes_in_the_browser(browser, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    inputs = _files(project / "data")
    preview = PreviewProcess(project, tmp_path / "bouw")
    try:
        # the copy's data and templates are watched (its text is edited), the real ones untouched
        assert preview.watched == f"Gevolgd: {project / 'data'} en {project / 'templates'}."
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(preview.url)
        wait_for(page, loaded_with("Relatie met landen van herkomst"))

        height = page.evaluate("document.documentElement.scrollHeight")
        page.evaluate(f"window.scrollTo(0, {height // 2})")
        position = _scroll_y(page)
        assert position > 1000

        template = project / "data" / "tekst" / "h4-inleiding.qmd"  # the edition's text
        sentence = prose_line(template)
        replace_in_place(template, sentence, f"{MARKER} {sentence}")
        wait_for(page, loaded_with(MARKER))
        assert _scroll_y(page) == position

        original = _set_cell(project / "data", "veel")
        wait_for(page, loaded_with("De invoer bevat 1 probleem"))
        problem = page.locator("li").inner_text()
        assert problem.startswith(f"{PLACE}:")
        assert '"veel"' in problem
        assert page.locator("html").get_attribute("lang") == "nl"

        _set_cell(project / "data", original)
        wait_for(page, loaded_with(MARKER))
        assert _scroll_y(page) == position  # back where the writer was before the mistake

        own = [url for url in requests if not url.startswith(preview.url)]
        assert own == [], "the page loads nothing from elsewhere"
        assert errors == []  # no script blocked by the page's policy, no failed request

        code, stderr = preview.interrupt()  # with the page and its event stream still open
    finally:
        preview.stop()
    assert code == 0
    assert "Traceback" not in stderr
    assert preview.output[-1] == "Voorbeeld gestopt.\n"
    with socket.socket() as again:
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", preview.port))  # the port is free again
    assert _files(project / "data") == inputs  # nothing written into the data folder


def _axe_script() -> Path | None:
    candidates = [Path(os.environ["AXE_CORE_JS"])] if os.environ.get("AXE_CORE_JS") else []
    return next((p for p in [*candidates, *AXE_LOCATIONS] if p.is_file()), None)


def _axe_violations(page, axe: Path) -> list[str]:
    page.evaluate(
        axe.read_text(encoding="utf-8")
    )  # through DevTools: the page policy allows no script
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.help))",
        WCAG_TAGS,
    )
    return result


def test_preview_pages_have_no_axe_violations(browser, tmp_path: Path) -> None:
    axe = _axe_script()
    if axe is None:
        pytest.skip("axe-core is not installed (AXE_CORE_JS or .ci/node)")
    project = copy_project(tmp_path / "project")
    original = _set_cell(project / "data", "veel")
    preview = PreviewProcess(project, tmp_path / "bouw")
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(preview.url)
        wait_for(page, loaded_with("De invoer bevat 1 probleem"))
        assert _axe_violations(page, axe) == []
        _set_cell(project / "data", original)
        wait_for(page, loaded_with("Relatie met landen van herkomst"))
        assert _axe_violations(page, axe) == []
        code, _ = preview.interrupt()
    finally:
        preview.stop()
    assert code == 0
