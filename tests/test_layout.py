"""The package map of README "Layout" holds: which step may import which, and no circle.

Imports are read from the source (top-level and inside functions alike), so a lazy import
counts: a circle through one is still a circle a reader must untangle.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"
TOP = {"__init__", "api", "cli", "model", "errors", "vocab", "dates", "data_files"}


def module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(KG.rglob("*.py"))}


@cache
def imports(module: str) -> frozenset[str]:
    """The modules ``module`` imports (kg modules by full name, others by their top name)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found.update(_known(a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(_known(node.module))
            found.update(m for a in node.names if (m := f"{node.module}.{a.name}") in MODULES)
    return frozenset(found - {module})


def _runtime_nodes(tree: ast.AST):
    """Every node but those under ``if TYPE_CHECKING:`` (imports for type checkers only)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            continue
        yield node
        yield from _runtime_nodes(node)


def _known(name: str) -> str:
    while name not in MODULES and "." in name and name.startswith("kg."):
        name = name.rsplit(".", 1)[0]
    return name if name.startswith("kg") else name.split(".")[0]


def closure(module: str) -> set[str]:
    seen, todo = set(), [module]
    while todo:
        for dep in imports(todo.pop()):
            if dep not in seen:
                seen.add(dep)
                if dep in MODULES:
                    todo.append(dep)
    return seen


def in_package(module: str, *packages: str) -> bool:
    return any(module == f"kg.{p}" or module.startswith(f"kg.{p}.") for p in packages)


def test_the_top_of_kg_holds_only_packages_front_doors_and_five_shared_modules():
    loose = {p.stem for p in KG.glob("*.py")}
    assert loose <= TOP, sorted(loose - TOP)


@pytest.mark.parametrize("module", [m for m in MODULES if in_package(m, "read")])
def test_read_never_loads_spacy(module):
    assert "spacy" not in closure(module)


@pytest.mark.parametrize("module", [m for m in MODULES if in_package(m, "sparql")])
def test_the_sparql_side_never_loads_the_pipeline(module):
    bad = {m for m in closure(module) if m == "spacy" or in_package(m, "annotate", "link", "resolve")}
    assert not bad, bad


@pytest.mark.parametrize("module", [m for m in MODULES if in_package(m, "export")])
def test_export_reads_only_the_graph(module):
    bad = {m for m in imports(module) if in_package(m, "annotate", "link", "resolve", "curate", "evaluate", "run")}
    assert not bad, bad


@pytest.mark.parametrize("module", [m for m in MODULES if m not in ("kg", "kg.cli")])
def test_no_module_imports_the_cli(module):
    assert "kg.cli" not in imports(module)


def test_no_two_modules_import_each_other_through_any_path():
    import graphlib

    graph = {m: {d for d in imports(m) if d in MODULES and d != "kg"} for m in MODULES if m != "kg"}
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError naming the circle
