"""`python build.py preview`: a live HTML preview for policy writers.

The preview builds the HTML once, serves it on 127.0.0.1 and rebuilds whenever a file in the
data folder or in templates/ is saved; the open page reloads itself (server-sent events) and
keeps its scroll position. Input problems appear in the page as the Dutch problem list.

- watch.py: which saved files matter, and how much they make us redo;
- rebuild.py: the incremental rebuild through the pipeline's public stages (HTML only);
- pages.py: the HTML the browser gets (the report with the reload script, problem pages);
- server.py: the HTTP server with the event stream;
- run.py: the loop that ties them together and stops cleanly on Ctrl-C.
"""

from report.preview.run import PreviewError, serve

__all__ = ["PreviewError", "serve"]
