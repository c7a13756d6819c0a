"""A streamed exec: ``<runtime> exec`` with the client's stdio, to its end.

Like :mod:`podd.runtime.exec` (the container's own process spec with another
argv, the runtime entered through ``podd-pause --join``), but the streams
stay open for as long as the process runs:

* without a terminal the process gets podd's pipes (the runtime passes its
  stdio through): stdin written with back-pressure and half-closed, stdout
  and stderr read as the caller pleases;
* with one (``terminal: true``) the runtime makes a pseudo-terminal in the
  container and sends its master over ``--console-socket``
  (:mod:`podd.runtime.console`); the size asked for before the start is the
  process's ``consoleSize``, later ones are TIOCSWINSZ.

Without a terminal the runtime stays the process's parent until it exits
with the process's status (128+n for signal n). runc takes a console socket
only when detached: then it exits once the process runs and leaves it to
podd (a subreaper), which waits for it and reaps it through a pidfd. What
the process leaves behind goes to the container's init, as for any
process of the container. :meth:`ExecStream.terminate` kills the process
and everything it started (descendants first) and reaps what is podd's.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import msgspec

from podd import spawn
from podd.runtime.console import ConsoleSocket, Pty
from podd.runtime.errors import ContainerNotRunningError, ExecError
from podd.runtime.nsjoin import helper_env
from podd.runtime.oci import exec_argv
from podd.runtime.ocispec import decode_spec, encode_spec, exec_process
from podd.runtime.proctree import descendants, kill_and_wait, kill_pid, read_pid, reap_ours
from podd.runtime.state import ContainerHandle, anchor_pid
from podd.sandbox.pause import join_argv

log = logging.getLogger("podd.runtime.exec")

__all__ = ["ExecOutcome", "ExecRequest", "ExecStream", "Input", "Output", "start_exec"]

TAIL = 4096  # of the runtime's own output, for the reason it failed
DRAIN_GRACE = 10.0  # output still unread when the process has exited
KILL_GRACE = 5.0


class Output(Protocol):
    async def read(self, n: int = ...) -> bytes: ...


class Input(Protocol):
    async def write(self, data: bytes) -> None: ...

    def close_input(self) -> None: ...


class ExecRequest(msgspec.Struct, frozen=True, kw_only=True):
    command: list[str]
    stdin: bool = False
    stdout: bool = True
    stderr: bool = True
    tty: bool = False
    width: int = 0  # the terminal's size at the start, when known
    height: int = 0


class ExecOutcome(msgspec.Struct, frozen=True):
    """The exit status, or why the command could not be run at all."""

    exit_code: int = 0
    error: str | None = None


class _Tail:
    """A reader that remembers the last bytes it gave out."""

    def __init__(self, reader: spawn.Reader) -> None:
        self._reader = reader
        self.tail = b""

    async def read(self, n: int = spawn.CHUNK) -> bytes:
        data = await self._reader.read(n)
        self.tail = (self.tail + data)[-TAIL:]
        return data


class _PipeInput:
    def __init__(self, writer: spawn.Writer) -> None:
        self._writer = writer

    async def write(self, data: bytes) -> None:
        await self._writer.write(data)

    def close_input(self) -> None:
        self._writer.close()


class ExecStream:
    """A running exec. ``stdin``/``stdout``/``stderr``: None unless asked
    for (with a terminal all output is on ``stdout``)."""

    def __init__(
        self,
        proc: spawn.Process,
        files: Sequence[Path],
        *,
        stdin: Input | None,
        stdout: Output | None,
        stderr: Output | None,
        pty: Pty | None,
        runtime_output: _Tail | None,
        proc_root: Path,
        main: _Child | None = None,
    ) -> None:
        self._proc = proc
        self.main = main  # a detached process (a terminal's): podd is its parent
        self._files = list(files)
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self.pty = pty
        self._runtime_output = runtime_output
        self._proc_root = proc_root
        # What nobody reads is drained here, so the runtime never blocks on it.
        self._drain: asyncio.Task[None] | None = None
        if runtime_output is not None and runtime_output is not stderr:
            self._drain = asyncio.create_task(_read_to_end(runtime_output))

    @property
    def pid_file(self) -> Path:
        return self._files[1]

    def close_stdin(self) -> None:
        if self.stdin is not None:
            self.stdin.close_input()

    def resize(self, width: int, height: int) -> None:
        if self.pty is not None:
            self.pty.resize(width, height)

    async def wait(self) -> ExecOutcome:
        """Until the process (and the runtime) exited: its status, or the
        runtime's reason when it could not start it."""
        code = await self._proc.wait()
        if self.main is not None:
            return ExecOutcome(await self.main.wait())
        if self._drain is not None:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(DRAIN_GRACE):
                    await asyncio.shield(self._drain)
        started = self.pid_file.exists()
        if code < 0:
            code = 128 - code  # the runtime itself was killed
        if not started and code != 0:
            text = (self._runtime_output.tail if self._runtime_output else b"").decode(
                errors="replace"
            )
            return ExecOutcome(code, _reason(text) or f"the runtime exited with status {code}")
        return ExecOutcome(code)

    async def terminate(self) -> None:
        """Kill the process and all it started; returns once reaped."""
        if self.main is not None:
            await self.main.terminate(self._proc_root)
        if self._proc.returncode is not None:
            return
        main = read_pid(self.pid_file)
        others = [
            p
            for p in await asyncio.to_thread(descendants, self._proc.pid, self._proc_root)
            if p != main
        ]
        log.debug("ending exec", extra={"runtime": self._proc.pid, "pid": main, "others": others})
        await kill_and_wait(others, KILL_GRACE)
        await self._proc.stop(grace=KILL_GRACE, ask=lambda: kill_pid(main))
        # The runtime killed before it could reap them leaves them to podd.
        reap_ours([*others, main] if main is not None else others)

    async def aclose(self) -> None:
        """Kill what still runs, close the streams and remove the files."""
        try:
            await self.terminate()
        finally:
            if self._drain is not None:
                self._drain.cancel()
            self._proc.close()
            if self.main is not None:
                self.main.close()
            if self.pty is not None:
                self.pty.close()
            for path in self._files:
                path.unlink(missing_ok=True)


