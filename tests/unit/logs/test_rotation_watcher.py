"""The rotation watcher: re-arms as conmon rotates, adopts what it finds, forgets what goes."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from podd.logs.paths import log_files
from podd.logs.rotate import RotationPolicy, prepare_log
from podd.logs.rotation_watcher import RotationWatcher
from tests.unit.logs.conmon_sim import ConmonSim

POLICY = RotationPolicy(max_size=1024, max_files=3)


async def _until(what: str, check: Callable[[], bool], turns: int = 2000) -> None:
    """Give the loop (and the watcher's thread) turns until ``check`` holds; bounded."""
    for _ in range(turns):
        if check():
            return
        await asyncio.sleep(0.002)
    raise AssertionError(f"never happened: {what}")


@pytest.fixture
async def watcher() -> AsyncIterator[RotationWatcher]:
    w = RotationWatcher(POLICY)
    task = asyncio.create_task(w.run())
    try:
        yield w
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        w.close()


def _texts(log: Path) -> list[str]:
    records = [raw for p in log_files(log) for raw in p.read_bytes().splitlines()]
    return [raw.split(b" ", 3)[3].decode() for raw in records]


async def test_watcher_rearms_on_rotation(tmp_path: Path, watcher: RotationWatcher) -> None:
    log = tmp_path / "c" / "0.log"
    prepare_log(log)
    watcher.add(log)
    tmp = log.with_name("0.log.tmp")
    conmon = ConmonSim(log, size_max=1024)
    try:
        for i in range(60):
            before = conmon.rotations
            conmon.out(f"w{i:02d} " + "q" * 50)
            if conmon.rotations != before:
                await _until("the .tmp re-armed", lambda: os.path.islink(tmp))
        await _until("pruned", lambda: len(log_files(log)) <= POLICY.max_files)
        texts = _texts(log)
        assert texts == [f"w{i:02d} " + "q" * 50 for i in range(60 - len(texts), 60)]
        assert conmon.rotations >= 3
    finally:
        conmon.close()
    watcher.remove_dir(tmp_path)
    assert watcher.logs() == []
    await watcher.wait_idle()


async def test_a_log_added_after_a_restart_is_adopted(
    tmp_path: Path, watcher: RotationWatcher
) -> None:
    log = tmp_path / "c" / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=1024)  # podd was down: rotations unarmed
    for i in range(40):
        conmon.out(f"d{i:02d} " + "q" * 50)
    conmon.close()
    assert log.is_file() and not log.is_symlink()
    watcher.add(log)  # re-adopting the container
    await _until("adopted and armed", lambda: os.path.islink(log.with_name("0.log.tmp")))
    await _until("pruned", lambda: len(log_files(log)) <= POLICY.max_files)
    texts = _texts(log)
    assert texts and texts[-1] == "d39 " + "q" * 50
    assert texts == [f"d{i:02d} " + "q" * 50 for i in range(40 - len(texts), 40)]


async def test_a_plain_log_is_decided_at_once(tmp_path: Path, watcher: RotationWatcher) -> None:
    log = tmp_path / "c" / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=1024)
    while conmon.rotations < 2:  # one short read cut twice: the ends cannot be matched
        conmon.read("stdout", b"".join(b"s%03d%s\n" % (i, b"q" * 60) for i in range(40)))
    conmon.close()
    watcher.add(log)
    await _until("adopted", lambda: os.path.islink(log.with_name("0.log.tmp")))
    await watcher.wait_idle()  # the sync that armed it has decided
    # adopted; nothing showed it follows the older files (lines were lost): they went
    assert [os.stat(p).st_ino for p in log_files(log)] == [log.stat().st_ino]


async def test_removed_logs_are_forgotten(tmp_path: Path, watcher: RotationWatcher) -> None:
    logs = [tmp_path / "pod" / name / "0.log" for name in ("a", "b")]
    for log in logs:
        prepare_log(log)
        watcher.add(log)
    assert sorted(watcher.logs()) == sorted(logs)
    watcher.remove(logs[0])
    await watcher.wait_idle()
    assert watcher.logs() == [logs[1]]
    shutil.rmtree(tmp_path / "pod")  # the pod's logs removed: the kernel drops the watch
    await _until("the dir forgotten", lambda: watcher.logs() == [])
