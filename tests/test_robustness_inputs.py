"""Bad and unusual workbooks: each is read correctly or refused in Dutch, never a crash or hang.

Every case of tests/corpus.py is generated into a copy of data/ and read. A case either reads
correctly (the values asserted against the reference edition or against what the case
wrote) or ends in an InputError whose problems name file, sheet and cell in Dutch. Any other
exception is a crash; more than HANG_LIMIT seconds is a hang. The heavy cases run once more in
a child process, so that their memory is measured too.

Limits enforced by report/inputs/excel.py before openpyxl parses anything: file at most
20 MB; one part at most 10 MB unpacked; the whole workbook at most 16 MB unpacked; a part
over 1 MB may unpack to at most 200 times its packed size. The worst case that passes them
(two sheets of 7.8 MB) reads in 4 to 5 s with a peak of about 310 MB on a 2-CPU machine
(test_heavy_case_time_and_memory).

Case -> outcome (why)
===================================  ===========================================================
sheet_required_missing               refused: › Apparaatsuitgaven, required sheet missing
sheet_optional_missing               read: Ontvangsten listed as absent
sheet_name_other_case                read, note: names match regardless of case
sheet_name_trailing_spaces           read, note: names match regardless of spaces
sheet_name_different                 refused: › Programma-uitgaven, required sheet missing
sheet_name_twice                     refused: › 'Apparaatsuitgaven ', two sheets answer to a name
sheet_extra                          read, note: unknown sheet not used
sheets_reordered                     read: sheets are found by name
sheet_hidden                         read, note: hidden sheet is read
header_years_as_text                 read, note per cell: "2011" read as 2011
header_year_missing                  refused: › rij 6, year 2013 missing
header_year_twice                    refused: › C6, year twice
header_year_as_date                  refused: › B6, unknown column heading
header_years_out_of_order            refused: › rij 6, years not in order
header_row_missing                   refused: › A1, header row not found
label_other_case                     read: labels match regardless of case
label_spaces                         read: labels match regardless of (non-breaking) spaces
empty_rows_between                   read: empty rows are skipped
merged_cells_in_table                refused: › B8:C8, merged cells
merged_cells_in_title                read: merged cells above the table are harmless
hidden_row                           read, note: › rij 9, hidden rows are counted
hidden_column                        read, note: › kolom C, hidden columns are read
source_note_below_table              read: a "Bron: ..." line below the table is skipped
source_note_without_colon            read: "Bron KMI+" without amounts is a note, not a line
label_starting_with_bron             read: "Bronbeveiliging ICT" is a line, not a source note
far_away_styled_cell                 read quickly: only filled rows are visited
far_away_value                       read quickly: a value outside the table is ignored
amount_dutch_text                    read, note: "30.402" read as 30402
amount_euro_text                     read, note: "€ 30.402" read as 30402
amount_dutch_decimal                 refused: › B8, "1234,5 is geen geheel getal"
amount_negative                      refused: › B8, negative amount
amount_text                          refused: › B8, "n.v.t." is no amount
amount_date                          refused: › B8, a date where an amount belongs
amount_boolean                       refused: › B8, WAAR is no amount
amount_error_ref                     refused: › B8, Excel error value #REF!
amount_error_div0                    refused: › B8, Excel error value #DIV/0!
amount_float_noise                   read: 47520.000000000004 is Excel's 47520 (15 digits)
amount_exponent                      read: 3.0402E4 is 30402
amount_infinite                      refused: › B8, invalid value (was a crash)
percent_text                         read: "30%" is 30
percent_cell                         read: 0,3 formatted as % is 30
phase_text                           refused: › Besparingsmaatregelen › (2020)7, no percentage
formula_without_cache                refused: › C11, formula without cached result
formula_with_cache                   read: the cached result is used
formula_cached_wrong                 refused: › C11, printed total differs from the sum
formula_shared                       read: cached results of a shared formula
formula_shared_without_cache         refused: › C11 and D11, formula without cached result
external_link_cached                 read, note: names the linked file; cached result used
external_link_uncached               refused: › C11, formula refers to another file
external_link_broken                 refused: a part is no valid XML
payload_labels                       read: HTML/Markdown/Typst/Jinja labels kept literally
payload_toelichting                  read: payloads in Toelichting kept literally
payload_gevolgen                     read: payloads in Gevolgen and Maatregel kept literally
payload_bron                         read: payloads in Bron kept literally
file_missing                         refused: financien-2019.xlsx, file missing
file_wrong_extension                 refused: financien.dat, not .xlsx/.xlsm
file_xls                             refused: financien.xls, old Excel format
file_xls_renamed                     refused: old Excel format despite the name
file_password                        refused: password-protected
file_xlsm                            read, note: macros are not used
file_csv                             refused: not an Excel workbook
file_ods                             refused: a zip that is no Excel workbook
file_docx                            refused: a zip that is no Excel workbook
file_empty                           refused: empty file
file_truncated                       refused: incomplete zip (interrupted copy)
file_corrupt                         refused: damaged zip (CRC)
file_missing_part                    refused: › Apparaatsuitgaven, required sheet missing
file_malformed_xml                   refused: a part is no valid XML
file_bad_number_xml                  refused: cannot be read as a workbook
huge_sheet                           refused by size limit: › Export, 26 MB unpacked
large_sheet                          read within bounds (50.000 cells), note: unknown sheet
zip_bomb                             refused by ratio limit without inflating: › Programma-uitgaven
zip_bomb_lying                       refused: inflating stops at the stated 4 kB, CRC fails
xml_laughs_sheet                     refused: XML with a DTD (defusedxml)
xml_laughs_shared_strings            refused: XML with a DTD (defusedxml)
xml_external_entity                  refused: XML with a DTD (defusedxml)
-- tests/corpus_habits.py ----------
percent_fraction                     refused: › D7, 0,3 without a % format could be 0,3% or 30%
phase_fraction                       refused: › (2020)7, 0,25 is a fraction
percent_cell_outflow                 read: 0,53 formatted as % on the outflow sheet is 53
percent_above_100                    refused: › E7, percentage 130
blank_amount_unrelated_note          refused: › H11, blank cell (a Toelichting about else)
na_where_not_allowed                 refused: › E8, n.b. on a sheet that needs every figure
realisation_after_peildatum          refused: › L7, 2021 'realisatie' after the peildatum
year_empty_at_start                  read, note: 2011 wholly empty counts as not supplied
year_empty_in_between                refused once: › D6, empty year between filled years
year_empty_required                  refused once: › D6, a year the edition needs is empty
year_headers_formulas                refused once: › rij 6, header formulas without results
amount_1e308                         refused: › B8, too large for the report (was "usable")
amount_5000_digits                   refused: › Apparaatsuitgaven, cell B8 (was unexplained)
amount_5000_digits_text              refused: › B8, an amount of 5000 digits
label_duplicated                     refused: › A27, also in A7 (was accepted)
label_emoji                          refused: › A12, the font lacks U+1F600
text_bidi_override                   refused: › N8, the font lacks U+202E
label_zero_width_space               read, note: › A8, U+200B removed
measure_number_twice                 refused: › A8, also in A7
unit_on_row_3                        refused: › B3 (was reported at B2)
===================================  ===========================================================
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from report.inputs.excel import MAX_PART_BYTES, MAX_TOTAL_BYTES
from report.inputs.read import Inputs, read_inputs
from report.problems import InputError
from tests import corpus, corpus_habits  # noqa: F401 - corpus_habits registers more cases
from tests.conftest import DATA, REFERENCE, ROOT

HANG_LIMIT = 120.0  # seconds for one case; more is a hang (speed is the benchmark's concern)
MEMORY_LIMIT_MB = 700  # peak resident memory of a child process reading one heavy case
ENGLISH = re.compile(
    r"\b(the|unable|could|cannot|error|invalid|failed|file|not|for|with)\b", re.IGNORECASE
)


# -- expectations -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Read:
    """The case is read; `check` asserts what was read, `note` must be among the notes."""

    check: Callable[[Inputs], None] = lambda inputs: None
    note: str = ""


@dataclass(frozen=True)
class Refused:
    """The case is refused; one problem starts with `where` and contains `says`.

    `alone`: that is the only problem of its sheet (one clear cause, not one line per cell).
    """

    where: str
    says: str
    alone: bool = False


def reference(name: str) -> dict[str, dict[int, int]]:
    with (REFERENCE / name).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    label = next(iter(rows[0]))
    return {
        row[label]: {int(k): int(v) for k, v in row.items() if k.isdigit() and v} for row in rows
    }


def _phase_column(year: int) -> str:
    book = openpyxl.load_workbook(DATA / corpus.FINANCE, read_only=True)
    try:
        return corpus.column_of(book["Besparingsmaatregelen"], year)
    finally:
        book.close()


PHASE_2020 = _phase_column(2020)
APPARAAT = reference("tabel13_uitgaven_dtv_apparaat_2011_2017_wide.csv")
OUTFLOW_PCT = reference("tabel15_percentages_uitstroom_dtv_wide.csv")
VERTREK = reference("tabel02_type_vertrek_wide.csv")


def values(inputs: Inputs, key: str, label: str) -> dict[int, int | None]:
    row = inputs.get(key).find(label)
    assert row is not None, f"{key}: {label!r} not read"
    return row.values


def reference_intact(inputs: Inputs) -> None:
    """What every accepted case must still read: the reference edition's figures."""
    for label, by_year in APPARAAT.items():
        if not label.startswith("Totaal"):
            got = values(inputs, "apparaat", label)
            assert {y: got[y] for y in by_year} == by_year, label
    for label, by_year in VERTREK.items():
        got = values(inputs, "vertrek_type", label)
        assert {y: got[y] for y in by_year} == by_year, label


