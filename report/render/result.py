"""What rendering gives: the document's text, its numbering, the text check's findings, and
where every printed number stands (from which herkomst.csv is made when it is asked for).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from report.model import ModelFigure
from report.present import herkomst
from report.present.marks import Printed
from report.present.numbering import Numbering
from report.problems import TextFinding


@dataclass(frozen=True)
class Composed:
    text: str
    numbering: Numbering
    findings: list[TextFinding]  # the text check; any finding makes the document a draft
    located: tuple[Printed, ...] = ()  # every number printed, where it stands
    figures: Mapping[str, ModelFigure] = field(default_factory=dict)

    @property
    def draft(self) -> bool:
        return bool(self.findings)

    @functools.cached_property
    def herkomst(self) -> tuple[herkomst.Row, ...]:
        """Every number printed or drawn, with its source: made when asked for (the preview
        does not write herkomst.csv)."""
        return tuple(herkomst.rows(self.located, self.numbering, self.figures))


@dataclass(frozen=True)
class Rendered:
    document: Path
    composed: Composed
    figures: tuple[str, ...] = ()  # the figure files it refers to, relative to the build folder

    @property
    def numbering(self) -> Numbering:
        return self.composed.numbering

    @property
    def findings(self) -> list[TextFinding]:
        return self.composed.findings

    @property
    def herkomst(self) -> tuple[herkomst.Row, ...]:
        """Every number printed or drawn, with its source."""
        return self.composed.herkomst
