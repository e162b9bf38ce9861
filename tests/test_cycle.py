"""The yearly cycle end to end, as the ministry runs it, on a next edition 2018–2023.

new-edition from the sample → finance and statistics type their figures into the blank
workbooks (four optional sheets left out) → check lists the passages to review → a final
build refuses while they remain → the writers review (markers removed, the passages about the
old period written anew, the dates set) → the final build publishes with no finding, and the
PDF and HTML name no year of the old period outside the footnotes (the citations).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pdfplumber
import pytest

from report.inputs import contract
from report.inputs.edition import load_edition
from report.narrative.slots import SLOTS
from tests.cli_support import run_cli, snapshot
from tests.conftest import DATA
from tests.cycle_fixture import LEFT_OUT, REVIEWED, supplied_workbooks
from tests.fill import fill_like_finance

OLD_YEARS = re.compile(r"(?<!\d)(201[1-7])(?!\d)")
FOOTNOTE_SIZE = 9  # body text is 10.5 pt and tables 9 pt; footnotes 8.5 pt, source notes 8 pt


def _fill(target: Path, supplied: Path) -> None:
    edition = load_edition(target / "editie.yml")
    for workbook, source in supplied_workbooks(DATA, edition, supplied).items():
        filled = fill_like_finance(source, target / source.name, workbook)
        assert filled.missing == [], filled.missing


def _review(target: Path) -> None:
    """Remove every marker, write the passages about the old period anew, set the dates."""
    for path in (target / "tekst").glob("*.qmd"):
        lines = path.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if line.strip() not in ("::: nakijken", ":::")]
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    for name, text in REVIEWED.items():
        (target / "tekst" / f"{name}.qmd").write_text(text, encoding="utf-8")
    table = target / "tekst" / "maatregelen.yml"
    rows = table.read_text(encoding="utf-8").splitlines()
    table.write_text("\n".join(r for r in rows if r.strip() != "nakijken: ja") + "\n", "utf-8")
    settings = target / "editie.yml"
    text = settings.read_text(encoding="utf-8")
    text = re.sub(r"^nakijken: .*\n", "", text, flags=re.MULTILINE).replace(
        "  # NAKIJKEN: nog vaststellen", ""
    )
    settings.write_text(
        text.replace("publicatiedatum: 2025-06-14", "publicatiedatum: 2025-06-13"), "utf-8"
    )


def _markers(target: Path) -> int:
    """Marked passages and rows the report prints, and the two dates to be set."""
    unprinted = {slot.name for slot in SLOTS if slot.sheet == "Ontvangsten"}  # left out
    lines = [
        line.strip()
        for path in (target / "tekst").iterdir()
        if path.stem not in unprinted
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    return lines.count("::: nakijken") + lines.count("nakijken: ja") + 2


@pytest.mark.slow
def test_the_yearly_cycle_from_new_edition_to_final_publication(tmp_path):
    target, build, output = tmp_path / "editie", tmp_path / "bouw", tmp_path / "publicatie"
    current = snapshot(DATA)
    started = run_cli("new-edition", target, "--period", "2018-2023", "--data", DATA)
    assert started.returncode == 0, started.stderr
    _fill(target, tmp_path / "aangeleverd")
    for key in LEFT_OUT:
        assert contract.BY_KEY[key].required is False

    checked = run_cli("check", "--data", target, "--build-dir", build)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    listed = (build / "tekstcontrole.txt").read_text(encoding="utf-8").splitlines()
    assert len(listed) == _markers(target) and all("nakijken" in line for line in listed)
    assert f"De tekstcontrole heeft {len(listed)} open bevindingen" in checked.stdout

    refused = run_cli(
        "--data",
        target,
        "--output",
        output,
        "--build-dir",
        build,
        "--final",
        "--formats",
        "pdf,html",
    )
    assert refused.returncode == 2 and "Niet gepubliceerd" in refused.stderr
    assert not output.exists()

    _review(target)
    reviewed = run_cli("check", "--data", target, "--build-dir", build, "--final")
    assert reviewed.returncode == 0, reviewed.stdout + reviewed.stderr
    assert "De tekstcontrole heeft geen bevindingen." in reviewed.stdout
    assert not (build / "tekstcontrole.txt").exists()

    final = run_cli(
        "--data",
        target,
        "--output",
        output,
        "--build-dir",
        build,
        "--final",
        "--formats",
        "pdf,html",
    )
    assert final.returncode == 0, final.stdout + final.stderr
    assert "Publicatie in" in final.stdout and "CONCEPT" not in final.stdout
    assert snapshot(DATA) == current

    page = (output / "rapport.html").read_text(encoding="utf-8")
    assert 'class="concept"' not in page and "<title>CONCEPT" not in page
    main = page.split('<section id="footnotes"')[0]  # the citations are the footnotes
    visible = html.unescape(re.sub(r"<[^>]+>", " ", main))
    assert "2018–2023" in visible and OLD_YEARS.findall(visible) == []
    with pdfplumber.open(output / "rapport.pdf") as pdf:
        body = "".join(
            "".join(c["text"] for c in page.chars if c["size"] >= FOOTNOTE_SIZE)
            for page in pdf.pages
        )
        first = pdf.pages[0].extract_text() or ""
    assert "CONCEPT" not in first and "2018–2023" in body
    assert OLD_YEARS.findall(body) == []
