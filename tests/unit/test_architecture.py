"""The package's shape (DESIGN.md §8, §9): no import cycles, no oversized
modules, dependencies pointing down the layers.

How an import statement becomes edges of the module graph
----------------------------------------------------------
Every ``import``/``from … import`` in a module counts: top level, inside
functions, under ``if TYPE_CHECKING:``, in ``try`` blocks; relative imports
are resolved against the importing module's package. Only modules of the
scanned package are nodes (``podd.a`` is ``podd/a/__init__.py`` or
``podd/a.py``).

* ``import podd.a.b`` has the target ``podd.a.b``.
* ``from podd.a import n`` has the target ``podd.a.n`` when that is a module
  (``podd/a/n.py`` or ``podd/a/n/__init__.py``: ``from`` finds a submodule
  that way), else ``podd.a`` (``n`` is a name its ``__init__`` binds);
  ``from podd.a import *`` has the target ``podd.a``.
* Reaching a target runs the ``__init__`` of each package on its way
  (``podd``, ``podd.a`` for ``podd.a.b``), so each of those is an edge too,
  except the importer's own ancestor packages (a package's ``__init__``
  counting as its own): Python has started them before the importer's first
  line runs, so the statement cannot start them. (Counting them
  would make every package whose ``__init__`` re-exports its submodules a
  cycle with each of them.) An ancestor that is itself the target, as in
  ``from podd.a import name`` inside ``podd/a/b.py``, is an edge: the name
  must be bound by the time the statement runs.

A cycle is a strongly connected component of more than one module, or a
module that imports itself.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "podd"
ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400

# The composition root wires everything together and may import anything.
COMPOSITION_ROOT = ("podd.cli", "podd.server", "podd.services")
LOWER_LAYERS = (
    "podd.sandbox",
    "podd.network",
    "podd.runtime",
    "podd.images",
    "podd.logs",
    "podd.volumes",
)
FORBIDDEN_BELOW_CONTROLLER = ("podd.controller", "podd.api", "podd.store", "podd.services")
# "store is used by api and controller only": it sits below its users.
FORBIDDEN_TO_STORE = ("podd.controller", "podd.api", "podd.services")


@dataclass(frozen=True)
class Edge:
    """One module's dependency on another, and the statement behind it."""

    source: str
    target: str
    file: str  # relative to the package's parent dir, as "podd/a/b.py"
    line: int
    statement: str

    def __str__(self) -> str:
        return f"{self.source} -> {self.target}  ({self.file}:{self.line}: {self.statement})"


