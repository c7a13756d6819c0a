"""podd-pause on its own: pause behaviour, the sync handshake, --join."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from podd.sandbox.errors import IdMapError, PauseStartError
from podd.sandbox.pause import start_pause, stop
from podd.sandbox.process import is_running
from podd.sandbox.userns import IdMap, IdMapping, find_id_map_tools, write_id_maps

from .helpers import our_pod_processes, run_in_pod

pytestmark = pytest.mark.integration


async def test_version(pause_bin: Path) -> None:
    proc = await asyncio.create_subprocess_exec(
        str(pause_bin), "-v", stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    assert proc.returncode == 0 and out.decode().startswith("podd-pause ")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_plain_pause_warns_and_exits_0_on_signal(pause_bin: Path, sig: int) -> None:
    proc = await asyncio.create_subprocess_exec(str(pause_bin), stderr=asyncio.subprocess.PIPE)
    assert proc.stderr is not None
    # The warning is printed after the handlers are installed: a safe point to signal.
    line = await asyncio.wait_for(proc.stderr.readline(), 10)
    assert b"warning: not running as PID 1" in line
    proc.send_signal(sig)
    assert await asyncio.wait_for(proc.wait(), 10) == 0


async def test_join_reports_its_own_failures(pause_bin: Path) -> None:
    done = await run_in_pod(pause_bin, 999_999_999, ["net"], ["true"])
    assert done.rc == 125
    assert "open /proc/999999999/ns/net" in done.err
    proc = await asyncio.create_subprocess_exec(
        str(pause_bin), "--join", "1", "--ns", "bogus", "--", "true", stderr=asyncio.subprocess.PIPE
    )
    _, err = await proc.communicate()
    assert proc.returncode == 125 and b"unknown namespace bogus" in err


async def test_userns_holder(env: object, pause_bin: Path) -> None:
    from podd.sandbox.sandbox import SandboxEnv

    assert isinstance(env, SandboxEnv)

    async def maps(pid: int) -> None:
        await write_id_maps(pid, env.id_mapping, env.id_tools)

    holder = await start_pause(pause_bin, hostname="", on_userns=maps, mode="userns")
    try:
        uid_map = Path(f"/proc/{holder.pid}/uid_map").read_text().split()
        expected = [
            str(v) for m in env.id_mapping.uid_maps for v in (m.container_id, m.host_id, m.size)
        ]
        assert uid_map == expected
        done = await run_in_pod(pause_bin, holder.pid, ["user"], ["id", "-u"])
        assert (done.rc, done.out.strip()) == (0, "0")
        done = await run_in_pod(pause_bin, holder.pid, ["user"], ["/nonexistent/cmd"])
        assert done.rc == 127 and "/nonexistent/cmd" in done.err
    finally:
        assert await stop(holder)
    assert not is_running(holder.ref)


async def test_failed_maps_leave_nothing(pause_bin: Path) -> None:
    bad = IdMapping(
        uid_maps=[IdMap(0, os.getuid(), 1), IdMap(1, 7_000_000, 65536)],
        gid_maps=[IdMap(0, os.getgid(), 1), IdMap(1, 7_000_000, 65536)],
        helpers=True,
    )
    tools = find_id_map_tools()

    async def maps(pid: int) -> None:
        await write_id_maps(pid, bad, tools)

    with pytest.raises(IdMapError, match="not delegated to this user"):
        await start_pause(pause_bin, hostname="x", on_userns=maps)
    assert our_pod_processes() == []


async def test_handshake_abort_and_deadline_leave_nothing(pause_bin: Path) -> None:
    async def refuse(pid: int) -> None:
        raise RuntimeError("no maps for you")

    with pytest.raises(RuntimeError, match="no maps for you"):
        await start_pause(pause_bin, hostname="x", on_userns=refuse)

    async def hang(pid: int) -> None:
        await asyncio.Event().wait()

    with pytest.raises(PauseStartError, match=r"did not finish within 0\.3s"):
        await start_pause(pause_bin, hostname="x", on_userns=hang, timeout=0.3)
    assert our_pod_processes() == []
