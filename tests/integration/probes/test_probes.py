"""Probes against real rootless pods: servers in the pod's netns, reached by
podd through slirp4netns loopback forwards (no curl anywhere)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from podd.controller.probes import (
    ExecResult,
    HandlerContext,
    PortForwarder,
    ProbeEvent,
    ProbeManager,
    ProbeResult,
    ProbeTarget,
    ResultKey,
    http_get,
    run_lifecycle_handler,
    tcp_socket,
)
from podd.model.container import ContainerPort
from podd.model.probe import (
    ExecAction,
    HTTPGetAction,
    HTTPHeader,
    LifecycleHandler,
    Probe,
    TCPSocketAction,
)
from podd.sandbox import SandboxEnv, SandboxState
from podd.sandbox.portfwd import SlirpClient
from tests.integration.sandbox.conftest import Sandboxes
from tests.integration.sandbox.helpers import port_is_free

from .helpers import busybox_httpd, echo_server, listening

pytestmark = pytest.mark.integration


@pytest.fixture
def webroot(tmp_path: Path) -> Path:
    root = tmp_path / "www"
    root.mkdir()
    (root / "index.html").write_text("hello from the pod\n")
    (root / "healthz").write_text("ok\n")
    tmp_path.chmod(0o755)
    root.chmod(0o755)
    return root


def context(state: SandboxState, forwarder: PortForwarder, **kw: object) -> HandlerContext:
    return HandlerContext(
        pod_uid=state.uid,
        api_socket=state.api_socket,
        forwarder=forwarder,
        **kw,  # type: ignore[arg-type]
    )


async def guest_ports(state: SandboxState) -> list[int]:
    return sorted(f.guest_port for f in await SlirpClient(state.api_socket).list_hostfwd())


async def test_http_get_passes_fails_on_404_and_when_stopped(
    sandboxes: Sandboxes, env: SandboxEnv, webroot: Path
) -> None:
    state = await sandboxes.create("web")
    fwd = PortForwarder()
    ctx = context(state, fwd)
    try:
        async with busybox_httpd(env, state, 8080, webroot) as httpd:
            out = await http_get(HTTPGetAction(path="/healthz", port=8080), ctx, 2)
            assert out.success and out.output == "ok\n", out
            out = await http_get(HTTPGetAction(path="/missing", port=8080), ctx, 2)
            assert (out.success, out.error) == (False, False)
            assert out.message == "HTTP probe failed with statuscode: 404"
            assert list(fwd.forwards(state.uid)) == [8080]  # one forward, reused
            assert await guest_ports(state) == [8080]
            await httpd.stop()
            out = await http_get(HTTPGetAction(path="/healthz", port=8080), ctx, 2)
            assert (out.success, out.error) == (False, False)
            assert out.message.startswith('Get "http://10.0.2.100:8080/healthz": connection closed')
    finally:
        await fwd.close()
    assert await guest_ports(state) == []


async def test_tcp_socket_open_and_closed_ports(
    sandboxes: Sandboxes, env: SandboxEnv, webroot: Path
) -> None:
    """slirp4netns accepts the host side first; a closed guest port shows as
    an EOF right after connect, which the handler reports as refused."""
    state = await sandboxes.create("tcp")
    fwd = PortForwarder()
    ctx = context(state, fwd, ports=[ContainerPort(name="web", container_port=8080)])
    try:
        async with busybox_httpd(env, state, 8080, webroot) as httpd:
            for _ in range(5):
                out = await tcp_socket(TCPSocketAction(port="web"), ctx, 1)
                assert out.success, out
            assert not listening(state.pause.pid, 8081)
            for _ in range(5):
                out = await tcp_socket(TCPSocketAction(port=8081), ctx, 1)
                assert not out.success and not out.error
                assert out.message == "dial tcp 10.0.2.100:8081: connect: connection refused"
            await httpd.stop()
            out = await tcp_socket(TCPSocketAction(port=8080), ctx, 1)
            assert out.message == "dial tcp 10.0.2.100:8080: connect: connection refused"
    finally:
        await fwd.close()


async def test_headers_reach_the_server(sandboxes: Sandboxes, env: SandboxEnv) -> None:
    state = await sandboxes.create("hdr")
    fwd = PortForwarder()
    ctx = context(state, fwd, ports=[ContainerPort(name="echo", container_port=8090)])
    action = HTTPGetAction(
        path="/",
        port="echo",
        http_headers=[
            HTTPHeader(name="x-custom", value="v1"),
            HTTPHeader(name="X-Other", value="2"),
        ],
    )
    try:
        async with echo_server(env, state, 8090):
            out = await http_get(action, ctx, 5)
            assert out.success, out
            got = dict(line.split(": ", 1) for line in out.output.splitlines())
            assert got == {
                "Host": "10.0.2.100:8090",
                "X-Custom": "v1",
                "X-Other": "2",
                "User-Agent": "kube-probe/1.32",
                "Accept": "*/*",
                "Connection": "close",
            }
            mine = HTTPGetAction(
                path="/status/503",
                port=8090,
                http_headers=[HTTPHeader(name="User-Agent", value="me")],
            )
            out = await http_get(mine, ctx, 5)
            assert out.message == "HTTP probe failed with statuscode: 503"
            assert "User-Agent: me\n" in out.output
            hook = LifecycleHandler(http_get=HTTPGetAction(path="/status/500", port=8090))
            out = await run_lifecycle_handler(hook, ctx, 5)
            assert out.success and "User-Agent: kube-lifecycle/1.32" in out.output
    finally:
        await fwd.close()


async def test_a_lost_forward_is_made_again(
    sandboxes: Sandboxes, env: SandboxEnv, webroot: Path
) -> None:
    state = await sandboxes.create("lost")
    fwd = PortForwarder()
    ctx = context(state, fwd)
    try:
        async with busybox_httpd(env, state, 8080, webroot):
            assert (await http_get(HTTPGetAction(port=8080), ctx, 2)).success
            client = SlirpClient(state.api_socket)
            for entry in await client.list_hostfwd():  # removed behind its back
                await client.remove_hostfwd(entry.id)
            assert (await http_get(HTTPGetAction(port=8080), ctx, 2)).success
            assert (await tcp_socket(TCPSocketAction(port=8080), ctx, 1)).success
            assert await guest_ports(state) == [8080]
    finally:
        await fwd.close()


class Watch:
    """Records result changes and events; lets a test wait for one (bounded)."""

    def __init__(self) -> None:
        self.changes: list[tuple[ResultKey, ProbeResult, float]] = []
        self.events: list[ProbeEvent] = []
        self._changed = asyncio.Event()

    def on_change(self, key: ResultKey, value: ProbeResult) -> None:
        self.changes.append((key, value, time.monotonic()))
        self._changed.set()

    def on_event(self, event: ProbeEvent) -> None:
        self.events.append(event)
        self._changed.set()

    async def until_events(self, count: int, timeout: float = 15.0) -> None:
        async with asyncio.timeout(timeout):
            while len(self.events) < count:
                self._changed.clear()
                await self._changed.wait()

    async def until(self, kind: str, result: str, timeout: float = 15.0) -> float:
        async with asyncio.timeout(timeout):
            while True:
                for key, value, at in self.changes:
                    if key.probe_type == kind and value.result == result:
                        return at
                self._changed.clear()
                await self._changed.wait()


async def test_liveness_flips_after_failure_threshold_periods(
    sandboxes: Sandboxes, env: SandboxEnv, webroot: Path
) -> None:
    state = await sandboxes.create("live")
    watch = Watch()
    probes = ProbeManager(watch.on_change, on_event=watch.on_event)
    live = Probe(
        http_get=HTTPGetAction(path="/healthz", port=8080), period_seconds=1, failure_threshold=2
    )
    ready = Probe(http_get=HTTPGetAction(path="/", port=8080), period_seconds=1)
    target = ProbeTarget(
        name="app", container_id="c1", liveness=live, readiness=ready, api_socket=state.api_socket
    )
    try:
        async with busybox_httpd(env, state, 8080, webroot) as httpd:
            await probes.sync_pod(state.uid, [target])
            assert probes.results(state.uid) == {
                ("app", "liveness"): "Success",
                ("app", "readiness"): "Failure",
            }
            await watch.until("readiness", "Success")
            assert probes.results(state.uid)[("app", "liveness")] == "Success"
            assert await guest_ports(state) == [8080]
            (webroot / "healthz").unlink()  # liveness now gets 404
            broke = time.monotonic()
            flipped = await watch.until("liveness", "Failure")
            # the first failure counts at the next period, the second one period later
            assert 0.9 <= flipped - broke <= 2.0 + 1.5
            assert probes.results(state.uid)[("app", "liveness")] == "Failure"
            assert probes.results(state.uid)[("app", "readiness")] == "Success"
            unhealthy = [e for e in watch.events if e.key.probe_type == "liveness"]
            assert len(unhealthy) == 2 and unhealthy[0].reason == "Unhealthy"
            assert (
                unhealthy[0].message
                == "Liveness probe failed: HTTP probe failed with statuscode: 404"
            )
            await httpd.stop()
            await watch.until("readiness", "Failure")
        await probes.remove_pod(state.uid)
        assert probes.results(state.uid) == {}
        assert await guest_ports(state) == []  # the loopback forward is gone
    finally:
        await probes.close()
    assert not any(w.active for w in probes.workers(state.uid).values())


async def test_forward_is_removed_with_the_pod(
    sandboxes: Sandboxes, env: SandboxEnv, webroot: Path
) -> None:
    state = await sandboxes.create("rm")
    watch = Watch()
    probes = ProbeManager(watch.on_change)
    ready = Probe(tcp_socket=TCPSocketAction(port=8080), period_seconds=1)
    target = ProbeTarget(
        name="app", container_id="c1", readiness=ready, api_socket=state.api_socket
    )
    try:
        async with busybox_httpd(env, state, 8080, webroot):
            await probes.sync_pod(state.uid, [target])
            await watch.until("readiness", "Success")
            host_port = probes.forwarder.forwards(state.uid)[8080]
            assert not port_is_free(host_port)
            await probes.remove_pod(state.uid)
            assert await guest_ports(state) == []
            assert port_is_free(host_port)
            assert probes.forwarder.forwards(state.uid) == {}
    finally:
        await probes.close()


async def test_exec_probe_with_a_fake_exec(sandboxes: Sandboxes) -> None:
    """The exec path through the manager on the real clock (the runtime's
    exec is the controller's to pass; here a fake one)."""
    healthy = asyncio.Event()
    seen: list[tuple[list[str], float]] = []

    async def fake_exec(cmd: list[str], timeout: float) -> ExecResult:
        seen.append((cmd, timeout))
        return ExecResult(0 if healthy.is_set() else 1, b"" if healthy.is_set() else b"not yet\n")

    watch = Watch()
    probes = ProbeManager(watch.on_change, on_event=watch.on_event)
    ready = Probe(
        exec=ExecAction(command=["cat", "/tmp/ready"]), period_seconds=1, timeout_seconds=2
    )
    target = ProbeTarget(name="app", container_id="c1", readiness=ready, exec=fake_exec)
    try:
        await probes.sync_pod("exec-pod", [target])
        await watch.until_events(1, timeout=5)
        assert watch.events[0].message == "Readiness probe failed: not yet"
        healthy.set()
        await watch.until("readiness", "Success", timeout=5)
        assert seen[0] == (["cat", "/tmp/ready"], 2.0)
    finally:
        await probes.close()
