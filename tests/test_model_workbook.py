"""The Excel file of all computed tables: one numbered sheet per table, traceable, deterministic."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from report.inputs.read import read_inputs
from report.model import build_model
from report.present.numbering import Numbered, Numbering
from report.present.workbook import sheet_name, write_tables_workbook
from tests.conftest import DATA


@pytest.fixture(scope="module")
def model():
    return build_model(read_inputs(DATA))


def numbered(model, keys, start: int = 1) -> Numbering:
    """A numbering as a document that shows `keys` from Tabel `start` on would give."""
    tables = tuple(
        Numbered(n, key, model.tables[key].title) for n, key in enumerate(keys, start=start)
    )
    return Numbering(tables, ())


def test_one_numbered_sheet_per_table(model, tmp_path):
    path = tmp_path / "tabellen.xlsx"
    write_tables_workbook(model, path, numbered(model, model.tables))
    book = openpyxl.load_workbook(path)
    assert len(book.sheetnames) == len(model.tables)
    assert len(set(book.sheetnames)) == len(book.sheetnames)
    assert all(len(name) <= 31 for name in book.sheetnames)
    for number, (name, table) in enumerate(
        zip(book.sheetnames, model.tables.values(), strict=True), 1
    ):
        assert name.startswith(f"Tabel {number} ")
        assert book[name]["A1"].value == f"Tabel {number}. {table.title}"
    first = book[book.sheetnames[0]]
    rows = list(first.iter_rows(values_only=True))
    header = rows[3]
    assert header[:2] == ("Type vertrek", "2011") and header[-1] == "Totaal"
    total = next(r for r in rows if r[0] == "Totaal")
    assert (total[1], total[-1]) == (21_540, 136_590)  # Tabel 2 of the reference edition
    texts = [r[0] for r in rows if r[0]]
    assert "Bron: KMI+, peildatum 1 februari 2019" in texts
    assert "Herkomst van de cijfers: vertrekcijfers.xlsx › Vertrek naar type › A6:J10" in texts


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
        ),
        (),
    )
    write_tables_workbook(model, path, document)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        sheet_name(2, model.tables["besparing"].title),
        sheet_name(3, model.tables["vertrek-type"].title),
    ]
    assert book.sheetnames[1].startswith("Tabel 3 ")
    assert book[book.sheetnames[1]]["A1"].value == f"Tabel 3. {model.tables['vertrek-type'].title}"


def test_sheet_names_are_valid():
    name = sheet_name(12, "Uitgaven [DT&V]: apparaat / programma? en meer tekst dan past")
    assert len(name) == 31 and not set("[]:*?/\\") & set(name)
    assert name == "Tabel 12 Uitgaven DT&V apparaa…"
