""" "Toon herkomst" in headless Chromium: a reader focuses a number and reads its source.

The published HTML of the sample report, opened from disk, and the same page served by the
preview under its Content-Security-Policy. Needs Debian's `chromium` and Playwright for
Python (dev extra), and axe-core for the accessibility checks; without them the tests are
skipped with the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from preview_support import LAUNCH_FLAGS, PreviewProcess, chromium, copy_project, wait_for

from report.inputs.read import read_inputs
from report.model import build_model
from report.publish import publish
from report.render.document import render
from tests.conftest import DATA

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
CHROMIUM = chromium()
AXE_LOCATIONS = [Path(__file__).resolve().parents[1] / ".ci/node/node_modules/axe-core/axe.min.js"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# the positions of the blocks of the page, to see that the marks take no room
_BLOCKS = "main p, main td, main th, main li, main h2, main h3, main figure"
_LAYOUT = (
    f"() => Array.from(document.querySelectorAll('{_BLOCKS}')).map(e => {{"
    " const r = e.getBoundingClientRect();"
    " return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)]; })"
)
_UNWRAP = """() => document.querySelectorAll('span.herkomst').forEach(
  s => s.replaceWith(document.createTextNode(s.textContent)))"""


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The sample report's HTML, and the anchor of Tabel 2's forced departures in 2017."""
    base = tmp_path_factory.mktemp("html")
    rendered = render(build_model(read_inputs(DATA)), base / "build")
    page = publish(rendered.document, base / "output", ["html"])["html"]
    cell = next(
        row
        for row in rendered.herkomst
        if row.part.startswith("Tabel 2: ")
        and row.row == "Gedwongen vertrek"
        and row.column == "2017"
    )
    return page, cell


def _axe() -> Path | None:
    candidates = [Path(os.environ["AXE_CORE_JS"])] if os.environ.get("AXE_CORE_JS") else []
    return next((p for p in [*candidates, *AXE_LOCATIONS] if p.is_file()), None)


def _violations(page, axe: Path) -> list[str]:
    page.evaluate(axe.read_text(encoding="utf-8"))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.help + ' ' + "
        "JSON.stringify(v.nodes.map(n => n.target))))",
        WCAG_TAGS,
    )


def test_a_reader_focuses_a_number_and_reads_where_it_came_from(browser, published):
    path, cell = published
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    button = page.get_by_role("button", name="Toon herkomst van de cijfers")
    sync_api.expect(button).to_be_visible()
    sync_api.expect(button).to_have_attribute("aria-pressed", "false")
    numbers = page.locator("span.herkomst")
    assert numbers.count() > 1000
    assert page.locator("span.herkomst[tabindex]").count() == 0  # off: not in the tab order

    button.focus()
    page.keyboard.press("Enter")  # switched on with the keyboard
    sync_api.expect(button).to_have_attribute("aria-pressed", "true")
    number = page.locator(f"#{cell.anchor}")
    sync_api.expect(number).to_have_text("5.990")
    number.focus()
    tip = page.locator("#herkomst-uitleg")
    sync_api.expect(tip).to_be_visible()
    source = "Invoer: vertrekcijfers.xlsx › Vertrek naar type › H8."
    sync_api.expect(tip).to_have_text(source)
    sync_api.expect(number).to_have_accessible_description(source)  # what a screen reader says
    page.keyboard.press("Escape")
    sync_api.expect(tip).to_be_hidden()
    page.keyboard.press("Enter")
    sync_api.expect(tip).to_have_text(source)

    page.keyboard.press("Tab")  # the next number of the table is next in the tab order
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("getal-") and focused != cell.anchor
    sync_api.expect(tip).to_have_text(_source_in_page(page, focused))

    button.click()  # off again
    sync_api.expect(tip).to_be_hidden()
    assert page.locator("span.herkomst[tabindex]").count() == 0
    assert errors == []


def _source_in_page(page, anchor: str) -> str:
    """The page's own record of a number's source (its table of sources, by id)."""
    source = page.evaluate(
        "id => JSON.parse(document.getElementById('herkomst-bronnen').textContent)[id]", anchor
    )
    assert source and source.startswith(("Invoer: ", "Berekend: ", "Instelling", "Regel"))
    return source


def test_the_marks_take_no_room_while_the_switch_is_off(browser, published):
    path, _ = published
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.as_uri())
    marked = page.evaluate(_LAYOUT)
    page.evaluate(_UNWRAP)
    assert page.locator("span.herkomst").count() == 0
    assert page.evaluate(_LAYOUT) == marked


@pytest.mark.parametrize("switched", [False, True], ids=["uit", "aan"])
def test_no_axe_violations_with_the_switch_off_and_on(browser, published, switched):
    axe = _axe()
    if axe is None:
        pytest.skip("axe-core is not installed (AXE_CORE_JS or .ci/node)")
    path, cell = published
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.as_uri())
    if switched:
        page.get_by_role("button", name="Toon herkomst van de cijfers").click()
        page.locator(f"#{cell.anchor}").focus()
        sync_api.expect(page.locator("#herkomst-uitleg")).to_be_visible()
    assert _violations(page, axe) == []


def test_the_switch_works_in_the_preview_under_its_policy(browser, tmp_path):
    project = copy_project(tmp_path / "project")
    preview = PreviewProcess(project, tmp_path / "bouw")
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(preview.url)
        wait_for(
            page, "document.readyState === 'complete' && !!document.getElementById('herkomst-knop')"
        )
        button = page.get_by_role("button", name="Toon herkomst van de cijfers")
        sync_api.expect(button).to_be_visible()  # the page's own script ran: it shows the switch
        button.click()
        number = page.locator("main span.herkomst").first
        number.focus()
        tip = page.locator("#herkomst-uitleg")
        sync_api.expect(tip).to_be_visible()
        sync_api.expect(tip).to_have_text(_source_in_page(page, number.get_attribute("id")))
        assert errors == []  # no script refused by the Content-Security-Policy
        code, _ = preview.interrupt()
    finally:
        preview.stop()
    assert code == 0
