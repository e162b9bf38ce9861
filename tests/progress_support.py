"""A build's progress as the tests watch it: which stages were skipped."""

from __future__ import annotations

from collections.abc import Callable


class Recorder:
    """Progress that runs every stage and remembers the names of the stages it skipped."""

    def __init__(self) -> None:
        self.skipped: list[str] = []

    def run(self, name: str, work: Callable[[], object]) -> object:
        return work()

    def skip(self, name: str, reason: str) -> None:
        self.skipped.append(name)
