"""Publishing the sample document with the embedded engine: what each format must contain."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pypdf
import pytest
from test_publish_support import sample_document, sample_text, snapshot

from report.publish import PublishError, publish

NBSP = "\u00a0"
# The sample's labels in document order, and the rule: tables and figures are numbered
# through the document, headings like the PDF (only numbered headings count).
TABLES = ["tbl-vertrek-type", "tbl-breed", "tbl-uitgaven"]
EXPECTED_REFERENCES = {
    "tbl-vertrek-type": "tabel 1",
    "tbl-breed": "tabel 2",
    "tbl-uitgaven": "tabel 3",
    "fig-vertrek-aandeel": "figuur 1",
    "sec-uitgaven": "hoofdstuk 3",
    "sec-resultaten": "paragraaf 2.1",
    "sec-zelfstandig": "paragraaf 2.1.1",
}
TABLE_HEADER_CELLS = 4 + 13 + 3  # header cells of the three sample tables


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("publicatie")
    document = sample_document(root / "build")
    return publish(document, root / "output")


@pytest.fixture(scope="module")
def pdf_text(published) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(published["pdf"]).pages]


@pytest.fixture(scope="module")
def html_text(published) -> str:
    return published["html"].read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def test_publish_writes_each_format_under_the_document_name(published, tmp_path):
    assert {key: path.name for key, path in published.items()} == {
        "pdf": "rapport.pdf",
        "html": "rapport.html",
        "docx": "rapport.docx",
    }
    assert sorted(p.name for p in published["pdf"].parent.iterdir()) == [
        "rapport.docx",
        "rapport.html",
        "rapport.pdf",
    ]


def test_extras_are_published_along(tmp_path):
    document = sample_document(tmp_path / "build")
    workbook = tmp_path / "build" / "tabellen.xlsx"
    workbook.write_bytes(b"werkmap")
    result = publish(document, tmp_path / "output", ["html"], extras={"tabellen.xlsx": workbook})
    assert result["tabellen.xlsx"] == tmp_path / "output" / "tabellen.xlsx"
    assert result["tabellen.xlsx"].read_bytes() == b"werkmap"


# --- PDF -------------------------------------------------------------------------------------


def _pdfinfo(path: Path) -> dict[str, str]:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is niet geïnstalleerd")
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def test_pdf_is_a4_and_tagged(published):
    info = _pdfinfo(published["pdf"])
    assert info["Tagged"] == "yes"
    assert "(A4)" in info["Page size"]
    assert info["Title"] == "Beleidsdoorlichting vertrek van vreemdelingen"


def test_pdf_declares_pdf_ua_1_with_language_and_title(published):
    data = published["pdf"].read_bytes()
    assert re.search(rb"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", data)
    reader = pypdf.PdfReader(published["pdf"])
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] in ("nl", "nl-NL")
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Beleidsdoorlichting vertrek van vreemdelingen"


def _structure(element, found: list) -> None:
    element = element.get_object()
    if isinstance(element, pypdf.generic.ArrayObject):
        for child in element:
            _structure(child, found)
    elif isinstance(element, pypdf.generic.DictionaryObject):
        if "/S" in element:
            found.append(element)
        if "/K" in element:
            _structure(element["/K"], found)


def test_pdf_figures_have_alt_text_and_tables_header_cells(published):
    reader = pypdf.PdfReader(published["pdf"])
    elements: list = []
    _structure(reader.trailer["/Root"]["/StructTreeRoot"], elements)
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert len(figures) == 1
    assert figures[0]["/Alt"].startswith("Staafdiagram met het aandeel zelfstandig en gedwongen")
    assert sum(e["/S"] == "/Table" for e in elements) == len(TABLES)
    assert sum(e["/S"] == "/TH" for e in elements) == TABLE_HEADER_CELLS


def test_pdf_title_page_shows_article_period_ministry_and_dutch_date(pdf_text):
    title_page = _flat(pdf_text[0])
    for text in (
        "Beleidsdoorlichting vertrek van vreemdelingen",
        "Begrotingsartikel 37.3 — Vertrek",
        "Periode 2011–2017",
        "Ministerie van Justitie en Veiligheid",
        "14 juni 2019",
    ):
        assert text in title_page


def test_pdf_has_table_of_contents_and_numbered_chapters(pdf_text):
    contents = _flat(pdf_text[1])
    assert "Inhoudsopgave" in contents
    for entry in (
        "Samenvatting",
        "1 Inleiding",
        "1.1 Leeswijzer",
        "2 Vertrek",
        "3 Uitgaven",
        "Bijlagen",
    ):
        assert entry in contents


def test_pdf_references_resolve_to_typst_numbers(pdf_text):
    text = _flat(" ".join(pdf_text))
    assert "??" not in text
    for words in EXPECTED_REFERENCES.values():
        assert words in text
    assert "Tabel 1 laat het vertrek per type zien" in text  # capital at the start of a sentence
    assert "Figuur 1 toont" in text
    # the appendix's sections are numbered (Bijlage 1, 2, …) and referred to by that number
    assert "Bijlage 1 Afkortingen" in text and "bijlage 1" in text
    assert "bijlage ‘Afkortingen’" not in text


def test_pdf_captions_above_tables_and_source_below(pdf_text):
    page = next(_flat(p) for p in pdf_text if "Tabel 1: Vertrek naar type" in _flat(p))
    caption = page.index("Tabel 1: Vertrek naar type")
    header = page.index("Type vertrek 2011 2012 Totaal")
    source = page.index("Bron: KMI+, peildatum 1 februari 2019.")
    assert caption < header < source
    assert "Figuur 1: Aandeel zelfstandig en gedwongen vertrek per jaar" in page


def test_pdf_running_header_page_numbers_and_footnotes(pdf_text):
    chapter = next(p for p in pdf_text if "Leeswijzer" in p and "Inhoudsopgave" not in p)
    assert "Beleidsdoorlichting vertrek van vreemdelingen" in chapter  # running header
    assert "Bedragen zijn afgerond op hele duizenden euro's" in _flat(chapter).replace("’", "'")
    assert re.search(r"\n\s*3\s*$", chapter)  # page number in the footer


def test_pdf_wide_table_gets_a_landscape_page(published):
    reader = pypdf.PdfReader(published["pdf"])
    wide = [
        p for p in reader.pages if "Vertrek met toezicht over een langere reeks" in p.extract_text()
    ]
    assert len(wide) == 1
    box = wide[0].mediabox
    assert box.width > box.height
    assert "105.650" in wide[0].extract_text()  # the last column is on the page


def test_pdf_repeats_table_header_on_every_page_the_table_spans(tmp_path):
    rows = "\n".join(f"| Regel {n} | {n} |" for n in range(1, 121))
    text = sample_text().replace(
        "# Bijlagen",
        f"# Lange tabel\n\n| Omschrijving | Aantal |\n|:--|--:|\n{rows}\n\n"
        ": Een tabel over meerdere pagina's {#tbl-lang}\n\n# Bijlagen",
    )
    result = publish(sample_document(tmp_path / "build", text), tmp_path / "output", ["pdf"])
    pages = [p.extract_text() for p in pypdf.PdfReader(result["pdf"]).pages]
    spanned = [p for p in pages if re.search(r"Regel \d+ ", p)]
    assert len(spanned) >= 2
    assert all("Omschrijving Aantal" in _flat(p) for p in spanned)


# --- HTML ------------------------------------------------------------------------------------


def test_html_is_dutch_self_contained_and_responsive(html_text):
    assert re.search(r'<html[^>]* lang="nl"', html_text)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html_text, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", html_text, re.IGNORECASE)
    assert '<img src="data:image/png;base64,' in html_text or 'src="data:image/png' in html_text
    assert 'name="viewport"' in html_text
    assert "@media print" in html_text
    assert 'class="tabel" tabindex="0" role="region"' in html_text  # wide tables scroll


def test_html_has_table_of_contents_headers_and_captions(html_text):
    assert '<nav id="TOC"' in html_text
    assert html_text.count("<table") == len(TABLES)
    assert len(re.findall(r"<th[ >]", html_text)) == TABLE_HEADER_CELLS
    captions = re.findall(r"<caption>(.*?)</caption>", html_text, re.DOTALL)
    assert [_flat(re.sub("<[^>]+>", "", c)).split(":")[0] for c in captions] == [
        "Tabel 1",
        "Tabel 2",
        "Tabel 3",
    ]
    assert 'alt="Staafdiagram met het aandeel zelfstandig' in html_text


def test_html_references_are_numbered_links(html_text):
    links = {
        target: _flat(html.unescape(re.sub("<[^>]+>", "", text)))
        for target, text in re.findall(
            r'<a href="#((?:tbl|fig|sec)-[\w-]+)"[^>]*>(.*?)</a>', html_text
        )
        if not text.startswith("<span")
    }
    for label, words in EXPECTED_REFERENCES.items():
        assert links[label].lower() == words
    assert "??" not in html_text


def test_html_section_numbers_match_the_pdf(html_text):
    numbers = re.findall(
        r'<h[2-4][^>]*><span class="header-section-number">([\d.]+)</span> ([^<]+)', html_text
    )
    assert [(number, _flat(title)) for number, title in numbers] == [
        ("1", "Inleiding"),
        ("1.1", "Leeswijzer"),
        ("1.2", "Doel van het artikel"),
        ("2", "Vertrek"),
        ("2.1", "Resultaten"),
        ("2.1.1", "Zelfstandig vertrek"),
        ("3", "Uitgaven"),
    ]


# --- DOCX ------------------------------------------------------------------------------------


def _docx_paragraphs(body: str) -> list[str]:
    """The text of each paragraph of word/document.xml."""
    return [
        _flat(html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph))))
        for paragraph in re.findall(r"<w:p[ >].*?</w:p>", body, re.DOTALL)
    ]


def test_docx_contains_every_table_with_caption(published):
    with zipfile.ZipFile(published["docx"]) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert body.count("<w:tbl>") == len(TABLES)
    paragraphs = _docx_paragraphs(body)
    for caption in (
        "Tabel 1: Vertrek naar type (aantal vreemdelingen)",
        "Tabel 2: Vertrek met toezicht over een langere reeks (aantal vreemdelingen)",
        "Tabel 3: Programma-uitgaven artikel 37.3 (x € 1.000)",
        "Figuur 1: Aandeel zelfstandig en gedwongen vertrek per jaar",
        "1 Inleiding",
        "2.1.1 Zelfstandig vertrek",
    ):
        assert caption in paragraphs
    for label in TABLES:
        assert f'w:name="{label}"' in body  # bookmark, the target of the reference links


# --- Determinism and failures ----------------------------------------------------------------


def test_publishing_twice_gives_identical_bytes(tmp_path, published):
    again = publish(sample_document(tmp_path / "elders"), tmp_path / "output")
    for fmt in ("pdf", "html", "docx"):
        assert again[fmt].read_bytes() == published[fmt].read_bytes(), fmt


def test_unknown_reference_fails_naming_the_label(tmp_path):
    text = sample_text().replace("@tbl-uitgaven.[^1]", "@tbl-bestaat-niet.[^1]")
    output = tmp_path / "output"
    with pytest.raises(PublishError, match="@tbl-bestaat-niet"):
        publish(sample_document(tmp_path / "build", text), output)
    assert not output.exists()


def test_missing_figure_fails_and_keeps_previous_publication(tmp_path):
    document = sample_document(tmp_path / "build")
    output = tmp_path / "output"
    publish(document, output)
    before = snapshot(output)
    (tmp_path / "build" / "figuren" / "vertrek-aandeel.png").unlink()
    for fmt in ("pdf", "html", "docx"):
        with pytest.raises(PublishError, match=r"vertrek-aandeel\.png"):
            publish(document, output, [fmt])
    assert snapshot(output) == before


def test_document_without_date_is_refused(tmp_path):
    text = sample_text().replace("date: '2019-06-14'\n", "")
    with pytest.raises(PublishError, match="date: JJJJ-MM-DD"):
        publish(sample_document(tmp_path / "build", text), tmp_path / "output")


def test_label_on_text_instead_of_a_table_is_explained(tmp_path):
    # Without a blank line before it, the pipe table is read as text, so its label labels nothing.
    text = sample_text().replace("@sec-zelfstandig.\n\n| Type", "@sec-zelfstandig.\n| Type")
    with pytest.raises(PublishError, match="ontbreekt er een lege regel vóór de tabel"):
        publish(sample_document(tmp_path / "build", text), tmp_path / "output")


def test_caption_label_left_as_text_by_older_pandoc_still_labels_the_table(tmp_path):
    # pandoc < 3.8.2 does not read `{#tbl-…}` in a caption; escaped braces give the same AST.
    text = sample_text().replace(
        "(x € 1\\.000) {#tbl-uitgaven}", "(x € 1\\.000) \\{#tbl-uitgaven\\}"
    )
    assert "\\{#tbl-uitgaven\\}" in text
    result = publish(sample_document(tmp_path / "build", text), tmp_path / "output", ["html"])
    page = result["html"].read_text(encoding="utf-8")
    assert '<table id="tbl-uitgaven">' in page
    assert "{#tbl-uitgaven}" not in page
    assert re.search(r'<a href="#tbl-uitgaven">tabel\xa03</a>', page)
