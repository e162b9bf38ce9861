"""Other editions of the sample data, written through the workbook contract.

`shifted_edition` moves the whole edition one year on (2012–2018, savings 2020–2023) and
changes every amount, so a test can check that nothing of the reference edition stays behind.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from report.inputs import contract
from report.inputs.cells import NOT_AVAILABLE
from report.inputs.contract import Role
from report.inputs.edition import load_edition
from report.inputs.read import read_inputs
from report.inputs.tables import YearTable
from report.inputs.template import SheetValues, write_workbook


def _later(text: str) -> str:
    """Years in the workbook's own texts move on with the edition."""
    return re.sub(r"\b(19|20)(\d\d)\b", lambda m: str(int(m.group(0)) + 1), text or "")


def shifted_edition(source: Path, target: Path, factor: float = 1.1) -> Path:
    inputs = read_inputs(source)
    settings = yaml.safe_load((source / "editie.yml").read_text(encoding="utf-8"))
    settings["periode"] = {
        "van": settings["periode"]["van"] + 1,
        "tot": settings["periode"]["tot"] + 1,
    }
    settings["peildatum"] = "2020-02-03"
    settings["publicatiedatum"] = "2020-06-12"
    settings["besparing"]["referentiejaar"] += 1
    settings["besparing"]["jaren"] = [y + 1 for y in settings["besparing"]["jaren"]]
    target.mkdir(parents=True)
    (target / "editie.yml").write_text(
        yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8"
    )
    edition = load_edition(target / "editie.yml")

    def scaled(value):
        return NOT_AVAILABLE if value is None else round(value * factor)

    values: dict[str, SheetValues] = {}
    for key, table in inputs.tables.items():
        if key.startswith("andere_bronnen"):  # what other sources said about the 2019 edition
            continue
        origin = table.origin
        if isinstance(table, YearTable):
            rows = [
                (
                    r.group,
                    r.label,
                    {y + 1: scaled(v) for y, v in r.values.items()},
                    None,
                    _later(r.toelichting),
                    r.attributes,
                )
                for r in table.rows
                if r.role not in (Role.TOTAL, Role.SUBTOTAL)  # printed totals are optional
            ]
            if key == "uitstroom_pct":  # percentages stay percentages
                rows = [
                    (
                        g,
                        label,
                        {y + 1: v for y, v in table.find(label).values.items()},
                        None,
                        "",
                        {},
                    )
                    for g, label, *_ in rows
                ]
            values[key] = SheetValues(
                bron=_later(origin.bron),
                peildatum="2020-02-03",
                years=tuple(y + 1 for y in table.years),
                budget_years=frozenset(y + 1 for y in table.budget_years),
                rows=rows,
            )
        else:
            records = []
            for record in table.records:
                fields = dict(record.values)
                if fields.get("Aantal"):
                    fields = {
                        k: scaled(v) if k.startswith("Aantal") and v else v
                        for k, v in fields.items()
                    }
                records.append({**fields, **{y + 1: v for y, v in record.phase.items()}})
            values[key] = SheetValues(
                bron=origin.bron,
                periode="2014 – november 2018" if table.period else "",
                years=tuple(y + 1 for y in table.years),
                records=records,
            )
    for workbook, name in (
        (contract.FINANCE, edition.finance_file),
        (contract.STATISTICS, edition.statistics_file),
    ):
        keys = {s.key for s in contract.sheets_of(workbook)}
        write_workbook(
            workbook, edition, target / name, {k: v for k, v in values.items() if k in keys}
        )
    return target
