"""podd.cdi is a low layer: it imports nothing of podd but itself (and the
leaf helpers podd.atomicfile / podd.log)."""

from __future__ import annotations

import ast
from pathlib import Path

import podd.cdi

ALLOWED = ("podd.cdi", "podd.atomicfile", "podd.log")


def _within(module: str, roots: tuple[str, ...]) -> bool:
    return any(module == r or module.startswith(r + ".") for r in roots)


def test_cdi_imports_only_itself() -> None:
    files = sorted(Path(podd.cdi.__file__).parent.glob("*.py"))
    assert len(files) >= 5
    bad = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{path.name}: relative import"
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            bad += [
                f"{path.name}:{node.lineno}: {n}"
                for n in names
                if _within(n, ("podd",)) and not _within(n, ALLOWED)
            ]
    assert not bad, "\n".join(bad)
