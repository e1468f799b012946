"""The project's import graph, read from the source (no code is run).

Every import statement counts, at module level or inside a function: an import moved into a
function to dodge a cycle is still a dependency both ways, and the layers must not have any.
Only imports under `if TYPE_CHECKING:` (annotations, never executed) are left out.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Source roots and the top-level packages of the project under each (README "Layout").
SOURCE_ROOTS = {
    ROOT / "platform": ("portal", "identity", "staff", "documents"),
    ROOT: ("tenants", "procedure_plugins", "workflows", "cms"),
}


def project_modules() -> dict[str, Path]:
    """Dotted name → file, for every module of the project except migrations and tests."""
    modules: dict[str, Path] = {}
    for source_root, packages in SOURCE_ROOTS.items():
        for package in packages:
            for path in sorted((source_root / package).rglob("*.py")):
                relative = path.relative_to(source_root).with_suffix("")
                parts = relative.parts
                if "migrations" in parts or "tests" in parts or "scaffold" in parts:
                    continue
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement of a module, at module level or inside a function, except those
    under `if TYPE_CHECKING:` (never executed)."""
    for statement in body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            yield statement
        elif isinstance(statement, ast.If) and _is_type_checking(statement.test):
            yield from _imports(statement.orelse)
        else:
            for field in ("body", "orelse", "finalbody", "handlers"):
                for child in getattr(statement, field, []) or []:
                    if isinstance(child, ast.ExceptHandler):
                        yield from _imports(child.body)
                    else:
                        yield from _imports([child])


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The project module `name` loads first (its longest known prefix), or None."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        package = name if is_package else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _imports(tree.body):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from package import submodule` loads the submodule too.
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            for target in targets:
                resolved = _resolve(target, modules)
                if resolved and resolved != name:
                    graph[name].add(resolved)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def _is_ancestor_package(candidate: str, module: str) -> bool:
    return module.startswith(candidate + ".")


def real_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Cycles, ignoring the edge from a module to its own parent packages: Python imports a
    package before its submodules, so `workflows.models.record` "importing" `workflows.models`
    is the normal package mechanism, not a dependency."""
    trimmed = {
        module: {t for t in targets if not _is_ancestor_package(t, module)}
        for module, targets in graph.items()
    }
    return cycles(trimmed)
