"""tabellen.xlsx for finance: numbered sheets, contents, units, formats, print set-up, bytes."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from pypdf import PdfReader

from report.inputs.read import read_inputs
from report.model import build_model
from report.present.numbering import Numbered, Numbering
from report.present.workbook import ListSheet, sheet_name, write_tables_workbook
from tests.conftest import DATA

CONTENTS = "Inhoud"


@pytest.fixture(scope="module")
def model():
    return build_model(read_inputs(DATA))


def numbered(model, keys, start: int = 1) -> Numbering:
    """A numbering as a document that shows `keys` from Tabel `start` on would give."""
    tables = tuple(
        Numbered(n, key, model.tables[key].title) for n, key in enumerate(keys, start=start)
    )
    return Numbering(tables, ())


@pytest.fixture(scope="module")
def book(model, tmp_path_factory):
    """The workbook of every model table, Tabel 1, 2, … in the model's order."""
    path = tmp_path_factory.mktemp("werkmap") / "tabellen.xlsx"
    write_tables_workbook(model, path, numbered(model, model.tables))
    return openpyxl.load_workbook(path)


def sheet_of(book, model, key):
    number = list(model.tables).index(key) + 1
    return book[sheet_name(number, model.tables[key].title)]


def rows_of(sheet):
    return list(sheet.iter_rows(values_only=True))


def test_contents_first_then_one_numbered_sheet_per_table(book, model):
    assert book.sheetnames[0] == CONTENTS
    tables = book.sheetnames[1:]
    assert len(tables) == len(model.tables)
    assert len(set(tables)) == len(tables) and all(len(name) <= 31 for name in tables)
    for number, (name, table) in enumerate(zip(tables, model.tables.values(), strict=True), 1):
        assert name.startswith(f"Tabel {number} ")
        assert book[name]["A1"].value == f"Tabel {number}. {table.title}"
    first = book[tables[0]]
    rows = rows_of(first)
    assert rows[3][:2] == ("Type vertrek", "2011") and rows[3][-1] == "Totaal"
    total = next(r for r in rows if r[0] == "Totaal")
    assert (total[1], total[-1]) == (21_540, 136_590)  # Tabel 2 of the reference edition
    texts = [r[0] for r in rows if r[0]]
    assert "Bron: KMI+, peildatum 1 februari 2019" in texts
    assert "Herkomst van de cijfers: vertrekcijfers.xlsx › Vertrek naar type › A6:J10" in texts


def test_contents_links_to_every_sheet_and_every_sheet_back(book, model):
    contents = book[CONTENTS]
    links = {
        cell.value: cell.hyperlink.location
        for row in contents.iter_rows()
        for cell in row
        if cell.hyperlink is not None
    }
    for number, (name, table) in enumerate(
        zip(book.sheetnames[1:], model.tables.values(), strict=True), 1
    ):
        assert links[f"Tabel {number}"] == f"'{name}'!A1"
        row = next(r for r in contents.iter_rows(values_only=True) if r[0] == f"Tabel {number}")
        assert row[1] == table.title
        back = book[name]["A3"]
        assert back.value == "Naar de inhoud" and back.hyperlink.location == f"'{CONTENTS}'!A1"
    assert book.active.title == CONTENTS


def test_amounts_and_counts_have_a_thousands_format(book, model):
    spending = sheet_of(book, model, "uitgaven-programma")
    total = next(r for r in spending.iter_rows() if r[0].value == "Totaal programma-uitgaven")
    assert [c.number_format for c in total[1:]] == ["#,##0"] * 7
    assert spending["A2"].value == "Eenheid: x € 1.000"
    assert sheet_of(book, model, "vertrek-type")["A2"].value == "Eenheid: aantal vreemdelingen"


def test_percentages_are_stored_as_percentages(book, model):
    """Tabel 3: the shares of the reference edition's Tabel 2, stored as fractions with 0%."""
    shares = sheet_of(book, model, "vertrek-aandeel")
    assert shares["A2"].value == "Eenheid: procenten"
    forced = next(r for r in shares.iter_rows() if r[0].value == "Gedwongen vertrek")
    # 2017: 5.990 of 20.840 departures were forced, 28,7% → 29% (the report's rounding)
    assert forced[7].value == pytest.approx(0.29) and forced[7].number_format == "0%"
    assert all(c.value <= 1 for c in forced[1:])


def test_a_percentage_row_in_a_table_of_amounts_has_its_own_unit(book, model):
    """'Dekking van de taakstelling' is 105% (reference edition, Tabel 20), not 105 x € 1.000."""
    savings = sheet_of(book, model, "besparing")
    assert savings["A2"].value == "Eenheid: per regel, zie de kolom Eenheid"
    assert savings["B4"].value == "Eenheid"
    rows = {r[0].value: r for r in savings.iter_rows(min_row=5) if r[0].value}
    cover = rows["Dekking van de taakstelling"]
    assert cover[1].value == "procenten"
    assert cover[-1].value == pytest.approx(1.05) and cover[-1].number_format == "0%"
    total = rows["Totaal besparing"]
    assert total[1].value == "x € 1.000" and total[-1].number_format == "#,##0"
    assert savings.freeze_panes == "C5"


