"""Adding an optional table end to end, by the steps of CONTRIBUTING.md.

contract (a sheet) → catalog (an entry with its builder) → chapter template (`table(key)` and a
sentence that cites it) → sample data (the filled sheet). The test makes each change on a
test-only copy (the contract and catalog through monkeypatch, the templates in a temporary
folder) and checks that the table is numbered in the document and has that number in
tabellen.xlsx; without the sheet, it is left out and nothing else moves.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from report.inputs import contract
from report.inputs.contract import Role, Row, Unit, YearSheet
from report.inputs.edition import load_edition
from report.inputs.read import read_inputs
from report.inputs.template import SheetValues, write_workbook
from report.model import build_model
from report.model import catalog as catalog_module
from report.model.entries import DataTable
from report.model.tables import Heading
from report.present.workbook import write_tables_workbook
from report.render import document as document_module
from report.render.document import render
from tests.conftest import DATA

REGIONS = ("Afrika", "Azië", "Europa", "Amerika en Oceanië")

# Step 1, the contract: a sheet in the statistics workbook.
SHEET = YearSheet(
    key="vertrek_regio",
    workbook=contract.STATISTICS,
    sheet="Vertrek naar regio",
    title="Vertrek naar regio van herkomst",
    unit=Unit.COUNT,
    required=False,
    rows=(*(Row(region) for region in REGIONS), Row("Totaal", Role.TOTAL)),
    rounding=10,
)


# Step 2, the catalog: an entry placed after the safe-countries table; the sheet as it is.
ENTRY = DataTable(
    Heading(
        "vertrek-regio", "Vertrek van vreemdelingen naar regio van herkomst", Unit.COUNT, "Regio"
    ),
    sheets=("vertrek_regio",),
    build=catalog_module.as_sheet("vertrek_regio", total_column=True),
    section="sec-resultaten",
    printed_totals=True,
)

# Step 3, the chapter template: the table and a sentence that introduces it.
TEMPLATE_TEXT = """{% if has("vertrek-regio") %}
{{ table("vertrek-regio") }}
@tbl-vertrek-regio verdeelt het vertrek over de regio's van herkomst.
{% endif %}
"""


def extended_catalog(monkeypatch: pytest.MonkeyPatch) -> tuple[DataTable, ...]:
    monkeypatch.setattr(contract, "SHEETS", (*contract.SHEETS, SHEET))
    monkeypatch.setitem(contract.BY_KEY, SHEET.key, SHEET)
    tables = list(catalog_module.TABLES)
    tables.insert(tables.index(catalog_module.table_entry("vertrek-veilig")) + 1, ENTRY)
    monkeypatch.setattr(catalog_module, "TABLES", tuple(tables))
    return tuple(t for t in tables if isinstance(t, DataTable))


def extended_templates(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(document_module.CHAPTERS, target)
    chapter = target / "h2_vertrek.qmd.j2"
    text = chapter.read_text(encoding="utf-8")
    anchor = "{% if ind.nationalities %}"
    chapter.write_text(text.replace(anchor, TEMPLATE_TEXT + "\n" + anchor, 1), encoding="utf-8")
    monkeypatch.setattr(document_module, "CHAPTERS", target)


# Step 4, the sample data: the filled sheet in the statistics workbook.
def with_region_sheet(data: Path, tmp: Path) -> Path:
    shutil.copytree(DATA, data)
    edition = load_edition(data / "editie.yml")
    years = edition.years
    rows = [
        ("", region, {y: 1_000 * (i + 1) + 10 * (y - years[0]) for y in years}, None, "", {})
        for i, region in enumerate(REGIONS)
    ]
    values = SheetValues(bron="IND, bewerking DT&V", peildatum="2019-02-01", years=years, rows=rows)
    written = tmp / "regio.xlsx"
    write_workbook(contract.STATISTICS, edition, written, {SHEET.key: values})
    source = openpyxl.load_workbook(written)[SHEET.sheet]
    book = openpyxl.load_workbook(data / edition.statistics_file)
    sheet = book.create_sheet(SHEET.sheet)
    for row in source.iter_rows():
        for cell in row:
            if cell.value is not None:
                sheet[cell.coordinate] = cell.value
    book.save(data / edition.statistics_file)
    return data


def test_an_added_table_is_numbered_in_the_document_and_in_tabellen_xlsx(tmp_path, monkeypatch):
    tables = extended_catalog(monkeypatch)
    extended_templates(tmp_path / "chapters", monkeypatch)
    data = with_region_sheet(tmp_path / "data", tmp_path)

    model = build_model(read_inputs(data), tables=tables)
    table = model.tables["vertrek-regio"]
    assert table.value("Totaal", 2011) == 1_000 + 2_000 + 3_000 + 4_000
    assert (
        list(model.tables).index("vertrek-regio") == list(model.tables).index("vertrek-veilig") + 1
    )

    result = render(model, tmp_path / "build")
    text = result.document.read_text(encoding="utf-8")
    captions = re.findall(r"\{#tbl-([\w-]+)\}", text)
    number = captions.index("vertrek-regio") + 1  # the filters number captions in order
    assert result.numbering.table("vertrek-regio").number == number == 5
    assert result.numbering.table("top-overig").number == 6  # the tables after it move on
    assert "@tbl-vertrek-regio verdeelt" in text

    write_tables_workbook(model, tmp_path / "tabellen.xlsx", result.numbering)
    book = openpyxl.load_workbook(tmp_path / "tabellen.xlsx")
    [sheet] = [name for name in book.sheetnames if name.startswith(f"Tabel {number} ")]
    assert book[sheet]["A1"].value == f"Tabel {number}. {table.title}"
    assert "Bron: IND, bewerking DT&V, peildatum 1 februari 2019" in [
        row[0] for row in book[sheet].iter_rows(values_only=True)
    ]


def test_without_its_sheet_the_added_table_is_left_out(tmp_path, monkeypatch):
    tables = extended_catalog(monkeypatch)
    extended_templates(tmp_path / "chapters", monkeypatch)
    model = build_model(read_inputs(DATA), tables=tables)
    assert "vertrek-regio" not in model.tables
    assert "Vertrek naar regio van herkomst" in model.absent
    result = render(model, tmp_path / "build")
    assert result.numbering.table("top-overig").number == 5
