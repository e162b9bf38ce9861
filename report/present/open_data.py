"""Open data: every table of figures as a tidy CSV file, described by a Frictionless data package.

`output/open-data/` holds one CSV per table (named by the table's key, e.g. `vertrek-type.csv`)
and `datapackage.json` (Data Package 2.0): titles with the report's table numbers, units,
sources with peildatum, the workbook ranges, the licence from `editie.yml`, and for every
field its type and a Dutch description. Each CSV has one row per table row × column, in UTF-8
with dot decimals; percentages are percentages as in the report (63 for 63%, unit "procenten").
Nationalities and countries carry an ISO 3166-1 alpha-3 code where one fits unambiguously
(report.present.countries). Tables of words have no CSV. The bytes are the same for the
same model: the package's date is the publication date of the edition.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from report.inputs.edition import LICENCES
from report.model import Model
from report.model.tables import ModelTable, RowKind, Value
from report.numbers import date_text
from report.present.countries import alpha_3
from report.present.numbering import Numbering
from report.present.table_text import UNIT_WORDS, column_year, origins, row_unit, source_texts

PACKAGE = "datapackage.json"
KINDS = {
    RowKind.COMPONENT: "onderdeel",
    RowKind.SUBTOTAL: "subtotaal",
    RowKind.TOTAL: "totaal",
    RowKind.INFO: "apart",
}
COUNTRY = "land_iso3"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    title: str
    description: str
    constraints: dict[str, Any] | None = None

    def descriptor(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "title": self.title,
            "description": self.description,
        }
        if self.constraints:
            found["constraints"] = self.constraints
        return found


def _fields(table: ModelTable, countries: bool) -> list[Field]:
    whole = all(isinstance(v, int) for row in table.rows for v in row.values if v is not None)
    fields = [
        Field(
            "regelnummer",
            "integer",
            "Regelnummer",
            "Plaats van de regel in de tabel van het rapport (1 is de bovenste regel).",
            {"required": True, "minimum": 1},
        ),
        Field("groep", "string", "Groep", "Kop van de groep waaronder de regel staat; leeg: geen."),
        Field("regel", "string", table.stub, "De regel zoals die in het rapport staat."),
        Field(
            "soort",
            "string",
            "Soort regel",
            "onderdeel: telt mee in de (sub)totalen; subtotaal: som van de onderdelen van zijn "
            "groep; totaal: som van alle onderdelen; apart: getoond, maar telt niet mee.",
            {"required": True, "enum": list(KINDS.values())},
        ),
    ]
    if countries:
        fields.append(
            Field(
                COUNTRY,
                "string",
                "Land (ISO 3166-1 alpha-3)",
                "Code van het land van de nationaliteit of het land in de regel; leeg als er "
                "geen eenduidige ISO-code is (onbekend, staatloos, of een gebied zonder code).",
                {"pattern": "[A-Z]{3}"},
            )
        )
    fields += [
        Field(
            "kolom",
            "string",
            "Kolom",
            "De kolomkop zoals in het rapport: een jaar, een jaar met (b) voor begroting, of "
            "een andere kolom zoals Totaal.",
            {"required": True},
        ),
        Field("jaar", "integer", "Jaar", "Het jaar van de kolom; leeg als de kolom geen jaar is."),
        Field(
            "waarde",
            "integer" if whole else "number",
            "Waarde",
            "Het getal in het rapport, in de eenheid van de regel; leeg als het rapport geen "
            "cijfer toont (–), de toelichting zegt waarom.",
        ),
        Field(
            "eenheid",
            "string",
            "Eenheid",
            "x € 1.000: bedragen in duizenden euro's; aantal vreemdelingen: aantallen "
            "personen; procenten: percentages (63 is 63%).",
            {"required": True, "enum": sorted(set(UNIT_WORDS.values()))},
        ),
        Field(
            "toelichting",
            "string",
            "Toelichting",
            "Toelichting bij de regel, zoals onder de tabel.",
        ),
    ]
    return fields


def _cell(value: Value) -> str:
    """A number with a dot as decimal mark and no exponent; '' for no figure."""
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _records(table: ModelTable, countries: bool) -> Iterator[list[str]]:
    group = ""
    for number, row in enumerate(table.rows, start=1):
        if row.kind is RowKind.GROUP:
            group = row.label
            continue
        if row.kind is RowKind.TOTAL:
            group = ""
        code = [alpha_3(row.label) or ""] if countries else []
        unit = UNIT_WORDS[row_unit(table, row)]
        for header, value in zip(table.columns, row.values, strict=True):
            year = column_year(header)
            yield [
                str(number),
                group,
                row.label,
                KINDS[row.kind],
                *code,
                header,
                "" if year is None else str(year),
                _cell(value),
                unit,
                row.note,
            ]


def table_csv(table: ModelTable) -> tuple[bytes, list[Field]]:
    """The tidy CSV of a table and the fields that describe its columns."""
    countries = any(alpha_3(row.label) for row in table.rows if row.kind is not RowKind.GROUP)
    fields = _fields(table, countries)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")  # RFC 4180
    writer.writerow([f.name for f in fields])
    writer.writerows(_records(table, countries))
    return text.getvalue().encode("utf-8"), fields


def _description(table: ModelTable) -> str:
    lines = [f"Eenheid: {UNIT_WORDS[table.unit]}."]
    if any(row_unit(table, row) is not table.unit for row in table.rows):
        lines = ["Eenheid: per regel, zie het veld eenheid."]
    lines += [f"Bron: {text}." for text in source_texts(table)]
    lines += [f"Herkomst van de cijfers: {text}." for text in origins(table)]
    lines += list(table.notes)
    return " ".join(lines)


def open_data(model: Model, numbering: Numbering) -> dict[str, bytes]:
    """File name → content: a CSV per table of figures, in the report's order, and the package."""
    files: dict[str, bytes] = {}
    resources = []
    sources: list[str] = []
    for numbered in numbering.tables:
        table = model.tables.get(numbered.key)
        if table is None:
            continue
        data, fields = table_csv(table)
        name = f"{table.key}.csv"
        files[name] = data
        sources += [s for s in source_texts(table) if s not in sources]
        resources.append(
            {
                "name": table.key,
                "type": "table",
                "path": name,
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                "title": f"Tabel {numbered.number}. {table.title}",
                "description": _description(table),
                "sources": [{"title": text} for text in source_texts(table)],
                "schema": {
                    "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
                    "fields": [f.descriptor() for f in fields],
                    "primaryKey": ["regelnummer", "kolom"],
                    "missingValues": [""],
                },
            }
        )
    files[PACKAGE] = _package(model, resources, sources).encode("utf-8")
    return files


