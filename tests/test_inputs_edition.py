"""editie.yml: every mistake a user can make is a Dutch problem naming the key (issue 13).

Each case changes a copy of the sample editie.yml the way a user (or an attacker) might and
states how it must end: read as intended, or refused with the key and a Dutch reason. No case
may end in another exception ("Interne fout") or take long (the alias bomb grew without bound).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from report.inputs.edition import Edition, edition_yaml, load_edition
from report.problems import InputError
from tests.conftest import DATA, ROOT

SAMPLE = (DATA / "editie.yml").read_text(encoding="utf-8")
ENGLISH = re.compile(
    r"\b(the|unable|could|cannot|error|invalid|failed|found|expected|field|input|value|should)\b",
    re.IGNORECASE,
)


def replace_line(key: str, line: str) -> Callable[[str], str]:
    """Replace the line that sets `key` (at any indentation) by `line`."""

    def change(text: str) -> str:
        new, count = re.subn(
            rf"(?m)^(\s*){re.escape(key)}:.*$", lambda m: m.group(1) + line, text, count=1
        )
        assert count == 1, key
        return new

    return change


def drop_line(key: str) -> Callable[[str], str]:
    return lambda text: re.sub(rf"(?m)^{re.escape(key)}:.*\n", "", text, count=1)


@dataclass(frozen=True)
class Refused:
    key: str  # the key the problem names ("" for the file as a whole)
    says: str


@dataclass(frozen=True)
class Read:
    check: Callable[[Edition], bool]


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)

CASES: dict[str, tuple[Callable[[str], str] | bytes, Refused | Read]] = {
    "missing_peildatum": (drop_line("peildatum"), Refused("peildatum", "waarde ontbreekt")),
    "impossible_date": (
        replace_line("peildatum", "peildatum: 2019-02-30"),
        Refused("peildatum", "2019-02-30 is geen bestaande datum"),
    ),
    "date_as_text": (
        replace_line("peildatum", "peildatum: 1 februari 2019"),
        Refused("peildatum", "is geen datum; schrijf JJJJ-MM-DD"),
    ),
    "publication_year_1019": (
        replace_line("publicatiedatum", "publicatiedatum: 1019-06-14"),
        Refused("publicatiedatum", "ligt niet tussen 1980 en 2107"),
    ),
    "publication_year_2150": (
        replace_line("publicatiedatum", "publicatiedatum: 2150-06-14"),
        Refused("publicatiedatum", "ligt niet tussen 1980 en 2107"),
    ),
    "publication_before_peildatum": (
        replace_line("publicatiedatum", "publicatiedatum: 2018-06-14"),
        Refused("publicatiedatum", "ligt vóór de peildatum"),
    ),
    "publication_implausibly_late": (
        replace_line("publicatiedatum", "publicatiedatum: 2029-06-14"),
        Refused("publicatiedatum", "meer dan vijf jaar na de peildatum"),
    ),
    "peildatum_inside_period": (
        replace_line("peildatum", "peildatum: 2016-02-01"),
        Refused("peildatum", "ligt niet na de evaluatieperiode"),
    ),
    "prognosis_with_percent_sign": (
        replace_line("Gedwongen vertrek", 'Gedwongen vertrek: "30%"'),
        Refused("prognose_vertrek.Gedwongen vertrek", "zonder %-teken: 30"),
    ),
    "prognosis_not_100": (
        replace_line("Gedwongen vertrek", "Gedwongen vertrek: 31"),
        Refused("prognose_vertrek", "tellen op tot 101, niet 100"),
    ),
    "prognosis_misspelt_type": (
        replace_line("Gedwongen vertrek", "Gedwongen vetrek: 30"),
        Refused("prognose_vertrek.Gedwongen vetrek", "bedoelt u 'Gedwongen vertrek'?"),
    ),
    "savings_percentage_with_sign": (
        replace_line("percentage", 'percentage: "20%"'),
        Refused("besparing.percentage", "zonder %-teken: 20"),
    ),
    "savings_percentage_zero": (
        replace_line("percentage", "percentage: 0"),
        Refused("besparing.percentage", "te klein"),
    ),
    "unknown_key_typo": (
        replace_line("ondertitel", "ondertitle: Begrotingsartikel 37.3"),
        Refused("ondertitle", "onbekende sleutel; bedoelt u 'ondertitel'?"),
    ),
    "unknown_nested_key": (
        replace_line("van", "vanaf: 2011"),
        Refused("periode.vanaf", "bedoelt u 'van'?"),
    ),
    "unknown_base": (
        replace_line("basis", "basis: programma+aparaat"),
        Refused("besparing.basis", "bedoelt u 'programma+apparaat'?"),
    ),
    "empty_workbook_name": (
        replace_line("financien", "financien:"),
        Refused("werkmappen.financien", "waarde ontbreekt"),
    ),
    "workbook_name_is_a_path": (
        replace_line("financien", "financien: ../../etc/passwd"),
        Refused("werkmappen.financien", "geen pad"),
    ),
    "article_as_number": (
        replace_line("artikel", "artikel: 37.3"),
        Refused("artikel", "is geen tekst; zet de waarde tussen aanhalingstekens"),
    ),
    "period_as_text": (
        replace_line("van", 'van: "2011"'),
        Refused("periode.van", "is geen geheel getal"),
    ),
    "period_reversed": (replace_line("van", "van: 2018"), Refused("periode", "ligt na tot")),
    "savings_years_inside_period": (
        replace_line("jaren", "jaren: [2016, 2017, 2018]"),
        Refused("besparing.jaren", "na de evaluatieperiode"),
    ),
    "emoji_in_title": (
        replace_line("titel", "titel: Beleidsdoorlichting vertrek 🚀"),
        Refused("titel", "'🚀' (U+1F680) staat niet in het lettertype"),
    ),
    "empty_title": (replace_line("titel", 'titel: ""'), Refused("titel", "mag niet leeg zijn")),
    "alias_bomb": (lambda text: text + BOMB, Refused("", "niet toegestaan")),
    "anchor_and_alias": (
        lambda text: text.replace("titel: ", "titel: &t ", 1) + "extra: *t\n",
        Refused("", "ankers (&naam) zijn in editie.yml niet toegestaan"),
    ),
    "python_tag": (
        lambda text: text + "x: !!python/object/apply:os.system ['echo gehackt']\n",
        Refused("", "labels als !!str of !naam zijn in editie.yml niet toegestaan"),
    ),
    "duplicate_key": (
        lambda text: text + "titel: Nog een titel\n",
        Refused("", "sleutel 'titel' staat twee keer"),
    ),
    "tab_indentation": (
        lambda text: text.replace("  van: 2011", "\tvan: 2011"),
        Refused("", "er staat een tab; gebruik spaties"),
    ),
    "broken_quotes": (
        replace_line("titel", 'titel: "Beleidsdoorlichting'),
        Refused("", "regel"),
    ),
    "not_a_mapping": (
        lambda text: "- een\n- lijst\n",
        Refused("", "verwacht sleutels met waarden"),
    ),
    "empty_file": (lambda text: "", Refused("", "het bestand is leeg")),
    "deep_nesting": (
        lambda text: text + "x: " + "[" * 200 + "]" * 200 + "\n",
        Refused("", "te diep genest"),
    ),
    "too_large": (lambda text: text + "# " + "x" * 70_000 + "\n", Refused("", "te groot")),
    "latin1_encoding": (
        SAMPLE.replace("—", "-").replace("Justitie", "Justitië").encode("latin-1"),
        Refused("", "niet als UTF-8"),
    ),
    "utf8_bom": (
        ("\ufeff" + SAMPLE).encode("utf-8"),
        Read(lambda e: e.title.startswith("Beleids")),
    ),
    "html_in_title": (
        replace_line("titel", "titel: <script>alert(2)</script> *x* $y$"),
        Read(lambda e: e.title == "<script>alert(2)</script> *x* $y$"),
    ),
    "period_in_flow_style": (
        lambda text: text.replace(
            "periode:\n  van: 2011\n  tot: 2017", "periode: {tot: 2017, van: 2011}"
        ),
        Read(lambda e: (e.first_year, e.last_year) == (2011, 2017)),
    ),
}


def write_case(name: str, target: Path) -> Path:
    change, _ = CASES[name]
    target.mkdir(parents=True, exist_ok=True)
    path = target / "editie.yml"
    if isinstance(change, bytes):
        path.write_bytes(change)
    else:
        path.write_text(change(SAMPLE), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(CASES))
def test_case(name, tmp_path):
    path = write_case(name, tmp_path)
    expected = CASES[name][1]
    if isinstance(expected, Read):
        assert expected.check(load_edition(path))
        return
    with pytest.raises(InputError) as caught:
        load_edition(path)
    found = [(p.cell, p.message) for p in caught.value.problems]
    assert any(key == expected.key and expected.says in message for key, message in found), found
    for problem in caught.value.problems:
        assert problem.file == "editie.yml"
        assert not ENGLISH.search(problem.message), problem


def test_counts(tmp_path, capsys):
    """How every case ended: read as intended, refused clearly, or anything else."""
    ended = {"read": 0, "refused": 0, "other": 0}
    for name, (_, expected) in CASES.items():
        path = write_case(name, tmp_path / name)
        try:
            load_edition(path)
            ended["read" if isinstance(expected, Read) else "other"] += 1
        except InputError:
            ended["refused" if isinstance(expected, Refused) else "other"] += 1
        except Exception:
            ended["other"] += 1
    with capsys.disabled():
        print(
            f"\neditie.yml cases: tried {len(CASES)}, "
            + ", ".join(f"{k} {v}" for k, v in ended.items())
        )
    assert ended["other"] == 0


def test_edition_yaml_round_trips_the_sample(tmp_path):
    edition = load_edition(DATA / "editie.yml")
    assert edition.objective.startswith("Het terugkeerbeleid")  # the folded block, read as one line
    (tmp_path / "editie.yml").write_text(edition_yaml(edition), encoding="utf-8")
    assert load_edition(tmp_path / "editie.yml") == edition


def test_edition_yaml_keeps_untrusted_text_literal(tmp_path):
    edition = load_edition(DATA / "editie.yml")
    hostile = "titel: *x* & <b>'\"\n#{{ 7*7 }} [a](b) !!str @tbl"
    changed = Edition(**{**edition.__dict__, "title": hostile, "subtitle": "- lijst: nee"})
    (tmp_path / "editie.yml").write_text(edition_yaml(changed), encoding="utf-8")
    assert load_edition(tmp_path / "editie.yml") == changed


@pytest.mark.parametrize(
    "name", ["missing_peildatum", "impossible_date", "alias_bomb", "unknown_key_typo"]
)
def test_check_command_names_the_key_without_internal_error(name, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for workbook in DATA.glob("*.xlsx"):
        (data / workbook.name).write_bytes(workbook.read_bytes())
    write_case(name, data)
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check", "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    expected = CASES[name][1]
    assert isinstance(expected, Refused)
    where = f"editie.yml › {expected.key}:" if expected.key else "editie.yml:"
    assert where in result.stderr and expected.says in result.stderr
    assert "Interne fout" not in result.stderr and "Traceback" not in result.stderr
