"""The preview's server, pages, change classification and start-up checks (no browser)."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from report.cli import main
from report.preview.pages import EVENTS_PATH, message_page, problems_page, report_page
from report.preview.server import DEFAULT_PORT, PageState, PortError, PreviewServer, open_server
from report.preview.watch import Work, work_for
from report.problems import Problem
from report.resources import TEMPLATES


@pytest.fixture
def served() -> Iterator[tuple[PreviewServer, PageState]]:
    state = PageState()
    server = open_server(0, state)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        yield server, state
    finally:
        state.stop()
        server.shutdown()
        server.server_close()
        thread.join()


def _get(server: PreviewServer, path: str, host: str | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", path, headers={"Host": host or f"127.0.0.1:{server.port}"})
    return connection.getresponse()


def test_the_page_carries_its_script_under_a_nonce_and_a_strict_policy(served) -> None:
    server, state = served
    state.show(report_page("<html><body><p>Rapport</p></body></html>", 3))
    response = _get(server, "/")
    body = response.read().decode()
    assert response.status == 200
    assert body.startswith("<html><body><p>Rapport</p><script nonce=")
    assert body.endswith("</script>\n</body></html>")
    policy = response.getheader("Content-Security-Policy")
    assert f"script-src 'nonce-{state.page.nonce}'" in policy
    assert "default-src 'none'" in policy
    assert "var versie = 3, rapport = true" in body


def test_the_event_stream_announces_each_new_version(served) -> None:
    server, state = served
    state.show(message_page("Bezig", "Even wachten.", 1, busy=True))
    response = _get(server, EVENTS_PATH)
    assert response.getheader("Content-Type").startswith("text/event-stream")
    assert response.readline() == b"retry: 1000\n"
    response.readline()
    assert response.readline() == b"event: versie\n"
    assert response.readline() == b"data: 1\n"
    response.readline()
    state.show(message_page("Klaar", "Het rapport staat er.", 2))
    assert response.readline() == b"event: versie\n"
    assert response.readline() == b"data: 2\n"


def test_only_requests_for_this_computer_are_answered(served) -> None:
    server, state = served
    state.show(message_page("Bezig", "Even wachten.", 1))
    assert _get(server, "/", host=f"localhost:{server.port}").status == 200
    assert _get(server, "/", host=f"aanvaller.example:{server.port}").status == 403
    assert _get(server, "/figuren/x.png").status == 404
    assert server.server_address[0] == "127.0.0.1"


def test_problem_text_reaches_the_page_literally() -> None:
    problem = Problem(
        "financien.xlsx", "Programma-uitgaven", "B8", '"<script>x</script>" is geen bedrag'
    )
    page = problems_page([problem], 4).body.decode()
    assert "<h1>De invoer bevat 1 probleem</h1>" in page
    assert "financien.xlsx › Programma-uitgaven › B8" in page
    assert "&quot;&lt;script&gt;x&lt;/script&gt;&quot; is geen bedrag" in page
    assert "<script>x" not in page
    assert "var versie = 4, rapport = false" in page


def test_a_busy_port_is_refused_in_dutch_or_the_next_free_one_is_taken() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortError, match=f"Poort {port} is bezet"):
            open_server(port, PageState())
    blocker = socket.socket()
    try:
        try:
            blocker.bind(("127.0.0.1", DEFAULT_PORT))
            blocker.listen()
        except OSError:
            pass  # already taken by something else: just as busy
        server = open_server(None, PageState())
        try:
            assert DEFAULT_PORT < server.port < DEFAULT_PORT + 20
        finally:
            server.server_close()
    finally:
        blocker.close()


def test_saved_files_are_sorted_by_the_work_they_make(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert work_for([data / "financien.xlsx"], data, TEMPLATES) is Work.READ
    assert work_for([data / "tekst" / "h5.qmd"], data, TEMPLATES) is Work.TEXT
    assert work_for([data / "tekst" / "h5.qmd", data / "editie.yml"], data, TEMPLATES) is Work.READ
    assert work_for([TEMPLATES / "chapters" / "h1.qmd.j2"], data, TEMPLATES) is Work.RENDER
    assert work_for([TEMPLATES / "publish" / "rapport.css"], data, TEMPLATES) is Work.PUBLISH
    both = [TEMPLATES / "publish" / "rapport.css", data / "editie.yml"]
    assert work_for(both, data, TEMPLATES) is Work.READ
    scratch = [data / "~$financien.xlsx", data / ".~lock.financien.xlsx#", tmp_path / "x.txt"]
    assert work_for(scratch, data, TEMPLATES) is None


@pytest.mark.parametrize("inside", ["data", "templates"])
def test_a_build_folder_inside_the_inputs_is_refused(
    data_copy: Path, inside: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = (data_copy if inside == "data" else TEMPLATES) / "voorbeeld"
    code = main(["preview", "--data", str(data_copy), "--build-dir", str(folder), "--port", "0"])
    assert code == 2
    assert "overlapt met" in capsys.readouterr().err
    assert not folder.exists()


def test_a_missing_data_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "geen"
    code = main(["preview", "--data", str(missing), "--build-dir", str(tmp_path / "b")])
    assert code == 2
    assert f"De gegevensmap {missing} bestaat niet" in capsys.readouterr().err