def _package(model: Model, resources: list[dict[str, Any]], sources: list[str]) -> str:
    edition = model.edition
    title, url = LICENCES[edition.licence]
    article = edition.article.replace(".", "-")
    package = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": f"beleidsdoorlichting-artikel-{article}-{edition.first_year}-{edition.last_year}",
        "title": f"{edition.title} — tabellen",
        "description": (
            f"Alle tabellen met cijfers uit de beleidsdoorlichting van artikel {edition.article} "
            f"({edition.article_name}) over {edition.first_year}–{edition.last_year}, "
            f"gepubliceerd op {date_text(edition.published)}, peildatum "
            f"{date_text(edition.peildatum)}. Elke tabel is een CSV-bestand met één regel per "
            "tabelregel en kolom; de titel noemt het tabelnummer in het rapport. Tabellen met "
            "alleen tekst zijn niet opgenomen. Afronding: half naar boven, zoals in het rapport."
        ),
        "created": f"{edition.published.isoformat()}T00:00:00Z",
        "keywords": ["beleidsdoorlichting", f"artikel {edition.article}", "vertrek"],
        "languages": ["nl"],
        "licenses": [{"name": edition.licence, "title": title, "path": url}],
        "contributors": [{"title": edition.ministry, "roles": ["publisher"]}],
        "sources": [{"title": text} for text in sources],
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def write_open_data(model: Model, numbering: Numbering, folder: Path) -> None:
    """Write the open data into `folder`, replacing what was there (a folder of the build)."""
    files = open_data(model, numbering)
    partial = folder.with_name(f".{folder.name}.tmp")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for name, data in files.items():
        (partial / name).write_bytes(data)
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(partial, folder)
