"""podd.spawn with real processes: output, exit codes, stdin with
back-pressure, line reads, timeouts and cancellation that kill and reap."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from podd import spawn
from tests.support.leftovers import children, no_leftovers  # noqa: F401


@pytest.mark.usefixtures("no_leftovers")
async def test_run_collects_output_and_exit_code() -> None:
    done = await spawn.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"])
    assert done == spawn.Completed(3, b"out\n", b"err\n", False)


@pytest.mark.usefixtures("no_leftovers")
async def test_run_reports_a_signal_as_negative_status() -> None:
    done = await spawn.run(["/bin/sh", "-c", "kill -TERM $$"])
    assert done.returncode == -signal.SIGTERM


@pytest.mark.usefixtures("no_leftovers")
async def test_run_passes_env_and_cwd(tmp_path: os.PathLike[str]) -> None:
    done = await spawn.run(["/bin/sh", "-c", 'echo "$X"; pwd'], env={"X": "y"}, cwd=str(tmp_path))
    assert done.stdout.decode().splitlines() == ["y", str(tmp_path)]


@pytest.mark.usefixtures("no_leftovers")
async def test_run_streams_stdin_larger_than_a_pipe() -> None:
    data = os.urandom(3 << 20)  # cat writes back while it is fed: both pipes fill
    done = await spawn.run(["cat"], stdin=data, max_output=4 << 20)
    assert done.returncode == 0
    assert done.stdout == data and not done.truncated


@pytest.mark.usefixtures("no_leftovers")
async def test_run_keeps_the_first_bytes_and_drains_the_rest() -> None:
    done = await spawn.run(["head", "-c", "1000000", "/dev/zero"], max_output=1000)
    assert done.returncode == 0  # not blocked on a full pipe
    assert done.stdout == b"\0" * 1000 and done.truncated


@pytest.mark.usefixtures("no_leftovers")
async def test_run_merges_stderr_into_stdout() -> None:
    done = await spawn.run(["/bin/sh", "-c", "echo a; echo b >&2"], merge_stderr=True)
    assert done.stdout == b"a\nb\n" and done.stderr == b""


@pytest.mark.usefixtures("no_leftovers")
async def test_stdin_ignored_by_the_child_is_no_error() -> None:
    done = await spawn.run(["true"], stdin=os.urandom(1 << 20))
    assert done.returncode == 0


@pytest.mark.usefixtures("no_leftovers")
async def test_missing_program_raises_and_leaks_nothing() -> None:
    with pytest.raises(FileNotFoundError):
        await spawn.run(["/nonexistent/program"], stdin=b"x")


@pytest.mark.usefixtures("no_leftovers")
async def test_timeout_kills_and_reaps() -> None:
    with pytest.raises(TimeoutError):
        await spawn.run(["sleep", "60"], timeout=0.2)


@pytest.mark.usefixtures("no_leftovers")
async def test_cancellation_kills_and_reaps() -> None:
    before = children()
    task = asyncio.create_task(spawn.run(["sleep", "60"], stdin=b"never read"))
    await asyncio.sleep(0)  # the task has started its process and waits
    (pid,) = children() - before
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert not os.path.exists(f"/proc/{pid}")


@pytest.mark.usefixtures("no_leftovers")
async def test_conversation_line_by_line() -> None:
    async with spawn.start(["cat"], stdin=spawn.PIPE) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        await proc.stdin.write(b"one\ntw")
        assert await proc.stdout.readline() == b"one\n"
        await proc.stdin.write(b"o\nthree")
        assert await proc.stdout.readline() == b"two\n"
        proc.stdin.close()
        assert await proc.stdout.readline() == b"three"  # the last line, unterminated
        assert await proc.stdout.readline() == b""
        assert await proc.wait() == 0


@pytest.mark.usefixtures("no_leftovers")
async def test_a_line_over_the_limit_is_skipped_with_an_error() -> None:
    script = "head -c 5000 /dev/zero | tr '\\0' x; echo; echo next"
    async with spawn.start(["/bin/sh", "-c", script]) as proc:
        assert proc.stdout is not None
        with pytest.raises(ValueError, match="longer than 100"):
            await proc.stdout.readline(limit=100)
        assert await proc.stdout.readline(limit=100) == b"next\n"


@pytest.mark.usefixtures("no_leftovers")
async def test_write_waits_for_the_reader() -> None:
    """Back-pressure: a child that does not read holds the writer at a full
    pipe (nothing piles up in podd); its exit ends the write with EPIPE."""
    async with spawn.start(["sleep", "60"], stdin=spawn.PIPE) as proc:
        assert proc.stdin is not None
        writing = asyncio.create_task(proc.stdin.write(b"x" * (8 << 20)))
        for _ in range(5):
            await asyncio.sleep(0)
        assert not writing.done()
        proc.kill()
        assert await proc.wait() == -signal.SIGKILL
        with pytest.raises(BrokenPipeError):
            await writing


@pytest.mark.usefixtures("no_leftovers")
async def test_stop_asks_first_then_kills() -> None:
    async with spawn.start(["cat"], stdin=spawn.PIPE) as proc:
        assert proc.stdin is not None
        assert await proc.stop(grace=30, ask=proc.stdin.close) == 0  # cat ends at EOF
    script = "trap '' TERM; echo ready; exec sleep 60"
    async with spawn.start(["/bin/sh", "-c", script]) as proc:
        assert proc.stdout is not None
        assert await proc.stdout.readline() == b"ready\n"  # SIGTERM now ignored
        ignored = await proc.stop(grace=0.2, ask=lambda: proc.send_signal(signal.SIGTERM))
        assert ignored == -signal.SIGKILL


@pytest.mark.usefixtures("no_leftovers")
async def test_leaving_the_context_kills_and_reaps() -> None:
    async with spawn.start(["sleep", "60"], stdout=spawn.DEVNULL) as proc:
        pid = proc.pid
    assert proc.returncode == -signal.SIGKILL
    assert not os.path.exists(f"/proc/{pid}")
