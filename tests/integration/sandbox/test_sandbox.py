"""A real pod sandbox: namespaces, mapping, reaping, cgroup, teardown."""

from __future__ import annotations

import asyncio
import os
import signal
import stat
import sys
from pathlib import Path

import msgspec
import pytest

from podd.sandbox import PodLimits, SandboxEnv, check_sandbox
from podd.sandbox.errors import SlirpStartError
from podd.sandbox.netinfo import read_netinfo
from podd.sandbox.process import wait_exit, wait_readable
from podd.sandbox.sandbox import SandboxState, load_state
from podd.sandbox.teardown import purge_sandbox

from .conftest import Sandboxes
from .helpers import (
    REPO,
    assert_sandbox_gone,
    our_pod_processes,
    pod_env,
    run_in_pod,
    status_field,
    wait_for,
)

pytestmark = pytest.mark.integration


async def test_pause_is_pid1_with_mapping_hostname_and_network(
    sandboxes: Sandboxes, env: SandboxEnv
) -> None:
    state = await sandboxes.create("web-7")
    pid = state.pause.pid
    nspid = (status_field(pid, "NSpid") or "").split()
    assert len(nspid) == 2 and nspid[-1] == "1", nspid
    uid_map = Path(f"/proc/{pid}/uid_map").read_text().split()
    expected = [
        str(v) for m in env.id_mapping.uid_maps for v in (m.container_id, m.host_id, m.size)
    ]
    assert uid_map == expected
    if not env.id_mapping.single:
        assert uid_map[3:] == ["1", str(env.id_mapping.uid_maps[1].host_id), "65536"]

    done = await run_in_pod(env.pause, pid, ["user", "uts"], ["cat", "/proc/sys/kernel/hostname"])
    assert (done.rc, done.out) == (0, "web-7\n")

    info = await read_netinfo(env.pause, pid)
    lo, tap = info.interface("lo"), info.interface("tap0")
    assert lo is not None and lo.up and "127.0.0.1/8" in lo.addresses
    assert tap is not None and tap.up and "10.0.2.100/24" in tap.addresses
    assert state.pod_ip == info.ipv4("tap0") == "10.0.2.100"

    done = await run_in_pod(env.pause, pid, ["user", "net"], ["ip", "-o", "-4", "addr", "show"])
    assert "tap0    inet 10.0.2.100/24" in done.out and "lo    inet 127.0.0.1/8" in done.out
    assert check_sandbox(state).alive


async def test_etc_files_and_state_file(sandboxes: Sandboxes, env: SandboxEnv) -> None:
    state = await sandboxes.create("files", subdomain="sub", namespace="team")
    hosts = Path(state.etc.hosts).read_text()
    assert "10.0.2.100\tfiles.sub.team.svc.cluster.local\tfiles" in hosts
    assert Path(state.etc.hostname).read_text() == "files\n"
    assert Path(state.etc.resolv_conf).read_text().startswith("nameserver 10.0.2.3\n")
    assert load_state(env, state.uid) == state


async def test_zombie_is_reaped_by_the_pause(
    sandboxes: Sandboxes, env: SandboxEnv, orphan_bin: Path
) -> None:
    state = await sandboxes.create("reaper")
    pause = state.pause.pid
    # Stop the pause so that the orphan's child is seen as its zombie first.
    os.kill(pause, signal.SIGSTOP)
    try:
        done = await run_in_pod(env.pause, pause, ["user", "pid"], [str(orphan_bin)])
        assert done.rc == 0, done.err
        _, ns_pid, host_pid_text = done.out.split()
        host_pid = int(host_pid_text)
        assert int(ns_pid) > 1
        pidfd = os.pidfd_open(host_pid)  # the pause cannot reap while stopped
        try:
            assert await wait_readable(pidfd, 10)
        finally:
            os.close(pidfd)
        assert (status_field(host_pid, "State") or "").startswith("Z")
        assert status_field(host_pid, "PPid") == str(pause)  # reparented to the pod's PID 1
    finally:
        os.kill(pause, signal.SIGCONT)
    wait_for(lambda: status_field(host_pid, "State") is None, what="the pause to reap")
    assert check_sandbox(state).alive


