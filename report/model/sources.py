"""The inputs as the model's builders see them: typed lookups by contract key, and the scenario.

The reader hands over a dict of tables of either kind; builders ask here for the kind they
need, so a table of the wrong kind (a defect, not a user mistake) fails loudly at the lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from report.inputs.edition import Edition
from report.inputs.tables import RecordTable, Table, YearTable
from report.model.nationalities import Nationality
from report.model.scenario import Scenario


@dataclass(frozen=True)
class Sources:
    edition: Edition
    tables: Mapping[str, Table]
    nationalities: tuple[Nationality, ...] = ()  # parsed once from Vertrek per nationaliteit
    scenario: Scenario | None = None  # the -20% variant, for the table that shows it

    def supplied(self, keys: Iterable[str]) -> bool:
        return all(key in self.tables for key in keys)

    def year(self, key: str) -> YearTable:
        table = self.tables[key]
        if not isinstance(table, YearTable):
            raise TypeError(f"{key} is geen tabel met jaren")
        return table

    def records(self, key: str) -> RecordTable:
        table = self.tables[key]
        if not isinstance(table, RecordTable):
            raise TypeError(f"{key} is geen lijst van records")
        return table

    def savings(self) -> Scenario:
        if self.scenario is None:
            raise LookupError("het scenario is nog niet berekend")
        return self.scenario
