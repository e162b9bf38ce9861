"""An independent check of herkomst.csv: every number recomputed from the workbooks.

This reads the workbooks with openpyxl (not with the project's reader) and editie.yml with
PyYAML, parses each row's formula and evaluates it. A row is verified when

- its formula, evaluated on the cells and settings it names, gives the row's value, and
- the text as printed is that value rounded the way the text shows it ("€ 6,7 mln" is
  6.650 to 6.750 thousand; "63%" is 62,5 to 63,5).

An input row's formula is its one cell, so "the cited cell holds that value" is the same check.
The formula notation is described in the README (herkomst.csv).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import yaml
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

COLUMNS = [
    "nr",
    "anker",
    "onderdeel",
    "sleutel",
    "regel",
    "kolom",
    "waarde",
    "tekst",
    "soort",
    "berekening",
    "formule",
    "bronnen",
]


def read_rows(data: bytes) -> list[dict[str, str]]:
    """herkomst.csv as dicts; the file is UTF-8 with a byte order mark and ';' between fields."""
    assert data.startswith(b"\xef\xbb\xbf"), "herkomst.csv begint niet met een BOM"
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    header, *rows = list(reader)
    assert header == COLUMNS
    return [dict(zip(header, row, strict=True)) for row in rows]


# -- the inputs, read apart from the project -------------------------------------------------


@dataclass
class Inputs:
    folder: Path
    books: dict[str, openpyxl.Workbook] = field(default_factory=dict)

    def cell(self, file: str, sheet: str, address: str) -> Decimal | None:
        if file not in self.books:
            self.books[file] = openpyxl.load_workbook(self.folder / file, data_only=True)
        found = self.books[file][sheet][address]
        value = found.value
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            number = Decimal(str(value))
            # a cell shown as a percentage (0,3 shown as 30%) means 30
            return number * 100 if "%" in (found.number_format or "") else number
        text = str(value).strip().replace(".", "").replace(",", ".").rstrip("%")
        try:
            return Decimal(text)
        except ArithmeticError:
            return None  # n.b. and other text: nothing to add

    def setting(self, keys: list[str], file: str = "editie.yml") -> Decimal:
        found: object = yaml.safe_load((self.folder / file).read_text(encoding="utf-8"))
        for key in keys:
            assert isinstance(found, dict), keys
            found = found[key]
        assert isinstance(found, (int, float)), (keys, found)
        return Decimal(str(found))


# -- the formula -----------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<ref>'(?:[^']|'')*'![A-Z]+\d+(?::[A-Z]+\d+)?)"
    r'|(?P<text>"(?:[^"]|"")*")'
    r"|(?P<number>-?\d+(?:\.\d+)?)"
    r"|(?P<name>[A-Z][A-Z.]*)"
    r"|(?P<punct>[();]))"
)


@dataclass(frozen=True)
class Node:
    kind: str  # ref, text, number, call
    text: str  # the formula text of this node
    name: str = ""
    args: tuple[Node, ...] = ()


def parse(formula: str) -> Node:
    tokens = []
    position = 0
    while position < len(formula):
        match = _TOKEN.match(formula, position)
        assert match and match.end() > position, f"onleesbare formule bij {formula[position:]!r}"
        tokens.append((match.lastgroup, match.group(match.lastgroup), match.start(match.lastgroup)))
        position = match.end()
    node, end = _expression(formula, tokens, 0)
    assert end == len(tokens), formula
    return node


def _expression(formula: str, tokens: list, index: int) -> tuple[Node, int]:
    kind, text, start = tokens[index]
    if kind in ("ref", "text", "number"):
        return Node(kind, text), index + 1
    assert kind == "name" and tokens[index + 1][1] == "(", formula
    args, index = [], index + 2
    while tokens[index][1] != ")":
        node, index = _expression(formula, tokens, index)
        args.append(node)
        if tokens[index][1] == ";":
            index += 1
    end = tokens[index][2] + 1
    return Node("call", formula[start:end], text, tuple(args)), index + 1


def _cells(ref: str) -> tuple[str, str, list[str]]:
    """ "'[f.xlsx]Sheet'!D6:D9" -> file, sheet, addresses."""
    quoted, addresses = ref.rsplit("!", 1)
    name = quoted[1:-1].replace("''", "'")
    file, sheet = name[1:].split("]", 1)
    if ":" not in addresses:
        return file, sheet, [addresses]
    first, last = addresses.split(":")
    (c1, r1), (c2, r2) = coordinate_from_string(first), coordinate_from_string(last)
    cols = range(column_index_from_string(c1), column_index_from_string(c2) + 1)
    return (
        file,
        sheet,
        [f"{get_column_letter(c)}{r}" for c in cols for r in range(r1, r2 + 1)],
    )


def _values(node: Node, inputs: Inputs) -> list[Decimal]:
    """A range gives each of its cells (empty ones as 0); anything else one value."""
    if node.kind == "ref":
        file, sheet, addresses = _cells(node.text)
        return [inputs.cell(file, sheet, a) or Decimal(0) for a in addresses]
    return [evaluate(node, inputs)]


def _half_up(value: Decimal, places: int = 0) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def evaluate(node: Node, inputs: Inputs) -> Decimal:
    if node.kind == "number":
        return Decimal(node.text)
    if node.kind == "ref":
        file, sheet, addresses = _cells(node.text)
        assert len(addresses) == 1, node.text
        value = inputs.cell(file, sheet, addresses[0])
        assert value is not None, f"lege cel {node.text}"
        return value
    name, args = node.name, node.args
    texts = [a.text[1:-1].replace('""', '"') for a in args if a.kind == "text"]
    if name == "INSTELLING":
        return inputs.setting(texts)
    if name == "INSTELLING.BESTAND":
        return inputs.setting(texts[1:], texts[0])
    flat = [v for a in args for v in _values(a, inputs)]
    if name == "SOM":
        return sum(flat, Decimal(0))
    if name == "VERSCHIL":
        return flat[0] - flat[1]
    if name == "PRODUCT":
        return flat[0] * flat[1]
    if name == "PERCENTAGE":
        return flat[0] * flat[1] / 100
    if name == "AANDEEL":
        return flat[0] * 100 / flat[1] if flat[1] else Decimal(0)
    if name == "AFRONDEN":
        return _half_up(flat[0], int(flat[1]) if len(flat) > 1 else 0)
    if name == "GEMIDDELDE":
        return sum(flat, Decimal(0)) / len(flat)
    if name == "ABS":
        return abs(flat[0])
    if name == "NEGATIEF":
        return -flat[0]
    if name == "MAX":
        return max(flat)
    if name == "AANTAL":
        return Decimal(sum(1 for v in flat if v))
    if name == "AANDEEL.GR":
        return _largest_remainder(node, inputs)
    raise AssertionError(f"onbekende functie {name}")


def _largest_remainder(node: Node, inputs: Inputs) -> Decimal:
    """The first argument's whole share among the others, by largest remainder (Hamilton)."""
    own, parts = node.args[0], node.args[1:]
    values = [evaluate(p, inputs) for p in parts]
    whole = sum(values, Decimal(0))
    if not whole:
        return Decimal(0)
    exact = [v * 100 / whole for v in values]
    floors = [int(e) for e in exact]
    missing = 100 - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += 1
    index = next(i for i, p in enumerate(parts) if p.text == own.text)
    return Decimal(floors[index])


