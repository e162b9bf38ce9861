"""Model tables as pipe tables with caption, unit, source and notes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date

from report.present.escape import md
from report.present.numbers import number

MAX_COLUMNS = 9  # value columns that fit an A4 page upright next to the labels


def cell(value: int | Decimal | None, decimals: int = 0, unit: str = "") -> str:
    if value is None:
        return "–"
    text = number(value, decimals)
    return f"{text}%" if unit == "%" else text


def peildatum_text(value: str) -> str:
    """'2019-02-01' -> '1 februari 2019'; other text stays as written."""
    try:
        return format_date(dt.date.fromisoformat(value), "d MMMM y", locale="nl_NL")
    except ValueError:
        return value


def source_line(table) -> str:
    """'Bron: KMI+, peildatum 1 februari 2019.' — one clause per distinct source."""
    parts = []
    for origin in table.sources:
        text = md(origin.bron) if origin.bron else md(origin.file)
        if origin.peildatum:
            text += f", peildatum {md(peildatum_text(origin.peildatum))}"
        if text not in parts:
            parts.append(text)
    return "Bron: " + "; ".join(parts) + "."


def markdown_table(table) -> str:
    """A complete table block: pipe table(s), caption with label, then source and notes.

    A table with more columns than fit an A4 page upright is split into parts of at most
    MAX_COLUMNS columns; each further part repeats the labels and says it continues the table.
    """
    parts = [
        range(i, min(i + MAX_COLUMNS, len(table.columns)))
        for i in range(0, len(table.columns), MAX_COLUMNS)
    ]
    unit = {"%": "in procenten"}.get(table.unit, table.unit)
    caption = f": {md(table.title)} ({md(unit)}) {{#tbl-{table.key}}}"
    blocks = []
    for index, columns in enumerate(parts):
        lines = _pipe_table(table, columns)
        if index == 0:
            blocks.append("\n".join(lines) + "\n\n" + caption)
        else:
            blocks.append(f"*Vervolg van @tbl-{table.key}*\n\n" + "\n".join(lines))
    below = [source_line(table)]
    below += [md(f"{row.label}: {row.note}") for row in table.rows if row.note]
    below += [md(note) for note in table.notes]
    return "\n" + "\n\n".join(blocks) + "\n\n::: {.bron}\n" + "\\\n".join(below) + "\n:::\n"


def _pipe_table(table, columns: range) -> list[str]:
    header = [md(table.stub), *(md(table.columns[i]) for i in columns)]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join([":--", *("--:" for _ in columns)]) + "|",
    ]
    for row in table.rows:
        label = md(row.label)
        values = [cell(row.values[i], table.decimals, row.unit or table.unit) for i in columns]
        if row.kind == "group":
            label, values = f"*{label}*", ["" for _ in columns]
        elif row.kind in ("total", "subtotal"):
            label = f"**{label}**"
            values = [f"**{v}**" if v != "–" else v for v in values]
        lines.append("| " + " | ".join([label, *values]) + " |")
    return lines


def text_table(
    key: str,
    title: str,
    headers: list[str],
    rows: list[list[str]],
    bron: str,
    widths: list[int] | None = None,
) -> str:
    """A table of words (glossary, policy areas); cells may hold Markdown made by the caller.

    `widths` are relative column widths: pandoc reads them from the dashes under the header.
    """
    dashes = widths or [1] * len(headers)
    lines = [
        "| " + " | ".join(md(h) for h in headers) + " |",
        "|" + "|".join(":" + "-" * (4 * w) for w in dashes) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return (
        "\n"
        + "\n".join(lines)
        + f"\n\n: {md(title)} {{#tbl-{key}}}\n\n::: {{.bron}}\nBron: {md(bron)}.\n:::\n"
    )
