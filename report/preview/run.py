"""The preview loop: serve, build once, then rebuild after every burst of saved files.

The main thread builds (so Ctrl-C reaches it and ends the loop); the server and the watcher
run in their own threads and are stopped and joined on the way out, which frees the port.
"""

from __future__ import annotations

import queue
import signal
import threading
import time
from pathlib import Path

from report.preview.pages import message_page, problems_page, report_page
from report.preview.rebuild import Outcome, Rebuilder
from report.preview.server import DEFAULT_PORT, PageState, PortError, open_server
from report.preview.watch import Watcher, Work, work_for
from report.resources import TEMPLATES

SHOWN = 10  # problems repeated in the terminal; the page lists them all


class PreviewError(Exception):
    """The preview cannot start or go on (a busy port, a wrong folder); the message is Dutch."""


def serve(data_dir: Path, build_dir: Path, port: int | None, forbidden: list[Path]) -> int:
    """Run the preview until Ctrl-C; return the exit code (0).

    `forbidden` lists folders the build folder must stay out of besides the data folder and
    the templates, such as the publication folder `output/`.
    """
    data_dir, build_dir = data_dir.resolve(), build_dir.resolve()
    _check_folders(data_dir, build_dir, [TEMPLATES, *forbidden])
    state = PageState()
    try:
        server = open_server(port, state)
    except PortError as error:
        raise PreviewError(str(error)) from None
    build_dir.mkdir(parents=True, exist_ok=True)
    serving = threading.Thread(target=server.serve_forever, name="voorbeeld-server")
    watcher = Watcher([data_dir, TEMPLATES])
    session = _Session(state, Rebuilder(data_dir, build_dir))
    warming = threading.Thread(target=_warm_up, name="voorbeeld-opwarmen")
    terminate = signal.signal(signal.SIGTERM, _interrupt)  # a closed terminal stops it cleanly too
    try:
        session.show_busy()
        serving.start()
        watcher.start()
        if port is None and server.port != DEFAULT_PORT:
            print(f"Poort {DEFAULT_PORT} is bezet; het voorbeeld gebruikt poort {server.port}.")
        print(f"Voorbeeld op {server.address} (Ctrl-C stopt het voorbeeld).")
        print(f"Gevolgd: {data_dir} en {TEMPLATES}.", flush=True)
        session.rebuild(Work.READ, "eerste opbouw")
        warming.start()
        while True:
            changed = _next_burst(watcher.changes)
            work = work_for(changed, data_dir, TEMPLATES)
            if work is not None:
                session.rebuild(work, f"{_names(changed)} gewijzigd")
    except KeyboardInterrupt:
        pass
    finally:
        state.stop()
        if serving.is_alive():
            server.shutdown()
        server.server_close()
        if watcher.is_alive():
            watcher.stop()
        if warming.is_alive():
            warming.join()
        signal.signal(signal.SIGTERM, terminate)
    print("\nVoorbeeld gestopt.", flush=True)
    return 0


class _Session:
    """Turns rebuild outcomes into page versions and terminal lines."""

    def __init__(self, state: PageState, rebuilder: Rebuilder):
        self.state = state
        self.rebuilder = rebuilder
        self.version = 0
        self.showing_report = False

    def show_busy(self) -> None:
        self.version += 1
        self.state.show(
            message_page(
                "Het rapport wordt opgebouwd", "Een ogenblik geduld.", self.version, busy=True
            )
        )

    def rebuild(self, work: Work, reason: str) -> None:
        outcome = self.rebuilder.rebuild(work)
        unchanged = outcome.kind == "rapport" and not outcome.republished and self.showing_report
        if not unchanged:  # an unchanged report is not reloaded: the reader keeps their place
            self._show(outcome)
        print(f"{time.strftime('%H:%M:%S')} {reason}: {_summary(outcome)}", flush=True)
        if outcome.kind == "invoer":
            for problem in outcome.problems[:SHOWN]:
                print(f"  - {problem}")
            if len(outcome.problems) > SHOWN:
                print(f"  … en nog {len(outcome.problems) - SHOWN}; de pagina toont ze allemaal.")

    def _show(self, outcome: Outcome) -> None:
        self.version += 1
        self.showing_report = outcome.kind == "rapport"
        if outcome.kind == "rapport":
            page = report_page(outcome.html, self.version)
        elif outcome.kind == "invoer":
            page = problems_page(outcome.problems, self.version)
        else:
            title = "Het voorbeeld kon niet worden bijgewerkt"
            page = message_page(title, outcome.message, self.version)
        self.state.show(page)


def _summary(outcome: Outcome) -> str:
    seconds = f"{outcome.seconds:.2f} s".replace(".", ",")
    if outcome.kind == "invoer":
        count = len(outcome.problems)
        return f"de invoer bevat {count} {'probleem' if count == 1 else 'problemen'} ({seconds})"
    if outcome.kind == "fout":
        return f"{outcome.message} ({seconds})"
    text = "HTML bijgewerkt" if outcome.republished else "document ongewijzigd"
    if outcome.redrawn:
        text += "; opnieuw getekend: " + ", ".join(outcome.redrawn)
    return f"{text} ({seconds})"


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM ends the preview the way Ctrl-C does."""
    raise KeyboardInterrupt


def _names(changed: set[Path]) -> str:
    """The saved files by name; an editor's scratch files, renamed away since, are left out."""
    present = {path.name for path in changed if path.exists()}
    return ", ".join(sorted(present or {path.name for path in changed}))


def _warm_up() -> None:
    """Import the plotting stack while the writer reads, so the first redrawn figure of a
    preview that found all figures cached does not wait a second for the import."""
    from report.present.figures import prepare

    prepare()


def _next_burst(changes: queue.Queue[set[Path] | Exception]) -> set[Path]:
    """The next set of changed paths, merged with any that arrived during the last rebuild."""
    burst: set[Path] = set()
    item = changes.get()
    while True:
        if isinstance(item, Exception):
            raise PreviewError(f"De mappen kunnen niet meer worden gevolgd: {item}")
        burst |= item
        try:
            item = changes.get_nowait()
        except queue.Empty:
            return burst


def _check_folders(data_dir: Path, build_dir: Path, others: list[Path]) -> None:
    if not data_dir.is_dir():
        raise PreviewError(f"De map {data_dir} bestaat niet; geef met --data de map van de editie.")
    for folder in (data_dir, *(other.resolve() for other in others)):
        if build_dir.is_relative_to(folder) or folder.is_relative_to(build_dir):
            raise PreviewError(
                f"De bouwmap {build_dir} overlapt met {folder}; het voorbeeld schrijft nooit in "
                "de invoer, de sjablonen of de publicatie. Kies een andere map met --build-dir."
            )
