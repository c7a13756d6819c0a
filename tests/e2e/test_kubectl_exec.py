"""The real kubectl (1.32, 1.33: WebSocket v5) runs exec, ``exec -it`` through
a real pseudo-terminal, attach and cp against podd over TLS; kubectl 1.27
(SPDY only) gets a clear refusal instead of a hang."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pty
import random
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, Kubectl, make_kubectl, start_podd, stop_podd, write_kubeconfig
from tests.integration.containers.helpers import pod, wait_phase, wait_running
from tests.integration.pods.helpers import PODS
from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

BIG = 50 << 20


@dataclass(frozen=True)
class Env:
    proc: PoddProcess
    kubeconfig: Path
    image: str


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Env]:  # noqa: F811
    base = tmp_path_factory.mktemp("podd-kexec")
    proc = start_podd(base, "--listen", "127.0.0.1:0", "--insecure-registry", registry.host)
    try:
        kc = write_kubeconfig(proc, base / "kubeconfig")
        image = f"{registry.host}/library/busybox:1.36"
        with proc.client(timeout=60) as c:
            spec = pod("box", image, {"name": "main", "command": ["sleep", "3600"]})
            assert c.post(PODS, json=spec).status_code == 201
            wait_running(c, "box", "main")
        yield Env(proc, kc.path, image)
    finally:
        stop_podd(proc)


@pytest.fixture(params=["1.32", "1.33"])
def kubectl(request: pytest.FixtureRequest, env: Env, tmp_path: Path) -> Kubectl:
    return make_kubectl(request.param, tmp_path / "home", env.kubeconfig)


def _with_stdin(k: Kubectl, stdin: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    argv = [str(k.binary), "--kubeconfig", str(k.kubeconfig), "--cache-dir", str(k.home / "cache")]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(k.home)}
    return subprocess.run(
        [*argv, *args], input=stdin, capture_output=True, timeout=300, env=env, check=False
    )


def test_exec_exit_codes(kubectl: Kubectl) -> None:
    ok = kubectl.run("exec", "box", "--", "sh", "-c", "echo out; echo err >&2")
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "out\n", "err\n")
    three = kubectl.run("exec", "box", "--", "sh", "-c", "exit 3")
    assert three.returncode == 3
    assert "command terminated with exit code 3" in three.stderr


def test_exec_with_stdin_piped(kubectl: Kubectl) -> None:
    data = b"".join(b"line %d\n" % i for i in range(20000))
    out = _with_stdin(kubectl, data, "exec", "-i", "box", "--", "sha256sum")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[0].decode() == hashlib.sha256(data).hexdigest()


def test_exec_errors_come_back_as_kubectl_prints_them(kubectl: Kubectl) -> None:
    missing = kubectl.run("exec", "nope", "--", "true")
    assert missing.returncode == 1
    assert 'pods "nope" not found' in missing.stderr
    wrong = kubectl.run("exec", "box", "-c", "other", "--", "true")
    assert wrong.returncode == 1
    assert "container other is not valid for pod box" in wrong.stderr


class Terminal:
    """kubectl on a real pseudo-terminal (as a person's shell gives it)."""

    def __init__(self, argv: list[str], env: dict[str, str], rows: int, cols: int) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.seen = b""

    def expect(self, text: bytes, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} not seen in {self.seen!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    chunk = b""
                assert chunk, f"kubectl ended before {text!r}: {self.seen!r}"
                self.seen += chunk

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def finish(self, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.seen += os.read(self.master, 4096)
                except OSError:
                    break
        code = self.proc.wait(timeout=max(deadline - time.monotonic(), 1))
        os.close(self.master)
        return code


def _wait_for_process(cmdline: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for entry in Path("/proc").iterdir():
            with contextlib.suppress(OSError):
                if (entry / "cmdline").read_bytes().split(b"\0")[:2] == cmdline.encode().split():
                    return
        time.sleep(0.05)
    raise AssertionError(f"{cmdline!r} never ran")


def test_exec_it_through_a_terminal(kubectl: Kubectl) -> None:
    argv = [
        str(kubectl.binary),
        "--kubeconfig",
        str(kubectl.kubeconfig),
        "--cache-dir",
        str(kubectl.home / "cache"),
        "exec",
        "-it",
        "box",
        "--",
        "sh",
    ]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(kubectl.home)}
    term = Terminal(argv, env, rows=37, cols=111)
    term.expect(b"# ")  # the shell's prompt
    term.type(b"echo $((6 * 7)); stty size\r")
    term.expect(b"42\r\n")
    term.expect(b"37 111\r\n")
    marker = f"sleep {random.randrange(10**6, 10**7)}"
    term.type(marker.encode() + b"\r")
    _wait_for_process(marker)
    term.type(b"\x03")  # ^C reaches sleep through the terminal: the prompt is back
    term.type(b"echo after-interrupt\r")
    term.expect(b"after-interrupt\r\n")
    term.type(b"exit 4\r")
    assert term.finish() == 4


def test_attach_to_a_stdin_once_container(kubectl: Kubectl, env: Env) -> None:
    name = f"talk-{kubectl.version.replace('.', '')}"
    spec = pod(
        name,
        env.image,
        {
            "name": "main",
            "command": ["sh", "-c", "while read -r l; do echo got:$l; done; echo bye"],
            "stdin": True,
            "stdinOnce": True,
        },
        restartPolicy="Never",
    )
    with env.proc.client(timeout=60) as c:
        assert c.post(PODS, json=spec).status_code == 201
        wait_running(c, name, "main")
        out = _with_stdin(kubectl, b"hello\nworld\n", "attach", "-i", name)
        assert out.returncode == 0, out.stderr
        assert out.stdout.decode() == "got:hello\ngot:world\nbye\n"
        wait_phase(c, name, "Succeeded")  # stdin closed after the first attach


def test_cp_both_ways_50_mb(kubectl: Kubectl, tmp_path: Path) -> None:
    src = tmp_path / "big.bin"
    with src.open("wb") as fh:
        for _ in range(BIG >> 20):
            fh.write(os.urandom(1 << 20))
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    there = f"/tmp/big-{kubectl.version}.bin"
    up = kubectl.run("cp", str(src), f"box:{there}", timeout=300)
    assert up.returncode == 0, up.stderr
    inside = kubectl.run("exec", "box", "--", "sha256sum", there)
    assert inside.stdout.split()[0] == digest
    back = tmp_path / "back.bin"
    down = kubectl.run("cp", f"box:{there}", str(back), timeout=300)
    assert down.returncode == 0, down.stderr
    assert hashlib.sha256(back.read_bytes()).hexdigest() == digest
    kubectl.run("exec", "box", "--", "rm", "-f", there)


def test_spdy_only_kubectl_is_told_to_use_websocket(env: Env, tmp_path: Path) -> None:
    old = make_kubectl("1.27", tmp_path / "home", env.kubeconfig)
    out = old.run("exec", "box", "--", "true", timeout=120)
    assert out.returncode == 1
    assert "WebSocket only" in out.stderr


# -- podd exec (the podd CLI, over the unix socket) ---------------------------


def _podd(env: Env, *args: str) -> list[str]:
    return [sys.executable, "-m", "podd.cli.main", "exec", "--socket", str(env.proc.socket), *args]


def _podd_env() -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT)}


def test_podd_exec_exit_code_and_stdin(env: Env) -> None:
    out = subprocess.run(
        _podd(env, "box", "--", "sh", "-c", "echo out; echo err >&2; exit 3"),
        capture_output=True,
        timeout=60,
        env=_podd_env(),
    )
    assert (out.returncode, out.stdout, out.stderr) == (3, b"out\n", b"err\n")
    data = os.urandom(3 << 20)
    out = subprocess.run(
        _podd(env, "-i", "box", "--", "sha256sum"),
        input=data,
        capture_output=True,
        timeout=60,
        env=_podd_env(),
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[0].decode() == hashlib.sha256(data).hexdigest()
    missing = subprocess.run(
        _podd(env, "nope", "--", "true"), capture_output=True, timeout=60, env=_podd_env()
    )
    assert missing.returncode == 1
    assert b'pods "nope" not found' in missing.stderr


def test_podd_exec_it_through_a_terminal(env: Env) -> None:
    term = Terminal(_podd(env, "-it", "box", "--", "sh"), _podd_env(), rows=21, cols=99)
    term.expect(b"# ")
    term.type(b"stty size; tty\r")
    term.expect(b"21 99\r\n")
    term.expect(b"/dev/pts/")
    term.type(b"exit 6\r")
    assert term.finish() == 6
