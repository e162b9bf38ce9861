"""The shape of the package: stages only look down, no import cycles, modules stay small.

The import graph is read from the source (every `import`, also inside functions), so a lazy
import that runs backwards is caught as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "report"

# The stages from the bottom up; a module may import its own stage and the ones below it.
STAGES = {
    "report": 0,  # report/__init__.py
    "report.numbers": 0,
    "report.provenance": 0,
    "report.cited": 0,
    "report.problems": 0,
    "report.resources": 0,
    "report.inputs": 1,
    "report.model": 2,
    "report.present": 3,
    "report.narrative": 3,
    "report.render": 4,
    "report.publish": 5,
    "report.pipeline": 6,
    "report.cli": 6,
    "report.preview": 6,
    "report.new_edition": 6,
    "report.reading": 6,
    "report.compare": 6,
}
MAX_LINES = 400
# The contract is the declaration of every sheet of both workbooks: data, not logic, read as one.
TOO_LONG_FOR_NOW = {"report.inputs.contract"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """The report modules `name` imports (a submodule when one is named, else the package)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return {module for module in found if module == "report" or module.startswith("report.")}


GRAPH = {name: imports(name) for name in MODULES}


def stage(name: str) -> int:
    prefix = max((p for p in STAGES if name == p or name.startswith(p + ".")), key=len)
    return STAGES[prefix]


def test_every_module_has_a_stage():
    assert all(stage(name) >= 0 for name in MODULES)
    assert all(target in MODULES for targets in GRAPH.values() for target in targets)


def backward(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{source} → {target}"
        for source, targets in graph.items()
        for target in targets
        if stage(target) > stage(source)
    )


def test_stages_only_look_down():
    assert backward(GRAPH) == []


def test_a_backward_import_is_found():
    """The check above can fail: the model importing the present stage is caught."""
    planted = {**GRAPH, "report.model.shares": {"report.present.tables"}}
    assert backward(planted) == ["report.model.shares → report.present.tables"]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph[node]:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles():
    assert cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle():
    """The check above can fail: a planted cycle and a self-import are found."""
    planted = {**GRAPH, "report.model.tables": GRAPH["report.model.tables"] | {"report.model"}}
    assert any("report.model.tables" in c for c in cycles(planted))
    assert cycles({"a": {"a"}}) == [["a"]]


@pytest.mark.parametrize("name", sorted(set(MODULES) - TOO_LONG_FOR_NOW))
def test_modules_stay_small(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name}: {lines} regels"


def test_templates_are_found_inside_an_installed_package(tmp_path, monkeypatch):
    """A wheel carries templates/ as report/templates/; a checkout has it beside the package."""
    from report import resources

    checkout = tmp_path / "checkout"
    (checkout / "report").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE", checkout / "report")
    assert resources.templates() == checkout / "templates"
    (checkout / "report" / "templates").mkdir()
    assert resources.templates() == checkout / "report" / "templates"