# -- the text as printed ---------------------------------------------------------------------

_PRINTED = re.compile(
    r"^(?P<sign>[+−-]?)(?:€ )?(?P<number>(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?)(?![\d.])"
)  # "2.300", "−0,8", and a year ("2011") without a thousands dot


def printed_range(text: str) -> tuple[Decimal, Decimal]:
    """The values that print as `text` (in the unit of the value: x € 1.000, %, count)."""
    match = _PRINTED.match(text)
    assert match, f"geen getal: {text!r}"
    digits = match.group("number")
    decimals = len(digits.split(",")[1]) if "," in digits else 0
    number = Decimal(digits.replace(".", "").replace(",", "."))
    factor = Decimal(1)
    if text.endswith(" mln"):
        factor = Decimal(1000)
    elif text.lstrip("+−-").startswith("€"):
        factor = Decimal("0.001")  # "€ 615.000" is 615 x € 1.000
    half = Decimal(1).scaleb(-decimals) / 2 * factor
    centre = number * factor * (-1 if match.group("sign") in ("−", "-") else 1)
    return centre - half, centre + half


@dataclass
class Verdict:
    verified: int = 0
    constants: int = 0  # rule constants: nothing to recompute but the literal itself
    wrong: list[str] = field(default_factory=list)


def verify(rows: list[dict[str, str]], inputs: Inputs) -> Verdict:
    verdict = Verdict()
    for row in rows:
        value = Decimal(row["waarde"])
        problems = []
        try:
            computed = evaluate(parse(row["formule"]), inputs)
        except (AssertionError, ArithmeticError, KeyError) as error:
            problems.append(f"formule niet te berekenen: {error}")
        else:
            if abs(computed - value) > Decimal("1e-12"):
                problems.append(f"formule geeft {computed}, rij zegt {value}")
        if row["tekst"]:
            low, high = printed_range(row["tekst"])
            if not low <= value <= high:
                problems.append(f"tekst {row['tekst']!r} past niet bij {value}")
        if row["soort"] == "invoer":
            assert parse(row["formule"]).kind == "ref", row
        if problems:
            verdict.wrong.append(f"{row['nr']} {row['onderdeel']} {row['regel'][:40]}: {problems}")
        elif row["soort"] == "programmaregel":
            verdict.constants += 1
        else:
            verdict.verified += 1
    return verdict
