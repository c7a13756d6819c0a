"""Restore a pod's network after its slirp4netns died, leaving the pause (and
so the namespaces and the containers) alone.

The exit-pipe tie survives the restore. The first slirp4netns got as
``--exit-fd`` the read end of a pipe whose write end the pod's PID 1 holds
for life (``--keep-fd``); that read end died with it. A new read end of the
*same* pipe is had by opening ``/proc/<pause>/fd/<K>`` read-only: opening a
pipe through procfs gives a new end of that pipe, not a copy of the fd. It
needs ptrace-read access to the pause, which podd has (same uid, and owner
of the pod's user namespace); where it has not, the restore fails with a
SandboxError that says so, and the sandbox has to be rebuilt.

A podd killed during a restore may leave a new slirp4netns running that no
state file names. The next restore finds it through the API socket (the
listener's pid comes with the connection, SO_PEERCRED) and stops it first,
so a pod never gets a second one.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import stat
import struct
from pathlib import Path

import msgspec

from podd.atomicfile import write_atomic
from podd.sandbox.cgroups import CgroupManager
from podd.sandbox.env import SandboxEnv
from podd.sandbox.errors import SandboxError
from podd.sandbox.network import SlirpHandle, SlirpOptions, start_slirp, stop_slirp
from podd.sandbox.pause import KEEP_FD, PauseHandle
from podd.sandbox.portfwd import SlirpClient, check_host_port
from podd.sandbox.process import is_running, process_ref, reap_if_exited, terminate
from podd.sandbox.sandbox import STATE_FILE, ForwardState, SandboxState

__all__ = ["open_exit_pipe", "restore_network"]

_PEERCRED = struct.Struct("3i")  # pid, uid, gid
_LIST = b'{"execute": "list_hostfwd"}'


async def restore_network(
    state: SandboxState, env: SandboxEnv, options: SlirpOptions | None = None
) -> SandboxState:
    """A new slirp4netns, with every port forward, for the live pause of
    ``state``; returns the new state (also written to the state file).

    ``options`` must be those the pod was created with; the default is
    ``create_sandbox``'s for a pod without host loopback (the state does not
    record that choice, and slirp4netns's announcement of it in its log is
    still in its stdio buffer when it is killed).

    Step 1  the pause must run (a dead pause means a rebuild, not this)
    Step 2  stop whatever slirp4netns still serves the pod: the recorded one
            if it lives, or one a killed podd started in an earlier restore
    Step 3  every host port of ``state.forwards`` must be free again
    Step 4  a new read end of the pause's exit pipe (``/proc/<pause>/fd/K``)
    Step 5  slirp4netns as ``create_sandbox`` starts it: ``options``, API
            socket, log, infra cgroup; tied to the pause by that read end
    Step 6  the port forwards again (new ids)
    Step 7  the state file, atomically

    On any failure the new slirp4netns is stopped, the state file is left as
    it was and a SandboxError is raised; the pause is never touched.
    """
    proc = env.proc_root
    old = state.slirp
    if old is None:
        raise SandboxError(f"sandbox {state.uid} is on the pod network: it has no slirp4netns")
    # Step 1
    if not is_running(state.pause.ref, proc):
        raise SandboxError(f"pause {state.pause.pid} is gone: the sandbox must be rebuilt")
    opts = options or state.slirp_options or SlirpOptions(mtu=env.mtu, cidr=env.cidr)
    try:
        # Step 2
        await _stop_old(old, env)
        # Step 3
        for fwd in state.forwards:
            f = fwd.forward
            check_host_port(f.host_ip, f.host_port, f.protocol)
        # Step 4
        exit_r = open_exit_pipe(state.pause, proc)
        try:
            # Step 5
            with contextlib.suppress(FileNotFoundError):
                os.unlink(old.api_socket)  # the dead one's, refused to connect
            infra = CgroupManager.infra(Path(state.cgroup_path)) if state.cgroup_path else None
            slirp = await start_slirp(
                env.pause,
                env.slirp4netns,
                state.pause.pid,
                api_socket=old.api_socket,
                log_path=old.log_path,
                exit_fd=exit_r,
                options=opts,
                cgroup=infra,
                timeout=env.start_timeout,
                proc_root=proc,
            )
        finally:
            os.close(exit_r)
    except OSError as exc:
        raise SandboxError(f"restoring the network of sandbox {state.uid}: {exc}") from exc
    try:
        # Step 6
        client = SlirpClient(slirp.api_socket)
        forwards: list[ForwardState] = []
        for fwd in state.forwards:
            f = fwd.forward
            fid = await client.add_hostfwd(
                f.host_ip, f.host_port, state.pod_ip, f.container_port, f.protocol
            )
            forwards.append(ForwardState(fid, f))
        # Step 7
        new = msgspec.structs.replace(state, slirp=slirp, forwards=forwards)
        write_atomic(Path(state.runtime_dir) / STATE_FILE, msgspec.json.encode(new))
        return new
    except BaseException as exc:
        # Shielded: a cancellation must not leave the new slirp4netns behind.
        with contextlib.suppress(Exception):
            await asyncio.shield(stop_slirp(slirp, env.stop_timeout, proc))
        if isinstance(exc, OSError):
            raise SandboxError(f"restoring the network of sandbox {state.uid}: {exc}") from exc
        raise


def open_exit_pipe(pause: PauseHandle, proc_root: str | Path = "/proc") -> int:
    """A new read end (blocking, close-on-exec) of the pipe whose write end
    the pause keeps. Raises SandboxError when it cannot be had."""
    fd_dir = Path(proc_root, str(pause.pid), "fd")
    where = f"the exit pipe of pause {pause.pid} ({fd_dir})"
    try:
        pipes: dict[int, str] = {}
        for name in os.listdir(fd_dir):
            with contextlib.suppress(FileNotFoundError):
                target = os.readlink(fd_dir / name)
                if target.startswith("pipe:"):
                    pipes[int(name)] = target
        # The pause closes every fd but --keep-fd, whose number it keeps.
        keep = KEEP_FD if KEEP_FD in pipes else next(iter(pipes)) if len(pipes) == 1 else None
        if keep is None:
            raise SandboxError(f"{where}: expected one pipe, found {sorted(pipes) or 'none'}")
        fd = os.open(fd_dir / str(keep), os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except PermissionError as exc:
        raise SandboxError(
            f"{where}: permission denied (podd needs ptrace-read access to the pause;"
            " the sandbox must be rebuilt)"
        ) from exc
    except FileNotFoundError as exc:
        raise SandboxError(f"{where}: the pause is gone") from exc
    except OSError as exc:
        raise SandboxError(f"{where}: {exc.strerror}") from exc
    try:
        # The same pipe, and still the same pause: a reused pid would tie
        # slirp4netns to a stranger's pipe.
        opened = os.fstat(fd)
        if not stat.S_ISFIFO(opened.st_mode) or pipes[keep] != f"pipe:[{opened.st_ino}]":
            raise SandboxError(f"{where}: fd {keep} changed while opened")
        if not is_running(pause.ref, proc_root):
            raise SandboxError(f"{where}: the pause is gone")
        # O_NONBLOCK only kept the open from waiting; slirp4netns shares this
        # open file description, so clear it.
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


async def _stop_old(old: SlirpHandle, env: SandboxEnv) -> None:
    """Stop (or reap) every slirp4netns of this pod that still exists."""
    proc = env.proc_root
    if not reap_if_exited(old.ref, proc):
        await terminate(old.ref, env.stop_timeout, proc)
    pid = await _api_listener(old.api_socket)
    if pid is None:
        return
    ref = process_ref(pid, proc)
    comm = _comm(pid, proc)
    if ref is None:
        return
    if comm != "slirp4netns":
        raise SandboxError(f"{old.api_socket} is served by process {pid} ({comm}), not slirp4netns")
    await terminate(ref, env.stop_timeout, proc)


async def _api_listener(path: str, timeout: float = 2.0) -> int | None:
    """The pid of the process listening on the API socket ``path``, or None
    when nothing listens. Asks for the forward list (and reads the answer)
    so that slirp4netns never writes to a closed socket."""
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_unix_connection(path)
            try:
                sock: socket.socket = writer.get_extra_info("socket")
                creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _PEERCRED.size)
                writer.write(_LIST)
                writer.write_eof()
                await reader.read()
            finally:
                writer.close()
    except (FileNotFoundError, ConnectionRefusedError):
        return None
    except (OSError, TimeoutError) as exc:
        raise SandboxError(f"slirp4netns API {path}: {exc}") from exc
    pid = _PEERCRED.unpack(creds)[0]
    return pid if pid > 0 else None


def _comm(pid: int, proc_root: str | Path) -> str:
    try:
        return Path(proc_root, str(pid), "comm").read_text().strip()
    except OSError:
        return "gone"
