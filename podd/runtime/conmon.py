"""conmon: its argv (pure) and the start protocol.

conmon (2.1, ``--api-version 1``) runs inside the pod's user and mount
namespaces, born in the container's cgroup leaf::

    podd-pause --join <pause> --ns user,mnt --cgroup <leaf> -- conmon ...

with ``_OCI_SYNCPIPE=3`` and ``_OCI_STARTPIPE=4``. The protocol:

1. conmon blocks on the start pipe — the moment to place it in a cgroup;
   here it was born in its leaf already, so podd writes the byte at once;
2. conmon forks; the parent writes ``--conmon-pidfile`` and exits (so does
   the podd-pause helper); the child ``setsid``\\ s, becomes a subreaper and
   runs ``<runtime> create``; it outlives podd;
3. on the sync pipe it writes ``{"data": <container pid>}`` or
   ``{"data": -1, "message": "<runtime stderr>"}`` — read here with a
   deadline;
4. the caller then runs ``<runtime> start``; conmon copies the container's
   stdout/stderr to the ``k8s-file`` log and, when it exits, writes the exit
   status to ``<exit dir>/<id>`` and ``<persist dir>/exit``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from pathlib import Path

import msgspec

from podd.runtime.errors import ConmonError
from podd.runtime.nsjoin import helper_env
from podd.runtime.oci import classify
from podd.sandbox.pause import join_argv
from podd.sandbox.process import (
    ProcessRef,
    process_ref,
    spawn_detached,
    wait_exit,
    wait_readable,
)

__all__ = [
    "ConmonArgs",
    "Launched",
    "SyncMessage",
    "conmon_argv",
    "launch",
    "parse_sync",
]

SYNC_FD = 3
START_FD = 4
_MAX_SYNC = 64 * 1024


class ConmonArgs(msgspec.Struct, frozen=True, kw_only=True):
    """What conmon needs to run one container."""

    conmon: str
    cid: str
    name: str
    runtime: str
    runtime_root: str
    bundle: str
    log_path: str
    exit_dir: str
    persist_dir: str
    socket_dir: str
    log_size_max: int | None = None
    terminal: bool = False
    stdin: bool = False  # keep a stdin for the container, fed through the attach socket
    leave_stdin_open: bool = False  # not stdinOnce: it outlives an attach session
    log_level: str | None = None

    @property
    def pidfile(self) -> str:
        return f"{self.bundle}/pidfile"

    @property
    def conmon_pidfile(self) -> str:
        return f"{self.bundle}/conmon.pid"


def conmon_argv(a: ConmonArgs) -> list[str]:
    """conmon's command line (``--syslog`` off, attach socket under the
    bundle via ``--full-attach``, which rootless needs: ``<bundle>/attach``;
    ``--stdin`` for a container with ``stdin: true``)."""
    argv = [
        a.conmon,
        "--api-version", "1",
        "-c", a.cid,
        "-u", a.cid,
        "-n", a.name,
        "-r", a.runtime,
        "--runtime-arg", "--root",
        "--runtime-arg", a.runtime_root,
        "-b", a.bundle,
        "-p", a.pidfile,
        "--conmon-pidfile", a.conmon_pidfile,
        "-l", f"k8s-file:{a.log_path}",
        "--exit-dir", a.exit_dir,
        "--persist-dir", a.persist_dir,
        "--socket-dir-path", a.socket_dir,
        "--full-attach",
    ]  # fmt: skip
    if a.log_size_max is not None and a.log_size_max > 0:
        argv += ["--log-size-max", str(a.log_size_max)]
    if a.terminal:
        argv.append("--terminal")
    if a.stdin:
        argv.append("--stdin")
        if a.leave_stdin_open:
            argv.append("--leave-stdin-open")
    if a.log_level:
        argv += ["--log-level", a.log_level]
    return argv


class SyncMessage(msgspec.Struct, frozen=True):
    """conmon's sync-pipe message: a pid, or -1 and the runtime's stderr."""

    data: int
    message: str | None = None


_sync_decoder = msgspec.json.Decoder(SyncMessage)


def parse_sync(buffer: bytes) -> SyncMessage | None:
    """The first complete message in ``buffer`` (None until a line is complete)."""
    line, sep, _ = buffer.partition(b"\n")
    if not sep:
        return None
    try:
        return _sync_decoder.decode(line)
    except msgspec.DecodeError as exc:
        raise ConmonError(f"conmon sent an unexpected message: {line[:200]!r}") from exc


class Launched(msgspec.Struct, frozen=True):
    """A created container: its conmon and its first process."""

    conmon: ProcessRef
    init: ProcessRef


def _log_text(path: Path) -> str:
    try:
        return path.read_text(errors="replace").strip()[-2000:]
    except OSError:
        return ""


async def _read_sync(fd: int, deadline: float) -> SyncMessage | None:
    """One message from the (non-blocking) sync pipe; None at EOF."""
    loop = asyncio.get_running_loop()
    buffer = b""
    while len(buffer) < _MAX_SYNC:
        remaining = deadline - loop.time()
        if remaining <= 0 or not await wait_readable(fd, remaining):
            raise TimeoutError
        try:
            chunk = os.read(fd, 4096)
        except BlockingIOError:
            continue
        if not chunk:
            return parse_sync(buffer + b"\n") if buffer.strip() else None
        buffer += chunk
        if (msg := parse_sync(buffer)) is not None:
            return msg
    raise ConmonError("conmon sent an oversized sync message")


def _kill_conmon(pidfile: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        pid = int(Path(pidfile).read_text().strip())
        os.kill(pid, signal.SIGKILL)


async def launch(
    pause: str | Path,
    anchor: int,
    args: ConmonArgs,
    *,
    cgroup: str | Path | None = None,
    timeout: float = 30.0,
) -> Launched:
    """Start conmon for ``args.cid`` and wait until the runtime created the
    container. Raises ConmonError, or the classified runtime error."""
    log = Path(args.bundle) / "conmon.log"
    argv = join_argv(pause, anchor, ["user", "mnt"], conmon_argv(args), cgroup=cgroup)
    sync_r, sync_w = os.pipe2(os.O_CLOEXEC | os.O_NONBLOCK)
    try:
        os.set_blocking(sync_w, True)
        start_r, start_w = os.pipe2(os.O_CLOEXEC)
        try:
            env = helper_env({"_OCI_SYNCPIPE": str(SYNC_FD), "_OCI_STARTPIPE": str(START_FD)})
            try:
                helper = spawn_detached(
                    argv, pass_fds={SYNC_FD: sync_w, START_FD: start_r}, output=log, env=env
                )
            except OSError as exc:
                raise ConmonError(f"cannot execute {pause}: {exc.strerror}") from exc
            finally:
                os.close(start_r)
                os.close(sync_w)
            # Born in its leaf already (clone3 into the cgroup): go on at once.
            with contextlib.suppress(BrokenPipeError):
                os.write(start_w, b"0")
        finally:
            os.close(start_w)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            status = await wait_exit(helper, timeout)
            if status:
                raise ConmonError(f"conmon failed to start (status {status}): {_log_text(log)}")
            msg = await _read_sync(sync_r, deadline)
        except TimeoutError as exc:
            _kill_conmon(args.conmon_pidfile)
            with contextlib.suppress(ProcessLookupError):
                os.kill(helper, signal.SIGKILL)
            raise ConmonError(
                f"conmon did not report the container within {timeout}s: {_log_text(log)}"
            ) from exc
    finally:
        os.close(sync_r)
    if msg is None:
        raise ConmonError(f"conmon exited without reporting the container: {_log_text(log)}")
    if msg.data <= 0:
        raise classify(msg.message or _log_text(log), "runtime create")
    conmon_ref = None
    with contextlib.suppress(OSError, ValueError):
        conmon_ref = process_ref(int(Path(args.conmon_pidfile).read_text().strip()))
    init_ref = process_ref(msg.data)
    if conmon_ref is None or init_ref is None:
        raise ConmonError(f"conmon or the container died right after creation: {_log_text(log)}")
    return Launched(conmon_ref, init_ref)
