"""Fixtures for real, rootless sandboxes.

Run as the unprivileged user from inside its delegated cgroup subtree::

    bash scripts/as-user.sh poddtest .venv/bin/pytest tests/integration/sandbox

During each test the process is a child subreaper, as the service is, so
every pause and slirp4netns is our child and is reaped by the code under test.
Each test gets a fresh cgroup root (a child of the delegated subtree) and a
fresh runtime dir; both are emptied and removed after the test, even when
it fails.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from podd.sandbox import SandboxEnv, SandboxSpec, SandboxState, create_sandbox, destroy_sandbox
from podd.sandbox.cgroups import discover

from .helpers import REPO, children_of, status_field

PR_SET_CHILD_SUBREAPER = 36
NATIVE = REPO / "native" / "pause"


def _skip_reason() -> str | None:
    if os.geteuid() == 0:
        return "rootless tests: run as the test user (scripts/as-user.sh poddtest ...)"
    for tool in ("newuidmap", "newgidmap", "slirp4netns", "make", "cc"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not os.access("/dev/net/tun", os.R_OK | os.W_OK):
        return "/dev/net/tun is not usable"
    return None


@pytest.fixture(scope="session")
def pause_bin() -> Path:
    """native/pause/podd-pause, built with make when missing or stale."""
    if reason := _skip_reason():
        pytest.skip(reason)
    outputs = [NATIVE / "podd-pause", NATIVE / "orphan"]
    sources = [*NATIVE.glob("*.[ch]"), NATIVE / "Makefile"]
    newest = max(p.stat().st_mtime for p in sources)
    if not all(p.exists() and p.stat().st_mtime >= newest for p in outputs):
        subprocess.run(["make", "-s", "-C", str(NATIVE)], check=True, timeout=120)
    return outputs[0]


@pytest.fixture
def subreaper(pause_bin: Path) -> Iterator[None]:
    """Be a child subreaper during the test, as the service is; afterwards reap
    what we adopted and stop, so that later tests see the usual reparenting."""
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    try:
        yield
    finally:
        _reap_zombie_children()
        libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


@pytest.fixture(scope="session")
def orphan_bin(pause_bin: Path) -> Path:
    return NATIVE / "orphan"


def _empty_and_remove(root: Path) -> None:
    """cgroup.kill the whole test subtree, then rmdir it leaves first."""
    if not root.exists():
        return
    mine = Path(f"/proc/{os.getpid()}/cgroup").read_text()
    assert f"/{root.name}/" not in mine and not mine.rstrip().endswith(root.name), (
        "the test process is still inside the test cgroup; refusing to cgroup.kill it"
    )
    with contextlib.suppress(OSError):
        (root / "cgroup.kill").write_text("1")
    deadline = time.monotonic() + 10
    while "populated 1" in (root / "cgroup.events").read_text() and time.monotonic() < deadline:
        _reap_zombie_children()
        time.sleep(0.005)  # cleanup only: bounded, nothing to wait on here
    for dirpath, _, _ in os.walk(root, topdown=False):
        with contextlib.suppress(FileNotFoundError):
            os.rmdir(dirpath)


def _reap_zombie_children() -> None:
    for pid in children_of(os.getpid()):
        if (status_field(pid, "State") or "").startswith("Z"):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)


@pytest.fixture
def cgroup_root(pause_bin: Path, subreaper: None) -> Iterator[Path | None]:
    """A fresh cgroup under the delegated subtree (None when there is none)."""
    found = discover()
    if found.root is None:
        yield None
        return
    root = Path(found.root) / f"podd-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    root.mkdir()
    try:
        yield root
    finally:
        _empty_and_remove(root)
        _reap_zombie_children()


@pytest.fixture
def runtime_dir(pause_bin: Path) -> Iterator[Path]:
    """A short runtime dir (unix socket paths must stay under 108 bytes)."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    if not base or not os.access(base, os.W_OK):
        base = "/tmp"
    path = Path(tempfile.mkdtemp(prefix="podd-t-", dir=base))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def env(pause_bin: Path, cgroup_root: Path | None, runtime_dir: Path) -> SandboxEnv:
    found = SandboxEnv.discover(runtime_dir, cgroup_root=cgroup_root, pause=pause_bin)
    if cgroup_root is None:  # never touch the user's real subtree from a test
        found = dataclasses.replace(found, cgroups=None)
    return found


class Sandboxes:
    """Creates sandboxes and destroys whatever is left at the end of a test."""

    def __init__(self, env: SandboxEnv) -> None:
        self.env = env
        self.live: dict[str, SandboxState] = {}

    async def create(self, name: str = "pod", **fields: object) -> SandboxState:
        spec = SandboxSpec(uid=f"{name}-{uuid.uuid4().hex[:12]}", name=name, **fields)  # type: ignore[arg-type]
        state = await create_sandbox(spec, self.env)
        self.live[state.uid] = state
        return state

    async def destroy(self, state: SandboxState) -> None:
        await destroy_sandbox(state, self.env)
        self.live.pop(state.uid, None)

    async def close(self) -> None:
        for state in list(self.live.values()):
            with contextlib.suppress(Exception):
                await destroy_sandbox(state, self.env)
        self.live.clear()


@pytest.fixture
async def sandboxes(env: SandboxEnv) -> AsyncIterator[Sandboxes]:
    box = Sandboxes(env)
    try:
        yield box
    finally:
        await box.close()
