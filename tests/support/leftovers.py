"""A fixture for tests that start processes from the test process itself:
each test leaves no child (running or zombie) and no open fd behind."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


def children() -> set[int]:
    """Our child processes, zombies included (they stay listed until reaped)."""
    pids: set[int] = set()
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children") as f:
            pids |= {int(p) for p in f.read().split()}
    return pids


def open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


@pytest.fixture
def no_leftovers() -> Iterator[None]:
    kids, fds = children(), open_fds()
    yield
    assert children() - kids == set()
    assert open_fds() - fds == set()
