"""The DT&V's two kinds of spending, as the scenario and the spending tables name and add them."""

from __future__ import annotations

from report.inputs.tables import YearTable
from report.model.traced import year_count
from report.model.trend import components
from report.provenance import Traced, total

PROGRAMME = "Programma-uitgaven artikel 37.3"
APPARATUS = "Apparaatsuitgaven DT&V"


def total_in(table: YearTable, year: int) -> Traced:
    """The computed total of a finance sheet in one year (empty cells count as nothing)."""
    return total(year_count(table, r, year) for r in components(table))