class _Child:
    """A process podd is the parent of (``runc exec -d`` left it to podd,
    the subreaper): its exit status through a pidfd, reaped here."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._loop = asyncio.get_running_loop()
        self._exited: asyncio.Future[int] = self._loop.create_future()
        self._fd = os.pidfd_open(pid)
        self._loop.add_reader(self._fd, self._on_exit)

    def _on_exit(self) -> None:
        self._loop.remove_reader(self._fd)
        code = 255  # not ours to reap after all: its status is unknown
        with contextlib.suppress(ChildProcessError):
            res = os.waitid(os.P_PIDFD, self._fd, os.WEXITED | os.WNOHANG)
            if res is not None:
                code = res.si_status if res.si_code == os.CLD_EXITED else 128 + res.si_status
        os.close(self._fd)
        self._fd = -1
        if not self._exited.done():
            self._exited.set_result(code)

    async def wait(self) -> int:
        return await asyncio.shield(self._exited)

    async def terminate(self, proc_root: Path) -> None:
        """Kill what it started, then it; returns once it is reaped."""
        if self._fd < 0:
            return
        others = await asyncio.to_thread(descendants, self.pid, proc_root)
        await kill_and_wait(others, KILL_GRACE)
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                signal.pidfd_send_signal(self._fd, signal.SIGKILL)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(KILL_GRACE):
                await self.wait()

    def close(self) -> None:
        if self._fd >= 0:
            self._loop.remove_reader(self._fd)
            os.close(self._fd)
            self._fd = -1


async def _read_to_end(reader: Output) -> None:
    while await reader.read(spawn.CHUNK):
        pass


def _reason(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _process_json(handle: ContainerHandle, req: ExecRequest) -> bytes:
    try:
        spec = decode_spec((Path(handle.bundle) / "config.json").read_bytes())
    except (OSError, msgspec.DecodeError) as exc:
        raise ExecError(f"exec: cannot read the container's config: {exc}") from exc
    process = exec_process(spec.process, list(req.command), terminal=req.tty)
    if req.tty and not any(e.startswith("TERM=") for e in process.env):
        process = msgspec.structs.replace(process, env=[*process.env, "TERM=xterm"])
    if not (req.tty and req.width and req.height):
        return encode_spec(process)
    # consoleSize is applied by the runtime before the process starts (a
    # TIOCSWINSZ from here could come after its first look at the size).
    doc = msgspec.json.decode(encode_spec(process))
    doc["consoleSize"] = {"height": req.height, "width": req.width}
    return msgspec.json.encode(doc)


async def start_exec(
    pause: str | Path,
    handle: ContainerHandle,
    req: ExecRequest,
    *,
    console_dir: Path,
    proc_root: Path = Path("/proc"),
) -> ExecStream:
    """Start ``req.command`` in the running container (the runtime entered
    through ``pause``). ``console_dir``: where the console socket of a
    terminal goes (seen from the pod's mounts).
    Raises ContainerNotRunningError, or ExecError when a terminal could not
    be set up; a command the runtime cannot start ends with an
    :class:`ExecOutcome` error."""
    if not req.command:
        raise ExecError("exec: the command is empty")
    anchor = anchor_pid(handle, proc_root)
    if anchor is None:
        raise ContainerNotRunningError(f"container {handle.name} is not running")
    bundle = Path(handle.bundle)
    token = os.urandom(6).hex()
    files = [bundle / f"exec-{token}.json", bundle / f"exec-{token}.pid"]
    files[0].write_bytes(_process_json(handle, req))
    argv = exec_argv(
        handle.runtime_path, handle.runtime_root, handle.id, str(files[0]), pid_file=str(files[1])
    )
    console = ConsoleSocket.listen(console_dir) if req.tty else None
    if console is not None:
        # runc takes a console socket only when detached (as conmon runs it).
        argv = [*argv[:-1], "--detach", "--console-socket", str(console.path), argv[-1]]
    try:
        if console is not None:
            return await _start_tty(pause, anchor, argv, files, console, req, proc_root)
        # vfork-based spawn: uvloop's fork would stall the loop ~9 ms (podd.spawn).
        proc = spawn.start(
            join_argv(pause, anchor, ["user", "mnt"], argv),
            stdin=spawn.PIPE if req.stdin else spawn.DEVNULL,
            stdout=spawn.PIPE if req.stdout else spawn.DEVNULL,
            stderr=spawn.PIPE,  # the runtime's own errors too
            env=helper_env(),
            start_new_session=True,
        )
    except BaseException:
        for path in files:
            path.unlink(missing_ok=True)
        raise
    finally:
        if console is not None:
            console.close()
    assert proc.stderr is not None
    errors = _Tail(proc.stderr)
    return ExecStream(
        proc,
        files,
        stdin=_PipeInput(proc.stdin) if proc.stdin is not None else None,
        stdout=proc.stdout,
        stderr=errors if req.stderr else None,
        pty=None,
        runtime_output=errors,
        proc_root=proc_root,
    )


async def _start_tty(
    pause: str | Path,
    anchor: int,
    argv: list[str],
    files: list[Path],
    console: ConsoleSocket,
    req: ExecRequest,
    proc_root: Path,
) -> ExecStream:
    proc = spawn.start(
        join_argv(pause, anchor, ["user", "mnt"], argv),
        stdin=spawn.DEVNULL,
        stdout=spawn.PIPE,
        stderr=spawn.STDOUT,
        env=helper_env(),
        start_new_session=True,
    )
    assert proc.stdout is not None
    output = _Tail(proc.stdout)
    stream = ExecStream(
        proc,
        files,
        stdin=None,
        stdout=None,
        stderr=None,
        pty=None,
        runtime_output=output,
        proc_root=proc_root,
    )
    try:
        master = await console.receive(proc.wait())
    except ExecError:
        outcome = await stream.wait()
        await stream.aclose()
        raise ExecError(outcome.error or "the runtime did not set up a terminal") from None
    except BaseException:
        await stream.aclose()
        raise
    try:
        # Detached, the runtime exits once the process runs; it leaves it
        # to podd (a subreaper), which reaps it here.
        outcome = await stream.wait()
        pid = read_pid(stream.pid_file)
        if outcome.error is not None or outcome.exit_code != 0 or pid is None:
            raise ExecError(outcome.error or f"the runtime exited with {outcome.exit_code}")
        stream.main = _Child(pid)
    except BaseException:
        os.close(master)
        await stream.aclose()
        raise
    pty = Pty(master)
    stream.pty = pty
    stream.stdin = pty if req.stdin else None
    stream.stdout = pty
    return stream
