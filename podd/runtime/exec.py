"""Run a command in a running container: ``<runtime> exec --process``.

The process spec is the container's own (from its ``config.json``: user,
env, cwd, capabilities, noNewPrivileges, rlimits) with another argv, so an
exec sees what the container sees. The runtime runs inside the pod's user
and mount namespaces; stdin is optional, output bounded, and at the
deadline the exec'd process (its pid from ``--pid-file``) is killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Sequence
from pathlib import Path

import msgspec

from podd import spawn
from podd.runtime.env import RuntimeEnv
from podd.runtime.errors import (
    ContainerError,
    ContainerNotRunningError,
    ExecError,
    ExecTimeoutError,
    OCIRuntimeError,
)
from podd.runtime.nsjoin import helper_env
from podd.runtime.oci import classify, exec_argv
from podd.runtime.ocispec import decode_spec, encode_spec, exec_process
from podd.runtime.state import ContainerHandle, anchor_pid
from podd.sandbox.pause import join_argv

__all__ = ["ExecResult", "exec_in_container", "run_exec"]

DEFAULT_MAX_OUTPUT = 1 << 20


class ExecResult(msgspec.Struct, frozen=True):
    """What an exec returned (the API's ``{"exitCode", "stdout", "stderr"}``)."""

    exit_code: int
    stdout: str
    stderr: str
    truncated: bool = False


def _kill_pidfile(path: Path) -> None:
    with contextlib.suppress(OSError, ValueError):
        os.kill(int(path.read_text().strip()), signal.SIGKILL)


async def _end(proc: spawn.Process, pid_file: Path) -> None:
    """Kill the exec'd process and let the runtime reap it and exit; the
    runtime itself is killed only if it does not. (Killing the runtime first
    would leave the process to podd, the subreaper: a zombie in the
    container's PID namespace that blocks its teardown.)"""
    await proc.stop(grace=5.0, ask=lambda: _kill_pidfile(pid_file))


async def run_exec(
    pause: str | Path,
    anchor: int,
    handle: ContainerHandle,
    command: Sequence[str],
    *,
    stdin: bytes | None = None,
    timeout: float = 60.0,
    max_output: int = DEFAULT_MAX_OUTPUT,
) -> ExecResult:
    """Exec ``command`` in the container; raises ExecTimeoutError (the process
    was killed), or the runtime's classified error when it could not start."""
    if not command:
        raise ExecError("exec: the command is empty")
    bundle = Path(handle.bundle)
    try:
        spec = decode_spec((bundle / "config.json").read_bytes())
    except (OSError, msgspec.DecodeError) as exc:
        raise ExecError(f"exec: cannot read the container's config: {exc}") from exc
    token = os.urandom(6).hex()
    process_file = bundle / f"exec-{token}.json"
    pid_file = bundle / f"exec-{token}.pid"
    process_file.write_bytes(encode_spec(exec_process(spec.process, list(command))))
    argv = exec_argv(
        handle.runtime_path, handle.runtime_root, handle.id, str(process_file),
        pid_file=str(pid_file),
    )  # fmt: skip
    try:
        # vfork-based spawn: uvloop's fork would stall the loop ~9 ms (podd.spawn).
        proc = spawn.start(
            join_argv(pause, anchor, ["user", "mnt"], argv),
            stdin=spawn.PIPE if stdin is not None else spawn.DEVNULL,
            env=helper_env(),
            start_new_session=True,
        )
        try:
            async with asyncio.timeout(timeout):
                done = await proc.communicate(stdin, max_output=max_output)
        except TimeoutError as exc:
            await asyncio.shield(_end(proc, pid_file))
            raise ExecTimeoutError(f"exec {command[0]!r} timed out after {timeout}s") from exc
        except BaseException:
            await asyncio.shield(_end(proc, pid_file))
            raise
        finally:
            proc.close()
        started = pid_file.exists()
    finally:
        process_file.unlink(missing_ok=True)
        pid_file.unlink(missing_ok=True)
    stderr = done.stderr.decode(errors="replace")
    if not started and done.returncode != 0:
        error: ContainerError = classify(stderr, f"exec {command[0]!r}")
        if type(error) is OCIRuntimeError:
            error = ExecError(error.message)
        raise error
    return ExecResult(done.returncode, done.stdout.decode(errors="replace"), stderr, done.truncated)


async def exec_in_container(
    env: RuntimeEnv,
    handle: ContainerHandle,
    command: Sequence[str],
    *,
    stdin: bytes | None = None,
    timeout: float = 60.0,
    max_output: int = DEFAULT_MAX_OUTPUT,
) -> ExecResult:
    """Run ``command`` in the running container (same user, env, cwd and
    capabilities); returns exit code and (bounded) output."""
    anchor = anchor_pid(handle, env.proc_root)
    if anchor is None:
        raise ContainerNotRunningError(f"container {handle.name} is not running")
    return await run_exec(
        env.pause, anchor, handle, command, stdin=stdin, timeout=timeout, max_output=max_output
    )
