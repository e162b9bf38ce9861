"""Templates escape by default: text from a workbook or editie.yml is never markup or template code.

Only fragments the code builds on purpose (`Markdown`: tables, figures, formatted numbers)
pass unescaped; the templates hold no list-building or computation.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from pypdf import PdfReader

from report.inputs.read import read_inputs
from report.model import build_model
from report.present.markdown import Markdown, escape
from report.render.document import environment, render
from report.resources import CHAPTERS
from tests.conftest import DATA, run_build
from tests.marks_support import unmarked

PAYLOAD = "<script>alert(1)</script> *x* $y$ {{ 7*7 }} [a](b)"


def test_every_interpolation_is_escaped_unless_the_code_built_markdown():
    template = environment().from_string("{{ text }} | {{ built }} | {{ 1234567 | n }}")
    out = template.render(text="*x* [a](b) {{ 7*7 }}", built=Markdown("**vet**"))
    assert out == "\\*x\\* \\[a\\]\\(b\\) \\{\\{ 7\\*7 \\}\\} | **vet** | 1.234.567"


def test_escaped_text_stays_on_one_line():
    assert escape("regel een\n\nregel twee") == "regel een regel twee"


def test_templates_build_no_lists_and_escape_nothing_by_hand():
    for path in sorted(CHAPTERS.glob("*.j2")):
        text = path.read_text(encoding="utf-8")
        assert ".append(" not in text and "{% set _" not in text, path.name
        assert not re.search(r"\|\s*md\b", text), path.name  # escaping is the default
        assert not re.search(r"\[\s*[\"']", text), path.name  # no label subscripts: d.x["…"]


def hostile_copy(target: Path) -> Path:
    """The sample data with the payload as the first measure's name and as the title."""
    shutil.copytree(DATA, target)
    book = openpyxl.load_workbook(target / "financien.xlsx")
    ws = book["Besparingsmaatregelen"]
    header = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Nr")
    column = next(c for c in range(1, 20) if ws.cell(header, c).value == "Maatregel")
    ws.cell(header + 1, column).value = PAYLOAD
    book.save(target / "financien.xlsx")
    settings = yaml.safe_load((target / "editie.yml").read_text(encoding="utf-8"))
    settings["titel"] = PAYLOAD
    (target / "editie.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    return target


def test_a_label_and_the_title_reach_the_document_escaped(tmp_path):
    data = hostile_copy(tmp_path / "data")
    text = render(build_model(read_inputs(data)), tmp_path / "build").document.read_text("utf-8")
    escaped = escape(PAYLOAD)
    front = yaml.safe_load(text.split("---")[1])
    assert front["title"] == escaped  # pandoc reads metadata as Markdown
    assert f"### {escaped} {{ #sec-besparing-1 }}" in text  # the measure's own subsection
    assert f"1. {escaped} (€" in unmarked(text)  # the summary's list of measures
    assert f"| 1\\. {escaped} |" in unmarked(text)  # its row in the savings table
    assert PAYLOAD not in text and "{{ 7*7 }}" not in text


@pytest.mark.slow
def test_a_label_and_the_title_are_literal_in_pdf_and_html(tmp_path):
    data = hostile_copy(tmp_path / "data")
    out = tmp_path / "output"
    result = run_build(data, out, tmp_path / "build", "--formats", "pdf,html")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "rapport.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    visible = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert visible.count(PAYLOAD) >= 4  # title, summary, heading, table (and the contents)
    pdf = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(out / "rapport.pdf").pages
    )
    assert pdf.count(PAYLOAD) >= 3  # title page, heading, table: {{ 7*7 }} never evaluated
