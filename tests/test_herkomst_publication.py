"""The published herkomst.csv, its sheet in tabellen.xlsx, and the numbers of the PDF and HTML.

`python build.py` on the sample data, as a user runs it. At least 99% of the figures a reader
sees in the PDF must be in herkomst.csv with a source that recomputes them
(tests/pdf_numbers.py says what counts as a figure, and matches them by their text); in the
HTML every number is found where it stands, and at least 99% of the figures must be marked
with their source and be the row of herkomst.csv with that anchor (tests/html_numbers.py).
The counts are printed (`pytest -s`).
"""

from __future__ import annotations

import shutil
from decimal import Decimal

import openpyxl
import pytest

from report.present.marks import SOURCES_ID
from tests.conftest import DATA, run_build
from tests.herkomst_check import Inputs, read_rows, verify
from tests.html_numbers import html_census
from tests.marks_support import unmarked
from tests.pdf_numbers import census

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    base = tmp_path_factory.mktemp("herkomst")
    result = run_build(DATA, base / "output", base / "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "output"


def test_herkomst_csv_is_published_and_every_row_recomputes(published):
    rows = read_rows((published / "herkomst.csv").read_bytes())
    verdict = verify(rows, Inputs(DATA))
    assert verdict.wrong == []
    print(
        f"\nherkomst.csv: {len(rows)} rijen, {verdict.verified} herberekend, "
        f"{verdict.constants} regels van het programma"
    )


def test_the_workbook_has_the_same_rows(published):
    rows = read_rows((published / "herkomst.csv").read_bytes())
    sheet = openpyxl.load_workbook(published / "tabellen.xlsx")["Herkomst"]
    found = list(sheet.iter_rows(values_only=True))
    header = next(i for i, values in enumerate(found) if values[0] == "nr")
    assert list(found[header]) == list(rows[0])
    listed = found[header + 1 : header + 1 + len(rows)]
    assert found[header + 1 + len(rows)][0] is None  # then only the note under the list
    for values, row in zip(listed, rows, strict=True):
        texts = {k: "" if v is None else str(v) for k, v in zip(row, values, strict=True)}
        number = values[list(row).index("waarde")]
        assert isinstance(number, (int, float))  # a number here, not text
        # an xlsx cell holds a double: the exact value to its 15 significant digits
        assert float(number) == float(Decimal(row["waarde"]))
        del texts["waarde"]
        assert texts == {k: v for k, v in row.items() if k != "waarde"}


def test_ninety_nine_percent_of_the_pdf_figures_have_a_verified_source(published):
    rows = read_rows((published / "herkomst.csv").read_bytes())
    verdict = verify(rows, Inputs(DATA))
    assert verdict.wrong == []  # every row that can be matched is verified
    printed = [r["tekst"] for r in rows if r["tekst"]]
    found = census(published / "rapport.pdf", printed)
    share = found.matched / found.figures
    print(
        f"\nPDF: {sum(found.classes.values())} getallen; {found.figures} cijfers, waarvan "
        f"{found.matched} met een geverifieerde herkomst ({share:.1%}); verder "
        + ", ".join(f"{n} {kind}" for kind, n in sorted(found.classes.items()) if kind != "figuur")
    )
    for page, number, line in found.unmatched:
        print(f"  zonder herkomst: p. {page}: {number!r} in {line!r}")
    assert found.figures > 1000
    assert share >= 0.99


def test_the_marks_change_nothing_in_the_pdf_and_the_docx(published, tmp_path):
    """The same document without the source spans gives byte-identical PDF and DOCX."""
    from report.publish import publish

    build = tmp_path / "build"
    shutil.copytree(published.parent / "build", build)
    document = build / "rapport.qmd"
    text = document.read_text(encoding="utf-8")
    assert 'class="herkomst"' not in text and " .herkomst}" in text and SOURCES_ID in text
    document.write_text(unmarked(text), encoding="utf-8")
    plain = publish(document, tmp_path / "zonder", ["pdf", "docx"])
    for fmt in ("pdf", "docx"):
        assert plain[fmt].read_bytes() == (published / f"rapport.{fmt}").read_bytes(), fmt


def test_the_html_marks_ninety_nine_percent_of_its_figures_each_with_its_row(published):
    rows = read_rows((published / "herkomst.csv").read_bytes())
    found = html_census(published / "rapport.html")
    share = found.marked / found.figures
    print(
        f"\nHTML: {sum(found.classes.values())} getallen; {found.figures} cijfers, waarvan "
        f"{found.marked} met herkomst ({share:.1%}); verder "
        + ", ".join(
            f"{n} {kind}" for kind, n in sorted(found.classes.items()) if "getal" not in kind
        )
    )
    for number, text in found.unmarked:
        print(f"  zonder herkomst: {number!r} in {text[:100]!r}")
    assert found.figures > 1000
    assert share >= 0.99
    # each marked number is the row with its anchor, printed as that row says
    by_anchor = {row["anker"]: row for row in rows if row["anker"].startswith("getal-")}
    anchored = [(anchor, " ".join(text.split())) for anchor, text in found.spans if anchor]
    ids = [anchor for anchor, _ in anchored]
    assert len(ids) == len(set(ids)) and set(ids) == set(by_anchor)  # one row per number
    assert all(by_anchor[anchor]["tekst"] == text for anchor, text in anchored)
    # a number in a heading has no id (the contents copy it); its row points to the heading
    in_headings = [text for anchor, text in found.spans if not anchor]
    assert in_headings == [row["tekst"] for row in rows if row["regel"] == "kop"]
    assert in_headings == ["−20%"]  # "Verbeterparagraaf en −20%-paragraaf": editie.yml's 20
