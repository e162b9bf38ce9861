"""A strict YAML reader for editie.yml: plain keys and values only, Dutch messages.

PyYAML's safe loader still expands aliases (a few lines can grow to gigabytes), accepts tags,
keeps the last of two equal keys and turns "2019-02-30" into a crash. This loader refuses
anchors, aliases and tags, duplicate keys and deep nesting, and leaves dates as text so that
the schema can check them and name the key.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node

MAX_DEPTH = 20
TIMESTAMP = "tag:yaml.org,2002:timestamp"

# PyYAML's problems, in the words a policy writer understands
_PROBLEMS = (
    ("found character '\\t'", "er staat een tab; gebruik spaties om in te springen"),
    (
        "mapping values are not allowed",
        "een dubbele punt op een onverwachte plek; zet de waarde "
        "tussen aanhalingstekens als die zelf een dubbele punt bevat",
    ),
    ("could not find expected ':'", "een dubbele punt ontbreekt na een sleutel"),
    ("found unexpected end of stream", "een aanhalingsteken of haakje wordt niet gesloten"),
    ("found undefined alias", "een verwijzing (*naam) is niet toegestaan"),
    (
        "expected <block end>",
        "de inspringing klopt niet, of een aanhalingsteken wordt niet gesloten",
    ),
    (
        "did not find expected key",
        "de inspringing klopt niet, of een aanhalingsteken wordt niet gesloten",
    ),
    ("found unknown escape character", "een onbekende escape (\\) tussen dubbele aanhalingstekens"),
    ("special characters are not allowed", "het bestand bevat een niet-toegestaan (stuur)teken"),
    ("unacceptable character", "het bestand bevat een niet-toegestaan (stuur)teken"),
)


class YamlRefused(Exception):
    """The text is not the plain YAML editie.yml must be; the message is Dutch."""

    def __init__(self, message: str, line: int | None = None, first: int | None = None):
        if line and first and first < line:
            where = f"regels {first}–{line}: "
        else:
            where = f"regel {line}: " if line else ""
        super().__init__(where + message)


class _Loader(yaml.SafeLoader):
    """SafeLoader without anchors, aliases, tags, duplicate keys or dates."""

    # PyYAML looks resolvers up on the class: this one has no timestamp resolver
    yaml_implicit_resolvers = {  # noqa: RUF012
        first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.AliasEvent):
            raise YamlRefused("verwijzingen (*naam) zijn in editie.yml niet toegestaan", line)
        if getattr(event, "anchor", None):
            raise YamlRefused("ankers (&naam) zijn in editie.yml niet toegestaan", line)
        if getattr(event, "tag", None) is not None:
            raise YamlRefused("labels als !!str of !naam zijn in editie.yml niet toegestaan", line)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlRefused(
                f"meer dan {MAX_DEPTH} niveaus diep; editie.yml is te diep genest", line
            )
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise YamlRefused("een sleutel moet een naam zijn", line)
            if key in seen:
                raise YamlRefused(
                    f"sleutel {key!r} staat twee keer in hetzelfde blok (ook op regel {seen[key]})",
                    line,
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str) -> object:
    """The document's plain data; YamlRefused with a Dutch reason and line otherwise."""
    try:
        return yaml.load(text, Loader=_Loader)
    except YamlRefused:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        first = error.context_mark.line + 1 if error.context_mark else None
        raise YamlRefused(_dutch(str(error.problem or error.context or "")), line, first) from None
    except (yaml.YAMLError, RecursionError):
        raise YamlRefused(
            "het bestand is geen geldige YAML; controleer inspringing en aanhalingstekens"
        ) from None


def _dutch(problem: str) -> str:
    for english, dutch in _PROBLEMS:
        if english in problem:
            return dutch
    return (
        "de opmaak klopt hier niet; controleer de inspringing, de dubbele punten en de "
        "aanhalingstekens"
    )