def apparaat_total(inputs: Inputs, year: int) -> int | None:
    return values(inputs, "apparaat", "Totaal apparaatsuitgaven")[year]


def _sheet_of(key: str) -> Callable[[Inputs], str]:
    return lambda inputs: inputs.get(key).origin.sheet


def _check_all(*checks: Callable[[Inputs], None]) -> Callable[[Inputs], None]:
    def run(inputs: Inputs) -> None:
        for check in checks:
            check(inputs)

    return run


def _eq(get: Callable[[Inputs], object], expected: object) -> Callable[[Inputs], None]:
    def check(inputs: Inputs) -> None:
        assert get(inputs) == expected

    return check


def _payload_labels(inputs: Inputs) -> None:
    table = inputs.get("programma")
    for payload in corpus.PAYLOADS:
        row = table.find(payload)
        assert row is not None and row.label == payload
        assert set(row.values.values()) == {1}


def _payload_toelichting(inputs: Inputs) -> None:
    texts = [r.toelichting for r in inputs.get("programma").rows]
    texts += [r.toelichting for r in inputs.get("apparaat").rows[:3]]
    assert texts == list(corpus.PAYLOADS)


def _payload_gevolgen(inputs: Inputs) -> None:
    records = inputs.get("maatregelen").records
    assert [r.values["Gevolgen"] for r in records] == [" ".join(corpus.PAYLOADS)] * 5
    assert records[0].values["Maatregel"] == corpus.PAYLOADS[0]


