"""The preview's HTTP server: the current page at `/`, its version as server-sent events.

Bound to 127.0.0.1 only, and it answers only requests addressed to that host (or
`localhost`), so a web page elsewhere cannot read the report through DNS rebinding. Every
connection is closed after its response (HTTP/1.0), so stopping the server ends every
handler thread: the event streams wake up and return when `stop()` is called.
"""

from __future__ import annotations

import errno
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from report.preview.pages import EVENTS_PATH, Page

HOST = "127.0.0.1"
DEFAULT_PORT = 8373
PORTS_TRIED = 20  # without --port: the default port or one of the next free ones
HEARTBEAT_SECONDS = 15  # a comment line on the event stream, so a closed tab is noticed


class PortError(Exception):
    """The port cannot be used (busy, reserved, no port number); the message is Dutch."""


class PageState:
    """The page being shown, its version, and a condition the event streams wait on."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.page: Page | None = None
        self.stopping = False

    @property
    def version(self) -> int:
        return self.page.version if self.page else 0

    def show(self, page: Page) -> None:
        with self._changed:
            self.page = page
            self._changed.notify_all()

    def stop(self) -> None:
        with self._changed:
            self.stopping = True
            self._changed.notify_all()

    def wait_for_version(self, seen: int, timeout: float) -> int:
        """Block until the version differs from `seen`, stopping starts, or timeout."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self.stopping, timeout)
            return self.version


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the handler threads
    block_on_close = True

    def __init__(self, port: int, state: PageState):
        super().__init__((HOST, port), _Handler)
        self.state = state

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def address(self) -> str:
        return f"http://{HOST}:{self.port}/"


def open_server(port: int | None, state: PageState) -> PreviewServer:
    """Bind the requested port, or without one the default port or the next free one."""
    if port is not None and not 0 <= port <= 65535:
        raise PortError(f"{port} is geen poortnummer; kies een getal van 1 tot en met 65535.")
    candidates = [port] if port is not None else range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TRIED)
    for candidate in candidates:
        try:
            return PreviewServer(candidate, state)
        except OSError as error:
            if error.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise
    if port is not None:
        raise PortError(
            f"Poort {port} is bezet of niet toegestaan. Kies een andere poort met --port, "
            "of laat --port weg: dan zoekt het voorbeeld zelf een vrije poort."
        )
    last = DEFAULT_PORT + PORTS_TRIED - 1
    raise PortError(
        f"De poorten {DEFAULT_PORT} tot en met {last} zijn bezet. Kies een vrije poort met --port."
    )


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    timeout = 10  # seconds a client may take to send its request
    server_version = "voorbeeld"
    sys_version = ""

    def do_GET(self) -> None:
        if not self._local_host():
            self._plain(HTTPStatus.FORBIDDEN, "Alleen voor deze computer.")
        elif self.path in ("/", "/index.html"):
            self._page()
        elif self.path == EVENTS_PATH:
            self._events()
        else:
            self._plain(HTTPStatus.NOT_FOUND, "Niet gevonden.")

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows rebuilds, not requests."""

    def _local_host(self) -> bool:
        host = self.headers.get("Host", "")
        return host in (f"{HOST}:{self.server.port}", f"localhost:{self.server.port}")

    def _page(self) -> None:
        page = self.server.state.page
        if page is None:
            self._plain(HTTPStatus.SERVICE_UNAVAILABLE, "Het voorbeeld start nog.")
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", _policy(page.nonce))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(page.body)

    def _events(self) -> None:
        state = self.server.state
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not state.stopping:
                version = state.wait_for_version(seen, HEARTBEAT_SECONDS)
                if state.stopping:
                    break
                if version != seen:
                    self.wfile.write(f"event: versie\ndata: {version}\n\n".encode())
                    seen = version
                else:
                    self.wfile.write(b": wacht\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the tab was closed or reloaded

    def _plain(self, status: HTTPStatus, text: str) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _policy(nonce: str) -> str:
    """Only the preview's own script runs; the page loads nothing but its embedded parts."""
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; connect-src 'self'; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