async def test_cgroup_placement_and_unenforced_limits(
    sandboxes: Sandboxes, env: SandboxEnv
) -> None:
    if env.cgroups is None:
        pytest.skip(f"no delegated cgroup v2 subtree: {env.cgroup_reason}")
    limits = PodLimits(memory_bytes=64 << 20, cpu_millis=500, pids=128, cpu_request_millis=100)
    state = await sandboxes.create("limited", limits=limits)
    assert state.cgroup_path is not None
    pod = Path(state.cgroup_path)
    assert pod.parent == env.cgroups.pods and pod.is_dir()
    members = (pod / "infra" / "cgroup.procs").read_text().split()
    assert str(state.pause.pid) in members and str(state.slirp.pid) in members
    # The cgroup namespace is rooted at the infra leaf (placed before unshare):
    # seen from inside it, the pause sits at its root.
    pause_cgroup = f"/proc/{state.pause.pid}/cgroup"
    done = await run_in_pod(env.pause, state.pause.pid, ["user", "cgroup"], ["cat", pause_cgroup])
    assert "0::/\n" in done.out, done
    offered = set(env.cgroups.controllers(pod))
    reported = {n.controller for n in state.not_enforced}
    for resource, controller, filename in (
        ("memory", "memory", "memory.max"),
        ("cpu", "cpu", "cpu.max"),
        ("pids", "pids", "pids.max"),
    ):
        if controller in offered:
            assert (pod / filename).exists()
        else:  # on a hybrid host (no controllers delegated) every limit is reported
            assert controller in reported, (resource, state.not_enforced)
    assert all("not delegated" in n.reason for n in state.not_enforced)
    stats = env.cgroups.stats(pod)
    assert stats.cpu_usage_usec is not None


async def test_destroy_leaves_nothing_and_is_idempotent(
    sandboxes: Sandboxes, env: SandboxEnv
) -> None:
    from podd.sandbox import PortForward

    from .helpers import free_port

    state = await sandboxes.create("gone", port_forwards=[PortForward(free_port(), 80)])
    assert Path(state.runtime_dir, "sandbox.json").exists()
    await sandboxes.destroy(state)
    assert_sandbox_gone(state)
    await sandboxes.destroy(state)  # again: nothing to do, no error
    assert our_pod_processes() == []


async def test_killed_pause_is_reported_dead_and_slirp_follows(
    sandboxes: Sandboxes, env: SandboxEnv
) -> None:
    state = await sandboxes.create("victim")
    os.kill(state.pause.pid, signal.SIGKILL)
    await wait_exit(state.pause.pid, timeout=10)
    health = check_sandbox(state)
    assert not health.alive and not health.pause_alive
    assert health.reason == f"pause {state.pause.pid} is gone"
    # slirp4netns exits by itself: the pause held the write end of its exit pipe.
    await wait_exit(state.slirp.pid, timeout=10)
    assert not check_sandbox(state).network_alive
    await sandboxes.destroy(state)
    assert_sandbox_gone(state)