def test_an_empty_cell_shows_a_dash_and_the_note_says_why(book, model):
    receipts = sheet_of(book, model, "ontvangsten")
    europe = next(
        r for r in receipts.iter_rows(values_only=True) if r[0].startswith("Ontvangsten Europa")
    )
    assert europe[1] == "–"  # 2012: no receipts from Europe before 2014
    texts = [r[0] for r in receipts.iter_rows(values_only=True) if r[0]]
    assert any(t.startswith(europe[0] + ": ") and "2014" in t for t in texts)


def test_headers_are_frozen_and_each_sheet_prints_a4_landscape_one_page_wide(book):
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape"), sheet.title  # 9: A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        first, last = sheet.print_title_rows.replace("$", "").split(":")
        assert first == last, sheet.title  # the header row, repeated on every printed page
        header = int(first)
        assert sheet.freeze_panes.endswith(str(header + 1)), sheet.title
        if sheet.title != CONTENTS:
            assert sheet.cell(header, 1).font.bold


def test_document_properties_are_dutch(model, tmp_path):
    path = tmp_path / "tabellen.xlsx"
    write_tables_workbook(model, path, numbered(model, model.tables))
    properties = openpyxl.load_workbook(path).properties
    assert properties.language == "nl-NL"
    assert properties.title == f"{model.edition.title} — tabellen"
    assert properties.subject.startswith("Tabellen bij de beleidsdoorlichting")
    assert properties.creator == model.edition.ministry


def test_same_model_gives_identical_bytes(model, tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_tables_workbook(model, a, numbered(model, model.tables))
    write_tables_workbook(model, b, numbered(model, model.tables))
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2019, 6, 14, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2019-06-14T00:00:00Z" in core


def test_numbers_order_and_names_follow_the_document(model, tmp_path):
    """The document's numbers are the sheets' numbers, gaps (tables of words) included."""
    path = tmp_path / "t.xlsx"
    document = Numbering(
        (
            Numbered(1, "beleidsterreinen", "Beleidsterreinen"),  # words: no sheet
            Numbered(2, "besparing", model.tables["besparing"].title),
            Numbered(3, "vertrek-type", model.tables["vertrek-type"].title),
            Numbered(4, "afkortingen", "Afkortingen"),  # words: no sheet
        ),
        (),
    )
    write_tables_workbook(model, path, document)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        CONTENTS,
        sheet_name(2, model.tables["besparing"].title),
        sheet_name(3, model.tables["vertrek-type"].title),
    ]
    assert book[book.sheetnames[2]]["A1"].value == f"Tabel 3. {model.tables['vertrek-type'].title}"
    texts = [r[0] for r in book[CONTENTS].iter_rows(values_only=True) if r[0]]
    assert "Tabellen met alleen tekst staan niet in deze werkmap: Tabel 1 en 4." in texts


def test_a_list_sheet_follows_the_tables_and_is_in_the_contents(model, tmp_path):
    path = tmp_path / "t.xlsx"
    extra = ListSheet(
        "Herkomst",
        "Herkomst van elk getal",
        ("Tabel", "Cel", "Waarde"),
        [("Tabel 2", "B5", 4180), ("Tabel 2", "C5", 4130)],
    )
    write_tables_workbook(model, path, numbered(model, ["vertrek-type"], start=2), [extra])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "Herkomst"
    rows = rows_of(book["Herkomst"])
    assert rows[0][0] == "Herkomst van elk getal"
    assert rows[3] == ("Tabel", "Cel", "Waarde") and rows[4] == ("Tabel 2", "B5", 4180)
    link = next(
        cell for row in book[CONTENTS].iter_rows() for cell in row if cell.value == "Herkomst"
    )
    assert link.hyperlink.location == "'Herkomst'!A1"


def test_sheet_names_are_valid():
    name = sheet_name(12, "Uitgaven [DT&V]: apparaat / programma? en meer tekst dan past")
    assert len(name) == 31 and not set("[]:*?/\\") & set(name)
    assert name == "Tabel 12 Uitgaven DT&V apparaa…"
    assert "'" not in sheet_name(3, "Regio's van herkomst")


@pytest.mark.slow
def test_libreoffice_prints_every_table_on_one_a4_landscape_page(book, model, tmp_path):
    """Each table fits one page wide (today's tables also one page high): no table is split."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")
    path = tmp_path / "tabellen.xlsx"
    write_tables_workbook(model, path, numbered(model, model.tables))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profiel').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    reader = PdfReader(tmp_path / "tabellen.pdf")
    assert len(reader.pages) == len(book.sheetnames)  # the contents and one page per table
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            842,
            595,
        )
    for page, name in zip(reader.pages[1:], book.sheetnames[1:], strict=True):
        text = " ".join((page.extract_text() or "").split())
        caption = book[name]["A1"].value
        assert caption in text, name
        # every year column is on the page: the last header of the table is printed
        last = book[name].cell(4, book[name].max_column).value
        assert re.search(re.escape(last), text), name
