"""The pod's pause: start it in sandbox mode, identify it, stop it.

podd-pause (native/pause: main.c dispatches, sandbox.c builds the namespaces,
pause.c is the pod's PID 1) creates every namespace; podd only drives it over
a sync socket. The text protocol, one line per message::

    pause → podd   userns <pid>        user namespace created; write the maps
                                       for <pid> now
    podd  → pause  mapped              go on (any other line, or EOF, aborts)
    pause → podd   pid <pid>           <pid> is the pod's PID 1 (in podd's PID
                                       namespace), sent once its signal
                                       handlers are installed; the launcher
                                       then exits 0
    pause → podd   error <step>: <strerror>
                                       <step> failed; the launcher exits 1

``--userns`` mode (``podnet``: ``--userns --net``) uses the same lines; its
``pid`` is the holder itself.
The launcher runs in its own session and the PID-1 child calls setsid again,
so nothing ties the pod to podd's process group or terminal.

With ``--cgroup DIR`` the PID-1 child is created directly in DIR
(``clone3(CLONE_INTO_CGROUP)``) and roots its cgroup namespace there; no
process is ever migrated, which would cost an RCU grace period (5-20 ms on
this kind of host). Kernel quirk (seen on 6.18): a child created into a
cgroup that once received ``cgroup.kill`` is killed at birth, so DIR must be
a fresh cgroup — pod cgroups always are.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import subprocess
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Literal

import msgspec

from podd.sandbox.errors import PauseStartError, PauseStopError
from podd.sandbox.process import (
    ProcessRef,
    is_running,
    read_start_time,
    spawn_detached,
    terminate,
    wait_exit,
)

SYNC_FD = 3
KEEP_FD = 4
NAMESPACES = ("user", "mnt", "net", "ipc", "uts", "pid", "cgroup")


class PauseHandle(msgspec.Struct, frozen=True):
    """A running pause: pid (podd's PID namespace), start time, hostname."""

    pid: int
    start_time: int
    hostname: str

    @property
    def ref(self) -> ProcessRef:
        return ProcessRef(self.pid, self.start_time)


class SyncMessage(msgspec.Struct, frozen=True):
    """One parsed line of the sync protocol."""

    kind: Literal["userns", "pid", "error"]
    pid: int = 0
    step: str = ""
    detail: str = ""


def sandbox_argv(
    pause: str | Path,
    hostname: str,
    sync_fd: int = SYNC_FD,
    keep_fd: int | None = KEEP_FD,
    cgroup: str | Path | None = None,
    parent_userns: int | None = None,
) -> list[str]:
    """argv of the sandbox launcher; ``parent_userns``: the pid whose user
    namespace becomes the parent of the pod's (the pod network's holder)."""
    argv = [str(pause), "--sandbox", "--sync-fd", str(sync_fd), "--hostname", hostname]
    if keep_fd is not None:
        argv += ["--keep-fd", str(keep_fd)]
    if cgroup is not None:
        argv += ["--cgroup", str(cgroup)]
    if parent_userns is not None:
        argv += ["--parent-userns", str(parent_userns)]
    return argv


def userns_argv(
    pause: str | Path,
    sync_fd: int = SYNC_FD,
    net: bool = False,
    cgroup: str | Path | None = None,
    net_options: Sequence[str] = (),
) -> list[str]:
    """argv of a user-namespace-only holder (same handshake); ``net``: with a
    network namespace of its own (the pod network), the holder then a child
    born in ``cgroup``, with ``net_options`` (``--dns ADDR --fd-socket PATH``)."""
    argv = [str(pause), "--userns", "--sync-fd", str(sync_fd), *(["--net"] if net else [])]
    if not net:
        return argv
    return [*argv, *(["--cgroup", str(cgroup)] if cgroup is not None else []), *net_options]


def write_maps_argv(pause: str | Path, parent: int, child: int) -> list[str]:
    """argv that writes identity maps for ``child``'s user namespace from
    inside ``parent``'s (its parent namespace): no newuidmap needed."""
    return [str(pause), "--join", str(parent), "--ns", "user", "--write-maps", str(child)]


def join_argv(
    pause: str | Path,
    pid: int,
    namespaces: Sequence[str],
    command: Sequence[str],
    cwd: str | None = None,
    cgroup: str | Path | None = None,
    detach_fd: int | None = None,
) -> list[str]:
    """argv that runs ``command`` inside ``pid``'s namespaces as uid/gid 0.

    ``cgroup``: create the command's process directly in that cgroup.
    ``detach_fd``: the helper writes ``pid <N>`` there and exits at once,
    leaving the command (pid N) to the nearest subreaper.
    """
    unknown = [ns for ns in namespaces if ns not in NAMESPACES]
    if unknown or not namespaces:
        raise ValueError(f"namespaces must be a non-empty subset of {NAMESPACES}: {unknown}")
    if not command:
        raise ValueError("command must not be empty")
    argv = [str(pause), "--join", str(pid), "--ns", ",".join(namespaces)]
    if cwd:
        argv += ["--cwd", cwd]
    if cgroup is not None:
        argv += ["--cgroup", str(cgroup)]
    if detach_fd is not None:
        argv += ["--detach", str(detach_fd)]
    return [*argv, "--", *command]


def parse_sync_line(line: bytes) -> SyncMessage:
    """Parse one protocol line; raises PauseStartError on anything unexpected."""
    text = line.decode(errors="replace").rstrip("\n")
    word, _, rest = text.partition(" ")
    if word in ("userns", "pid") and rest.isdigit() and int(rest) > 0:
        return SyncMessage(kind=word, pid=int(rest))  # type: ignore[arg-type]
    if word == "error":
        step, _, detail = rest.partition(": ")
        return SyncMessage(kind="error", step=step, detail=detail)
    if not text:
        raise PauseStartError("pause launcher exited without a report")
    raise PauseStartError(f"pause launcher: unexpected message {text!r}")


def explain_error(msg: SyncMessage) -> PauseStartError:
    """The typed error for an ``error <step>: <strerror>`` line, with a hint."""
    text = f"pause: {msg.step}: {msg.detail}"
    if msg.step == "unshare user":
        text += (
            " (user namespaces are restricted: check sysctl user.max_user_namespaces and"
            " kernel.apparmor_restrict_unprivileged_userns; `podd doctor` explains)"
        )
    return PauseStartError(text, step=msg.step)


async def _expect(reader: asyncio.StreamReader, kind: str) -> SyncMessage:
    msg = parse_sync_line(await reader.readline())
    if msg.kind == "error":
        raise explain_error(msg)
    if msg.kind != kind:
        raise PauseStartError(f"pause launcher: expected {kind!r}, got {msg.kind!r}")
    return msg


async def start_pause(
    pause: str | Path,
    *,
    hostname: str,
    on_userns: Callable[[int], Awaitable[None]],
    keep_fd: int | None = None,
    cgroup: str | Path | None = None,
    timeout: float = 10.0,
    proc_root: str | Path = "/proc",
    mode: Literal["sandbox", "userns", "podnet"] = "sandbox",
    parent_userns: int | None = None,
    net_options: Sequence[str] = (),
) -> PauseHandle:
    """Start the launcher detached, run the handshake, return the pod's PID 1.

    ``on_userns(pid)`` must write the id maps. ``keep_fd`` is an fd of ours
    that the pod's PID 1 keeps open for its life (slirp4netns's exit pipe);
    ``cgroup`` is the (fresh) cgroup the PID 1 is born in. On any failure — an error line,
    the callback raising, the deadline — every process started is killed and
    reaped before the error propagates.
    """
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    pass_fds = {SYNC_FD: theirs.fileno()}
    if keep_fd is not None:  # a holder (userns mode) keeps every fd it is given
        pass_fds[KEEP_FD] = keep_fd
    if mode == "sandbox":
        keep = KEEP_FD if keep_fd is not None else None
        argv = sandbox_argv(
            pause, hostname, keep_fd=keep, cgroup=cgroup, parent_userns=parent_userns
        )
    else:
        argv = userns_argv(pause, net=mode == "podnet", cgroup=cgroup, net_options=net_options)
    try:
        launcher = spawn_detached(argv, pass_fds=pass_fds)
    except OSError as exc:
        ours.close()
        raise PauseStartError(f"cannot execute {pause}: {exc.strerror}") from exc
    finally:
        theirs.close()
    pod_pid = 0
    writer: asyncio.StreamWriter | None = None
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection(sock=ours)
            userns = await _expect(reader, "userns")
            try:
                await on_userns(userns.pid)
            except BaseException:
                writer.write(b"abort\n")
                raise
            writer.write(b"mapped\n")
            await writer.drain()
            pod_pid = (await _expect(reader, "pid")).pid
            if mode != "userns":  # the launcher forked the process that stays
                await wait_exit(launcher)
        start = read_start_time(pod_pid, proc_root)
        if start is None:
            raise PauseStartError(f"pause {pod_pid} died right after starting")
        return PauseHandle(pod_pid, start, hostname)
    except TimeoutError as exc:
        await _kill_all(launcher, pod_pid, proc_root)
        raise PauseStartError(f"pause launcher did not finish within {timeout}s") from exc
    except BaseException:
        await _kill_all(launcher, pod_pid, proc_root)
        raise
    finally:
        if writer is not None:
            writer.close()
        else:
            ours.close()


async def _kill_all(launcher: int, pod_pid: int, proc_root: str | Path) -> None:
    """Kill and reap whatever the failed handshake left."""
    for pid in (pod_pid, launcher):
        if pid <= 0:
            continue
        start = read_start_time(pid, proc_root)
        if start is not None:
            with contextlib.suppress(TimeoutError, OSError):
                await terminate(ProcessRef(pid, start), timeout=2.0, proc_root=proc_root)
    with contextlib.suppress(TimeoutError, OSError):
        await wait_exit(launcher, timeout=2.0)


def is_alive(handle: PauseHandle, proc_root: str | Path = "/proc") -> bool:
    """True while the very pause ``handle`` names runs (pid and start time)."""
    return is_running(handle.ref, proc_root)


async def stop(handle: PauseHandle, timeout: float = 5.0, proc_root: str | Path = "/proc") -> bool:
    """SIGTERM the pause (the pod's PID namespace dies with it), SIGKILL after
    ``timeout``. Returns False when it was already gone."""
    try:
        return await terminate(handle.ref, timeout=timeout, proc_root=proc_root)
    except TimeoutError as exc:
        raise PauseStopError(str(exc)) from exc


def pause_version(pause: str | Path) -> str:
    """``podd-pause -v`` output, e.g. "podd-pause 0.1.0" (blocking; run once)."""
    out = subprocess.run([str(pause), "-v"], capture_output=True, text=True, timeout=5, check=False)
    return out.stdout.strip() or out.stderr.strip()
