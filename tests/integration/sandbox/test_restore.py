"""A pod's network restored after its slirp4netns was killed (kill -9): the
forward answers again, the pause is the same, the new slirp4netns is still
tied to the pause by the exit pipe, and teardown leaves nothing."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from podd.pidwatch import PidWatcher
from podd.sandbox import PortForward, SandboxEnv, SandboxError, check_sandbox, load_state
from podd.sandbox.network import EXIT_FD, SlirpOptions
from podd.sandbox.pause import KEEP_FD, PauseHandle
from podd.sandbox.process import ProcessRef, is_running, process_ref
from podd.sandbox.restore import open_exit_pipe, restore_network
from podd.sandbox.sandbox import SandboxState

from .conftest import Sandboxes
from .helpers import assert_sandbox_gone, free_port, python_in_pod
from .test_network import HOST_PROBE, http_get, http_server_in_pod

pytestmark = pytest.mark.integration


@pytest.fixture
def webroot(tmp_path: Path) -> Path:
    (tmp_path / "hello.txt").write_text("hello from the pod\n")
    tmp_path.chmod(0o755)
    return tmp_path


async def kill_and_wait(ref: ProcessRef) -> None:
    """SIGKILL ``ref`` and wait (bounded) until a PidWatcher reports its exit."""
    watcher = PidWatcher()
    died = asyncio.Event()
    watcher.watch(ref, died.set)
    os.kill(ref.pid, signal.SIGKILL)
    try:
        await asyncio.wait_for(died.wait(), 10)
    finally:
        watcher.close()


def slirps_of(state: SandboxState) -> list[int]:
    """Every slirp4netns process of this pod, found in /proc by its API socket."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            comm = Path(f"/proc/{entry}/comm").read_text().strip()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if comm == "slirp4netns" and f"--api-socket={state.api_socket}".encode() in cmdline:
            found.append(int(entry))
    return found


async def test_pidwatcher_reports_a_slirp4netns_kill(sandboxes: Sandboxes) -> None:
    state = await sandboxes.create("watched")
    watcher = PidWatcher()
    died: list[str] = []
    reported = asyncio.Event()

    def on_exit(what: str) -> None:
        died.append(what)
        reported.set()

    watcher.watch(state.slirp.ref, lambda: on_exit("slirp4netns"))
    pause = watcher.watch(state.pause.ref, lambda: on_exit("pause"))
    os.kill(state.slirp.pid, signal.SIGKILL)
    await asyncio.wait_for(reported.wait(), 10)
    assert died == ["slirp4netns"]
    assert pause.active  # the pause lives on
    assert str(state.slirp.pid) not in os.listdir("/proc")  # reaped: we are its subreaper
    watcher.close()


async def test_forward_answers_again_after_a_restore_and_teardown_leaves_nothing(
    sandboxes: Sandboxes, env: SandboxEnv, webroot: Path
) -> None:
    host_port = free_port()
    state = await sandboxes.create("restored", port_forwards=[PortForward(host_port, 8080)])
    assert slirps_of(state) == [state.slirp.pid]
    async with http_server_in_pod(env, state, 8080, webroot):
        assert (await http_get(host_port)).endswith("hello from the pod\n")

        await kill_and_wait(state.slirp.ref)
        health = check_sandbox(state)
        assert health.pause_alive and not health.network_alive

        new = await restore_network(state, env)
        sandboxes.live[new.uid] = new
        assert new.pause == state.pause  # same pid and start time: untouched
        assert new.slirp.pid != state.slirp.pid and is_running(new.slirp.ref)
        assert new.slirp.api_socket == state.slirp.api_socket
        assert [f.forward for f in new.forwards] == [f.forward for f in state.forwards]
        assert load_state(env, state.uid) == new
        assert check_sandbox(new).alive
        assert slirps_of(new) == [new.slirp.pid]
        # Its exit fd is a new end of the very pipe the pause keeps.
        exit_pipe = os.readlink(f"/proc/{new.slirp.pid}/fd/{EXIT_FD}")
        assert exit_pipe == os.readlink(f"/proc/{new.pause.pid}/fd/{KEEP_FD}")
        if new.cgroup_path:  # born in the pod's infra leaf, like the first one
            procs = Path(new.cgroup_path, "infra", "cgroup.procs").read_text().split()
            assert str(new.slirp.pid) in procs

        # The server in the pod never stopped: the same listener answers.
        reply = await http_get(host_port)
        assert reply.startswith("HTTP/1.0 200") and reply.endswith("hello from the pod\n")

    await sandboxes.destroy(new)
    assert_sandbox_gone(new)
    assert not is_running(state.slirp.ref)
    assert slirps_of(new) == []


