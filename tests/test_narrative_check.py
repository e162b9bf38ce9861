"""The text check: each kind of finding, with file and line, and the reference edition clean.

The rules under test come from the brief: years outside the evaluation period (except in
footnotes, quotes and citations), numbers in prose the model does not produce, literature
dated after the publication date, passages still marked for review, references to absent
labels, dates in editie.yml still to be set, missing or unused narrative files.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from report.inputs.read import read_inputs
from report.model import build_model
from report.narrative.slots import SLOTS
from report.render.document import compose
from tests.conftest import DATA

PART = "h2-literatuur"  # a part the report always prints, under a level-2 heading


def findings(data: Path) -> list[str]:
    return [str(f) for f in compose(build_model(read_inputs(data))).findings]


def with_text(data: Path, text: str, name: str = PART) -> Path:
    """The part replaced by `text` (its own lines, so line numbers are known)."""
    (data / "tekst" / f"{name}.qmd").write_text(text, encoding="utf-8")
    return data


def test_the_reference_edition_passes_clean():
    composed = compose(build_model(read_inputs(DATA)))
    assert composed.findings == []
    assert not composed.draft and "concept:" not in composed.text.split("---")[1]


def test_every_part_of_the_reference_edition_has_its_file():
    names = {path.stem for path in (DATA / "tekst").glob("*.qmd")}
    assert names == {slot.name for slot in SLOTS}


def test_a_passage_marked_for_review(data_copy):
    found = findings(with_text(data_copy, "Goed.\n\n::: nakijken\nOud.\n:::\n"))
    assert found == [f"tekst/{PART}.qmd › regel 3: " + found[0].split("regel 3: ")[1]]
    assert "nakijken" in found[0]


def test_a_year_outside_the_period_in_prose_but_not_in_notes_quotes_or_citations(data_copy):
    text = "\n".join(
        [
            "In 2010 begon het.",  # 1: before the period 2011–2017
            "In 2014 en 2017 niet.",  # 2: inside
            "Kox (2010) schreef het al.[^n]",  # 3: a citation
            "",
            "> Een citaat uit 2009.",  # 5: a quote
            "",
            "[^n]: Kamerstukken II 2009/10, nr. 1.",  # 7: a footnote
            "",
            "Tot 2018/19 liep het.",  # 9: a session year, both years count
        ]
    )
    found = findings(with_text(data_copy, text))
    years = sorted(
        (f.split("›")[1].split(":")[0].strip(), f.split("jaartal ")[1][:4]) for f in found
    )
    assert years == [("regel 1", "2010"), ("regel 9", "2018"), ("regel 9", "2019")]
    assert all("buiten de evaluatieperiode 2011–2017" in f for f in found)


def test_a_typed_number_the_model_does_not_produce(data_copy):
    # 136.590 is the period's departures (reference edition); 12.345 is nowhere in the data
    text = "Er vertrokken 136.590 mensen, niet 12.345.\n\n[^n]: Tabel 12.345 in de bron.\n"
    found = findings(with_text(data_copy, text.replace("12.345.\n", "12.345.[^n]\n")))
    assert len(found) == 1 and "regel 1: getal 12.345 komt niet uit de cijfers" in found[0]


def test_literature_dated_after_the_publication_date(data_copy):
    text = "Onderzoek.[^a] Meer.[^b] Leerkes (2025) ook.\n\n[^a]: X, *Y* (2025).\n[^b]: Z (2019).\n"
    found = findings(with_text(data_copy, text))
    late = sorted(
        f.split("›")[1].split(":")[0].strip() for f in found if "na de publicatiedatum" in f
    )
    assert late == ["regel 1", "regel 3"]  # the citation in the text and footnote a; 2019 is fine
    assert all("2019-06-14" in f for f in found if "publicatiedatum" in f)


def test_a_reference_to_a_table_this_edition_does_not_have(data_copy):
    path = data_copy / "vertrekcijfers.xlsx"
    book = openpyxl.load_workbook(path)
    del book["Vertrek veilige landen"]
    book.save(path)
    found = findings(with_text(data_copy, "Zie @tbl-vertrek-veilig.\n"))
    assert any("regel 1: verwijzing @tbl-vertrek-veilig" in f and "tabel" in f for f in found)


def test_a_named_value_unknown_or_not_available(data_copy):
    path = data_copy / "vertrekcijfers.xlsx"
    book = openpyxl.load_workbook(path)
    del book["Terugkeermaatregelen"]
    book.save(path)
    found = findings(
        with_text(data_copy, "A {{< var bestaat.niet >}}.\nB {{< var bewaring.aandeel >}}.\n")
    )
    assert any("regel 1: onbekende waarde 'bestaat.niet'" in f for f in found)
    assert any(
        "regel 2: de waarde 'bewaring.aandeel' is in deze editie niet beschikbaar" in f
        for f in found
    )


def test_dates_in_editie_yml_still_to_be_set(data_copy):
    path = data_copy / "editie.yml"
    path.write_text(path.read_text(encoding="utf-8") + "nakijken: [peildatum]\n", "utf-8")
    assert findings(data_copy) == [
        "editie.yml › peildatum: datum nog vaststellen; haal hem uit de lijst 'nakijken' als "
        "hij klopt"
    ]


def test_a_missing_file_and_an_unused_one(data_copy):
    (data_copy / "tekst" / f"{PART}.qmd").rename(data_copy / "tekst" / "h2-literatuurr.qmd")
    found = findings(data_copy)
    assert any(f.startswith(f"tekst/{PART}.qmd: tekstbestand ontbreekt") for f in found)
    assert any(
        f.startswith("tekst/h2-literatuurr.qmd: wordt niet gebruikt")
        and f"bedoelt u tekst/{PART}.qmd?" in f
        for f in found
    )


def test_a_part_whose_sheet_is_absent_is_neither_printed_nor_checked(data_copy):
    """The receipts text goes with the receipts table; without the sheet both drop out."""
    path = data_copy / "financien.xlsx"
    book = openpyxl.load_workbook(path)
    del book["Ontvangsten"]
    book.save(path)
    with_text(data_copy, "In 1990 ontving de DT&V iets.\n", name="h2-uitgaven-ontvangsten")
    composed = compose(build_model(read_inputs(data_copy)))
    assert "1990" not in composed.text and composed.findings == []


def test_findings_make_the_document_a_draft(data_copy):
    composed = compose(build_model(read_inputs(with_text(data_copy, "::: nakijken\nX.\n:::\n"))))
    front = yaml.safe_load(composed.text.split("---")[1])
    assert composed.draft and front["concept"] is True


@pytest.mark.parametrize("name", [slot.name for slot in SLOTS])
def test_every_part_is_placed_once_by_the_templates(name):
    from report.resources import CHAPTERS

    placed = sum(p.read_text("utf-8").count(f'tekst("{name}")') for p in CHAPTERS.glob("*.j2"))
    assert placed == 1


def test_the_readme_explains_every_named_value():
    from report.narrative.values import VALUES
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"| `{value.name}` | {value.meaning} |" in readme for value in VALUES)
