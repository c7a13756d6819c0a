"""Where the sandbox's programs are: podd-pause (ours), and system tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from podd.sandbox.errors import BinaryNotFoundError

PAUSE_NAME = "podd-pause"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # podd/
_REPO_DIR = _PACKAGE_DIR.parent


def pause_candidates() -> list[Path]:
    """The places searched for podd-pause, in order (PATH last, not listed)."""
    found: list[Path] = []
    if env := os.environ.get("PODD_PAUSE"):
        found.append(Path(env))
    found.append(_PACKAGE_DIR / "_bin" / PAUSE_NAME)
    found.append(_REPO_DIR / "native" / "pause" / PAUSE_NAME)
    return found


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_pause() -> Path:
    """podd-pause: $PODD_PAUSE, podd/_bin/, the repo's native/pause/, then PATH."""
    candidates = pause_candidates()
    if os.environ.get("PODD_PAUSE") and not _executable(candidates[0]):
        raise BinaryNotFoundError(f"PODD_PAUSE={candidates[0]} is not an executable file")
    for path in candidates:
        if _executable(path):
            return path
    if on_path := shutil.which(PAUSE_NAME):
        return Path(on_path)
    searched = ", ".join(str(p) for p in candidates)
    raise BinaryNotFoundError(
        f"{PAUSE_NAME} not found (searched {searched} and PATH); "
        "build it with `make -C native/pause` or install podd with pip"
    )


def find_tool(name: str, configured: str | None = None) -> Path:
    """A system program by configured path or PATH, or a clear error."""
    if configured:
        path = Path(configured)
        if _executable(path):
            return path
        raise BinaryNotFoundError(f"{name}: {configured} is not an executable file")
    if on_path := shutil.which(name):
        return Path(on_path)
    raise BinaryNotFoundError(f"{name} not found on PATH")
