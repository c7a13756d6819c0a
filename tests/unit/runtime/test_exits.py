"""Exit files, OOM detection, and the inotify watch on the exits dir."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from podd.runtime.exits import (
    ExitInfo,
    oom_killed,
    read_exit,
    wait_exit_file,
    watch_exits,
    write_exit,
)
from podd.runtime.state import new_container_id


def test_exit_files(tmp_path: Path) -> None:
    bundle = tmp_path / "b"
    (bundle / "persist").mkdir(parents=True)
    exit_file = tmp_path / "exits" / "c1"
    exit_file.parent.mkdir()
    assert read_exit(exit_file, bundle, None) is None
    exit_file.write_text("137")
    os.utime(exit_file, (1_700_000_000.25, 1_700_000_000.25))
    assert read_exit(exit_file, bundle, None) == ExitInfo(137, "2023-11-14T22:13:20.250000Z", False)
    exit_file.write_text("garbage")
    assert read_exit(exit_file, bundle, None) is None
    write_exit(exit_file, 3)
    info = read_exit(exit_file, bundle, None)
    assert info is not None and info.exit_code == 3
    assert not oom_killed(bundle, None)
    (bundle / "persist" / "oom").touch()
    assert oom_killed(bundle, None)
    leaf = tmp_path / "leaf"
    leaf.mkdir()
    (leaf / "memory.events").write_text("low 0\nhigh 0\nmax 2\noom 1\noom_kill 1\n")
    assert oom_killed(tmp_path / "other", str(leaf))


async def test_watch_exits(tmp_path: Path) -> None:
    exits = tmp_path / "exits"
    old, new1, new2 = (new_container_id() for _ in range(3))
    exits.mkdir()
    (exits / old).write_text("0")
    watcher = watch_exits(exits)
    assert await asyncio.wait_for(anext(watcher), 2) == old  # existing first
    pending = asyncio.ensure_future(anext(watcher))
    await asyncio.sleep(0.01)
    (exits / "not-an-id").write_text("1")
    write_exit(exits / new1, 1)  # rename into place, as conmon does
    assert await asyncio.wait_for(pending, 2) == new1
    (exits / new2).write_text("2")  # plain write (close after write)
    assert await asyncio.wait_for(anext(watcher), 2) == new2
    await watcher.aclose()


async def test_wait_exit_file(tmp_path: Path) -> None:
    target = tmp_path / new_container_id()
    assert not await wait_exit_file(target, 0.05)

    async def later() -> None:
        await asyncio.sleep(0.05)
        write_exit(target, 0)

    task = asyncio.ensure_future(later())
    assert await wait_exit_file(target, 5)
    await task
    assert await wait_exit_file(target, 0)
