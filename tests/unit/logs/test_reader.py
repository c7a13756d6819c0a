"""read_logs on real files: tail, since, timestamps, limitBytes, streams, follow."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from podd.logs.options import LogOptions
from podd.logs.reader import LogNotFoundError, LogReader, read_logs
from podd.logs.rotate import RotationPolicy, prepare_log, sync_rotation
from tests.unit.logs.conmon_sim import BASE_TIME, ConmonSim

TIMEOUT = 5.0


async def collect(it: AsyncIterator[bytes]) -> list[bytes]:
    return [chunk async for chunk in it]


def rotated_log(tmp_path: Path, lines: int = 30, size_max: int = 512) -> tuple[Path, ConmonSim]:
    """A log with ``lines`` stdout lines ``line NN``, rotated into several files."""
    log = tmp_path / "c" / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=size_max)
    policy = RotationPolicy(max_size=1024, max_files=100)
    for i in range(lines):
        before = conmon.rotations
        conmon.out(f"line {i:02d}")
        if conmon.rotations != before:
            sync_rotation(log, policy)
    return log, conmon


async def test_reads_everything_across_rotated_files(tmp_path: Path) -> None:
    log, conmon = rotated_log(tmp_path)
    assert conmon.rotations >= 3
    out = await collect(read_logs(log, LogOptions()))
    assert out == [f"line {i:02d}\n".encode() for i in range(30)]
    # the container dir means its newest instance
    assert await collect(read_logs(log.parent, LogOptions())) == out
    conmon.close()


@pytest.mark.parametrize("n", [0, 1, 5, 17, 30, 100])
async def test_tail_across_rotated_files(tmp_path: Path, n: int) -> None:
    log, conmon = rotated_log(tmp_path)
    out = await collect(read_logs(log, LogOptions(tail_lines=n)))
    assert out == [f"line {i:02d}\n".encode() for i in range(max(0, 30 - n), 30)]
    conmon.close()


async def test_tail_counts_joined_lines_of_interleaved_streams(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    conmon = ConmonSim(log)
    conmon.out("old")
    conmon.write("stdout", b"a1 ", partial=True)
    conmon.err("e1")
    conmon.write("stdout", b"a2 ", partial=True)
    conmon.err("e2")
    conmon.write("stdout", b"a3")
    conmon.err("e3")
    conmon.close()
    # lines by completion: old, e1, e2, "a1 a2 a3", e3
    assert await collect(read_logs(log, LogOptions(tail_lines=2))) == [b"a1 a2 a3\n", b"e3\n"]
    assert await collect(read_logs(log, LogOptions(tail_lines=3))) == [
        b"e2\n",
        b"a1 a2 a3\n",
        b"e3\n",
    ]
    assert await collect(read_logs(log, LogOptions(tail_lines=5))) == [
        b"old\n",
        b"e1\n",
        b"e2\n",
        b"a1 a2 a3\n",
        b"e3\n",
    ]
    only_out = LogOptions(tail_lines=1, stream="Stdout")
    assert await collect(read_logs(log, only_out)) == [b"a1 a2 a3\n"]
    assert await collect(read_logs(log, LogOptions(stream="Stderr"))) == [
        b"e1\n",
        b"e2\n",
        b"e3\n",
    ]


async def test_since_time_and_since_seconds(tmp_path: Path) -> None:
    log, conmon = rotated_log(tmp_path)  # line i written at BASE_TIME + (i+1) s
    since = BASE_TIME + timedelta(seconds=21)
    out = await collect(read_logs(log, LogOptions(since_time=since)))
    assert out == [f"line {i:02d}\n".encode() for i in range(20, 30)]
    now = BASE_TIME + timedelta(seconds=35)
    out = await collect(read_logs(log, LogOptions(since_seconds=10), now=now))
    assert out == [f"line {i:02d}\n".encode() for i in range(24, 30)]
    future = LogOptions(since_time=BASE_TIME + timedelta(days=1))
    assert await collect(read_logs(log, future)) == []
    both = LogOptions(since_time=since, tail_lines=3)
    assert await collect(read_logs(log, both)) == [b"line 27\n", b"line 28\n", b"line 29\n"]
    conmon.close()


async def test_timestamps_prefix(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    log.write_bytes(
        b"2026-11-22T10:41:46.832839352+00:00 stdout F hello\n"
        b"2026-11-22T11:41:47.5+01:00 stderr F bye\n"
    )
    out = await collect(read_logs(log, LogOptions(timestamps=True)))
    assert out == [
        b"2026-11-22T10:41:46.832839352Z hello\n",
        b"2026-11-22T11:41:47.500000000+01:00 bye\n",
    ]


async def test_limit_bytes_cuts_the_output(tmp_path: Path) -> None:
    log, conmon = rotated_log(tmp_path)
    out = await collect(read_logs(log, LogOptions(limit_bytes=20)))
    assert b"".join(out) == b"line 00\nline 01\nline"
    out = await collect(read_logs(log, LogOptions(limit_bytes=16, tail_lines=2)))
    assert out == [b"line 28\n", b"line 29\n"]
    conmon.close()


async def test_malformed_lines_are_skipped_and_counted(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    log.write_bytes(
        b"garbage\n"
        b"2026-11-22T10:41:46Z stdout F one\n"
        b"2026-11-22T10:41:46Z stdsomething F x\n"
        b"\n"
        b"2026-11-22T10:41:47Z stdout F two\n"
        b"2026-11-22T10:41:48Z stdout P unfinished"
    )
    reader = LogReader(log, LogOptions())
    out = await collect(reader.lines())
    assert out == [b"one\n", b"two\n", b"unfinished"]
    assert reader.malformed == 2


async def test_a_read_before_podd_adopts_shows_no_hole(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=256)
    i = 0
    while conmon.rotations < 4:  # podd away: rotation 2's and 3's plain files are lost
        conmon.out(f"h{i:03d}")
        i += 1
    out = await collect(read_logs(log, LogOptions()))
    assert out and out[-1] == f"h{i - 1:03d}\n".encode()
    assert out == [f"h{j:03d}\n".encode() for j in range(i - len(out), i)]
    tail = await collect(read_logs(log, LogOptions(tail_lines=1000)))
    assert tail == out
    conmon.close()


async def test_missing_log(tmp_path: Path) -> None:
    with pytest.raises(LogNotFoundError):
        await collect(read_logs(tmp_path / "0.log", LogOptions()))
    (tmp_path / "empty").mkdir()
    with pytest.raises(LogNotFoundError):
        await collect(read_logs(tmp_path / "empty", LogOptions()))


async def test_tail_of_a_large_file_reads_from_the_end(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    record = b"2026-11-22T10:41:46Z stdout F " + b"x" * 70 + b"\n"
    with open(log, "wb") as fh:
        for _ in range(100_000):  # ~10 MB
            fh.write(record)
        fh.write(b"2026-11-22T10:41:47Z stdout F last\n")
    reader = LogReader(log, LogOptions(tail_lines=2))
    out = await asyncio.wait_for(collect(reader.lines()), TIMEOUT)
    assert out == [b"x" * 70 + b"\n", b"last\n"]


# ------------------------------------------------------------------- follow


class Follower:
    """Runs a follow read in a task; lines arrive in a queue."""

    def __init__(self, source: Path, options: LogOptions, **kw: object) -> None:
        self.queue: asyncio.Queue[bytes | None] = asyncio.Queue()
        self.task = asyncio.create_task(self._run(source, options, kw))

    async def _run(self, source: Path, options: LogOptions, kw: dict[str, object]) -> None:
        try:
            async for chunk in read_logs(source, options, **kw):  # type: ignore[arg-type]
                await self.queue.put(chunk)
        finally:
            await self.queue.put(None)

    async def next(self) -> bytes | None:
        return await asyncio.wait_for(self.queue.get(), TIMEOUT)

    async def take(self, n: int) -> list[bytes | None]:
        return [await self.next() for _ in range(n)]

    async def close(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


async def test_follow_receives_an_appended_line(tmp_path: Path) -> None:
    log, conmon = rotated_log(tmp_path, lines=3)
    exited = asyncio.Event()
    f = Follower(log, LogOptions(follow=True, tail_lines=1), exited=exited)
    try:
        assert await f.next() == b"line 02\n"
        conmon.out("appended")
        assert await f.next() == b"appended\n"
        conmon.write("stdout", b"half ", partial=True)
        conmon.write("stdout", b"and half")
        assert await f.next() == b"half and half\n"
        exited.set()
        assert await f.next() is None  # ends once the container exited
    finally:
        conmon.close()
        await f.close()


async def test_follow_continues_across_rotations(tmp_path: Path) -> None:
    log = tmp_path / "c" / "0.log"
    prepare_log(log)
    policy = RotationPolicy(max_size=1024, max_files=3)
    conmon = ConmonSim(log, size_max=300)
    exited = asyncio.Event()
    f = Follower(log, LogOptions(follow=True), exited=exited)
    try:
        conmon.out("before")
        assert await f.next() == b"before\n"
        for i in range(40):
            before = conmon.rotations
            conmon.out(f"n{i:02d}")
            if conmon.rotations != before:
                sync_rotation(log, policy)
            assert await f.next() == f"n{i:02d}\n".encode()
        assert conmon.rotations >= 5
        exited.set()
        assert await f.next() is None
    finally:
        conmon.close()
        await f.close()


async def test_follow_across_plain_conmon_rotation(tmp_path: Path) -> None:
    """No podd rotator: conmon replaces the file; lines written meanwhile still show."""
    log = tmp_path / "0.log"
    conmon = ConmonSim(log, size_max=200)
    conmon.out("start")
    exited = asyncio.Event()
    f = Follower(log, LogOptions(follow=True), exited=exited)
    try:
        assert await f.next() == b"start\n"
        for i in range(20):
            conmon.out(f"p{i:02d}")
            assert await f.next() == f"p{i:02d}\n".encode()
        assert conmon.rotations >= 2
        exited.set()
        assert await f.next() is None
    finally:
        conmon.close()
        await f.close()


async def test_follow_ends_when_exited_and_drains(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    conmon = ConmonSim(log)
    conmon.out("one")
    exited = asyncio.Event()
    f = Follower(log, LogOptions(follow=True), exited=exited)
    try:
        assert await f.next() == b"one\n"
        # written just before the exit: still delivered, the partial one flushed
        conmon.out("two")
        conmon.write("stderr", b"no newline", partial=True)
        exited.set()
        assert await f.take(3) == [b"two\n", b"no newline", None]
    finally:
        conmon.close()
        await f.close()


async def test_follow_with_an_exited_callable(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    conmon = ConmonSim(log)
    conmon.out("one")
    state = {"exited": False}
    f = Follower(log, LogOptions(follow=True), exited=lambda: state["exited"])
    try:
        assert await f.next() == b"one\n"
        conmon.out("two")
        assert await f.next() == b"two\n"
        state["exited"] = True
        assert await f.next() is None  # noticed within the force-check period
    finally:
        conmon.close()
        await f.close()


async def test_follow_already_exited_returns_everything(tmp_path: Path) -> None:
    log, conmon = rotated_log(tmp_path, lines=5)
    exited = asyncio.Event()
    exited.set()
    out = await asyncio.wait_for(
        collect(read_logs(log, LogOptions(follow=True), exited=exited)), TIMEOUT
    )
    assert out == [f"line {i:02d}\n".encode() for i in range(5)]
    conmon.close()


async def test_follow_limit_bytes_stops(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    conmon = ConmonSim(log)
    conmon.out("12345")
    f = Follower(log, LogOptions(follow=True, limit_bytes=9))
    try:
        assert await f.next() == b"12345\n"
        conmon.out("67890")
        assert await f.take(2) == [b"678", None]
    finally:
        conmon.close()
        await f.close()


async def test_follow_truncated_file_starts_over(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    conmon = ConmonSim(log)
    conmon.out("a fairly long first line")
    f = Follower(log, LogOptions(follow=True))
    try:
        assert await f.next() == b"a fairly long first line\n"
        os.truncate(log, 0)  # copytruncate-style rotation
        conmon.out("short")
        assert await f.next() == b"short\n"
    finally:
        conmon.close()
        await f.close()


async def test_follow_ends_when_the_log_dir_is_removed(tmp_path: Path) -> None:
    log = tmp_path / "c" / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log)
    conmon.out("x")
    f = Follower(log, LogOptions(follow=True))
    try:
        assert await f.next() == b"x\n"
        conmon.close()
        for p in log.parent.iterdir():
            p.unlink()
        log.parent.rmdir()
        assert await f.next() is None
    finally:
        await f.close()


async def test_follow_waits_for_the_first_file(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    exited = asyncio.Event()
    f = Follower(log, LogOptions(follow=True, timestamps=True), exited=exited)
    try:
        await asyncio.sleep(0)
        conmon = ConmonSim(log)
        conmon.out("hello")
        when = (BASE_TIME + timedelta(seconds=1)).astimezone(UTC)
        assert await f.next() == when.strftime("%Y-%m-%dT%H:%M:%S.000000000Z hello\n").encode()
        conmon.close()
        exited.set()
        assert await f.next() is None
    finally:
        await f.close()
