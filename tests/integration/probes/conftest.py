"""Fixtures for the probe tests: the real rootless sandboxes of
``tests/integration/sandbox`` (private cgroup root, runtime dir, cleanup)."""

from __future__ import annotations

from tests.integration.sandbox.conftest import (
    cgroup_root,
    env,
    orphan_bin,
    pause_bin,
    runtime_dir,
    sandboxes,
    subreaper,
)

__all__ = [
    "cgroup_root",
    "env",
    "orphan_bin",
    "pause_bin",
    "runtime_dir",
    "sandboxes",
    "subreaper",
]
