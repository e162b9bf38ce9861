"""Where a number came from, said in Dutch words and written as a formula.

- `describe`: the rule in words, one level deep, with the numbers it combines
  ("som van vertrekcijfers.xlsx › Vertrek naar type › H7:H9", "20% van 80.833").
- `sources_text`: every cell and setting a number was made of, adjacent cells as ranges.
- `formula`: the whole computation in a notation a reader of Excel recognises and a program
  can recompute: cells as `'[werkmap]werkblad'!D7` (ranges `D6:D9`), settings as
  `INSTELLING("besparing";"percentage")`, functions with Dutch names and `;` between the
  arguments, numbers with a decimal point (see README, *herkomst.csv*).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from report.numbers import exact
from report.provenance import Cell, Constant, Leaf, Op, Rule, Setting, Traced, kind, leaves

KINDS = {
    "invoer": "Invoer",
    "instelling": "Instelling",
    "programmaregel": "Regel van het programma",
    "berekend": "Berekend",
}
MAX_SOURCES = 8  # places named in a tooltip; herkomst.csv names them all


def place(leaf: Leaf) -> str:
    """'financien.xlsx › Programma-uitgaven › D7', 'editie.yml › besparing › percentage'."""
    if isinstance(leaf, Cell):
        return f"{leaf.file} › {leaf.sheet} › {leaf.address}"
    if isinstance(leaf, Setting):
        return " › ".join((leaf.file, *leaf.key))
    return leaf.name


def _text(value: Traced) -> str:
    return exact(value.value, 2)


def _short(value: Traced) -> str:
    """A number with the place it comes from, if it is a cell or a setting."""
    source = value.source
    if isinstance(source, (Cell, Setting)):
        return f"{_text(value)} ({place(source)})"
    return _text(value)


def describe(value: Traced) -> str:
    """The rule that made the number, in words."""
    source = value.source
    if not isinstance(source, Rule):
        return place(source)
    parts = source.parts
    if source.op is Op.SUM:
        if not parts:
            return "leeg (telt als 0)"
        if all(isinstance(p.source, Cell) for p in parts):
            return "som van " + sources_text(parts)
        return "som van " + _list([_short(p) for p in parts])
    if source.op is Op.ROUND:
        places = int(parts[1].value) if len(parts) > 1 else 0
        how = (
            f"op {places} decimaal"
            if places == 1
            else f"op {places} decimalen"
            if places
            else "op een geheel getal"
        )
        return f"afgerond {how}: " + describe(parts[0])
    if source.op is Op.LARGEST_REMAINDER:
        whole = sum((Decimal(p.value) for p in parts[1:]), Decimal(0))
        return (
            f"aandeel van {_short(parts[0])} in {exact(whole, 2)}, in hele procenten afgerond "
            f"met de methode van de grootste resten over {len(parts) - 1} delen"
        )
    return _two(source.op, parts)


def _two(op: Op, parts: Sequence[Traced]) -> str:
    if op is Op.DIFFERENCE:
        return f"{_short(parts[0])} min {_short(parts[1])}"
    if op is Op.PRODUCT:
        return f"{_short(parts[0])} maal {_short(parts[1])}"
    if op is Op.PERCENTAGE:
        return f"{_short(parts[0])}% van {_short(parts[1])}"
    if op is Op.SHARE:
        return f"{_short(parts[0])} als percentage van {_short(parts[1])}"
    if op is Op.MEAN:
        return f"gemiddelde van {_list([_short(p) for p in parts])}"
    if op is Op.ABS:
        return "zonder teken: " + describe(parts[0])
    if op is Op.NEGATE:
        return f"min {_short(parts[0])}"
    if op is Op.MAXIMUM:
        return f"grootste van {_list([_short(p) for p in parts])}"
    return f"aantal van {_list([_short(p) for p in parts])} dat niet nul is"


def _list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def sources_text(values: Sequence[Traced], limit: int | None = None) -> str:
    """The cells and settings of the numbers, per sheet, adjacent cells as one range."""
    found: list[Leaf] = []
    for value in values:
        found += [leaf for leaf in leaves(value) if leaf not in found]
    texts = _places(found)
    if limit is not None and len(texts) > limit:
        rest = len(texts) - limit
        texts = [*texts[:limit], f"en {rest} {'andere' if rest > 1 else 'andere plaats'}"]
    return "; ".join(texts)


def _places(found: Sequence[Leaf]) -> list[str]:
    by_sheet: dict[tuple[str, str], list[str]] = {}
    others: list[str] = []
    for leaf in found:
        if isinstance(leaf, Cell):
            by_sheet.setdefault((leaf.file, leaf.sheet), []).append(leaf.address)
        elif not isinstance(leaf, Constant):
            others.append(place(leaf))
    texts = [
        f"{file} › {sheet} › {', '.join(ranges(cells))}"
        for (file, sheet), cells in by_sheet.items()
    ]
    return texts + others


def ranges(addresses: Sequence[str]) -> list[str]:
    """['D6', 'D7', 'D8', 'F6'] -> ['D6:D8', 'F6']: runs down a column or along a row."""
    result: list[str] = []
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if run:
            first, last = _address(run[0]), _address(run[-1])
            result.append(first if len(run) == 1 else f"{first}:{last}")
            run.clear()

    for address in addresses:
        letters, row = coordinate_from_string(address)
        here = (column_index_from_string(letters), row)
        if run and _next(run, here):
            run.append(here)
            continue
        flush()
        run.append(here)
    flush()
    return result


def bounds(addresses: Sequence[str]) -> str:
    """The block of cells that holds them all: ['C7', 'B9', 'H8'] -> 'B7:H9'."""
    points = [coordinate_from_string(a) for a in addresses]
    columns = [column_index_from_string(letters) for letters, _ in points]
    rows = [row for _, row in points]
    first, last = _address((min(columns), min(rows))), _address((max(columns), max(rows)))
    return first if first == last else f"{first}:{last}"


def _next(run: list[tuple[int, int]], here: tuple[int, int]) -> bool:
    last = run[-1]
    down = here == (last[0], last[1] + 1)
    along = here == (last[0] + 1, last[1])
    if len(run) == 1:
        return down or along
    going_down = run[1][1] == run[0][1] + 1
    return down if going_down else along


def _address(point: tuple[int, int]) -> str:
    return f"{get_column_letter(point[0])}{point[1]}"


def tooltip(value: Traced) -> str:
    """What the reader of the HTML sees for a number: its kind, the rule, and its places."""
    label = KINDS[kind(value)]
    text = f"{label}: {describe(value)}"
    if isinstance(value.source, Rule):
        places = sources_text([value], MAX_SOURCES)
        if places and places not in text:  # the rule in words does not name them all yet
            text += f". Bronnen: {places}"
    return text + "."


# -- the formula -----------------------------------------------------------------------------


def reference(leaf: Cell, address: str | None = None) -> str:
    """ "'[financien.xlsx]Programma-uitgaven'!D7" (quotes in names doubled, as Excel does)."""
    name = f"[{leaf.file}]{leaf.sheet}".replace("'", "''")
    return f"'{name}'!{address or leaf.address}"


def formula(value: Traced) -> str:
    source = value.source
    if isinstance(source, Cell):
        return reference(source)
    if isinstance(source, Setting):
        keys = ";".join(_quoted(key) for key in source.key)
        if source.file != Setting.file:  # another edition's settings
            return f"INSTELLING.BESTAND({_quoted(source.file)};{keys})"
        return f"INSTELLING({keys})"
    if isinstance(source, Constant):
        return _plain(value.value)
    return f"{source.op.value}({';'.join(_arguments(source))})"


def _arguments(rule: Rule) -> list[str]:
    """The arguments; in a sum, adjacent cells of one sheet become one range."""
    if rule.op is not Op.SUM:
        return [formula(part) for part in rule.parts]
    result: list[str] = []
    pending: list[Cell] = []

    def flush() -> None:
        for text in ranges([c.address for c in pending]):
            result.append(reference(pending[0], text))
        pending.clear()

    for part in rule.parts:
        source = part.source
        if isinstance(source, Cell) and (
            not pending or (pending[0].file, pending[0].sheet) == (source.file, source.sheet)
        ):
            pending.append(source)
            continue
        flush()
        if isinstance(source, Cell):
            pending.append(source)
        else:
            result.append(formula(part))
    flush()
    return result


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _plain(value: Decimal | int) -> str:
    return format(Decimal(value).normalize(), "f")
