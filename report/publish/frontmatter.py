"""What the publish stage needs from the document's YAML front matter: the edition date.

The date fixes every timestamp in the outputs (PDF creation date, DOCX zip entries), so the
same document always gives the same bytes; the title page shows it in Dutch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.dates import format_date

from report.publish.errors import PublishError


@dataclass(frozen=True)
class FrontMatter:
    date: dt.date

    @property
    def date_text(self) -> str:
        """'14 juni 2019'."""
        return format_date(self.date, "d MMMM y", locale="nl_NL")

    @property
    def timestamp(self) -> dt.datetime:
        """Midnight UTC of the edition date: the creation time written into the outputs."""
        return dt.datetime.combine(self.date, dt.time(), tzinfo=dt.UTC)


def read_front_matter(document: Path) -> FrontMatter:
    text = document.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise PublishError(
            f"{document.name}: het document begint niet met een kop (---) met de datum."
        )
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
    if end is None:
        raise PublishError(
            f"{document.name}: de kop van het document wordt niet afgesloten met ---."
        )
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        raise PublishError(
            f"{document.name}: de kop van het document is geen geldige YAML ({error})."
        ) from None
    value = meta.get("date") if isinstance(meta, dict) else None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, dt.date):
        raise PublishError(
            f"{document.name}: de kop van het document mist een geldige datum "
            "(date: JJJJ-MM-DD); die datum staat op de titelpagina en in de bestanden."
        )
    return FrontMatter(value)
