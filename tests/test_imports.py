"""The project's modules import one another in layers: no module reaches itself through its imports
(counting imports made inside functions and for type checking only, which are circles all the same)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("service", "skill_taxonomy")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST, name: str, is_package: bool, modules: set[str]) -> set[str]:
    """The project's modules a module's source imports, wherever the import statement stands."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the module's package
                package = name if is_package else name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{node.module}" if node.module else package
            else:
                base = node.module or ""
            for alias in node.names:  # `from service import batch` imports the module service.batch
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {module for module in found if module in modules and module != name}


def import_graph() -> dict[str, set[str]]:
    paths = [path for package in PACKAGES for path in (ROOT / package).rglob("*.py")]
    modules = {module_name(path) for path in paths}
    return {
        module_name(path): imported(ast.parse(path.read_text()), module_name(path), path.name == "__init__.py", modules) for path in paths
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_module_imports_itself_through_others():
    graph = import_graph()
    assert "service.batch" in graph["service.distributed"]  # the graph sees the imports it must
    assert circles(graph) == []


def test_the_taxonomy_sits_below_the_service():
    graph = import_graph()
    assert "skill_taxonomy.prefilter" in graph["skill_taxonomy.context"]
    upward = {
        module: sorted(m for m in found if m.startswith("service"))
        for module, found in graph.items()
        if module.startswith("skill_taxonomy")
    }
    assert {module: found for module, found in upward.items() if found} == {}


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}, "c": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ],
)
def test_circles_are_found(graph, expected):
    assert circles(graph) == expected


def test_imports_in_functions_and_for_type_checking_count(tmp_path):
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from service.engine import Engine\n"
        "def run():\n    from service import batch\n"
        "from . import sources\n"
    )
    modules = {"service", "service.engine", "service.batch", "service.sources", "service.cli"}
    found = imported(ast.parse(source), "service.cli", False, modules)
    assert found == {"service.engine", "service.batch", "service.sources"}
