"""Handlers without a pod: exec with a fake ExecFn, and httpGet/tcpSocket
against servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Callable

import pytest

import podd.controller.probes.handlers as handlers_module
from podd.controller.probes import (
    ExecResult,
    HandlerContext,
    Outcome,
    exec_action,
    grpc_probe,
    http_get,
    run_lifecycle_handler,
    run_probe,
    runtime_exec,
    tcp_socket,
)
from podd.controller.probes.httpget import MAX_BODY
from podd.model.probe import (
    ExecAction,
    GRPCAction,
    HTTPGetAction,
    HTTPHeader,
    LifecycleHandler,
    Probe,
    SleepAction,
    TCPSocketAction,
)


# -- exec ---------------------------------------------------------------------------
def exec_ctx(fn: Callable[[list[str], float], object]) -> HandlerContext:
    return HandlerContext(pod_uid="uid", exec=fn)  # type: ignore[arg-type]


async def test_exec_exit_codes_and_output() -> None:
    seen: list[tuple[list[str], float]] = []

    async def fake(cmd: list[str], timeout: float) -> ExecResult:
        seen.append((cmd, timeout))
        code = int(cmd[-1])
        return ExecResult(code, b"cat: can't open '/tmp/healthy'\n" if code else b"ok\n")

    ok = await exec_action(ExecAction(command=["check", "0"]), exec_ctx(fake), 2)
    assert ok == Outcome.ok("ok\n", "ok\n")
    bad = await exec_action(ExecAction(command=["check", "1"]), exec_ctx(fake), 2)
    assert not bad.success and not bad.error
    assert bad.message == "cat: can't open '/tmp/healthy'"
    assert seen == [(["check", "0"], 2), (["check", "1"], 2)]

    async def silent(cmd: list[str], timeout: float) -> ExecResult:
        return ExecResult(3, "")

    out = await exec_action(ExecAction(command=["sh", "-c", "exit 3"]), exec_ctx(silent), 1)
    assert out.message == "command exited with code 3: sh -c 'exit 3'"


async def test_exec_timeouts(monkeypatch: pytest.MonkeyPatch) -> None:
    async def raises(cmd: list[str], timeout: float) -> ExecResult:
        raise TimeoutError

    async def reports(cmd: list[str], timeout: float) -> ExecResult:
        return ExecResult(137, b"partial", timed_out=True)

    async def hangs(cmd: list[str], timeout: float) -> ExecResult:
        await asyncio.Event().wait()
        raise AssertionError

    for fn in (raises, reports):
        out = await exec_action(ExecAction(command=["sleep", "9"]), exec_ctx(fn), 1)
        assert (out.success, out.error) == (False, False)
        assert out.message == "command timed out after 1s: sleep 9"
    monkeypatch.setattr(handlers_module, "EXEC_GRACE", 0.0)
    out = await exec_action(ExecAction(command=["sleep", "9"]), exec_ctx(hangs), 0.05)
    assert out.message == "command timed out after 0.05s: sleep 9"


async def test_exec_that_cannot_run_is_an_error() -> None:
    async def broken(cmd: list[str], timeout: float) -> ExecResult:
        raise RuntimeError("container not running")

    out = await exec_action(ExecAction(command=["true"]), exec_ctx(broken), 1)
    assert out.error and out.message == "exec true: container not running"
    out = await exec_action(ExecAction(command=["true"]), HandlerContext(pod_uid="u"), 1)
    assert out.error
    out = await exec_action(ExecAction(command=[]), exec_ctx(broken), 1)
    assert out.error


async def test_grpc_is_reported_unsupported() -> None:
    out = await grpc_probe(GRPCAction(port=9000), HandlerContext(pod_uid="u"), 1)
    assert out.error and not out.success and "grpc probes are not supported" in out.message
    out = await run_probe(Probe(grpc=GRPCAction(port=9000)), HandlerContext(pod_uid="u"), 1)
    assert out.error


# -- httpGet and tcpSocket on 127.0.0.1 (host given: no forward) ---------------------
Route = tuple[int, dict[str, str], bytes]


class Server:
    """A raw HTTP/1.1 server on 127.0.0.1 recording each request head."""

    def __init__(self) -> None:
        self.routes: dict[str, Route | str] = {}
        self.requests: list[str] = []
        self.port = 0
        self.delay = 0.0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            first = await asyncio.wait_for(reader.read(1), 5)
            if first == b"\x16":  # a TLS ClientHello: answer as a plain HTTP server does
                writer.write(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
                return
            rest = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
            head = (first + rest).decode()
            self.requests.append(head)
            path = head.split(" ")[1]
            route = self.routes.get(path, (404, {}, b"not found"))
            if isinstance(route, str):  # "close": hang up without an answer
                return
            if self.delay:
                await asyncio.sleep(self.delay)  # the server being slow: what is tested
            status, headers, body = route
            lines = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}", "Connection: close"]
            lines += [f"{k}: {v}" for k, v in headers.items()]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            await writer.drain()
        finally:
            writer.close()


@contextlib.asynccontextmanager
async def serve() -> AsyncIterator[Server]:
    srv = Server()
    server = await asyncio.start_server(srv.handle, "127.0.0.1", 0)
    srv.port = server.sockets[0].getsockname()[1]
    try:
        yield srv
    finally:
        server.close()
        await server.wait_closed()


def local(srv: Server, path: str, **kw: object) -> HTTPGetAction:
    return HTTPGetAction(path=path, port=srv.port, host="127.0.0.1", **kw)  # type: ignore[arg-type]


CTX = HandlerContext(pod_uid="uid")


async def test_http_get_sends_the_kubelets_request() -> None:
    async with serve() as srv:
        srv.routes["/healthz?full=1"] = (200, {}, b"ok")
        action = local(
            srv, "/healthz?full=1", http_headers=[HTTPHeader(name="x-probe", value="yes")]
        )
        out = await http_get(action, CTX, 2)
        assert out == Outcome.ok("ok", "ok")
        lines = srv.requests[0].rstrip("\r\n").split("\r\n")
        assert lines == [
            "GET /healthz?full=1 HTTP/1.1",
            f"Host: 127.0.0.1:{srv.port}",
            "X-Probe: yes",
            "User-Agent: kube-probe/1.32",
            "Accept: */*",
            "Connection: close",
        ]


async def test_http_get_status_codes() -> None:
    async with serve() as srv:
        srv.routes["/ok"] = (200, {}, b"fine")
        srv.routes["/err"] = (500, {}, b"oops")
        assert (await http_get(local(srv, "/ok"), CTX, 2)).success
        out = await http_get(local(srv, "/missing"), CTX, 2)
        assert (out.success, out.message) == (False, "HTTP probe failed with statuscode: 404")
        out = await http_get(local(srv, "/err"), CTX, 2)
        assert out.message == "HTTP probe failed with statuscode: 500"


async def test_http_get_follows_same_host_redirects_only() -> None:
    async with serve() as srv:
        srv.routes["/old"] = (301, {"Location": "/new"}, b"")
        srv.routes["/new"] = (500, {}, b"")
        srv.routes["/away"] = (302, {"Location": "http://example.invalid/x"}, b"moved")
        srv.routes["/loop"] = (302, {"Location": "/loop"}, b"")
        out = await http_get(local(srv, "/old"), CTX, 2)
        assert out.message == "HTTP probe failed with statuscode: 500"  # followed
        out = await http_get(local(srv, "/away"), CTX, 2)
        assert (out.success, out.warning) == (True, True)
        assert out.message == "Probe terminated redirects, Response body: moved"
        count = len(srv.requests)
        out = await http_get(local(srv, "/loop"), CTX, 5)
        assert not out.success and "stopped after 10 redirects" in out.message
        assert len(srv.requests) - count == 11


async def test_http_get_reads_at_most_10_kib() -> None:
    async with serve() as srv:
        srv.routes["/big"] = (200, {}, b"x" * (MAX_BODY * 4))
        out = await http_get(local(srv, "/big"), CTX, 2)
        assert out.success and len(out.output) == MAX_BODY


async def test_http_get_timeout_and_transport_errors() -> None:
    async with serve() as srv:
        srv.routes["/slow"] = (200, {}, b"")
        srv.delay = 2.0
        out = await http_get(local(srv, "/slow"), CTX, 0.2)
        assert not out.success and out.message == (
            f'Get "http://127.0.0.1:{srv.port}/slow": timed out after 0.2s'
        )
        srv.delay = 0
        srv.routes["/drop"] = "close"
        out = await http_get(local(srv, "/drop"), CTX, 2)
        assert not out.success and not out.error
    out = await http_get(local(srv, "/"), CTX, 2)  # nothing listens any more
    assert not out.success and not out.error and "connect" in out.message
    out = await http_get(HTTPGetAction(port="nope", host="127.0.0.1"), CTX, 1)
    assert out.error and "not found" in out.message


async def test_http_get_to_the_pod_without_a_network_is_an_error() -> None:
    out = await http_get(HTTPGetAction(port=80), CTX, 1)
    assert out.error and "no network path to the pod" in out.message


async def test_tcp_socket_direct() -> None:
    async with serve() as srv:
        out = await tcp_socket(TCPSocketAction(port=srv.port, host="127.0.0.1"), CTX, 1)
        assert out == Outcome.ok()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    out = await tcp_socket(TCPSocketAction(port=closed, host="127.0.0.1"), CTX, 1)
    assert out.message == f"dial tcp 127.0.0.1:{closed}: connect: connection refused"


async def test_lifecycle_handlers() -> None:
    async def fake(cmd: list[str], timeout: float) -> ExecResult:
        return ExecResult(0 if cmd == ["ok"] else 1, b"")

    ctx = exec_ctx(fake)
    assert (
        await run_lifecycle_handler(LifecycleHandler(exec=ExecAction(command=["ok"])), ctx, 5)
    ).success
    assert not (
        await run_lifecycle_handler(LifecycleHandler(exec=ExecAction(command=["no"])), ctx, 5)
    ).success
    out = await run_lifecycle_handler(LifecycleHandler(sleep=SleepAction(seconds=0)), ctx, 5)
    assert out.success
    out = await run_lifecycle_handler(LifecycleHandler(sleep=SleepAction(seconds=30)), ctx, 0.01)
    assert not out.success and "cut short" in out.message
    out = await run_lifecycle_handler(LifecycleHandler(tcp_socket=TCPSocketAction(port=1)), ctx, 5)
    assert not out.success and "tcpSocket is not supported" in out.message
    assert not (await run_lifecycle_handler(LifecycleHandler(), ctx, 5)).success


async def test_http_hook_passes_on_any_answer() -> None:
    async with serve() as srv:
        srv.routes["/stop"] = (500, {}, b"")
        hook = LifecycleHandler(http_get=local(srv, "/stop"))
        out = await run_lifecycle_handler(hook, CTX, 2)
        assert out.success and out.message == "HTTP 500"
        assert "User-Agent: kube-lifecycle/1.32" in srv.requests[0]
        https = LifecycleHandler(http_get=local(srv, "/stop", scheme="HTTPS"))
        out = await run_lifecycle_handler(https, CTX, 2)  # plain HTTP server: falls back
        assert out.success and out.warning and "retry with HTTP succeeded" in out.message
    out = await run_lifecycle_handler(hook, CTX, 2)
    assert not out.success


async def test_runtime_exec_adapter_and_runtime_timeouts() -> None:
    class ExecTimeoutError(Exception):  # as the runtime names it
        pass

    class Got:
        def __init__(self, code: int, stdout: str, stderr: str) -> None:
            self.exit_code, self.stdout, self.stderr = code, stdout, stderr

    class Runtime:
        def __init__(self) -> None:
            self.calls: list[tuple[str, str, list[str], float]] = []

        async def exec(
            self, pod_uid: str, container_id: str, command: list[str], *, timeout: float = 60.0
        ) -> Got:
            self.calls.append((pod_uid, container_id, command, timeout))
            if command[0] == "hang":
                raise ExecTimeoutError("killed at its deadline")
            return Got(1, "out\n", "err\n")

    rt = Runtime()
    ctx = HandlerContext(pod_uid="uid", exec=runtime_exec(rt, "uid", "cid"))
    out = await exec_action(ExecAction(command=["check"]), ctx, 3)
    assert (out.success, out.message, out.output) == (False, "out\nerr", "out\nerr\n")
    out = await exec_action(ExecAction(command=["hang"]), ctx, 3)
    assert (out.success, out.error, out.message) == (
        False,
        False,
        "command timed out after 3s: hang",
    )
    assert rt.calls == [("uid", "cid", ["check"], 3), ("uid", "cid", ["hang"], 3)]
