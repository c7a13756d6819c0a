"""Shared fixtures: a real ``podd serve`` process on a temporary socket."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.podd_process import PoddProcess


@pytest.fixture
def podd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PoddProcess]:
    """A fresh podd with its own data and runtime dirs, stopped (and checked
    to have stopped) after the test."""
    proc = PoddProcess(tmp_path_factory.mktemp("podd"))
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"
