"""Servers inside a real pod's network namespace, for the probe tests.

Each server is started with ``podd-pause --join <pause> --ns user,net`` (the
command is exec'd directly, so the process we hold is the server) and is
stopped and reaped when its context ends, whatever happens in the test.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from podd.sandbox import SandboxEnv, SandboxState
from podd.sandbox.pause import join_argv
from tests.integration.sandbox.helpers import pod_env

BUSYBOX = "/bin/busybox"

# Answers GET with the request's headers as the body ("Name: value" lines);
# /status/<code> answers with that code. Prints "ready" once listening.
ECHO_SERVER = r"""
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    def do_GET(self):
        code = int(self.path.split("/")[2]) if self.path.startswith("/status/") else 200
        body = "".join(f"{k}: {v}\n" for k, v in self.headers.items()).encode()
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
srv = http.server.HTTPServer(("0.0.0.0", int(sys.argv[1])), H)
print("ready", flush=True)
srv.serve_forever()
"""


def listening(pause_pid: int, port: int) -> bool:
    """A TCP socket of the pod's netns listens on ``port`` (from /proc/<pid>/net)."""
    want = f":{port:04X}"
    for name in ("tcp", "tcp6"):
        try:
            lines = Path(f"/proc/{pause_pid}/net/{name}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[1].endswith(want) and fields[3] == "0A":  # 0A = LISTEN
                return True
    return False


async def wait_listening(pause_pid: int, port: int, timeout: float = 10.0) -> None:
    """busybox httpd -f gives no ready signal: poll the netns's socket table (bounded)."""
    async with asyncio.timeout(timeout):
        while not listening(pause_pid, port):
            await asyncio.sleep(0.005)


class PodServer:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc

    async def stop(self) -> None:
        if self.proc.returncode is None:
            self.proc.terminate()
        await asyncio.wait_for(self.proc.wait(), 10)


@contextlib.asynccontextmanager
async def in_pod(
    env: SandboxEnv, state: SandboxState, argv: list[str], ready_line: bytes | None = None
) -> AsyncIterator[PodServer]:
    proc = await asyncio.create_subprocess_exec(
        *join_argv(env.pause, state.pause.pid, ["user", "net"], argv),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=pod_env(),
    )
    server = PodServer(proc)
    try:
        if ready_line is not None:
            assert proc.stdout is not None
            line = await asyncio.wait_for(proc.stdout.readline(), 20)
            assert ready_line in line, line
        yield server
    finally:
        await server.stop()


@contextlib.asynccontextmanager
async def busybox_httpd(
    env: SandboxEnv, state: SandboxState, port: int, root: Path
) -> AsyncIterator[PodServer]:
    argv = [BUSYBOX, "httpd", "-f", "-p", str(port), "-h", str(root)]
    async with in_pod(env, state, argv) as server:
        await wait_listening(state.pause.pid, port)
        yield server


@contextlib.asynccontextmanager
async def echo_server(env: SandboxEnv, state: SandboxState, port: int) -> AsyncIterator[PodServer]:
    argv = [sys.executable, "-c", ECHO_SERVER, str(port)]
    async with in_pod(env, state, argv, ready_line=b"ready") as server:
        yield server
