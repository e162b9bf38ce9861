"""The figures the text cites, one section per topic; a section whose sheet is absent is None.

Each topic module computes its own section (departures.py, caseload.py, …); this module only
gathers them, so a template finds every cited number under `ind`.
"""

from __future__ import annotations

from dataclasses import dataclass

from report.model.caseload import (
    Caseload,
    Iom,
    OutflowPercentages,
    Support,
    caseload_figures,
    iom_figures,
    outflow_percentage_figures,
    support_figures,
)
from report.model.departures import (
    Departures,
    Nationalities,
    SafeCountries,
    departures,
    nationality_figures,
    safe_country_figures,
)
from report.model.return_measures import (
    Detention,
    GlDepartures,
    Outcomes,
    Vris,
    detention_figures,
    gl_figures,
    outcome_figures,
    vris_figures,
)
from report.model.sources import Sources
from report.model.spending import (
    Assignment,
    Receipts,
    Spending,
    assignment_figures,
    receipt_figures,
    spending_figures,
)


@dataclass(frozen=True)
class Indicators:
    departures: Departures
    spending: Spending
    safe_countries: SafeCountries | None = None
    nationalities: Nationalities | None = None
    caseload: Caseload | None = None
    outflow_percentages: OutflowPercentages | None = None
    iom: Iom | None = None
    support: Support | None = None
    detention: Detention | None = None
    outcomes: Outcomes | None = None  # the return measures compared
    gl: GlDepartures | None = None
    vris: Vris | None = None
    receipts: Receipts | None = None
    assignment: Assignment | None = None


def build_indicators(sources: Sources) -> Indicators:
    has = sources.tables.__contains__
    safe = safe_country_figures(sources) if has("vertrek_veilig") else None
    return Indicators(
        departures=departures(sources),
        spending=spending_figures(sources),
        safe_countries=safe,
        nationalities=nationality_figures(sources.nationalities, safe),
        caseload=caseload_figures(sources) if has("uitstroom") else None,
        outflow_percentages=outflow_percentage_figures(sources) if has("uitstroom_pct") else None,
        iom=iom_figures(sources) if has("iom") else None,
        support=support_figures(sources) if has("ondersteuning") else None,
        detention=detention_figures(sources) if has("maatregelen_vertrek") else None,
        outcomes=outcome_figures(sources) if has("maatregelen_vertrek") else None,
        gl=gl_figures(sources) if has("gl") else None,
        vris=vris_figures(sources) if has("vris") else None,
        receipts=receipt_figures(sources) if has("ontvangsten") else None,
        assignment=assignment_figures(sources) if has("opdracht") else None,
    )
