"""A copy of the sample data at about ten times its size, for the benchmark's scale case."""

from __future__ import annotations

from pathlib import Path


def scaled_data(source: Path, target: Path, years: int = 25, nationalities: int = 200) -> Path:
    """A copy of the sample data over `years` years with `nationalities` nationalities.

    Earlier years repeat the sample's pattern, so every total and rule still holds.
    """
    import yaml

    from report.inputs import contract
    from report.inputs.read import read_inputs
    from report.inputs.tables import YearTable
    from report.inputs.template import SheetValues, write_workbook

    inputs = read_inputs(source)
    edition = inputs.edition
    first = edition.last_year - years + 1
    target.mkdir(parents=True)
    settings = yaml.safe_load((source / "editie.yml").read_text(encoding="utf-8"))
    settings["periode"]["van"] = first
    (target / "editie.yml").write_text(
        yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8"
    )
    values: dict[str, SheetValues] = {}
    for key, table in inputs.tables.items():
        if not isinstance(table, YearTable):
            values[key] = SheetValues(
                bron=table.origin.bron,
                periode=table.period,
                years=table.years,
                records=[{**r.values, **r.phase} for r in table.records],
            )
            continue
        span = table.years
        grow = span[0] == edition.first_year and len(span) > 1
        new_years = tuple(range(first, span[-1] + 1)) if grow else span

        def value(row, year, span=span):
            found = row.values.get(year if year in span else span[(year - span[0]) % len(span)])
            return "n.b." if found is None else found  # None: the sample's n.b. cells

        rows = [
            (
                r.group,
                r.label,
                {y: value(r, y) for y in new_years},
                None,
                r.toelichting,
                r.attributes,
            )
            for r in table.rows
        ]
        if key == "nationaliteiten":
            rows = [
                (
                    "",
                    f"Nationaliteit {i:03d}",
                    {y: (i * 37 + y) % 900 for y in new_years},
                    None,
                    "",
                    {"Veilig land": "ja" if i % 3 == 0 else "nee", "Eerste asielaanvragen": i * 11},
                )
                for i in range(1, nationalities + 1)
            ]
        values[key] = SheetValues(
            bron=table.origin.bron,
            peildatum=table.origin.peildatum,
            years=new_years,
            budget_years=table.budget_years,
            rows=rows,
        )
    scaled = yaml.safe_load((target / "editie.yml").read_text(encoding="utf-8"))
    from report.inputs.edition import load_edition

    scaled_edition = load_edition(target / "editie.yml")
    for workbook in (contract.FINANCE, contract.STATISTICS):
        keys = {s.key for s in contract.sheets_of(workbook)}
        name = scaled["werkmappen"]["financien" if workbook == contract.FINANCE else "statistiek"]
        write_workbook(
            workbook, scaled_edition, target / name, {k: v for k, v in values.items() if k in keys}
        )
    return target
