"""Where the templates are, wherever the package runs from.

The project keeps `templates/` at the top of the checkout (chapter templates, content and the
publishing templates). A wheel carries the same folder inside the package as
`report/templates/` (see `[tool.setuptools]` in pyproject.toml). Code asks here instead of
building paths from the working directory, so `python build.py` works from any folder and the
installed tool works without a checkout.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates() -> Path:
    """The templates folder: inside an installed package, else beside it in the checkout."""
    installed = _PACKAGE / "templates"
    return installed if installed.is_dir() else _PACKAGE.parent / "templates"


TEMPLATES = templates()
CHAPTERS = TEMPLATES / "chapters"
CONTENT = TEMPLATES / "content"
PUBLISH = TEMPLATES / "publish"
FONTS = (
    PUBLISH / "fonts"
)  # the house font: the PDF engines use it, the reader checks text against it
