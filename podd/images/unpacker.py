"""Runs unpack helpers (``python -m podd.images.unpack_helper serve``) for podd.

A small pool of long-lived helper processes takes NDJSON jobs (extract a
layer, remove trees). Each helper is started through ``join`` — an async
callable returning the argv prefix that puts it in the pods' user namespace
(:class:`~podd.images.userns_holder.UsernsHolder.join_prefix`), or nothing
to run it directly as the user (tests, hosts without subordinate ids). A
helper reads jobs until its stdin closes, so it dies with podd.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import msgspec

from podd import spawn
from podd.images.errors import UnpackError, error_by_reason
from podd.images.unpack import UnpackReport
from podd.images.unpack_helper import ExtractJob, Job, JobResult, RemoveJob

JoinPrefix = Callable[[], Awaitable[list[str]]]
_MAX_LINE = 1 << 24  # a job result (a report with bounded notes) is one line

_PACKAGE_ROOT = Path(__file__).resolve().parents[2]
_encoder = msgspec.json.Encoder()
_result_decoder = msgspec.json.Decoder(JobResult)


class _Helper:
    def __init__(self, proc: spawn.Process) -> None:
        self.proc = proc
        self.stderr_tail: collections.deque[str] = collections.deque(maxlen=20)
        self._drain = asyncio.ensure_future(self._drain_stderr())

    async def _drain_stderr(self) -> None:
        if self.proc.stderr is None:
            return
        for _ in range(1 << 30):
            try:
                line = await self.proc.stderr.readline(_MAX_LINE)
            except ValueError:
                line = b"(a long line)"
            if not line:
                return
            self.stderr_tail.append(line.decode(errors="replace").rstrip())

    @property
    def alive(self) -> bool:
        return self.proc.returncode is None

    async def call(self, job: Job, timeout: float) -> JobResult:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        with contextlib.suppress(BrokenPipeError):  # it died: its stdout says EOF
            await self.proc.stdin.write(_encoder.encode(job) + b"\n")
        line = await asyncio.wait_for(self.proc.stdout.readline(_MAX_LINE), timeout)
        if not line:
            await self.proc.wait()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._drain), 2)
            raise UnpackError(
                f"unpack helper exited ({self.proc.returncode}): "
                + " | ".join(self.stderr_tail)[-800:]
            )
        return _result_decoder.decode(line)

    async def close(self, grace: float = 5.0) -> None:
        """End it (EOF on its job stream, SIGKILL after ``grace``) and reap it."""
        stdin = self.proc.stdin
        try:
            await self.proc.stop(grace=grace, ask=stdin.close if stdin else None)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._drain, 2)
        finally:
            self._drain.cancel()
            self.proc.close()


class LayerUnpacker:
    """A pool of unpack helpers (at most ``max_helpers`` jobs at once)."""

    def __init__(
        self,
        join: JoinPrefix | None = None,
        *,
        python: str = sys.executable,
        max_helpers: int = 2,
        job_timeout: float = 3600.0,
    ) -> None:
        self._join = join
        self._python = python
        self._slots = asyncio.Semaphore(max_helpers)
        self._idle: list[_Helper] = []
        self._all: set[_Helper] = set()
        self._timeout = job_timeout
        self._closed = False

    async def _spawn(self) -> _Helper:
        prefix = await self._join() if self._join is not None else []
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(_PACKAGE_ROOT),
            "PYTHONDONTWRITEBYTECODE": "1",
            "LANG": "C.UTF-8",
        }
        # vfork-based spawn: uvloop's fork would stall the loop ~9 ms (podd.spawn).
        proc = spawn.start(
            [*prefix, self._python, "-m", "podd.images.unpack_helper", "serve"],
            stdin=spawn.PIPE,
            env=env,
            cwd="/",
        )
        helper = _Helper(proc)
        self._all.add(helper)
        return helper

    async def _run(self, job: Job) -> JobResult:
        if self._closed:
            raise UnpackError("the unpacker is closed")
        async with self._slots:
            helper = None
            while self._idle and helper is None:
                h = self._idle.pop()
                helper = h if h.alive else None
            if helper is None:
                helper = await self._spawn()
            try:
                result = await helper.call(job, self._timeout)
            except BaseException:
                self._all.discard(helper)
                await helper.close(grace=0)
                raise
            self._idle.append(helper)
            return result

    async def extract(
        self, blob: Path, media_type: str, dest: Path, diff_id: str, *, sync: bool = False
    ) -> UnpackReport:
        """Extract ``blob`` into the layer dir ``dest`` (temp dir + rename by the helper).

        ``sync`` flushes the filesystem before the rename; pulls instead call
        :meth:`~podd.images.store.ContentStore.sync` once before committing.
        """
        job = ExtractJob(
            blob=str(blob), dest=str(dest), media_type=media_type, diff_id=diff_id, sync=sync
        )
        result = await self._run(job)
        if not result.ok or result.report is None:
            cls = error_by_reason(result.reason or "UnpackFailed")
            raise cls(result.error or "unpack failed")
        return result.report

    async def remove(self, paths: list[Path]) -> None:
        """Remove trees that may hold files of subordinate ids."""
        if not paths:
            return
        result = await self._run(RemoveJob(paths=[str(p) for p in paths]))
        if not result.ok:
            raise UnpackError(f"removing {len(paths)} trees failed: {result.error}")

    async def close(self) -> None:
        self._closed = True
        helpers, self._all, self._idle = self._all, set(), []
        await asyncio.gather(*(h.close() for h in helpers), return_exceptions=True)
