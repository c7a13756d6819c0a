"""Unit tests of podd.runtime: pure functions and tmp dirs, no namespaces."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    """Like pytest's, but removed at once (pytest keeps its last runs)."""
    path = Path(tempfile.mkdtemp(prefix="podd-unit-runtime-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
