"""Reading the edition's text and its settings for review: what cannot be read is an input
problem naming file and line (exit 2), and `waarden` lists the named values.
"""

from __future__ import annotations

import openpyxl
import pytest

from report.inputs.read import read_inputs
from report.narrative.values import VALUES
from report.problems import InputError
from tests.cli_support import run_cli


def problems(data) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_inputs(data)
    return [str(p) for p in caught.value.problems]


def test_a_text_file_that_is_not_utf8_names_its_line(data_copy):
    path = data_copy / "tekst" / "h4-europa.qmd"
    path.write_bytes("Regel een.\nRegel twee met één fout: ".encode() + b"\xff\n")
    assert problems(data_copy) == [
        "tekst/h4-europa.qmd › regel 2: het bestand is niet als UTF-8 opgeslagen; sla het op als UTF-8"
    ]


def test_a_character_the_font_cannot_print_names_its_line(data_copy):
    path = data_copy / "tekst" / "h4-europa.qmd"
    path.write_text("Goed.\n\nMet een emoji \U0001f600.\n", encoding="utf-8")
    found = problems(data_copy)
    assert len(found) == 1 and found[0].startswith("tekst/h4-europa.qmd › regel 3: het teken '😀'")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("maatregel: geen lijst\n", "verwacht een lijst van regels"),
        ("- maatregel: [a, b]\n", "regel 1: verwacht velden met tekst"),
        (
            "- maatregel: &a x\n- maatregel: *a\n",
            "ankers (&naam) zijn in tekst/maatregelen.yml niet toegestaan",
        ),
        ("- maatregel: a\n  maatregel: b\n", "staat twee keer in hetzelfde blok"),
    ],
)
def test_a_table_of_words_that_is_not_a_plain_list_of_rows(data_copy, text, says):
    (data_copy / "tekst" / "maatregelen.yml").write_text(text, encoding="utf-8")
    found = problems(data_copy)
    assert len(found) == 1 and found[0].startswith("tekst/maatregelen.yml") and says in found[0]


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (
            "nakijken: [titel]",
            'nakijken[0]: "titel" is onbekend; kies uit: peildatum, publicatiedatum',
        ),
        ("nakijken: peildatum", 'nakijken: "peildatum" is geen lijst'),
        ("nakijken: [peildatum, peildatum]", "nakijken: noem elke datum één keer"),
    ],
)
def test_dates_to_review_are_checked_by_the_schema(data_copy, line, says):
    path = data_copy / "editie.yml"
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    assert any(says in p for p in problems(data_copy)), problems(data_copy)


def test_waarden_lists_every_name_with_its_value_and_meaning(tmp_path, data_copy):
    result = run_cli("waarden", "--data", data_copy, "--build-dir", tmp_path / "b")
    assert result.returncode == 0, result.stderr
    for value in VALUES:
        assert f"  {value.name} " in result.stdout and value.meaning in result.stdout
    assert "vertrek.totaal" in result.stdout and "136.590" in result.stdout  # Tabel 2's total
    path = data_copy / "vertrekcijfers.xlsx"
    book = openpyxl.load_workbook(path)
    del book["Vertrek via IOM"]
    book.save(path)
    without = run_cli("waarden", "--data", data_copy, "--build-dir", tmp_path / "b")
    line = next(x for x in without.stdout.splitlines() if x.strip().startswith("iom.totaal"))
    assert "(niet beschikbaar)" in line
