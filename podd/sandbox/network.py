"""slirp4netns: the pod's network, started detached and tied to the pause.

slirp4netns runs *inside the pod's user namespace* (started through
``podd-pause --join PAUSE --ns user``), so ``--enable-sandbox`` works for an
unprivileged user (it needs to be root in its user namespace to pivot into
an empty mount namespace and drop capabilities) and ``--userns-path`` is not
needed; it stays in the host network namespace, where it binds the forwarded
host ports.

Lifetime — the exit-fd choice: podd creates slirp4netns's exit pipe *before*
the pause starts and hands the write end to the pod's PID 1 (``--keep-fd``),
which holds it for its whole life; the read end becomes ``--exit-fd``. podd
keeps neither end. So slirp4netns survives podd (restarts, SIGKILL) and
exits by itself within milliseconds when the pause dies, however it dies.
Teardown also stops it explicitly by pid + start time.

Placement: the helper creates slirp4netns directly in the pod's infra cgroup
(``--cgroup``, no migration) and reports its pid on a pipe (``--detach``),
then exits; slirp4netns is adopted like the pause (podd is a subreaper).

Readiness: ``--ready-fd`` is a pipe; one byte means tap0 is configured
(10.0.2.100/24, gateway 10.0.2.2, DNS 10.0.2.3); EOF means slirp4netns died,
and the text of its log file becomes the error.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import re
from pathlib import Path

import msgspec

from podd import spawn
from podd.sandbox.errors import BinaryNotFoundError, SlirpStartError
from podd.sandbox.pause import join_argv
from podd.sandbox.process import (
    ProcessRef,
    is_running,
    read_start_time,
    spawn_detached,
    terminate,
    wait_exit,
    wait_readable,
)

READY_FD = 3
EXIT_FD = 4
PID_FD = 5
DEFAULT_CIDR = "10.0.2.0/24"
DEFAULT_MTU = 65520
TAP = "tap0"
MAX_SOCKET_PATH = 107  # sun_path is 108 bytes with the terminating NUL


class SlirpFeatures(msgspec.Struct, frozen=True):
    """What this slirp4netns binary offers (from --version and --help)."""

    version: str
    libslirp: str | None = None
    sandbox: bool = False
    seccomp: bool = False
    disable_host_loopback: bool = False
    api_socket: bool = False
    netns_type: bool = False
    ipv6: bool = False


class SlirpOptions(msgspec.Struct, frozen=True):
    """Per-pod network choices."""

    allow_host_loopback: bool = False
    mtu: int = DEFAULT_MTU
    cidr: str = DEFAULT_CIDR
    enable_ipv6: bool = False


DEFAULT_OPTIONS = SlirpOptions()


class SlirpHandle(msgspec.Struct, frozen=True):
    """A running slirp4netns: identity, API socket and log."""

    pid: int
    start_time: int
    api_socket: str
    log_path: str

    @property
    def ref(self) -> ProcessRef:
        return ProcessRef(self.pid, self.start_time)


def parse_features(version_text: str, help_text: str) -> SlirpFeatures:
    """Features from ``slirp4netns --version`` and ``--help`` output (pure)."""
    version = re.search(r"slirp4netns version (\S+)", version_text)
    libslirp = re.search(r"libslirp: (\S+)", version_text)
    return SlirpFeatures(
        version=version.group(1) if version else "unknown",
        libslirp=libslirp.group(1) if libslirp else None,
        sandbox="--enable-sandbox" in help_text,
        seccomp="--enable-seccomp" in help_text,
        disable_host_loopback="--disable-host-loopback" in help_text,
        api_socket="--api-socket" in help_text,
        netns_type="--netns-type" in help_text,
        ipv6="--enable-ipv6" in help_text,
    )


_features_cache: dict[tuple[str, int], SlirpFeatures] = {}


async def _output(*argv: str) -> str:
    done = await spawn.run(argv, merge_stderr=True)  # vfork: no stall of the loop
    return done.stdout.decode(errors="replace")


async def detect_features(slirp: str | Path) -> SlirpFeatures:
    """Run ``--version``/``--help`` once per binary (cached by path and mtime)."""
    try:
        key = (str(slirp), os.stat(slirp).st_mtime_ns)
    except OSError as exc:
        raise BinaryNotFoundError(f"slirp4netns: {slirp}: {exc.strerror}") from exc
    if key not in _features_cache:
        version, help_text = await asyncio.gather(
            _output(str(slirp), "--version"), _output(str(slirp), "--help")
        )
        _features_cache[key] = parse_features(version, help_text)
    return _features_cache[key]


def pod_addresses(cidr: str = DEFAULT_CIDR) -> tuple[str, str, str]:
    """(pod IP, gateway, DNS) that ``--configure`` gives tap0: .100, .2, .3."""
    net = ipaddress.IPv4Network(cidr)
    base = net.network_address
    return str(base + 100), str(base + 2), str(base + 3)


def slirp_argv(
    slirp: str | Path,
    pause_pid: int,
    api_socket: str | Path,
    features: SlirpFeatures,
    options: SlirpOptions = DEFAULT_OPTIONS,
    ready_fd: int = READY_FD,
    exit_fd: int = EXIT_FD,
) -> list[str]:
    """The slirp4netns command line (run from inside the pod user namespace)."""
    argv = [str(slirp), "--configure", f"--mtu={options.mtu}"]
    if not options.allow_host_loopback:
        argv.append("--disable-host-loopback")
    if options.cidr != DEFAULT_CIDR:
        argv.append(f"--cidr={options.cidr}")
    if options.enable_ipv6 and features.ipv6:
        argv.append("--enable-ipv6")
    if features.sandbox:
        argv.append("--enable-sandbox")
    if features.seccomp:
        argv.append("--enable-seccomp")
    argv += [f"--api-socket={api_socket}", f"--ready-fd={ready_fd}", f"--exit-fd={exit_fd}"]
    if features.netns_type:
        argv += ["--netns-type=path", f"/proc/{pause_pid}/ns/net", TAP]
    else:  # before 0.4: the target is given as a pid
        argv += [str(pause_pid), TAP]
    return argv


def launch_argv(
    pause: str | Path,
    pause_pid: int,
    slirp: list[str],
    cgroup: str | Path | None = None,
    pid_fd: int = PID_FD,
) -> list[str]:
    """Wrap the slirp4netns argv: run it in the pod's user namespace, born in
    ``cgroup``, with its pid reported on ``pid_fd``."""
    return join_argv(pause, pause_pid, ["user"], slirp, cgroup=cgroup, detach_fd=pid_fd)


_LOG_HINTS: tuple[tuple[str, str], ...] = (
    ("/dev/net/tun", "/dev/net/tun is not usable by this user"),
    ("setns", "cannot enter the pod's network namespace"),
    ("api socket", "cannot create the API socket"),
    ("seccomp", "seccomp setup failed"),
)


def explain_log(log: str) -> str:
    """The slirp4netns log as an error message, with a hint for known failures."""
    lines = [ln for ln in log.strip().splitlines() if not ln.startswith("WARNING")]
    tail = "; ".join(lines[-8:]) or "no output"
    low = log.lower()
    for needle, hint in _LOG_HINTS:
        if needle in low and ("fail" in low or "denied" in low or "error" in low):
            return f"slirp4netns failed ({hint}): {tail}"
    return f"slirp4netns failed: {tail}"


def _read_log(path: str | Path) -> str:
    try:
        return Path(path).read_text(errors="replace")
    except OSError:
        return ""


async def _read_pid(fd: int) -> int | None:
    """The ``pid <N>`` line the detaching helper writes (None on EOF)."""
    data = b""
    while not data.endswith(b"\n"):
        await wait_readable(fd, None)
        chunk = os.read(fd, 64)
        if not chunk:
            break
        data += chunk
    word, _, number = data.decode(errors="replace").strip().partition(" ")
    return int(number) if word == "pid" and number.isdigit() else None


async def start_slirp(
    pause: str | Path,
    slirp: str | Path,
    pause_pid: int,
    *,
    api_socket: str | Path,
    log_path: str | Path,
    exit_fd: int,
    options: SlirpOptions = DEFAULT_OPTIONS,
    cgroup: str | Path | None = None,
    timeout: float = 10.0,
    proc_root: str | Path = "/proc",
) -> SlirpHandle:
    """Start slirp4netns for the pause ``pause_pid``; return once tap0 is up.

    ``exit_fd`` is the read end of the exit pipe whose write end the pause
    holds. Within ``timeout``: the helper reports slirp4netns's pid and exits,
    then slirp4netns writes its ready byte (EOF instead means it died). On
    failure everything started is stopped and the log is the error.
    """
    if len(str(api_socket)) > MAX_SOCKET_PATH:
        raise SlirpStartError(f"API socket path too long for a unix socket: {api_socket}")
    features = await detect_features(slirp)
    if not features.api_socket:
        raise SlirpStartError(f"slirp4netns {features.version} is too old: no --api-socket")
    command = slirp_argv(slirp, pause_pid, api_socket, features, options)
    argv = launch_argv(pause, pause_pid, command, cgroup)
    ready_r, ready_w = os.pipe()
    pid_r, pid_w = os.pipe()
    ref: ProcessRef | None = None
    ready = timed_out = False
    try:
        try:
            fds = {READY_FD: ready_w, EXIT_FD: exit_fd, PID_FD: pid_w}
            helper = spawn_detached(argv, pass_fds=fds, output=log_path)
        finally:
            os.close(ready_w)
            os.close(pid_w)
        try:
            async with asyncio.timeout(timeout):
                pid = await _read_pid(pid_r)
                if pid is not None:
                    start = read_start_time(pid, proc_root)
                    ref = ProcessRef(pid, start if start is not None else -1)
                await wait_exit(helper)
                if ref is not None:
                    await wait_readable(ready_r, None)
                    ready = os.read(ready_r, 1) != b""
        except TimeoutError:
            timed_out = True
            helper_ref = ProcessRef(helper, read_start_time(helper, proc_root) or -1)
            with contextlib.suppress(TimeoutError, OSError):
                await terminate(helper_ref, timeout=2.0, proc_root=proc_root)
    finally:
        os.close(ready_r)
        os.close(pid_r)
    if ref is not None and ready and is_running(ref, proc_root):
        return SlirpHandle(ref.pid, ref.start_time, str(api_socket), str(log_path))
    if ref is not None and ref.start_time >= 0:
        with contextlib.suppress(TimeoutError, OSError):
            await terminate(ref, timeout=2.0, proc_root=proc_root)
    message = explain_log(_read_log(log_path))
    if timed_out:
        message = f"slirp4netns not ready within {timeout}s; {message}"
    raise SlirpStartError(message)


async def stop_slirp(
    handle: SlirpHandle, timeout: float = 5.0, proc_root: str | Path = "/proc"
) -> bool:
    """Stop slirp4netns (pid + start time); False when it was already gone."""
    return await terminate(handle.ref, timeout=timeout, proc_root=proc_root)
