"""What the host offers (/podd/v1/info), and moving podd into its daemon leaf."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from podd.sandbox import SandboxEnv, gather_host_info
from podd.sandbox.cgroups import CgroupMode, own_cgroup, read_mode

from .conftest import Sandboxes

pytestmark = pytest.mark.integration


async def test_host_info(env: SandboxEnv) -> None:
    info = await gather_host_info(pause=env.pause)
    assert info.uid == os.getuid() and info.kernel == os.uname().release
    assert info.newuidmap.path and info.newuidmap.ok
    assert info.newgidmap.path and info.newgidmap.ok
    assert info.id_mapping == env.id_mapping
    assert info.slirp4netns.features is not None
    assert info.slirp4netns.features.version != "unknown"
    assert info.tun.ok
    assert info.cgroup.info.mode in (CgroupMode.UNIFIED, CgroupMode.HYBRID)
    assert info.pause.version and info.pause.version.startswith("podd-pause ")
    assert info.pause.userns_ok is True, info.pause.error
    assert info.unprivileged_port_start > 0
    if info.subuid:
        assert info.subuid[0].count >= 1


async def test_setup_daemon_then_pods_from_the_daemon_leaf(
    env: SandboxEnv, sandboxes: Sandboxes
) -> None:
    """podd moves itself into <root>/podd/daemon; pods still go to pods/<uid>."""
    if env.cgroups is None:
        pytest.skip(f"no delegated cgroup v2 subtree: {env.cgroup_reason}")
    mount = read_mode().v2_mount
    assert mount is not None
    home = own_cgroup(mount)
    assert home is not None and home.is_dir()
    try:
        warnings = env.cgroups.setup_daemon()
        assert str(os.getpid()) in (env.cgroups.daemon / "cgroup.procs").read_text().split()
        assert own_cgroup(mount) == env.cgroups.daemon
        for path in (env.cgroups.root, env.cgroups.base, env.cgroups.pods):
            offered = set(env.cgroups.controllers(path))
            enabled = set((path / "cgroup.subtree_control").read_text().split())
            assert offered <= enabled or warnings
        state = await sandboxes.create("from-daemon")
        assert state.cgroup_path and Path(state.cgroup_path).parent == env.cgroups.pods
        await sandboxes.destroy(state)
    finally:
        (home / "cgroup.procs").write_text(str(os.getpid()))  # back, before cleanup kills the root
    assert own_cgroup(mount) == home