def _percentage(inputs: Inputs) -> object:
    return inputs.get("maatregelen").records[0].values["Percentage"]


EXPECTED: dict[str, Read | Refused] = {
    "sheet_required_missing": Refused(
        "financien.xlsx › Apparaatsuitgaven: ", "verplicht werkblad ontbreekt"
    ),
    "sheet_optional_missing": Read(
        _check_all(
            _eq(lambda i: i.get("ontvangsten"), None),
            _eq(lambda i: "ontvangsten" in [s.key for s in i.absent], True),
        )
    ),
    "sheet_name_other_case": Read(
        _eq(_sheet_of("programma"), "PROGRAMMA-uitgaven"),
        "financien.xlsx › PROGRAMMA-uitgaven: werkblad gelezen als 'Programma-uitgaven'",
    ),
    "sheet_name_trailing_spaces": Read(
        _eq(_sheet_of("apparaat"), "Apparaatsuitgaven  "),
        "financien.xlsx › Apparaatsuitgaven  : werkblad gelezen als 'Apparaatsuitgaven'",
    ),
    "sheet_name_different": Refused(
        "financien.xlsx › Programma-uitgaven: ", "verplicht werkblad ontbreekt"
    ),
    "sheet_name_twice": Refused(
        "financien.xlsx › Apparaatsuitgaven : ", "er is al een werkblad 'Apparaatsuitgaven'"
    ),
    "sheet_extra": Read(note="financien.xlsx › Kladblok: werkblad is onbekend"),
    "sheets_reordered": Read(),
    "sheet_hidden": Read(note="financien.xlsx › Apparaatsuitgaven: werkblad is verborgen"),
    "header_years_as_text": Read(
        _eq(lambda i: i.get("apparaat").years, tuple(range(2011, 2023))),
        "financien.xlsx › Apparaatsuitgaven › B6: jaartal als tekst '2011' gelezen als 2011",
    ),
    "header_year_missing": Refused(
        "financien.xlsx › Apparaatsuitgaven › rij 6: ", "jaar 2013 ontbreekt"
    ),
    "header_year_twice": Refused(
        "vertrekcijfers.xlsx › Vertrek naar type › C6: ", "jaar 2011 staat twee keer"
    ),
    "header_year_as_date": Refused(
        "vertrekcijfers.xlsx › Vertrek naar type › B6: ", "onbekende kolomkop"
    ),
    "header_years_out_of_order": Refused(
        "vertrekcijfers.xlsx › Vertrek naar type › rij 6: ", "niet op volgorde"
    ),
    "header_row_missing": Refused(
        "vertrekcijfers.xlsx › Vertrek naar type › A1: ", "kopregel met 'Omschrijving'"
    ),
    "label_other_case": Read(
        _eq(lambda i: i.get("apparaat").rows[1].label, "Externe inhuur van personeel")
    ),
    "label_spaces": Read(_eq(lambda i: i.get("apparaat").rows[0].label, "Ambtelijk personeel")),
    "empty_rows_between": Read(
        _eq(lambda i: [r.excel_row for r in i.get("apparaat").rows], [8, 11, 12, 13])
    ),
    "merged_cells_in_table": Refused(
        "financien.xlsx › Apparaatsuitgaven › B8:C8: ", "samengevoegde cellen"
    ),
    "merged_cells_in_title": Read(),
    "hidden_row": Read(note="financien.xlsx › Apparaatsuitgaven › rij 9: verborgen rij"),
    "hidden_column": Read(note="financien.xlsx › Apparaatsuitgaven › kolom C: verborgen kolom"),
    "source_note_below_table": Read(_eq(lambda i: len(i.get("apparaat").rows), 4)),
    "source_note_without_colon": Read(_eq(lambda i: len(i.get("vertrek_type").rows), 4)),
    "label_starting_with_bron": Read(
        _eq(
            lambda i: set(values(i, "apparaat", "Bronbeveiliging ICT").values()),
            {100},
        )
    ),
    "far_away_styled_cell": Read(),
    "far_away_value": Read(),
    "amount_dutch_text": Read(
        note='financien.xlsx › Apparaatsuitgaven › B8: tekst "30.402" gelezen als 30402'
    ),
    "amount_euro_text": Read(
        note='financien.xlsx › Apparaatsuitgaven › B8: tekst "€ 30.402" gelezen als 30402'
    ),
    "amount_dutch_decimal": Refused(
        "financien.xlsx › Apparaatsuitgaven › B8: ", "1234,5 is geen geheel getal"
    ),
    "amount_negative": Refused("financien.xlsx › Apparaatsuitgaven › B8: ", "negatief bedrag"),
    "amount_text": Refused("financien.xlsx › Apparaatsuitgaven › B8: ", '"n.v.t." is geen bedrag'),
    "amount_date": Refused("financien.xlsx › Apparaatsuitgaven › B8: ", "datum of tijd"),
    "amount_boolean": Refused("financien.xlsx › Apparaatsuitgaven › B8: ", "WAAR is geen bedrag"),
    "amount_error_ref": Refused(
        "financien.xlsx › Apparaatsuitgaven › B8: ", "Excel-foutwaarde #REF!"
    ),
    "amount_error_div0": Refused(
        "financien.xlsx › Apparaatsuitgaven › B8: ", "Excel-foutwaarde #DIV/0!"
    ),
    "amount_float_noise": Read(
        _eq(lambda i: apparaat_total(i, 2012), APPARAAT["Totaal apparaatsuitgaven"][2012])
    ),
    "amount_exponent": Read(),
    "amount_infinite": Refused("financien.xlsx › Apparaatsuitgaven › B8: ", "ongeldige waarde"),
    "percent_text": Read(_eq(_percentage, 30)),
    "percent_cell": Read(_eq(_percentage, 30)),
    "phase_text": Refused(
        f"financien.xlsx › Besparingsmaatregelen › {PHASE_2020}7: ", '"veel" is geen percentage'
    ),
    "formula_without_cache": Refused(
        "financien.xlsx › Apparaatsuitgaven › C11: ", "formule zonder opgeslagen uitkomst"
    ),
    "formula_with_cache": Read(
        _eq(lambda i: apparaat_total(i, 2012), APPARAAT["Totaal apparaatsuitgaven"][2012])
    ),
    "formula_cached_wrong": Refused(
        "financien.xlsx › Apparaatsuitgaven › C11: ",
        "totaal 'Totaal apparaatsuitgaven' is 33.395, de som is 47.520",
    ),
    "formula_shared": Read(
        _eq(
            lambda i: {y: apparaat_total(i, y) for y in range(2011, 2018)},
            APPARAAT["Totaal apparaatsuitgaven"],
        )
    ),
    "formula_shared_without_cache": Refused(
        "financien.xlsx › Apparaatsuitgaven › D11: ", "formule zonder opgeslagen uitkomst"
    ),
    "external_link_cached": Read(
        _eq(lambda i: apparaat_total(i, 2012), APPARAAT["Totaal apparaatsuitgaven"][2012]),
        "financien.xlsx: de werkmap verwijst naar een ander bestand (begroting 2016.xlsx)",
    ),
    "external_link_uncached": Refused(
        "financien.xlsx › Apparaatsuitgaven › C11: ",
        "formule '=[1]Blad1!A1' verwijst naar een ander bestand",
    ),
    "external_link_broken": Refused("financien.xlsx: ", "geen geldige XML"),
    "payload_labels": Read(_payload_labels),
    "payload_toelichting": Read(_payload_toelichting),
    "payload_gevolgen": Read(_payload_gevolgen),
    "payload_bron": Read(
        _eq(lambda i: i.get("vertrek_type").origin.bron, " ".join(corpus.PAYLOADS))
    ),
    "file_missing": Refused("financien-2019.xlsx: ", "bestand ontbreekt"),
    "file_wrong_extension": Refused("financien.dat: ", "eindigt niet op .xlsx of .xlsm"),
    "file_xls": Refused("financien.xls: ", "het oude Excel-formaat (.xls)"),
    "file_xls_renamed": Refused("financien.xlsx: ", "het oude Excel-formaat (.xls)"),
    "file_password": Refused("financien.xlsx: ", "met een wachtwoord beveiligd"),
    "file_xlsm": Read(
        _eq(lambda i: i.get("programma").origin.file, "financien.xlsm"),
        "financien.xlsm: werkmap met macro's: de macro's worden niet gebruikt",
    ),
    "file_csv": Refused("vertrekcijfers.xlsx: ", "dit is geen Excel-werkmap"),
    "file_ods": Refused("financien.xlsx: ", "geen Excel-werkmap"),
    "file_docx": Refused("financien.xlsx: ", "geen Excel-werkmap"),
    "file_empty": Refused("financien.xlsx: ", "het bestand is leeg"),
    "file_truncated": Refused("financien.xlsx: ", "onvolledig of beschadigd"),
    "file_corrupt": Refused("financien.xlsx: ", "beschadigd"),
    "file_missing_part": Refused(
        "financien.xlsx › Apparaatsuitgaven: ", "verplicht werkblad ontbreekt"
    ),
    "file_malformed_xml": Refused("financien.xlsx: ", "geen geldige XML"),
    "file_bad_number_xml": Refused("financien.xlsx: ", "kan niet als werkmap worden gelezen"),
    "huge_sheet": Refused("financien.xlsx › Export: ", "hoogstens 10 MB"),
    "large_sheet": Read(note="financien.xlsx › Export: werkblad is onbekend"),
    "zip_bomb": Refused("financien.xlsx › Programma-uitgaven: ", "meer dan 200 keer zo groot"),
    "zip_bomb_lying": Refused("financien.xlsx: ", "beschadigd"),
    "xml_laughs_sheet": Refused("financien.xlsx: ", "om veiligheidsredenen geweigerd"),
    "xml_laughs_shared_strings": Refused("financien.xlsx: ", "om veiligheidsredenen geweigerd"),
    "xml_external_entity": Refused("financien.xlsx: ", "om veiligheidsredenen geweigerd"),
    # -- tests/corpus_habits.py: Excel habits (issue 9) and hostile cells (issue 13) ----------
    "percent_fraction": Refused(
        "financien.xlsx › Besparingsmaatregelen › D7: ", "0,3 is een breuk"
    ),
    "phase_fraction": Refused(
        f"financien.xlsx › Besparingsmaatregelen › {PHASE_2020}7: ", "0,25 is een breuk"
    ),
    "percent_cell_outflow": Read(
        _eq(
            lambda i: values(i, "uitstroom_pct", "Percentage MOB")[2014],
            OUTFLOW_PCT["Percentage MOB"][2014],
        )
    ),
    "percent_above_100": Refused(
        "vertrekcijfers.xlsx › Uitstroom DT&V in procenten › E7: ",
        "percentage 130 is groter dan 100",
    ),
    "blank_amount_unrelated_note": Refused(
        "financien.xlsx › Programma-uitgaven › H11: ", "lege cel; vul een bedrag in"
    ),
    "na_where_not_allowed": Refused(
        "vertrekcijfers.xlsx › Vertrek naar type › E8: ", "n.b. is op dit werkblad niet toegestaan"
    ),
    "realisation_after_peildatum": Refused(
        "financien.xlsx › Programma-uitgaven › L7: ", "2021 staat op 'realisatie'"
    ),
    "year_empty_at_start": Read(
        _eq(lambda i: i.get("iom").years, tuple(range(2012, 2018))),
        "vertrekcijfers.xlsx › Vertrek via IOM › rij 6: jaar 2011 is leeg en telt als niet aangeleverd",
    ),
    "year_empty_in_between": Refused(
        "vertrekcijfers.xlsx › Vertrek via IOM › D6: ", "jaar 2013 is leeg, terwijl", alone=True
    ),
    "year_empty_required": Refused(
        "financien.xlsx › Apparaatsuitgaven › D6: ", "jaar 2013 is niet ingevuld", alone=True
    ),
    "year_headers_formulas": Refused(
        "financien.xlsx › Apparaatsuitgaven › rij 6: ",
        "de kopregel bevat formules zonder opgeslagen uitkomst",
        alone=True,
    ),
    "amount_1e308": Refused(
        "financien.xlsx › Apparaatsuitgaven › B8: ", "te groot voor het rapport"
    ),
    "amount_5000_digits": Refused(
        "financien.xlsx › Apparaatsuitgaven: ", "cel B8 bevat een getal van meer dan 4300 cijfers"
    ),
    "amount_5000_digits_text": Refused(
        "financien.xlsx › Apparaatsuitgaven › B8: ", "bedrag van 5000 cijfers is te groot"
    ),
    "label_duplicated": Refused(
        "vertrekcijfers.xlsx › Vertrek per nationaliteit › A27: ",
        "staat twee keer in de tabel: in A7 en in A27",
    ),
    "label_emoji": Refused(
        "financien.xlsx › Programma-uitgaven › A12: ", "'😀' (U+1F600) staat niet in het lettertype"
    ),
    "text_bidi_override": Refused(
        "financien.xlsx › Apparaatsuitgaven › N8: ", "het teken U+202E staat niet in het lettertype"
    ),
    "label_zero_width_space": Read(
        _eq(lambda i: i.get("apparaat").rows[0].label, "Ambtelijk personeel"),
        "financien.xlsx › Apparaatsuitgaven › A8: onzichtbaar teken (U+200B) verwijderd",
    ),
    "measure_number_twice": Refused(
        "financien.xlsx › Besparingsmaatregelen › A8: ",
        "Nr 1 staat twee keer in de tabel: in A7 en in A8",
    ),
    "unit_on_row_3": Refused(
        "financien.xlsx › Apparaatsuitgaven › B3: ", "eenheid 'x € 1 mln'; verwacht 'x € 1.000'"
    ),
}


