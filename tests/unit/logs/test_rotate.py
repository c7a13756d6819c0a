"""Rotation: conmon's size cut (simulated exactly) kept lossless by podd's symlinks."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from podd.logs.paths import log_files
from podd.logs.rotate import (
    RotationPolicy,
    RotationWatcher,
    conmon_log_args,
    prepare_log,
    sync_rotation,
)
from tests.unit.logs.conmon_sim import ConmonSim

POLICY = RotationPolicy(max_size=1024, max_files=3)


def _texts(log: Path) -> list[str]:
    lines = []
    for p in log_files(log):
        for raw in p.read_bytes().splitlines():
            lines.append(raw.split(b" ", 3)[3].decode())
    return lines


def test_prepare_lays_out_symlinks(tmp_path: Path) -> None:
    log = tmp_path / "c" / "0.log"
    prepare_log(log)
    assert os.readlink(log) == "0.log.1"
    assert (tmp_path / "c" / "0.log.1").read_bytes() == b""
    assert os.readlink(tmp_path / "c" / "0.log.tmp") == "0.log.3"
    assert (tmp_path / "c").stat().st_mode & 0o777 == 0o700
    prepare_log(log)  # idempotent
    assert os.readlink(log) == "0.log.1"
    assert conmon_log_args(log, POLICY) == [
        "--log-path",
        f"k8s-file:{log}",
        "--log-size-max",
        "1024",
    ]


def test_policy_bounds() -> None:
    with pytest.raises(ValueError):
        RotationPolicy(max_size=10)
    with pytest.raises(ValueError):
        RotationPolicy(max_files=1)


def test_armed_rotation_keeps_the_old_file(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=1024)
    for i in range(12):  # ~100 bytes a record: one rotation
        conmon.out(f"line {i:02d} " + "x" * 40)
    assert conmon.rotations == 1
    assert os.readlink(log) == "0.log.3"  # conmon renamed the armed .tmp over 0.log
    assert not os.path.lexists(tmp_path / "0.log.tmp")
    result = sync_rotation(log, POLICY)
    assert result.armed == "0.log.5" and result.adopted is None and result.removed == []
    assert _texts(log) == [f"line {i:02d} " + "x" * 40 for i in range(12)]
    conmon.close()


def test_many_rotations_with_sync_keep_max_files(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=1024)
    for i in range(100):
        before = conmon.rotations
        conmon.out(f"line {i:03d} " + "y" * 40)
        if conmon.rotations != before:
            sync_rotation(log, POLICY)  # what the watcher does on the rename
    sync_rotation(log, POLICY)
    files = log_files(log)
    assert len(files) == POLICY.max_files
    texts = _texts(log)
    # the newest lines, contiguous, none lost inside the kept files
    assert texts == [f"line {i:03d} " + "y" * 40 for i in range(100 - len(texts), 100)]
    assert all(p.stat().st_size <= 1024 for p in files)
    conmon.close()


def test_unarmed_rotation_is_adopted(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    conmon = ConmonSim(log, size_max=1024)  # conmon started without prepare_log
    conmon.out("first")
    assert log.is_file() and not log.is_symlink()
    result = sync_rotation(log, POLICY)
    assert result.adopted == "0.log.1" and result.armed == "0.log.3"
    assert os.readlink(log) == "0.log.1"
    conmon.out("second")  # conmon still writes the same file, now 0.log.1
    assert _texts(log) == ["first", "second"]
    conmon.close()


def test_two_rotations_without_sync_lose_one_file_only(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=1024)
    i = 0
    while conmon.rotations < 3:
        conmon.out(f"l{i:03d} " + "z" * 60)
        i += 1
    # rotation 1 used the arm (0.log.1 kept), 2 replaced the symlink (0.log.3
    # kept), 3 replaced the plain file of rotation 2 (lost)
    names = [p.name for p in log_files(log)]
    assert names == ["0.log.1", "0.log.3", "0.log"]
    sync_rotation(log, RotationPolicy(max_size=1024, max_files=5))
    assert [p.name for p in log_files(log)] == ["0.log.1", "0.log.3", "0.log.4"]
    assert os.readlink(log) == "0.log.4" and os.readlink(tmp_path / "0.log.tmp") == "0.log.6"
    conmon.close()


def test_sync_never_touches_a_tmp_file(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    prepare_log(log)
    os.unlink(tmp_path / "0.log.tmp")
    (tmp_path / "0.log.tmp").write_text("conmon between open and rename")
    result = sync_rotation(log, POLICY)
    assert result.armed is None
    assert (tmp_path / "0.log.tmp").read_text() == "conmon between open and rename"
    assert sync_rotation(tmp_path / "none.log", POLICY).armed is None


async def test_watcher_rearms_on_rotation(tmp_path: Path) -> None:
    log = tmp_path / "c" / "0.log"
    prepare_log(log)
    watcher = RotationWatcher(POLICY)
    watcher.add(log)
    task = asyncio.create_task(watcher.run())
    conmon = ConmonSim(log, size_max=1024)
    try:
        for i in range(60):
            before = conmon.rotations
            conmon.out(f"w{i:02d} " + "q" * 50)
            if conmon.rotations != before:
                # give the loop turns (bounded) until the watcher re-armed the .tmp
                for _ in range(1000):
                    if os.path.lexists(log.with_name("0.log.tmp")):
                        break
                    await asyncio.sleep(0)
                assert os.path.lexists(log.with_name("0.log.tmp"))
        texts = _texts(log)
        assert len(log_files(log)) <= POLICY.max_files
        assert texts == [f"w{i:02d} " + "q" * 50 for i in range(60 - len(texts), 60)]
        assert conmon.rotations >= 3
    finally:
        conmon.close()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        watcher.remove_dir(tmp_path)
        assert list(watcher.logs()) == []
        watcher.close()