async def test_the_new_slirp4netns_exits_when_the_pause_dies(
    sandboxes: Sandboxes, env: SandboxEnv
) -> None:
    """The exit-pipe tie holds after a restore: nobody stops the new
    slirp4netns, the pause's death alone ends it."""
    state = await sandboxes.create("tied", port_forwards=[PortForward(free_port(), 80)])
    await kill_and_wait(state.slirp.ref)
    new = await restore_network(state, env)
    sandboxes.live[new.uid] = new

    watcher = PidWatcher()
    slirp_gone = asyncio.Event()
    watcher.watch(new.slirp.ref, slirp_gone.set)
    try:
        await kill_and_wait(new.pause.ref)
        await asyncio.wait_for(slirp_gone.wait(), 10)
    finally:
        watcher.close()
    assert slirps_of(new) == []
    health = check_sandbox(new)
    assert not health.pause_alive and not health.network_alive
    await sandboxes.destroy(new)
    assert_sandbox_gone(new)


async def test_host_loopback_is_restored_as_given_and_off_by_default(
    sandboxes: Sandboxes, env: SandboxEnv
) -> None:
    async def greet(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"hello-from-host\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(greet, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        replies = {}
        for name, allowed in (("loop-ok", True), ("loop-no", False)):
            state = await sandboxes.create(name, allow_host_loopback=allowed)
            await kill_and_wait(state.slirp.ref)
            options = SlirpOptions(allow_host_loopback=allowed, mtu=env.mtu, cidr=env.cidr)
            new = await restore_network(state, env, options if allowed else None)
            sandboxes.live[new.uid] = new
            probe = await python_in_pod(env.pause, new.pause.pid, HOST_PROBE.format(port=port))
            replies[name] = probe.out.strip()
    assert replies["loop-ok"] == "reply:hello-from-host", replies
    assert replies["loop-no"].startswith("error:"), replies


async def test_a_slirp4netns_left_by_an_unrecorded_restore_is_replaced(
    sandboxes: Sandboxes, env: SandboxEnv
) -> None:
    """podd killed after starting a new slirp4netns but before writing the
    state: the next restore (from the old state) stops that one first."""
    host_port = free_port()
    state = await sandboxes.create("stray", port_forwards=[PortForward(host_port, 80)])
    await kill_and_wait(state.slirp.ref)
    unrecorded = await restore_network(state, env)
    again = await restore_network(state, env)  # the state file "still" names the dead one
    sandboxes.live[again.uid] = again
    assert not is_running(unrecorded.slirp.ref)
    assert slirps_of(again) == [again.slirp.pid]
    assert [f.forward.host_port for f in again.forwards] == [host_port]
    await sandboxes.destroy(again)
    assert_sandbox_gone(again)


async def test_no_restore_without_the_pause(sandboxes: Sandboxes, env: SandboxEnv) -> None:
    state = await sandboxes.create("orphaned")
    await kill_and_wait(state.pause.ref)
    with pytest.raises(SandboxError, match=f"pause {state.pause.pid} is gone"):
        await restore_network(state, env)


def test_an_unreachable_exit_pipe_is_a_clear_error() -> None:
    """A process we may not inspect (here: PID 1, root's) gives a SandboxError
    naming the cause, not an OSError."""
    init = process_ref(1)
    assert init is not None and os.geteuid() != 0
    with pytest.raises(SandboxError, match=r"permission denied \(podd needs ptrace-read access"):
        open_exit_pipe(PauseHandle(init.pid, init.start_time, "init"))
