"""Unit tests of podd.logs use their own temp dirs, removed after each test."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    """Like pytest's, but removed at once (pytest keeps its last runs)."""
    path = Path(tempfile.mkdtemp(prefix="podd-unit-logs-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
