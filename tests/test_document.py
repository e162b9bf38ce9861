"""The document follows the data: text, tables, figures and the -20% paragraph.

These tests render the real templates from the sample data and from changed copies of it,
then look at the Quarto-markdown document a reader's PDF and HTML are made from.
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
from report.render.document import RenderError, check_references, render_document
from tests.conftest import DATA, run_build
from tests.editions import shifted_edition
from tests.marks_support import unmarked


def render(data: Path, build: Path) -> str:
    """The document's text, numbers without their source spans (tests/marks_support.py)."""
    document = render_document(build_model(read_inputs(data)), build)
    return unmarked(document.read_text(encoding="utf-8"))


def body(text: str) -> str:
    """The document without footnote definitions (literature citations carry their own years)."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("[^"))


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> str:
    return render(DATA, tmp_path_factory.mktemp("build"))


def test_reference_edition_figures_in_text(sample):
    # Tabel 2 of the reference edition: lowest year 2013 (15.830), highest 2016 (24.900)
    assert "tussen 15.830 vreemdelingen in 2013 en\n24.900 in 2016" in sample
    # -20% paragraph: 31.360 + 49.473 = 80.833, 20% = 16.167 (DESIGN §5)
    assert "samen € 80,8 mln. 20% daarvan is € 16,2 mln" in sample  # one style for amounts
    # 2017: 63% of those detained left demonstrably (Tabel 16, management summary)
    assert "In 2017 vertrok 63% van de vreemdelingen die" in sample


def test_every_table_and_figure_of_the_reference_edition_is_there(sample):
    labels = set(re.findall(r"\{#(tbl-[\w-]+)\}", sample))
    expected = {
        "tbl-vertrek-type",
        "tbl-vertrek-veilig",
        "tbl-top-overig",
        "tbl-top-veilig",
        "tbl-uitstroom-dtv",
        "tbl-vertrek-iom",
        "tbl-uitgaven-programma",
        "tbl-ontvangsten",
        "tbl-opdracht",
        "tbl-uitgaven-apparaat",
        "tbl-terugkeerondersteuning",
        "tbl-uitstroom-procenten",
        "tbl-terugkeermaatregelen",
        "tbl-vertrek-gl",
        "tbl-uitgaven-dtv",
        "tbl-besparing",
        "tbl-beleidsterreinen",
        "tbl-maatregelen",
    }  # Tabel 2–17, 19, 20 plus Tabel 1 and 18 (content data)
    assert expected <= labels
    figures = set(re.findall(r"\{#(fig-[\w-]+)", sample))
    assert figures == {
        "fig-vertrek-aandeel",
        "fig-vertrek-veilig",
        "fig-uitstroom-dtv",
        "fig-uitgaven",
        "fig-besparing",
    }


def test_references_resolve_and_a_dangling_one_is_caught(sample):
    check_references(sample)  # raises on any reference without target
    with pytest.raises(RenderError, match="tbl-bestaat-niet"):
        check_references(sample + "\nZie @tbl-bestaat-niet.\n")


def test_measures_one_subsection_each_with_derivation(sample):
    for number in range(1, 6):
        assert f"{{ #sec-besparing-{number} }}" in sample
    # DESIGN §5 measure 1: 30% of the REAN line of the reference year (6.689 in Tabel 19)
    assert "30\\% van € 6,7 mln \\(REAN\\-regeling 2022\\) \\= € 2,0 mln" in sample


def test_sentences_follow_the_data(tmp_path, sample):
    """Doubling the departures of one year changes the text where that year matters."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    book = openpyxl.load_workbook(data / "vertrekcijfers.xlsx")
    ws = book["Vertrek naar type"]
    header = next(r for r in range(1, 20) if ws.cell(r, 2).value == 2011)
    column = next(c for c in range(2, 12) if ws.cell(header, c).value == 2015)
    for row in range(header + 1, header + 4):
        ws.cell(row, column).value = ws.cell(row, column).value * 2
    del book["Vertrek veilige landen"]  # it would no longer reconcile; its section drops out
    ws.cell(header + 4, column).value = None  # the printed total would no longer match
    ws.cell(header + 4, 9).value = None
    for row in range(header + 1, header + 4):
        ws.cell(row, 9).value = None
    book.save(data / "vertrekcijfers.xlsx")
    changed = render(data, tmp_path / "build")

    def sentences(text: str) -> set[str]:
        prose = [
            line
            for line in body(text).splitlines()
            if line and not line.startswith(("|", ":", "!"))
        ]
        return set(re.split(r"(?<=[.;:])\s+", " ".join(prose)))

    differing = sentences(changed) - sentences(sample)
    assert len(differing) >= 5, differing
    assert "33.220 in 2015" in changed  # 16.610 doubled is now the highest year
    assert (
        "{#tbl-vertrek-veilig}" not in changed and "Vertrek naar veilige en overige" not in changed
    )