async def test_sandbox_survives_its_creator(env: SandboxEnv, sandboxes: Sandboxes) -> None:
    """podd SIGKILLed right after creating a sandbox: the pod keeps running."""
    script = f"""
import asyncio, os, signal, sys, msgspec
from pathlib import Path
from podd.sandbox import SandboxEnv, SandboxSpec, create_sandbox
async def main():
    env = SandboxEnv.discover({str(env.runtime_dir)!r},
        cgroup_root={str(env.cgroups.root) if env.cgroups else None!r}, pause={str(env.pause)!r})
    state = await create_sandbox(SandboxSpec(uid="survivor", name="survivor"), env)
    sys.stdout.buffer.write(msgspec.json.encode(state) + b"\\n")
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)
asyncio.run(main())
"""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", script, stdout=asyncio.subprocess.PIPE, env=pod_env(), cwd=REPO
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == -signal.SIGKILL
    state = msgspec.json.decode(out, type=SandboxState)
    sandboxes.live[state.uid] = state
    assert check_sandbox(state).alive
    assert load_state(env, "survivor") == state
    done = await run_in_pod(env.pause, state.pause.pid, ["user", "uts"], ["hostname"])
    assert done.out.strip() == "survivor"
    await sandboxes.destroy(state)
    assert_sandbox_gone(state)


FAKE_SLIRP = (
    "#!/bin/sh\n"
    'case "$1" in --help) echo "--api-socket --netns-type"; exit 0;;'
    ' --version) echo "slirp4netns version 9.9.9"; exit 0;; esac\n'
)


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("echo 'fake slirp4netns: cannot configure tap0' >&2\nexit 1\n", "cannot configure tap0"),
        ("echo 'fake slirp4netns: stuck' >&2\nexec sleep 60\n", r"not ready within 1\.5s.*stuck"),
    ],
    ids=["dies", "hangs"],
)
async def test_failure_after_pause_rolls_everything_back(
    env: SandboxEnv, tmp_path: Path, body: str, error: str
) -> None:
    import dataclasses

    fake = tmp_path / "slirp4netns"
    fake.write_text(FAKE_SLIRP + body)
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    tmp_path.chmod(0o755)
    box = Sandboxes(dataclasses.replace(env, slirp4netns=fake, start_timeout=1.5))
    with pytest.raises(SlirpStartError, match=error):
        await box.create("doomed")
    assert box.live == {}
    assert not list((env.runtime_dir / "pods").iterdir())
    if env.cgroups is not None:
        assert not [p for p in env.cgroups.pods.iterdir() if p.is_dir()]
    assert our_pod_processes() == []


async def test_purge_remains_of_a_half_built_sandbox(sandboxes: Sandboxes, env: SandboxEnv) -> None:
    """No state file (podd died before step 8): the cgroup still finds everything."""
    if env.cgroups is None:
        pytest.skip(f"no delegated cgroup v2 subtree: {env.cgroup_reason}")
    state = await sandboxes.create("half")
    Path(state.runtime_dir, "sandbox.json").unlink()
    sandboxes.live.pop(state.uid)
    await purge_sandbox(state.uid, env)
    assert_sandbox_gone(state)
    await purge_sandbox(state.uid, env)  # nothing left: still fine


async def test_without_cgroups_pods_run_and_limits_are_reported(env: SandboxEnv) -> None:
    import dataclasses

    bare = dataclasses.replace(env, cgroups=None, cgroup_reason="this host only has cgroup v1")
    box = Sandboxes(bare)
    try:
        state = await box.create("no-cgroup", limits=PodLimits(memory_bytes=1 << 30, pids=10))
        assert state.cgroup_path is None and check_sandbox(state).alive
        assert "this host only has cgroup v1" in state.warnings
        assert [(n.controller, n.reason) for n in state.not_enforced] == [
            ("memory", "this host only has cgroup v1"),
            ("pids", "this host only has cgroup v1"),
        ]
        await box.destroy(state)
        assert_sandbox_gone(state)
    finally:
        await box.close()


async def test_unsafe_uid_is_refused_before_anything(env: SandboxEnv) -> None:
    from podd.sandbox import SandboxSpec, create_sandbox
    from podd.sandbox.errors import SandboxError

    with pytest.raises(SandboxError, match="cannot name a directory"):
        await create_sandbox(SandboxSpec(uid="../../etc", name="x"), env)
    assert not (env.runtime_dir / "pods").exists() or not list((env.runtime_dir / "pods").iterdir())