def module_files(pkg_dir: Path, name: str) -> dict[str, Path]:
    """Dotted module name → file, for every module under ``pkg_dir``."""
    modules: dict[str, Path] = {}
    for path in sorted(pkg_dir.rglob("*.py")):
        parts = [name, *path.relative_to(pkg_dir).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _is_package(modules: Mapping[str, Path], module: str) -> bool:
    return modules[module].name == "__init__.py"


def _statement_targets(
    node: ast.Import | ast.ImportFrom, module: str, modules: Mapping[str, Path]
) -> list[str]:
    """The modules a statement names (before adding packages on the way)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        package = module if _is_package(modules, module) else module.rpartition(".")[0]
        parts = package.split(".")
        base = ".".join(parts[: len(parts) - node.level + 1])
        origin = f"{base}.{node.module}" if node.module else base
    else:
        assert node.module is not None  # only relative imports omit it
        origin = node.module
    targets = []
    for alias in node.names:
        sub = f"{origin}.{alias.name}"
        targets.append(sub if alias.name != "*" and sub in modules else origin)
    return targets


def _walk_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def import_edges(pkg_dir: Path, name: str = PACKAGE) -> list[Edge]:
    """Every edge of the package's module graph, by the rule in the docstring."""
    modules = module_files(pkg_dir, name)
    edges: list[Edge] = []
    for module, path in modules.items():
        source = path.read_text()
        rel = str(path.relative_to(pkg_dir.parent))
        ancestors = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
        if _is_package(modules, module):
            ancestors.add(module)
        for node in _walk_imports(ast.parse(source, str(path))):
            statement = " ".join((ast.get_source_segment(source, node) or "").split())
            seen: set[str] = set()
            for target in _statement_targets(node, module, modules):
                parts = target.split(".")
                on_way = {".".join(parts[:i]) for i in range(1, len(parts))} - ancestors
                for dep in sorted(on_way | {target}):
                    if dep in modules and dep not in seen:
                        seen.add(dep)
                        edges.append(Edge(module, dep, rel, node.lineno, statement))
    return edges


def strongly_connected(nodes: Iterable[str], succ: Mapping[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (no recursion limit to worry about)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(succ.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(succ.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return components


def find_cycles(edges: list[Edge]) -> list[list[Edge]]:
    """Each cycle as the edges among its modules, ordered by module then line."""
    succ: dict[str, set[str]] = {}
    for edge in edges:
        succ.setdefault(edge.source, set()).add(edge.target)
    nodes = sorted({e.source for e in edges} | {e.target for e in edges})
    cycles = []
    for component in strongly_connected(nodes, succ):
        members = set(component)
        if len(members) == 1 and component[0] not in succ.get(component[0], set()):
            continue
        inside = [e for e in edges if e.source in members and e.target in members]
        cycles.append(sorted(inside, key=lambda e: (e.source, e.line, e.target)))
    return sorted(cycles, key=lambda c: c[0].source)


def format_cycles(cycles: list[list[Edge]]) -> str:
    blocks = []
    for cycle in cycles:
        members = sorted({e.source for e in cycle})
        blocks.append(f"cycle among {', '.join(members)}:\n" + "\n".join(f"  {e}" for e in cycle))
    return "\n".join(blocks)


def _within(module: str, packages: Iterable[str]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def layering_violations(edges: list[Edge]) -> list[str]:
    """Edges that break DESIGN.md §8's layers, each with the rule it breaks."""
    found = []
    for edge in edges:
        src, dst = edge.source, edge.target
        if _within(src, COMPOSITION_ROOT):
            continue
        if _within(dst, ["podd.api"]) and not _within(src, ["podd.api"]):
            found.append(f"only podd.api and the composition root import podd.api: {edge}")
        if _within(src, ["podd.model"]) and not _within(dst, ["podd.model"]):
            found.append(f"podd.model imports no other podd module: {edge}")
        if _within(src, LOWER_LAYERS) and _within(dst, FORBIDDEN_BELOW_CONTROLLER):
            found.append(f"{src} is below the controller, store and services: {edge}")
        if _within(src, ["podd.store"]) and _within(dst, FORBIDDEN_TO_STORE):
            found.append(f"podd.store is below the controller, api and services: {edge}")
    return found


# -- The checks on podd itself ----------------------------------------------


@pytest.fixture(scope="module")
def podd_edges() -> list[Edge]:
    return import_edges(ROOT / PACKAGE)


def test_the_graph_sees_podd(podd_edges: list[Edge]) -> None:
    """Guards the checks below from passing on an empty or misread graph."""
    targets = {(e.source, e.target) for e in podd_edges}
    assert ("podd.model.pod", "podd.model.container") in targets
    assert ("podd.server", "podd.api.app") in targets


def test_no_import_cycles(podd_edges: list[Edge]) -> None:
    cycles = find_cycles(podd_edges)
    assert not cycles, "import cycles in podd:\n" + format_cycles(cycles)


def test_no_oversized_modules() -> None:
    sizes = {
        module: len(path.read_text().splitlines())
        for module, path in module_files(ROOT / PACKAGE, PACKAGE).items()
    }
    over = {m: n for m, n in sorted(sizes.items()) if n > MAX_LINES}
    assert not over, f"modules over {MAX_LINES} lines (DESIGN.md §9): " + ", ".join(
        f"{m} ({n})" for m, n in over.items()
    )


def test_layers(podd_edges: list[Edge]) -> None:
    violations = layering_violations(podd_edges)
    assert not violations, "layering (DESIGN.md §8):\n" + "\n".join(violations)


# -- The cycle finder on a synthetic package ---------------------------------


def write_package(root: Path, files: Mapping[str, str]) -> Path:
    """Write ``{"a/b.py": source}`` under ``root/pkg`` and return that dir."""
    pkg = root / "pkg"
    for rel, text in {"__init__.py": "", **files}.items():
        path = pkg / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return pkg


def cycle_members(pkg: Path) -> list[list[str]]:
    return [sorted({e.source for e in c}) for c in find_cycles(import_edges(pkg, "pkg"))]


def test_acyclic_package_has_no_cycles(tmp_path: Path) -> None:
    pkg = write_package(
        tmp_path,
        {
            "base.py": "X = 1\n",
            "sub/__init__.py": "from pkg.sub.leaf import Y\n",
            "sub/leaf.py": "from pkg.base import X\nfrom . import other\nY = X\n",
            "sub/other.py": "from .. import base\n",
            "top.py": "import pkg.sub.leaf\nfrom pkg.sub import Y\n",
        },
    )
    edges = {(e.source, e.target) for e in import_edges(pkg, "pkg")}
    # A re-exporting __init__ and its submodules are no cycle.
    assert ("pkg.sub", "pkg.sub.leaf") in edges
    assert ("pkg.sub.leaf", "pkg.sub") not in edges
    # Relative imports resolve; the package on the way counts for outsiders.
    assert {("pkg.sub.leaf", "pkg.sub.other"), ("pkg.sub.other", "pkg.base")} <= edges
    assert {("pkg.top", "pkg.sub"), ("pkg.top", "pkg.sub.leaf")} <= edges
    assert cycle_members(pkg) == []


def test_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    pkg = write_package(
        tmp_path,
        {
            "a.py": "from pkg import b\n",
            "b.py": "def f() -> None:\n    from pkg.a import g\n",
            "c.py": "import pkg.a\n",
        },
    )
    (cycle,) = find_cycles(import_edges(pkg, "pkg"))
    assert [(e.source, e.target, e.line) for e in cycle] == [
        ("pkg.a", "pkg.b", 1),
        ("pkg.b", "pkg.a", 2),
    ]
    assert "b.py:2: from pkg.a import g" in format_cycles([cycle])


def test_cycle_through_type_checking(tmp_path: Path) -> None:
    pkg = write_package(
        tmp_path,
        {
            "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import B\n",
            "b.py": "from . import a\n",
        },
    )
    assert cycle_members(pkg) == [["pkg.a", "pkg.b"]]


def test_cycle_through_a_package_init(tmp_path: Path) -> None:
    # a reaches sub.other, which runs sub/__init__, which imports impl → a.
    pkg = write_package(
        tmp_path,
        {
            "a.py": "from pkg.sub.other import f\n",
            "sub/__init__.py": "from pkg.sub.impl import Thing\n",
            "sub/impl.py": "import pkg.a\nThing = 1\n",
            "sub/other.py": "def f() -> None: ...\n",
        },
    )
    assert cycle_members(pkg) == [["pkg.a", "pkg.sub", "pkg.sub.impl"]]


def test_cycle_through_a_name_from_the_own_package(tmp_path: Path) -> None:
    # sub/__init__ imports leaf, and leaf wants a name __init__ binds later.
    pkg = write_package(
        tmp_path,
        {
            "sub/__init__.py": "from .leaf import Y\nX = 1\n",
            "sub/leaf.py": "from pkg.sub import X\nY = X\n",
        },
    )
    assert cycle_members(pkg) == [["pkg.sub", "pkg.sub.leaf"]]


def test_a_module_importing_itself_is_a_cycle(tmp_path: Path) -> None:
    pkg = write_package(tmp_path, {"a.py": "def f() -> None:\n    from pkg import a\n"})
    assert cycle_members(pkg) == [["pkg.a"]]


def test_layering_rules_flag_each_kind() -> None:
    def edge(source: str, target: str) -> Edge:
        return Edge(source, target, "podd/x.py", 1, "import x")

    flagged = layering_violations(
        [
            edge("podd.controller.worker", "podd.api.app"),
            edge("podd.model.pod", "podd.log"),
            edge("podd.runtime.oci", "podd.store.repository"),
            edge("podd.volumes.manager", "podd.controller"),
            edge("podd.store.repository", "podd.controller.podstore"),
        ]
    )
    assert [f.split(":")[0] for f in flagged] == [
        "only podd.api and the composition root import podd.api",
        "podd.model imports no other podd module",
        "podd.runtime.oci is below the controller, store and services",
        "podd.volumes.manager is below the controller, store and services",
        "podd.store is below the controller, api and services",
    ]
    allowed = [
        edge("podd.api.pods", "podd.api.app"),
        edge("podd.cli.main", "podd.api.app"),
        edge("podd.server", "podd.api.app"),
        edge("podd.model.pod", "podd.model.base"),
        edge("podd.runtime.oci", "podd.model.pod"),
        edge("podd.controller.worker", "podd.store.repository"),
        edge("podd.store.images", "podd.images.records"),
    ]
    assert layering_violations(allowed) == []
