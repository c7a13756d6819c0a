"""podd as a systemd user service, without a user manager: the units
``podd system install`` writes pass ``systemd-analyze verify``; a real
``podd serve`` sends READY=1 to a NOTIFY_SOCKET the test binds once its API
answers and STOPPING=1 on SIGTERM; and it serves a listening socket handed
over as fd 3 (LISTEN_FDS/LISTEN_PID), which outlives it as systemd's does."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.podd_process import START_TIMEOUT, PoddProcess


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PODD_", "XDG_"))}
    env["HOME"] = str(home)
    return env


@pytest.mark.parametrize("activation", [False, True], ids=["service", "socket-activation"])
def test_written_units_pass_systemd_analyze_verify(tmp_path: Path, activation: bool) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed: the units cannot be verified here")
    home = tmp_path / "home"
    home.mkdir()
    env = _env(home)
    # A path with a space and a '%': quoting and specifier escaping must hold.
    flags = ["--data-dir", str(tmp_path / "data dir 100%"), "--log-level", "debug"]
    flags += ["--socket-activation"] if activation else []
    cmd = [sys.executable, "-m", "podd.cli.main", "system", "install", *flags]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    unit_dir = home / ".config/systemd/user"
    written = sorted(unit_dir.iterdir())
    assert [p.name for p in written] == (
        ["podd.service", "podd.socket"] if activation else ["podd.service"]
    )
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)  # the user manager's $XDG_RUNTIME_DIR (%t)
    verify = subprocess.run(
        [analyze, "--user", "verify", *map(str, written)],
        env={**env, "XDG_RUNTIME_DIR": str(runtime)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    # verify prints what it ignores (unknown keys, bad values) and still exits 0.
    assert (verify.returncode, verify.stdout + verify.stderr) == (0, "")

    # The command stays true: uninstall removes exactly what install wrote.
    cmd = [sys.executable, "-m", "podd.cli.main", "system", "uninstall"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert list(unit_dir.iterdir()) == []


def _datagram(sock: socket.socket) -> list[str]:
    return sock.recv(4096).decode().split("\n")


def _environ(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []  # gone meanwhile


def _descendants(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    direct = [int(p) for p in children.read_text().split()] if children.exists() else []
    return direct + [d for c in direct for d in _descendants(c)]


def test_sd_notify_ready_and_stopping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    manager = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    manager.bind(str(tmp_path / "notify"))
    manager.settimeout(START_TIMEOUT)
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "notify"))
    base = tmp_path / "podd"
    base.mkdir()
    podd = PoddProcess(base)
    podd.start(wait=False)
    try:
        assert _datagram(manager) == ["READY=1", f"STATUS=serving on {podd.socket}"]
        # READY=1 comes once the API answers: no retry needed.
        with podd.client() as c:
            assert c.get("/readyz").text == "ok"
        assert podd.proc is not None
        for pid in _descendants(podd.proc.pid):  # what podd started (the network's holder...)
            assert not [v for v in _environ(pid) if v.startswith("NOTIFY_SOCKET=")], pid
        podd.proc.send_signal(signal.SIGTERM)
        assert _datagram(manager) == ["STOPPING=1", "STATUS=stopping: SIGTERM"]
        assert podd.proc.wait(timeout=30) == 0
    finally:
        podd.stop()
        manager.close()
    assert not podd.leftovers


# What systemd does: the socket at fd 3, LISTEN_PID the pid podd will have (exec keeps it).
WRAPPER = """
import os, sys
fd = int(sys.argv[1])
os.dup2(fd, 3)
os.close(fd)
os.environ.update(LISTEN_FDS="1", LISTEN_PID=str(os.getpid()))
os.execv(sys.argv[2], sys.argv[2:])
"""


class ActivatedPodd(PoddProcess):
    """``podd serve`` handed ``listener`` as systemd's socket activation does."""

    def __init__(self, base: Path, listener: socket.socket) -> None:
        super().__init__(base)
        self.listener = listener

    def start(self, wait: bool = True) -> None:
        env = {k: v for k, v in os.environ.items() if k != "PODD_CONFIG"}
        env["XDG_CONFIG_HOME"] = str(self.base / "config")
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        fd = self.listener.fileno()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WRAPPER, str(fd), *self.argv()],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=env,
            pass_fds=(fd,),
        )
        if wait:
            self.wait_ready()


def test_socket_activation(tmp_path: Path) -> None:
    base = tmp_path / "podd"
    base.mkdir()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    first = ActivatedPodd(base, listener)
    first.runtime_dir.mkdir(mode=0o700)
    listener.bind(str(first.socket))
    listener.listen()
    second = ActivatedPodd(base, listener)
    try:
        first.start()
        with first.client() as c:
            assert c.get("/version").status_code == 200
            assert c.get("/api/v1/namespaces/default").json()["metadata"]["name"] == "default"
        assert "not the configured one" not in first.log()
        assert first.terminate() == 0
        assert first.socket.exists()  # systemd's file: podd leaves it
        # A client of the socket while podd is down waits, and the next
        # activated podd answers it.
        with ThreadPoolExecutor(1) as pool, second.client(timeout=START_TIMEOUT) as c:
            pending = pool.submit(c.get, "/version")
            second.start(wait=False)
            assert pending.result(timeout=START_TIMEOUT).status_code == 200
    finally:
        second.stop()
        first.stop()
        listener.close()
    assert not first.leftovers and not second.leftovers
