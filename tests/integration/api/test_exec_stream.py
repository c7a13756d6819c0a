"""exec and attach over WebSocket against a real podd with real pods: the
official ``kubernetes`` Python client (its ``stream``), and the protocol
itself through the ``websockets`` client on podd's unix socket."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import random
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from kubernetes import client, config
from kubernetes.stream import stream
from kubernetes.stream.ws_client import WSClient
from websockets.asyncio.client import ClientConnection, unix_connect
from websockets.exceptions import ConnectionClosedOK, InvalidStatus

from tests.e2e.conftest import write_kubeconfig
from tests.integration.containers.helpers import pod, wait_running
from tests.integration.pods.helpers import PODS
from tests.podd_process import PoddProcess
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

NS = "default"


class Env:
    def __init__(self, proc: PoddProcess, api: client.CoreV1Api, image: str) -> None:
        self.proc = proc
        self.api = api
        self.image = image

    def ws(self, path: str, *protocols: str) -> Any:
        return unix_connect(
            str(self.proc.socket), f"ws://podd{path}", subprotocols=list(protocols) or None
        )


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Env]:
    base = tmp_path_factory.mktemp("podd-exec")
    proc = PoddProcess(base, "--listen", "127.0.0.1:0", "--insecure-registry", registry.host)
    proc.start()
    try:
        kc = write_kubeconfig(proc, base / "kubeconfig")
        api = client.CoreV1Api(config.new_client_from_config(config_file=str(kc.path)))
        image = f"{registry.host}/library/busybox:1.36"
        with proc.client(timeout=60) as c:
            spec = pod("box", image, {"name": "main", "command": ["sleep", "3600"]})
            assert c.post(PODS, json=spec).status_code == 201
            attach = pod(
                "talk",
                image,
                {
                    "name": "main",
                    "command": ["sh", "-c", "while read -r line; do echo got:$line; done"],
                    "stdin": True,
                },
            )
            assert c.post(PODS, json=attach).status_code == 201
            shell = pod(
                "shell",
                image,
                {"name": "main", "command": ["sh"], "stdin": True, "tty": True},
            )
            assert c.post(PODS, json=shell).status_code == 201
            wait_running(c, "box", "main")
            wait_running(c, "talk", "main")
            wait_running(c, "shell", "main")
        yield Env(proc, api, image)
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


def _exec(env: Env, command: list[str], **kwargs: Any) -> Any:
    opts = {"stdin": False, "stdout": True, "stderr": True, "tty": False, **kwargs}
    return stream(env.api.connect_get_namespaced_pod_exec, "box", NS, command=command, **opts)


def _run(ws: WSClient, timeout: float = 60) -> tuple[str, str]:
    out: list[str] = []
    err: list[str] = []
    deadline = time.monotonic() + timeout
    while ws.is_open() and time.monotonic() < deadline:
        ws.update(timeout=1)
        out.append(ws.read_stdout(timeout=0))
        err.append(ws.read_stderr(timeout=0))
    assert not ws.is_open(), "the exec did not end"
    return "".join(out), "".join(err)


# -- the kubernetes Python client ---------------------------------------------


def test_python_client_output_with_exit_code_zero(env: Env) -> None:
    assert _exec(env, ["sh", "-c", "echo hello; echo world"]) == "hello\nworld\n"


def test_python_client_stdin_stderr_and_exit_code(env: Env) -> None:
    ws = _exec(env, ["sh", "-c", "cat; echo oops >&2; exit 3"], stdin=True, _preload_content=False)
    assert ws.subprotocol == "v5.channel.k8s.io"
    ws.write_stdin("line one\nline two\n")
    ws.close_channel(0)  # v5: stdin half-closed, cat ends
    out, err = _run(ws)
    assert out == "line one\nline two\n"
    assert err == "oops\n"
    assert ws.returncode == 3


def test_python_client_over_v4(env: Env) -> None:
    ws = _exec(
        env,
        ["sh", "-c", "read -r x; echo v4:$x; exit 5"],
        stdin=True,
        _preload_content=False,
        _headers={"sec-websocket-protocol": "v4.channel.k8s.io"},
    )
    assert ws.subprotocol == "v4.channel.k8s.io"
    ws.write_stdin("abc\n")
    out, _ = _run(ws)
    assert out == "v4:abc\n"
    assert ws.returncode == 5


def test_tty_resize_is_seen_by_stty(env: Env) -> None:
    ws = _exec(env, ["sh"], stdin=True, tty=True, stderr=False, _preload_content=False)
    ws.write_channel(4, json.dumps({"Width": 123, "Height": 45}))
    ws.write_stdin("stty size; exit 7\n")
    out, _ = _run(ws)
    assert "45 123" in out, ws.read_channel(3)
    assert ws.returncode == 7


def test_tty_interrupt_reaches_the_process(env: Env) -> None:
    ws = _exec(env, ["sh"], stdin=True, tty=True, stderr=False, _preload_content=False)
    ws.write_channel(4, json.dumps({"Width": 80, "Height": 24}))
    ws.write_stdin("trap 'echo caught; exit 9' INT; echo ready; sleep 100 & wait\n")
    got = ""
    deadline = time.monotonic() + 30
    while "ready\r\n" not in got.replace("echo ready", "") and time.monotonic() < deadline:
        ws.update(timeout=1)
        got += ws.read_stdout(timeout=0)
    ws.write_stdin("\x03")
    out, _ = _run(ws)
    assert "caught" in got + out, ws.read_channel(3)
    assert ws.returncode == 9


def test_many_execs_at_once(env: Env) -> None:
    def one(i: int) -> tuple[str, int]:
        ws = _exec(env, ["sh", "-c", f"cat; exit {i}"], stdin=True, _preload_content=False)
        ws.write_stdin(f"stream {i}\n" * 200)
        ws.close_channel(0)
        out, _ = _run(ws)
        return out, ws.returncode

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(one, range(8)))
    assert results == [(f"stream {i}\n" * 200, i) for i in range(8)]


def _exec_processes(marker: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if cmd.startswith("sleep ") and marker in cmd:
                found.append(f"{entry.name} {cmd}")
    return found


def test_a_client_gone_mid_exec_leaves_no_process(env: Env) -> None:
    marker = str(random.randrange(10**6, 10**7))  # sleep N and sleep 1N0: the exec and its child
    ws = _exec(
        env,
        ["sh", "-c", f"sleep 1{marker}0 & echo started; sleep {marker}"],
        stdin=True,
        _preload_content=False,
    )
    assert ws.readline_stdout(timeout=30) == "started"
    deadline = time.monotonic() + 30
    while len(_exec_processes(marker)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # the second sleep is forked, maybe not yet exec'd
    assert len(_exec_processes(marker)) == 2
    ws.close()
    deadline = time.monotonic() + 30
    while (left := _exec_processes(marker)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert left == []
    # Nor a zombie: whatever the runtime left to podd (a subreaper) is reaped.
    assert env.proc.proc is not None
    deadline = time.monotonic() + 10
    while (zombies := _zombies_of(env.proc.proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)  # one that just exited is reaped by podd's loop, a moment later
    assert zombies == []


def _zombies_of(parent: int) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                comm, rest = (entry / "stat").read_text().split("(", 1)[1].rsplit(")", 1)
            except (OSError, ValueError):
                continue
            fields = rest.split()
            if fields[0] == "Z" and fields[1] == str(parent):
                found.append(f"{entry.name} {comm}")  # the name says which one leaked
    return found


def test_unknown_command_is_an_internal_error(env: Env) -> None:
    ws = _exec(env, ["no-such-command"], _preload_content=False)
    _run(ws)
    status = json.loads(ws.read_channel(3))
    assert (status["status"], status["reason"], status["code"]) == ("Failure", "InternalError", 500)
    assert "no-such-command" in status["message"]


def test_attach_sends_stdin_to_the_container(env: Env) -> None:
    ws = stream(
        env.api.connect_get_namespaced_pod_attach,
        "talk",
        NS,
        stdin=True,
        stdout=True,
        stderr=True,
        tty=False,
        _preload_content=False,
    )
    ws.write_stdin("ping\n")
    assert ws.readline_stdout(timeout=30) == "got:ping"
    ws.write_stdin("pong\n")
    assert ws.readline_stdout(timeout=30) == "got:pong"
    ws.close()


def test_attach_to_a_tty_container_follows_resizes(env: Env) -> None:
    ws = stream(
        env.api.connect_get_namespaced_pod_attach,
        "shell",
        NS,
        stdin=True,
        stdout=True,
        stderr=False,
        tty=True,
        _preload_content=False,
    )
    ws.write_channel(4, json.dumps({"Width": 77, "Height": 22}))
    got = ""
    deadline = time.monotonic() + 30
    while "22 77" not in got and time.monotonic() < deadline:
        # conmon applies the size from its ctl fifo, maybe after this line
        ws.write_stdin("stty size\n")
        ws.update(timeout=1)
        got += ws.read_stdout(timeout=0)
    assert "22 77" in got
    ws.close()


# -- the protocol itself ------------------------------------------------------


def _path(name: str, *command: str, **query: str) -> str:
    from urllib.parse import urlencode

    items = [("command", c) for c in command] + list(query.items())
    return f"/api/v1/namespaces/{NS}/pods/{name}/exec?{urlencode(items)}"


async def _frames(ws: ClientConnection) -> list[bytes | str]:
    frames: list[bytes | str] = []
    try:
        while True:
            frames.append(await ws.recv())
    except ConnectionClosedOK:
        return frames


def test_v5_frames_close_signal_and_status(env: Env) -> None:
    async def main() -> list[bytes | str]:
        path = _path("box", "sh", "-c", "cat; exit 4", stdin="true", stdout="true", stderr="true")
        async with env.ws(path, "v5.channel.k8s.io") as ws:
            assert ws.subprotocol == "v5.channel.k8s.io"
            await ws.send(b"")  # empty frames are ignored
            await ws.send(b"\x00abc")
            await ws.send("\x00def")  # a text frame: its bytes
            await (await ws.ping())  # answered (client-go needs the pongs)
            await ws.send(bytes([255, 0]))
            return await _frames(ws)

    frames = asyncio.run(main())
    assert frames[0] == b"\x01"  # the empty first frame, on stdout
    data = b"".join(f[1:] for f in frames if isinstance(f, bytes) and f[:1] == b"\x01")
    assert data == b"abcdef"
    status = json.loads(frames[-1][1:])
    assert frames[-1][0] == 3
    assert status["status"] == "Failure"
    assert status["reason"] == "NonZeroExitCode"
    assert status["details"]["causes"] == [{"reason": "ExitCode", "message": "4"}]


def test_base64_channel_protocol(env: Env) -> None:
    async def main() -> list[bytes | str]:
        path = _path("box", "sh", "-c", "echo b64; exit 1", stdout="true", stderr="true")
        async with env.ws(path, "base64.channel.k8s.io") as ws:
            assert ws.subprotocol == "base64.channel.k8s.io"
            return await _frames(ws)

    frames = asyncio.run(main())
    assert all(isinstance(f, str) for f in frames)
    assert frames[0] == "1"
    out = b"".join(base64.b64decode(f[1:]) for f in frames if f[0] == "1")
    assert out == b"b64\n"
    assert base64.b64decode(str(frames[-1])[1:]) == (
        b"command terminated with non-zero exit code: exit status 1"
    )


def test_stdin_back_pressure_large_input(env: Env) -> None:
    payload = os.urandom(8 << 20)

    async def main() -> list[bytes | str]:
        path = _path("box", "sha256sum", stdin="true", stdout="true")
        async with env.ws(path, "v5.channel.k8s.io") as ws:
            for i in range(0, len(payload), 1 << 16):
                await ws.send(b"\x00" + payload[i : i + (1 << 16)])
            await ws.send(bytes([255, 0]))
            return await _frames(ws)

    frames = asyncio.run(main())
    out = b"".join(f[1:] for f in frames if isinstance(f, bytes) and f[:1] == b"\x01")
    assert out.split()[0].decode() == hashlib.sha256(payload).hexdigest()
    assert json.loads(frames[-1][1:]) == {
        "apiVersion": "v1",
        "kind": "Status",
        "metadata": {},
        "status": "Success",
    }


def test_refusals_are_statuses(env: Env) -> None:
    async def refused(path: str, *protocols: str) -> tuple[int, dict[str, Any]]:
        try:
            async with env.ws(path, *protocols):
                raise AssertionError("upgraded")
        except InvalidStatus as exc:
            return exc.response.status_code, json.loads(bytes(exc.response.body or b"{}"))

    code, body = asyncio.run(refused(_path("nope", "true", stdout="true"), "v5.channel.k8s.io"))
    assert (code, body["reason"]) == (404, "NotFound")
    code, body = asyncio.run(refused(_path("box", stdout="true"), "v5.channel.k8s.io"))
    assert (code, body["message"]) == (
        400,
        "you must specify at least one command for the container",
    )
    code, body = asyncio.run(refused(_path("box", "true"), "v5.channel.k8s.io"))
    assert body["message"] == "you must specify at least 1 of stdin, stdout, stderr"
    code, body = asyncio.run(
        refused(_path("box", "true", stdout="1", container="x"), "v5.channel.k8s.io")
    )
    assert (code, body["message"]) == (400, "container x is not valid for pod box")
    code, _ = asyncio.run(refused(_path("box", "true", stdout="1"), "v9.channel.k8s.io"))
    assert code == 400
    # SPDY (kubectl <= 1.29) gets a clear 400 instead of a hang.
    with env.proc.client() as c:
        r = c.post(
            _path("box", "true", stdout="true"),
            headers={"Connection": "Upgrade", "Upgrade": "SPDY/3.1"},
        )
    assert r.status_code == 400
    assert "WebSocket only" in r.json()["message"]


def test_http_status_of_a_missing_pod_without_upgrade(env: Env) -> None:
    with env.proc.client() as c:
        r: httpx.Response = c.get(_path("nope", "true", stdout="true"))
    assert (r.status_code, r.json()["reason"]) == (404, "NotFound")