# -- running a case ---------------------------------------------------------------------------
@dataclass
class Outcome:
    kind: str  # "read", "refused", "crash" or "hang"
    seconds: float
    inputs: Inputs | None = None
    problems: list[str] = field(default_factory=list)
    error: str = ""


class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang


def attempt(name: str, tmp_path: Path) -> Outcome:
    """Generate the case into a copy of data/ and read it; a case that never ends is a hang."""
    data = tmp_path / name
    shutil.copytree(DATA, data)
    corpus.CASES[name].make(data)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_LIMIT)
    start = time.perf_counter()
    try:
        inputs = read_inputs(data)
        return Outcome("read", time.perf_counter() - start, inputs)
    except InputError as error:
        return Outcome("refused", time.perf_counter() - start, problems=error.problems)
    except _Hang:
        return Outcome("hang", time.perf_counter() - start)
    except Exception as error:
        return Outcome("crash", time.perf_counter() - start, error=repr(error))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


RESULTS: dict[str, tuple[str, float, bool]] = {}  # name -> (kind, seconds, as expected)


def judge(name: str, outcome: Outcome) -> None:
    """Assert the expected outcome; raises AssertionError with the reason."""
    assert outcome.kind not in ("crash", "hang"), f"{name}: {outcome.kind} {outcome.error}"
    expected = EXPECTED[name]
    if isinstance(expected, Read):
        assert outcome.kind == "read", "\n".join(str(p) for p in outcome.problems)
        inputs = outcome.inputs
        reference_intact(inputs)
        expected.check(inputs)
        notes = [str(n) for n in inputs.notes]
        assert not expected.note or any(n.startswith(expected.note) for n in notes), notes
        return
    assert outcome.kind == "refused", f"{name} was read"
    texts = [str(p) for p in outcome.problems]
    assert any(t.startswith(expected.where) and expected.says in t for t in texts), texts
    if expected.alone:
        sheet = " › ".join(expected.where.split(" › ")[:2])
        assert len([t for t in texts if t.startswith(sheet)]) == 1, texts
    for problem in outcome.problems:
        assert problem.file, problem
        assert not ENGLISH.search(problem.message), problem


