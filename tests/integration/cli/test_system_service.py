"""podd as a systemd user service, without a user manager: the units
``podd system install`` writes pass ``systemd-analyze verify``; a real
``podd serve`` sends READY=1 to a NOTIFY_SOCKET the test binds once its API
answers and STOPPING=1 on SIGTERM; and it serves a listening socket handed
over as fd 3 (LISTEN_FDS/LISTEN_PID), which outlives it as systemd's does."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from podd.system import units
from tests.podd_process import START_TIMEOUT, PoddProcess, kill_cgroup_tree
from tests.podd_process import test_cgroup_root as fresh_cgroup  # not a test here


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


def _open_files(pid: int) -> list[str]:
    found = []
    for fd in Path(f"/proc/{pid}/fd").glob("*"):
        with contextlib.suppress(OSError):  # closed meanwhile
            found.append(os.readlink(fd))
    return found


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
        assert first.proc is not None
        handed = f"socket:[{os.fstat(listener.fileno()).st_ino}]"
        for pid in _descendants(first.proc.pid):  # neither the socket nor LISTEN_* go on
            assert handed not in _open_files(pid), pid
            assert not [v for v in _environ(pid) if v.startswith("LISTEN_")], pid
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


SYSTEMD = Path("/lib/systemd/systemd")


class UserManager:
    """A real systemd user manager of the test user's, private to the test.

    systemd refuses to run unless the host booted with it (/run/systemd/system
    exists): a user namespace mapping us to root mounts a tmpfs with that
    directory over /run/systemd in a mount namespace of its own, and a nested
    one maps us back to our uid, so the manager runs as the test user, in a
    cgroup the test made (removed with whatever is left in it)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.runtime = base / "xdg-run"
        self.runtime.mkdir(mode=0o700)
        self.cgroup = fresh_cgroup(f"podd-test-sd-{os.getpid()}-{base.name}")
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = base / "manager.log"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PODD_", "XDG_"))}
        for name, sub in [("CONFIG", "config"), ("DATA", "data"), ("STATE", "state")]:
            env[f"XDG_{name}_HOME"] = str(self.base / sub)
        env["XDG_RUNTIME_DIR"] = str(self.runtime)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        return env

    def start(self) -> None:
        assert self.cgroup is not None
        inner = f"echo $$ > {self.cgroup}/cgroup.procs && exec {SYSTEMD} --user"
        outer = (
            "mount -t tmpfs tmpfs /run/systemd && mkdir /run/systemd/system && exec unshare"
            f" --user --map-user={os.getuid()} --map-group={os.getgid()} sh -c '{inner}'"
        )
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                ["unshare", "--map-root-user", "--mount", "sh", "-c", outer],
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        private = self.runtime / "systemd/private"
        deadline = time.monotonic() + START_TIMEOUT
        while not private.exists() and self.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert private.exists(), self.log.read_text()

    def run(self, *args: str) -> str:
        done = subprocess.run(args, env=self.env(), capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
        return done.stdout

    def show(self, unit: str, *props: str) -> dict[str, str]:
        out = self.run("systemctl", "--user", "show", unit, *(f"--property={p}" for p in props))
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def wait(self, unit: str, props: tuple[str, ...], substate: str) -> dict[str, str]:
        """``unit``'s properties once it reached ``substate`` (bounded)."""
        deadline = time.monotonic() + START_TIMEOUT
        shown = self.show(unit, "SubState", *props)
        while shown["SubState"] != substate and time.monotonic() < deadline:
            time.sleep(0.05)
            shown = self.show(unit, "SubState", *props)
        assert shown["SubState"] == substate, shown
        return shown

    def stop(self) -> list[str]:
        """Stop the manager (it stops its units first); what was left in its cgroup."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return kill_cgroup_tree(self.cgroup) if self.cgroup is not None else []


@pytest.mark.parametrize("activation", [False, True], ids=["service", "socket-activation"])
def test_under_a_real_user_manager(tmp_path: Path, activation: bool) -> None:
    """The commands `podd system install` prints, run as printed, work."""
    missing = [str(p) for p in (SYSTEMD, Path("/run/systemd")) if not p.exists()]
    missing += [b for b in ("systemctl", "unshare") if shutil.which(b) is None]
    if missing:
        pytest.skip(f"no systemd to run a user manager with: {', '.join(missing)} missing")
    manager = UserManager(tmp_path)
    if manager.cgroup is None:
        pytest.skip("no delegated cgroup v2 here to run a user manager in")
    # podd's own cgroup root beside the manager's: never the host's shared one.
    podd_cgroup = fresh_cgroup(f"podd-test-sd-podd-{os.getpid()}-{tmp_path.name}")
    assert podd_cgroup is not None
    podd = [sys.executable, "-m", "podd.cli.main"]
    socket_path = manager.runtime / "podd/podd.sock"
    names = [units.SERVICE, units.SOCKET] if activation else [units.SERVICE]
    props = ("ActiveState", "SubState", "StatusText", "MainPID")
    try:
        manager.start()
        out = manager.run(
            *podd, "system", "install", "--network", "slirp",
            "--data-dir", str(tmp_path / "podd-data"), "--cgroup-root", str(podd_cgroup),
            *(["--socket-activation"] if activation else []),
        )  # fmt: skip
        printed = out.splitlines()[out.splitlines().index("enable and start it with:") + 1]
        assert printed.strip() == units.enable_command(activation)
        manager.run("sh", "-c", printed)
        if activation:
            assert manager.show("podd.socket", "ActiveState")["ActiveState"] == "active"
            assert manager.show("podd.service", "ActiveState")["ActiveState"] == "inactive"
        else:  # started, and active only once READY=1 came
            manager.wait("podd.service", props, "running")
        transport = httpx.HTTPTransport(uds=str(socket_path))
        with httpx.Client(transport=transport, base_url="http://podd", timeout=60) as c:
            # With activation the first connection starts podd, which answers it.
            assert c.get("/version").status_code == 200
            # systemd reads READY=1 from its socket on its own time.
            first = manager.wait("podd.service", props, "running")
            assert first["StatusText"] == f"serving on {socket_path}"
            manager.run("systemctl", "--user", "restart", "podd.service")
            second = manager.wait("podd.service", props, "running")
            assert second["MainPID"] != first["MainPID"]
            assert c.get("/readyz").text == "ok"
            manager.run("systemctl", "--user", "stop", "podd.service")
            stopped = manager.show("podd.service", "ActiveState", "Result")
            assert stopped == {"ActiveState": "inactive", "Result": "success"}
            if activation:  # the next connection starts it again
                assert c.get("/version").status_code == 200
                manager.wait("podd.service", props, "running")
            else:
                manager.run("systemctl", "--user", "start", "podd.service")
        # uninstall disables and stops them while systemd still has their files.
        out = manager.run(*podd, "system", "uninstall")
        assert f"stopped and disabled {' '.join(names)}" in out, out
        for unit in names:
            gone = manager.show(unit, "LoadState", "ActiveState")
            assert gone == {"LoadState": "not-found", "ActiveState": "inactive"}, unit
        assert not socket_path.exists()  # RemoveOnStop=yes, or podd's own clean-up
        assert [p.name for p in (tmp_path / "config/systemd/user").rglob("*podd*")] == []
    finally:
        left = manager.stop()
        left += kill_cgroup_tree(podd_cgroup)
    assert not left, f"left behind: {left}"
