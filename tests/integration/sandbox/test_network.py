"""Pod networking for real: forwards from 127.0.0.1, conflicts, host loopback."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from podd.sandbox import PortForward, SandboxEnv, check_sandbox
from podd.sandbox.errors import PortInUseError
from podd.sandbox.pause import join_argv
from podd.sandbox.portfwd import SlirpClient
from podd.sandbox.sandbox import SandboxState

from .conftest import Sandboxes
from .helpers import assert_sandbox_gone, free_port, our_pod_processes, pod_env, python_in_pod

pytestmark = pytest.mark.integration


@contextlib.asynccontextmanager
async def http_server_in_pod(
    env: SandboxEnv, state: SandboxState, port: int, root: Path
) -> AsyncIterator[None]:
    """python -m http.server inside the pod's user+net+pid namespaces."""
    argv = [sys.executable, "-u", "-m", "http.server", str(port), "--directory", str(root)]
    proc = await asyncio.create_subprocess_exec(
        *join_argv(env.pause, state.pause.pid, ["user", "net", "pid"], argv),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=pod_env(),
    )
    try:
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), 20)  # printed once listening
        assert b"Serving HTTP" in line, line
        yield
    finally:
        if proc.returncode is None:
            proc.terminate()
        await asyncio.wait_for(proc.wait(), 10)


async def http_get(port: int, timeout: float = 10.0) -> str:
    async with asyncio.timeout(timeout):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /hello.txt HTTP/1.0\r\nHost: pod\r\n\r\n")
        await writer.drain()
        data = await reader.read()
        writer.close()
    return data.decode(errors="replace")


@pytest.fixture
def webroot(tmp_path: Path) -> Path:
    (tmp_path / "hello.txt").write_text("hello from the pod\n")
    tmp_path.chmod(0o755)
    return tmp_path


async def test_forward_reaches_listener_in_pod_and_conflict_is_named(
    sandboxes: Sandboxes, env: SandboxEnv, webroot: Path
) -> None:
    host_port = free_port()
    first = await sandboxes.create("web", port_forwards=[PortForward(host_port, 8080)])
    async with http_server_in_pod(env, first, 8080, webroot):
        reply = await http_get(host_port)
        assert reply.startswith("HTTP/1.0 200") and reply.endswith("hello from the pod\n")

        before = set(our_pod_processes())
        with pytest.raises(PortInUseError) as info:
            await sandboxes.create("web2", port_forwards=[PortForward(host_port, 8080)])
        assert str(info.value) == f"127.0.0.1:{host_port}/TCP: address already in use"
        assert set(our_pod_processes()) == before
        assert [p.name for p in (env.runtime_dir / "pods").iterdir()] == [first.uid]
        if env.cgroups is not None:
            assert [p.name for p in env.cgroups.pods.iterdir() if p.is_dir()] == [first.uid]

        # The first pod keeps serving.
        assert (await http_get(host_port)).endswith("hello from the pod\n")
        assert check_sandbox(first).alive


async def test_api_maps_generic_failure_to_the_port(sandboxes: Sandboxes, env: SandboxEnv) -> None:
    """A port taken after the pre-check: slirp4netns says only "failed"."""
    state = await sandboxes.create("api")
    client = SlirpClient(state.api_socket)
    with contextlib.closing(__import__("socket").socket()) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortInUseError, match=f"127.0.0.1:{port}/TCP: address already in use"):
            await client.add_hostfwd("127.0.0.1", port, state.pod_ip, 80)
    udp_port = free_port(__import__("socket").SOCK_DGRAM)
    fid = await client.add_hostfwd("127.0.0.1", udp_port, state.pod_ip, 53, "UDP")
    listed = await client.list_hostfwd()
    assert [(f.id, f.proto, f.host_port, f.guest_port) for f in listed] == [
        (fid, "udp", udp_port, 53)
    ]
    await client.remove_hostfwd(fid)
    assert await client.list_hostfwd() == []


HOST_PROBE = """
import socket, sys
try:
    s = socket.create_connection(("10.0.2.2", {port}), timeout=3)
    print("reply:" + s.recv(64).decode().strip())
except OSError as exc:
    print("error:" + type(exc).__name__)
"""


async def test_host_loopback_only_when_allowed(sandboxes: Sandboxes, env: SandboxEnv) -> None:
    async def greet(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"hello-from-host\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(greet, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        allowed = await sandboxes.create("loop-ok", allow_host_loopback=True)
        denied = await sandboxes.create("loop-no")
        ok = await python_in_pod(env.pause, allowed.pause.pid, HOST_PROBE.format(port=port))
        no = await python_in_pod(env.pause, denied.pause.pid, HOST_PROBE.format(port=port))
    assert ok.out.strip() == "reply:hello-from-host", ok
    assert no.out.strip().startswith("error:"), no


async def test_twenty_sandboxes_at_once(sandboxes: Sandboxes, env: SandboxEnv) -> None:
    ports = [free_port() for _ in range(10)]
    specs = [
        {"port_forwards": [PortForward(ports[i], 80)]} if i < len(ports) else {} for i in range(20)
    ]
    states = await asyncio.gather(
        *(sandboxes.create(f"many-{i}", **spec) for i, spec in enumerate(specs))
    )
    assert len({s.pause.pid for s in states}) == 20
    assert all(check_sandbox(s).alive for s in states)
    assert len(our_pod_processes()) == 40
    await asyncio.gather(*(sandboxes.destroy(s) for s in states))
    for state in states:
        assert_sandbox_gone(state)
    assert our_pod_processes() == []
