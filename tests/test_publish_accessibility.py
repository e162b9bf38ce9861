"""The HTML edition has no WCAG 2.1 A/AA violations that axe-core finds in headless Chromium.

Needs Debian's `chromium` and npm's `axe-core`; axe is found through AXE_CORE_JS or in
.ci/node (where .ci/run installs it). Without them the test is skipped, saying which is missing.
The page is checked at a desktop and at a phone width (contrast and scrolling regions
depend on the layout).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_publish_support import sample_document

from report.publish import publish

ROOT = Path(__file__).resolve().parents[1]
AXE_LOCATIONS = (ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js",)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"desktop": "1280,900", "telefoon": "390,844"}

# Runs axe on the page and writes the result, base64-encoded JSON, into the DOM for --dump-dom.
_RUNNER = """
<script>
axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
  .then(function (result) { return {violations: result.violations, passes: result.passes.length}; })
  .catch(function (error) { return {error: String(error)}; })
  .then(function (outcome) {
    var pre = document.createElement('pre');
    pre.id = 'axe-uitkomst';
    pre.textContent = btoa(unescape(encodeURIComponent(JSON.stringify(outcome))));
    document.body.appendChild(pre);
  });
</script>
"""


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


def _axe() -> Path | None:
    candidates = [Path(os.environ["AXE_CORE_JS"])] if os.environ.get("AXE_CORE_JS") else []
    return next((p for p in [*candidates, *AXE_LOCATIONS] if p.is_file()), None)


def _run_axe(page: Path, chromium: str, axe: Path, width: str, profile: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    script = f"<script>{axe.read_text(encoding='utf-8')}</script>" + _RUNNER % json.dumps(WCAG_TAGS)
    checked = page.with_name(f"axe-{page.name}")
    checked.write_text(text.replace("</body>", script + "</body>"), encoding="utf-8")
    run = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--window-size={width}",
            "--virtual-time-budget=30000",
            "--dump-dom",
            checked.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    found = re.search(r'<pre id="axe-uitkomst">([A-Za-z0-9+/=]+)</pre>', run.stdout)
    assert found, f"axe gave no result (chromium exit {run.returncode}): {run.stderr[-2000:]}"
    return json.loads(base64.b64decode(found.group(1)).decode("utf-8"))


def _report_document(build: Path) -> Path:
    """The real report from the sample workbooks, as `python build.py` renders it."""
    from report.inputs.read import read_inputs
    from report.model import build_model
    from report.render.document import render_document

    return render_document(build_model(read_inputs(ROOT / "data")), build)


SOURCES = {"voorbeeld": sample_document, "rapport": _report_document}


@pytest.mark.browser
@pytest.mark.parametrize("source", sorted(SOURCES))
@pytest.mark.parametrize("layout", sorted(WIDTHS))
def test_html_has_no_wcag_a_or_aa_violations(tmp_path, layout, source):
    chromium, axe = _chromium(), _axe()
    if chromium is None:
        pytest.skip("chromium is niet geïnstalleerd (apt-get install chromium)")
    if axe is None:
        pytest.skip(
            "axe-core ontbreekt: npm install --prefix .ci/node axe-core@4, of zet AXE_CORE_JS"
        )
    result = publish(SOURCES[source](tmp_path / "build"), tmp_path / "output", ["html"])
    page = tmp_path / "rapport.html"
    shutil.copyfile(result["html"], page)
    outcome = _run_axe(page, chromium, axe, WIDTHS[layout], tmp_path / "profiel")
    assert "error" not in outcome, outcome.get("error")
    assert outcome["passes"] > 10  # axe really ran its rules
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in outcome["violations"]
    ]
    assert problems == []