def test_another_edition_leaves_nothing_of_the_reference_behind(tmp_path):
    """2012–2018 with other amounts: no year or amount of the reference edition remains."""
    data = shifted_edition(DATA, tmp_path / "data")
    text = body(render(data, tmp_path / "build"))
    assert "2018" in text and "2023" in text
    assert not re.search(r"\b2011\b", text)
    for amount in ("136.590", "21.540", "80.833", "16.167", "31.360", "49.473"):
        assert amount not in text
    inputs = read_inputs(data)
    model = build_model(inputs)
    base = model.scenario.base
    assert model.scenario.reference_year == 2023
    assert f"{model.scenario.target:,}".replace(",", ".") in text
    assert model.scenario.target == round(base * 0.2)  # the rule, not the code's output


HOSTILE = "<script>alert(1)</script> **vet** _schuin_ # kop $x$ @tbl-x [link](http://x) {{ 7*7 }} {% raw %} #set page(width: 1cm)"


def with_hostile_consequences(data: Path) -> Path:
    """A copy of the sample data whose first measure's Gevolgen holds the payload."""
    shutil.copytree(DATA, data)
    book = openpyxl.load_workbook(data / "financien.xlsx")
    ws = book["Besparingsmaatregelen"]
    header = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Nr")
    column = next(c for c in range(1, 20) if ws.cell(header, c).value == "Gevolgen")
    ws.cell(header + 1, column).value = HOSTILE
    book.save(data / "financien.xlsx")
    return data


def test_workbook_text_reaches_the_document_literally(tmp_path):
    data = with_hostile_consequences(tmp_path / "data")
    text = render(data, tmp_path / "build")
    assert "\\{\\{ 7\\*7 \\}\\}" in text  # literal, never evaluated by Jinja
    assert "\\<script\\>alert\\(1\\)\\<\\/script\\>" in text
    assert "@tbl-x" not in text  # escaped as \@tbl\-x, so never a reference


@pytest.mark.slow
def test_hostile_text_is_literal_in_pdf_and_html(tmp_path):
    """Through the real command: the payload is shown, never executed or interpreted."""
    data = with_hostile_consequences(tmp_path / "data")
    out = tmp_path / "output"
    result = run_build(data, out, tmp_path / "build", "--formats", "pdf,html")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "rapport.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert HOSTILE in " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())
    pdf_text = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(out / "rapport.pdf").pages
    )
    for fragment in (
        "<script>alert(1)</script>",
        "**vet** _schuin_",
        "{{ 7*7 }}",
        "#set page(width: 1cm)",
    ):
        assert fragment in pdf_text


def test_wide_tables_are_split_never_cut_off(tmp_path):
    """25 years of statistics: year tables continue in parts that fit an A4 page upright."""
    from report.present.tables import MAX_COLUMNS
    from tools.bench_scale import scaled_data

    data = scaled_data(DATA, tmp_path / "data")
    text = render(data, tmp_path / "build")
    assert "*Vervolg van @tbl-vertrek-type*" in text
    widest = max(line.count("|") - 1 for line in text.splitlines() if line.startswith("|"))
    assert widest <= MAX_COLUMNS + 1  # the label column plus at most MAX_COLUMNS values


def test_an_edition_without_a_prognosis_leaves_the_comparison_out(tmp_path):
    """prognose_vertrek is empty: no sentence, column or line compares with a prognosis."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    settings = yaml.safe_load((data / "editie.yml").read_text(encoding="utf-8"))
    settings["prognose_vertrek"] = {}
    (data / "editie.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    text = render(data, tmp_path / "build")
    start = text.index("{#fig-vertrek-aandeel")
    section = text[start : text.index("{#tbl-vertrek-aandeel}")]
    assert "prognose" not in section.split("fig-alt=")[1]
    assert "Prognose begroting" not in section
