"""The pages the preview serves: the report with its reload script, and plain status pages.

The script is inline (the page stays one self-contained file, no external requests) and runs
under a per-page nonce, so the server's Content-Security-Policy can forbid every other script.
The published page's own script (the "Toon herkomst" switch, templates/publish/rapport.html)
gets the same nonce; a script anywhere else in the page would not run.
It listens to the server's event stream and reloads when the page's version is no longer
current; a report page remembers its scroll position across the reload, a status page does
not, so the report reopens where the writer was before a problem interrupted it.

Every text from the inputs (problem messages, cell values in them) is HTML-escaped here.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from html import escape

from report.problems import Problem

EVENTS_PATH = "/gebeurtenissen"
PUBLISHED_SCRIPT = "<script>"  # how the publishing template opens its script (no attributes)

_SCRIPT = """<script nonce="{nonce}">
(function () {{
  "use strict";
  var versie = {version}, rapport = {report}, sleutel = "voorbeeld-scrollpositie";
  if ("scrollRestoration" in history) {{ history.scrollRestoration = "manual"; }}
  function onthoud() {{
    if (rapport) {{ sessionStorage.setItem(sleutel, String(window.scrollY)); }}
  }}
  function herstel() {{
    var positie = sessionStorage.getItem(sleutel);
    if (rapport && positie !== null) {{ window.scrollTo(0, Number(positie)); }}
  }}
  herstel();
  window.addEventListener("load", herstel);
  window.addEventListener("pagehide", onthoud);
  var bron = new EventSource({events});
  bron.addEventListener("versie", function (bericht) {{
    if (Number(bericht.data) === versie) {{ return; }}
    onthoud();
    bron.close();
    location.reload();
  }});
}})();
</script>
"""

_STYLE = """
body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff;
       line-height: 1.5; margin: 0; }
main { max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; color: #8a1c1c; }
h1.bezig { color: #154273; }
ul { padding-left: 1.25rem; }
li { margin: 0.4rem 0; }
.plaats { font-weight: bold; }
.melding { white-space: pre-wrap; }
"""


@dataclass(frozen=True)
class Page:
    """One version of the page, with the nonce its script runs under."""

    body: bytes
    nonce: str
    version: int


def report_page(html: str, version: int) -> Page:
    """The published HTML with the reload script before `</body>`."""
    return _page(html, version, report=True)


def problems_page(problems: list[Problem], version: int) -> Page:
    count = len(problems)
    title = f"De invoer bevat {count} {'probleem' if count == 1 else 'problemen'}"
    items = "\n".join(
        f'<li><span class="plaats">{escape(_place(p))}</span>: '
        f'<span class="melding">{escape(p.message)}</span></li>'
        for p in problems
    )
    body = (
        f"<h1>{escape(title)}</h1>\n"
        "<p>Het rapport verschijnt weer zodra de invoer klopt. Verbeter de cellen hieronder "
        "en sla de werkmap op; deze pagina wordt dan vanzelf bijgewerkt.</p>\n"
        f"<ul>\n{items}\n</ul>"
    )
    return _page(_document(f"Voorbeeld: {title}", body), version, report=False)


def message_page(title: str, message: str, version: int, busy: bool = False) -> Page:
    """A short status: the first build running, or an error that stopped a rebuild."""
    heading = f'<h1 class="bezig">{escape(title)}</h1>' if busy else f"<h1>{escape(title)}</h1>"
    body = f'{heading}\n<p class="melding">{escape(message)}</p>'
    return _page(_document(f"Voorbeeld: {title}", body), version, report=False)


def _place(problem: Problem) -> str:
    return " › ".join(part for part in (problem.file, problem.sheet, problem.cell) if part)


def _document(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _page(html: str, version: int, report: bool) -> Page:
    nonce = secrets.token_urlsafe(16)
    script = _SCRIPT.format(
        nonce=nonce,
        version=version,
        report="true" if report else "false",
        events=json.dumps(EVENTS_PATH),
    )
    html = html.replace(PUBLISHED_SCRIPT, f'<script nonce="{nonce}">')
    head, tag, tail = html.rpartition("</body>")
    text = head + script + tag + tail if tag else html + script
    return Page(text.encode("utf-8"), nonce, version)
