"""Stopping a container: the stop signal through the runtime, the grace
period, SIGKILL, and what to do when conmon cannot report any more."""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

from podd.runtime import cgroupleaf, exits
from podd.runtime.env import RuntimeEnv
from podd.runtime.errors import ContainerNotFoundError, ContainerNotRunningError, StopError
from podd.runtime.nsjoin import run_joined
from podd.runtime.oci import classify, kill_argv
from podd.runtime.state import ContainerHandle, anchor_pid
from podd.runtime.status import ContainerStatus, container_status
from podd.sandbox.process import ProcessRef, is_running, wait_readable

__all__ = ["reopen_log", "stop_container"]


async def _kill(env: RuntimeEnv, handle: ContainerHandle, sig: str) -> None:
    anchor = anchor_pid(handle, env.proc_root)
    if anchor is None:
        if handle.init is not None and is_running(handle.init, env.proc_root):
            with contextlib.suppress(ProcessLookupError):
                os.kill(handle.init.pid, signal.Signals[sig])
        return
    argv = kill_argv(handle.runtime_path, handle.runtime_root, handle.id, sig)
    done = await run_joined(env.pause, anchor, argv, timeout=env.runtime_timeout)
    if done.returncode != 0:
        err = classify(done.text, f"runtime kill {sig}")
        if not isinstance(err, ContainerNotRunningError | ContainerNotFoundError):
            raise err


async def _wait_gone(ref: ProcessRef | None, timeout: float, proc: Path) -> bool:
    """Until the process ``ref`` ended (its pidfd turns readable); False at
    the deadline."""
    if ref is None or not is_running(ref, proc):
        return True
    try:
        pidfd = os.pidfd_open(ref.pid)
    except ProcessLookupError:
        return True
    try:
        return not is_running(ref, proc) or await wait_readable(pidfd, timeout)
    finally:
        os.close(pidfd)


async def _wait_end(env: RuntimeEnv, handle: ContainerHandle, timeout: float) -> bool:
    """Until the exit is recorded by conmon — or, when conmon is gone (killed
    by someone), until the container's process is."""
    if handle.conmon is not None and is_running(handle.conmon, env.proc_root):
        return await exits.wait_exit_file(handle.exit_file, timeout)
    return await _wait_gone(handle.init, timeout, env.proc_root)


async def stop_container(
    env: RuntimeEnv, handle: ContainerHandle, grace: float, sig: str | None = None
) -> ContainerStatus:
    """Stop: ``sig`` (default: the container's stop signal), wait up to
    ``grace`` seconds for the exit file, then SIGKILL. If conmon does not
    report (it was killed), the container's cgroup leaf is killed and the
    exit recorded as 128 + the last signal sent. Returns the final status.
    Idempotent."""
    status = container_status(env, handle)
    if status.state in ("exited", "unknown"):
        return status
    last = signal.SIGKILL
    if status.state == "created":  # never started: the init waits on its exec fifo
        await _kill(env, handle, "SIGKILL")
    else:
        first = sig or handle.stop_signal
        await _kill(env, handle, first)
        if await _wait_end(env, handle, max(grace, 0.0)):
            last = signal.Signals[first]
        else:
            await _kill(env, handle, "SIGKILL")
    if not await _wait_end(env, handle, env.kill_timeout) and handle.cgroup:
        await cgroupleaf.remove_leaf(handle.cgroup, env.kill_timeout)
    if not Path(handle.exit_file).exists():
        if handle.init is not None and is_running(handle.init, env.proc_root):
            raise StopError(f"container {handle.name} survived SIGKILL")
        exits.write_exit(handle.exit_file, 128 + last)
    return container_status(env, handle)


def reopen_log(handle: ContainerHandle) -> bool:
    """Ask conmon to reopen the container's log file (after it was renamed
    for rotation): a "reopen logs" message on ``<bundle>/ctl``. False when
    conmon is gone."""
    try:
        fd = os.open(Path(handle.bundle) / "ctl", os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        os.write(fd, b"2 0 0\n")
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