@pytest.mark.parametrize("name", list(corpus.CASES))
def test_case(name, tmp_path):
    outcome = attempt(name, tmp_path)
    try:
        judge(name, outcome)
    except AssertionError:
        RESULTS[name] = (outcome.kind, outcome.seconds, False)
        raise
    RESULTS[name] = (outcome.kind, outcome.seconds, True)


def test_zip_bomb_is_a_valid_zip(tmp_path):
    """The bomb's parts inflate to what they declare (checked small: 3 MB instead of 2 GB)."""
    parts = corpus.read_parts(DATA / corpus.FINANCE)
    path = tmp_path / "bom.xlsx"
    corpus.write_raw_zip(path, corpus.bomb_entries(parts, "xl/worksheets/sheet2.xml", 3, None))
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        sheet = archive.read("xl/worksheets/sheet2.xml")
        assert archive.read("xl/workbook.xml") == parts["xl/workbook.xml"]
    assert len(sheet) > 3 << 20 and sheet.strip().endswith(b"</worksheet>")
    assert path.stat().st_size < 32_000  # the sample workbook, zipped, and one small part


def test_every_case_has_an_expectation():
    assert set(EXPECTED) == set(corpus.CASES)
    assert len(corpus.CASES) >= 40


def test_counts(tmp_path, capsys):
    """Cases tried, read correctly, refused clearly, crashes, hangs (runs missing cases)."""
    for name in corpus.CASES:
        if name not in RESULTS:
            outcome = attempt(name, tmp_path)
            try:
                judge(name, outcome)
                RESULTS[name] = (outcome.kind, outcome.seconds, True)
            except AssertionError:
                RESULTS[name] = (outcome.kind, outcome.seconds, False)
    kinds = [kind for kind, _, _ in RESULTS.values()]
    counts = {
        "tried": len(RESULTS),
        "read correctly": sum(k == "read" and ok for k, _, ok in RESULTS.values()),
        "refused with a clear message": sum(k == "refused" and ok for k, _, ok in RESULTS.values()),
        "crashes": kinds.count("crash"),
        "hangs": kinds.count("hang"),
        "other failures": sum(not ok for _, _, ok in RESULTS.values()),
    }
    slowest = sorted(RESULTS.items(), key=lambda item: -item[1][1])[:3]
    with capsys.disabled():
        print("\nrobustness corpus:", ", ".join(f"{k} {v}" for k, v in counts.items()))
        print("slowest:", ", ".join(f"{n} {s:.2f} s" for n, (_, s, _) in slowest))
    assert counts["tried"] == len(corpus.CASES)
    assert counts["read correctly"] + counts["refused with a clear message"] == counts["tried"]


