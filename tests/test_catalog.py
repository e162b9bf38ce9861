"""The catalog owns every table and figure: the document follows its order and numbers them so.

These tests render the sample and compare what the document emitted (its captions, in order)
with the catalog and with the numbering record the render stage wrote.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from report.inputs import contract
from report.inputs.read import read_inputs
from report.model import build_model
from report.model import catalog as catalog_module
from report.model.catalog import DATA_TABLES, FIGURES, TABLES
from report.model.entries import DataTable
from report.render.document import RenderError, render
from tests.conftest import DATA


@pytest.fixture(scope="module")
def model():
    return build_model(read_inputs(DATA))


@pytest.fixture(scope="module")
def rendered(model, tmp_path_factory):
    build = tmp_path_factory.mktemp("build")
    result = render(model, build)
    return result, result.document.read_text(encoding="utf-8")


def test_keys_are_unique_and_sheets_exist():
    keys = [entry.key for entry in TABLES]
    assert len(keys) == len(set(keys))
    assert len({f.key for f in FIGURES}) == len(FIGURES)
    for entry in (*DATA_TABLES, *FIGURES):
        assert set(entry.sheets) <= set(contract.BY_KEY), entry.key


def test_a_table_is_optional_exactly_when_one_of_its_sheets_is():
    optional = {e.key for e in DATA_TABLES if e.optional}
    assert "vertrek-iom" in optional and "top-veilig" in optional
    assert not {"vertrek-type", "uitgaven-programma", "uitgaven-apparaat", "besparing"} & optional


def test_the_document_numbers_tables_and_figures_in_catalog_order(model, rendered):
    result, text = rendered
    captions = re.findall(r"\{#tbl-([\w-]+)\}", text)  # every captioned table, in order
    # the sample supplies every sheet, so every catalog table is there, in the catalog's order
    assert captions == [entry.key for entry in TABLES]
    assert [(t.number, t.key) for t in result.numbering.tables] == list(
        enumerate(captions, start=1)
    )
    figures = re.findall(r"\{#fig-([\w-]+) ", text)
    assert figures == [f.key for f in FIGURES]
    assert [f.key for f in result.numbering.figures] == figures
    assert list(model.tables) == [e.key for e in DATA_TABLES]  # the model keeps that order too


def test_numbering_is_written_beside_the_document(rendered):
    result, _ = rendered
    manifest = json.loads((result.document.parent / "nummering.json").read_text(encoding="utf-8"))
    tables = {t["key"]: t for t in manifest["tables"]}
    assert tables["vertrek-type"]["number"] == result.numbering.table("vertrek-type").number
    assert (
        tables["vertrek-type"]["caption"]
        == "Vertrek van vreemdelingen naar type vertrek (2011–2017)"
    )
    assert tables["beleidsterreinen"]["number"] == 1  # a table of words counts as well


def section_text(text: str, label: str) -> str:
    """The text of a section, up to the next heading of the same or a higher level."""
    match = re.search(rf"^(#+) .*\{{ *#{label} *\}}\s*$", text, re.MULTILINE)
    assert match, label
    level = len(match.group(1))
    rest = text[match.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def test_every_table_and_figure_is_introduced_where_the_catalog_says(rendered):
    _, text = rendered
    for entry in (*TABLES, *FIGURES):
        if entry.section:
            prefix = "fig" if entry in FIGURES else "tbl"
            assert f"@{prefix}-{entry.key}" in section_text(text, entry.section), entry.key


def test_a_document_out_of_catalog_order_is_refused(model, tmp_path, monkeypatch):
    """Swap two tables in the catalog: the templates no longer follow it, and render says so."""
    tables = list(TABLES)
    first = tables.index(catalog_module.table_entry("vertrek-type"))
    tables[first], tables[first + 1] = tables[first + 1], tables[first]
    monkeypatch.setattr(catalog_module, "TABLES", tuple(tables))
    with pytest.raises(RenderError, match="volgorde"):
        render(model, tmp_path)


def test_reconciliation_partners_put_their_note_under_the_table(model):
    """Tabel 3 of the reference edition differs by rounding from Tabel 2 (VERIFY.md §1)."""
    partners = {e.key for e in DATA_TABLES if e.partner}
    assert partners == {
        "vertrek-veilig",
        "vertrek-iom",
        "opdracht",
        "uitstroom-procenten",
        "vertrek-gl",
    }
    notes = model.tables["vertrek-veilig"].notes
    assert any("de tabel met het vertrek naar type vertrek" in note for note in notes)


def test_a_table_without_its_partner_sheet_is_not_reconciled(model):
    """vertrek-iom is compared with REAN support only when that sheet is supplied."""
    entry = catalog_module.table_entry("vertrek-iom")
    assert isinstance(entry, DataTable) and entry.partner is not None
    inputs = read_inputs(DATA)
    without = replace(
        inputs, tables={k: v for k, v in inputs.tables.items() if k != "ondersteuning"}
    )
    table = build_model(without).tables["vertrek-iom"]
    assert not any("REAN-ondersteuning" in note for note in table.notes)
