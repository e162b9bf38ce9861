"""Content data of the report (glossary, actors, policy areas, …) from templates/content/*.yml.

These lists are the project's own text, kept out of the templates so that they are edited as
data; they still pass through the same escaping as workbook text.
"""

from __future__ import annotations

from collections.abc import Mapping

import yaml

from report.resources import CONTENT

# libyaml's loader where it is installed (ten times faster), else the same rules in Python
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def content(name: str) -> list[Mapping[str, object]]:
    """The items of templates/content/<name>.yml (a list of mappings)."""
    data = yaml.load((CONTENT / f"{name}.yml").read_text(encoding="utf-8"), Loader=_LOADER)
    if not isinstance(data, list) or not all(isinstance(item, Mapping) for item in data):
        raise ValueError(f"templates/content/{name}.yml is geen lijst van onderdelen")
    return data