# -- memory and time of the heavy cases, in a child process ------------------------------------
_CHILD = """
import json, resource, sys, time
from pathlib import Path
from report.inputs.read import read_inputs
from report.problems import InputError
start = time.perf_counter()
try:
    read_inputs(Path(sys.argv[1]))
    kind, problems = "read", []
except InputError as error:
    kind, problems = "refused", [str(p) for p in error.problems]
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"kind": kind, "problems": problems[:5], "seconds": seconds, "peak_mb": peak}))
"""


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # a runaway read fails, not the host


def read_in_child(data: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(data)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def worst_case_within_limits(data: Path) -> None:
    """Two extra sheets that together just pass the unpacked-size limits."""
    parts = corpus.read_parts(data / corpus.FINANCE)
    budget = min(MAX_PART_BYTES, (MAX_TOTAL_BYTES - sum(len(p) for p in parts.values())) // 2)
    per_row = (len(corpus.sheet_xml(2000, 100)) - len(corpus.sheet_xml(1000, 100))) / 1000
    sheet = corpus.sheet_xml(int(budget * 0.98 / per_row), 100)
    assert 0.95 * budget < len(sheet) <= budget
    for i in range(2):
        corpus.add_sheet(parts, f"Export {i}", f"xl/worksheets/export{i}.xml")
        parts[f"xl/worksheets/export{i}.xml"] = sheet
    corpus.write_parts(data / corpus.FINANCE, parts)


@pytest.mark.parametrize(
    "name",
    [
        "huge_sheet",
        "zip_bomb",
        "zip_bomb_lying",
        "xml_laughs_sheet",
        "xml_laughs_shared_strings",
        "far_away_styled_cell",
        pytest.param("worst_case_within_limits", marks=pytest.mark.slow),
    ],
)
def test_heavy_case_time_and_memory(name, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    make = worst_case_within_limits if name not in corpus.CASES else corpus.CASES[name].make
    make(data)
    result = read_in_child(data)
    expected = "read" if name in ("far_away_styled_cell", "worst_case_within_limits") else "refused"
    assert result["kind"] == expected, result
    assert result["peak_mb"] < MEMORY_LIMIT_MB, result


# -- the real command ---------------------------------------------------------------------------
def _model_ready() -> bool:
    try:
        from report.model import build_model  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(
    not _model_ready(), reason="report.model.build_model missing: `check` fails before reading"
)
@pytest.mark.parametrize(
    "name",
    ["amount_text", "merged_cells_in_table", "file_password", "zip_bomb", "xml_laughs_sheet"],
)
def test_check_command_refuses_in_dutch(name, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    corpus.CASES[name].make(data)
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check", "--data", str(data)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    expected = EXPECTED[name]
    assert result.returncode == 2, result.stderr
    assert "De invoer bevat" in result.stderr
    assert f"  - {expected.where}" in result.stderr and expected.says in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# -- files the user may not read ----------------------------------------------------------------
@pytest.mark.parametrize("name", [corpus.FINANCE, "editie.yml"])
def test_unreadable_file_is_a_dutch_input_error(name, tmp_path, monkeypatch):
    """A file without read permission (simulated: the tests run as root, who may read anything)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    real_open, real_read = Path.open, Path.read_bytes

    def refuse(path: Path) -> None:
        if path.name == name:
            raise PermissionError(13, "Permission denied", str(path))

    def guarded_open(self: Path, *args, **kwargs):
        refuse(self)
        return real_open(self, *args, **kwargs)

    def guarded_read(self: Path):
        refuse(self)
        return real_read(self)

    monkeypatch.setattr(Path, "open", guarded_open)
    monkeypatch.setattr(Path, "read_bytes", guarded_read)
    with pytest.raises(InputError) as caught:
        read_inputs(data)
    [problem] = caught.value.problems
    assert problem.file == name
    assert "geen toestemming om" in problem.message
    assert not ENGLISH.search(problem.message.replace(str(data), "")), problem
