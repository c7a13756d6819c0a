"""Read a container's log as ``kubectl logs`` shows it (the kubelet's ``ReadLogs``).

:func:`read_logs` yields whole lines (each chunk is one line, ready to be
flushed), with the Kubernetes options applied:

* ``tailLines``: the last N lines, counted across the instance's rotated files
  (read backwards from the end, see :mod:`podd.logs.tail`);
* ``sinceSeconds``/``sinceTime``: lines whose first record is at or after it
  (older rotated files are skipped by their last record's time);
* ``timestamps``: each line prefixed by its RFC3339Nano time and a space;
* ``limitBytes``: the output stops after N bytes (the last line cut, as the
  kubelet's limited writer does);
* ``stream``: ``All`` (default), ``Stdout`` or ``Stderr``;
* ``follow``: after the existing lines, new ones as they are written. The
  container dir is watched with inotify (no polling); a rotation (the log
  replaced by a new file, renamed, or truncated in place) is followed: the
  old file is read to its end first, so no line is lost. Following ends when
  the container has exited: ``exited`` is an :class:`asyncio.Event` (woken
  at once) or a callable (checked on each change and every second, the
  kubelet's force-check period); the remaining data is drained, the pending
  partial lines are flushed, and the iterator ends. It also ends when the
  log dir is removed.

Partial (``P``) records are joined into whole lines; malformed records are
skipped and counted (:attr:`LogReader.malformed`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import datetime
from pathlib import Path

from podd.inotify import (
    IN_CREATE,
    IN_DELETE,
    IN_DELETE_SELF,
    IN_IGNORED,
    IN_MODIFY,
    IN_MOVE_SELF,
    IN_MOVED_FROM,
    IN_MOVED_TO,
    IN_Q_OVERFLOW,
    Inotify,
)
from podd.logs.crilog import DEFAULT_MAX_LINE_BYTES, LineJoiner, LogLine, format_line, parse_record
from podd.logs.cursor import Cursor, identity_of
from podd.logs.options import LogOptions
from podd.logs.paths import latest_log_path, rotated_seq, served_files
from podd.logs.tail import Position, complete_end, find_tail_start, first_recent_file

__all__ = ["FORCE_CHECK_SECONDS", "Exited", "LogNotFoundError", "LogReader", "read_logs"]

Exited = asyncio.Event | Callable[[], bool] | None
FORCE_CHECK_SECONDS = 1.0
_DIR_MASK = (
    IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF
)
_GONE = IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED
_YIELD_EVERY = 256 * 1024  # bytes read between two turns given to the event loop
_MAX_SWITCHES = 1000  # file switches in one drain
_MAX_CHUNKS = 1 << 20  # chunks read from one file in one go


class LogNotFoundError(FileNotFoundError):
    """There is no log for this container instance."""


class LogReader:
    """One read of one container instance's log; iterate :meth:`lines`."""

    def __init__(
        self,
        source: str | Path | Sequence[str | Path],
        options: LogOptions,
        *,
        exited: Exited = None,
        now: datetime | None = None,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    ) -> None:
        self.options = options
        self.exited = exited
        self.malformed = 0
        self._since = options.since(now)
        self._streams = options.streams()
        self._remaining = options.limit_bytes
        self._joiner = LineJoiner(max_line_bytes)
        self._log_path: Path | None = None
        if isinstance(source, str | Path):
            path = Path(source)
            if path.is_dir():
                latest = latest_log_path(path)
                if latest is None:
                    raise LogNotFoundError(f"no log in {path}")
                path = latest
            self._log_path = path
            self._static: list[Path] | None = None
        else:
            self._static = [Path(p) for p in source]

    def _list(self) -> list[Path]:
        if self._static is not None:
            return [p for p in self._static if p.exists()]
        assert self._log_path is not None
        return served_files(self._log_path)

    @property
    def watch_dir(self) -> Path:
        if self._log_path is not None:
            return self._log_path.parent
        if not self._static:
            raise LogNotFoundError("no log files given")
        return self._static[-1].parent

    def done(self) -> bool:
        return self._remaining is not None and self._remaining <= 0

    def _emit(self, line: LogLine) -> bytes | None:
        if self._since is not None and line.time < self._since:
            return None
        data = format_line(line, timestamps=self.options.timestamps)
        if self._remaining is not None:
            data = data[: self._remaining]
            self._remaining -= len(data)
        return data or None

    def _feed(self, raw: bytes, pos: Position, cuts: dict[str, Position]) -> bytes | None:
        rec = parse_record(raw)
        if rec is None:
            if raw.strip():
                self.malformed += 1
            return None
        if rec.stream not in self._streams:
            return None
        cut = cuts.get(rec.stream)
        if cut is not None and pos <= cut:
            return None
        line = self._joiner.feed(rec)
        return None if line is None else self._emit(line)

    def _flush(self) -> list[bytes]:
        out = [self._emit(line) for line in self._joiner.flush()]
        return [d for d in out if d]

    async def lines(self) -> AsyncIterator[bytes]:
        """The output, one line per chunk."""
        ino: Inotify | None = None
        waker: asyncio.Task[None] | None = None
        cursor: Cursor | None = None
        try:
            if self.options.follow:
                ino = Inotify()  # before the snapshot: no change between is missed
                try:
                    ino.add_watch(self.watch_dir, _DIR_MASK, only_dir=True)
                except FileNotFoundError:
                    raise LogNotFoundError(f"no log dir {self.watch_dir}") from None
                if isinstance(self.exited, asyncio.Event):
                    waker = asyncio.create_task(_wake_on(self.exited, ino))
            files = self._list()
            if not files and not self.options.follow:
                raise LogNotFoundError(f"no log files for {self._log_path}")
            cuts: dict[str, Position] = {}
            start: Position = (0, 0)
            if files:
                start, cuts = await asyncio.to_thread(self._start, files)
            index = start[0]
            read_since_yield = 0
            # Existing content, file by file.
            while index < len(files) and not self.done():
                try:
                    cursor = Cursor(index, files[index], start[1] if index == start[0] else 0)
                except FileNotFoundError:
                    index += 1
                    continue
                last = index == len(files) - 1
                while not self.done():
                    records = cursor.read_records(final=not self.options.follow or not last)
                    if not records:
                        break
                    for pos, raw in records:
                        read_since_yield += len(raw)
                        out = self._feed(raw, pos, cuts)
                        if out is not None:
                            yield out
                            if self.done():
                                return
                    if read_since_yield >= _YIELD_EVERY:
                        read_since_yield = 0
                        await asyncio.sleep(0)
                if last and self.options.follow:
                    break
                cursor.close()
                cursor = None
                index += 1
            if not self.options.follow or self.done():
                for out in self._flush():
                    yield out
                return
            assert ino is not None
            async for out in self._follow(ino, cursor, files, cuts):
                yield out
                if self.done():
                    return
        finally:
            if cursor is not None:
                cursor.close()
            if waker is not None:
                waker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await waker
            if ino is not None:
                ino.close()

    def _start(self, files: list[Path]) -> tuple[Position, dict[str, Position]]:
        """Start position and cuts (blocking: runs in a worker thread)."""
        ends = []
        for i, p in enumerate(files):
            try:
                size = p.stat().st_size
                ends.append(
                    complete_end(p, size) if self.options.follow and i == len(files) - 1 else size
                )
            except FileNotFoundError:
                ends.append(0)
        if self.options.tail_lines is not None:
            tail = find_tail_start(files, ends, self.options.tail_lines, self._streams)
            return tail.start, dict(tail.cuts)
        if self._since is not None:
            first = first_recent_file(files, ends, self._since)
            if first >= len(files):
                return (len(files) - 1, ends[-1]), {}
            return (first, 0), {}
        return (0, 0), {}

    def _exited(self) -> bool:
        if self.exited is None:
            return False
        if isinstance(self.exited, asyncio.Event):
            return self.exited.is_set()
        return bool(self.exited())

    async def _follow(
        self, ino: Inotify, cursor: Cursor | None, files: list[Path], cuts: dict[str, Position]
    ) -> AsyncIterator[bytes]:
        """New lines until the container exits, the log dir goes away, or the limit is hit."""
        timeout = (
            None
            if self.exited is None or isinstance(self.exited, asyncio.Event)
            else (FORCE_CHECK_SECONDS)
        )
        relist = True
        gone = False
        index = len(files)
        try:
            while True:
                exited = self._exited() or gone
                # Drain: the current file to its end, then any newer file.
                for _ in range(_MAX_SWITCHES):
                    if cursor is not None:
                        if cursor.truncated():
                            cursor.rewind()
                            self._joiner.reset()
                        while True:
                            records = cursor.read_records(final=False)
                            if not records:
                                break
                            for pos, raw in records:
                                out = self._feed(raw, pos, cuts)
                                if out is not None:
                                    yield out
                                    if self.done():
                                        return
                            await asyncio.sleep(0)
                    if not (relist or exited):
                        break
                    nxt = self._next_file(cursor)
                    if nxt is None:
                        if cursor is not None and cursor.deleted():
                            # Removed, not rotated: let go of it (an open file
                            # keeps its dir from reporting its own removal).
                            async for out in self._finish(cursor, cuts):
                                yield out
                            cursor = None
                        if not self.watch_dir.is_dir():
                            gone = True
                        break
                    if cursor is not None:
                        # The old file is finished: its last, unterminated record too.
                        async for out in self._finish(cursor, cuts):
                            yield out
                        cursor = None
                    try:
                        cursor = Cursor(index, nxt, 0)
                    except FileNotFoundError:
                        continue
                    index += 1
                    relist = False
                if exited:
                    if cursor is not None:
                        async for out in self._finish(cursor, cuts):
                            yield out
                        cursor = None
                    for out in self._flush():
                        yield out
                    return
                events = await ino.wait(timeout)
                for ev in events:
                    if ev.mask & _GONE and not ev.name:
                        gone = True
                    if ev.mask & ~IN_MODIFY or ev.mask & IN_Q_OVERFLOW:
                        relist = True
                if not events:
                    relist = True  # woken or force-check: look again
        finally:
            if cursor is not None:
                cursor.close()

    async def _finish(self, cursor: Cursor, cuts: dict[str, Position]) -> AsyncIterator[bytes]:
        """The rest of a file that gets no more writes; the cursor is closed."""
        try:
            for _ in range(_MAX_CHUNKS):
                records = cursor.read_records(final=True)
                if not records:
                    break
                for pos, raw in records:
                    data = self._feed(raw, pos, cuts)
                    if data is not None:
                        yield data
                await asyncio.sleep(0)
        finally:
            cursor.close()

    def _order(self, path: Path) -> float:
        """Age rank of a data file: its number, the plain ``<n>.log`` newest."""
        if self._log_path is None:
            assert self._static is not None
            return float(self._static.index(path)) if path in self._static else float("inf")
        seq = rotated_seq(self._log_path, path.name)
        return float("inf") if seq is None else float(seq)

    def _next_file(self, cursor: Cursor | None) -> Path | None:
        """The data file after the current one, if there is one yet.

        The current file is found by identity (it is open, so its inode
        cannot be reused); when it is gone from the listing (conmon replaced
        or podd pruned it), the next is the oldest file ranked after it.
        """
        files = self._list()
        if cursor is None:
            return files[0] if files else None
        rank = self._order(cursor.path)
        for i, path in enumerate(files):
            ident = identity_of(path)
            if ident == cursor.identity:
                return files[i + 1] if i + 1 < len(files) else None
        for path in files:
            if self._order(path) > rank or (
                self._order(path) == rank and identity_of(path) not in (None, cursor.identity)
            ):
                return path
        return None


async def _wake_on(event: asyncio.Event, ino: Inotify) -> None:
    await event.wait()
    ino.wake()


async def read_logs(
    source: str | Path | Sequence[str | Path],
    options: LogOptions,
    *,
    exited: Exited = None,
    now: datetime | None = None,
) -> AsyncIterator[bytes]:
    """Lines of a container instance's log, per ``options`` (see the module docs).

    ``source``: the instance's ``<restartCount>.log`` path (its rotated files
    are found beside it), a container log dir (its newest instance), or an
    explicit list of data files, oldest first. Raises
    :class:`LogNotFoundError` (on first iteration) when there is no log.
    """
    reader = LogReader(source, options, exited=exited, now=now)
    async for chunk in reader.lines():
        yield chunk
