"""Rotation: conmon's size cut (simulated exactly) kept lossless by podd's links."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from podd.logs.paths import log_files
from podd.logs.rotate import (
    RotationPolicy,
    conmon_log_args,
    prepare_log,
    rearm,
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


def test_rearm_is_the_cheap_half(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=1024)
    assert rearm(log) is None  # armed already
    while conmon.rotations < 1:
        conmon.out("x" * 60)
    assert rearm(log) == "0.log.5"  # 0.log -> 0.log.3 now
    assert os.readlink(tmp_path / "0.log.tmp") == "0.log.5"
    (tmp_path / "0.log.tmp").unlink()
    while conmon.rotations < 2:  # unarmed: a plain 0.log, for the full sync
        conmon.out("y" * 60)
    assert rearm(log) is None and not os.path.lexists(tmp_path / "0.log.tmp")
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
    assert result.adopted == "0.log.1" and result.armed == "0.log.3" and result.settled
    # a hard link: podd never renames what conmon writes; conmon's next rotation replaces 0.log
    assert log.stat().st_ino == (tmp_path / "0.log.1").stat().st_ino
    assert sync_rotation(log, POLICY).adopted is None  # adopted once
    conmon.out("second")
    assert _texts(log) == ["first", "second"]
    i = 0
    while conmon.rotations < 1:
        conmon.out(f"more {i}")
        i += 1
    assert os.readlink(log) == "0.log.3"  # the armed rotation; 0.log.1 kept
    assert _texts(log) == ["first", "second"] + [f"more {j}" for j in range(i)]
    conmon.close()


def test_rotations_while_podd_is_away_keep_the_log_contiguous(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=1024)  # a record per write: a read each
    i = 0
    while conmon.rotations < 3:
        conmon.out(f"l{i:03d} " + "z" * 60)
        i += 1
    # rotation 1 used the arm (0.log.1 kept), 2 replaced the symlink (0.log.3
    # kept), 3 replaced the plain file of rotation 2: its lines are lost
    names = [p.name for p in log_files(log)]
    assert names == ["0.log.1", "0.log.3", "0.log"]
    result = sync_rotation(log, RotationPolicy(max_size=1024, max_files=5))
    # nothing shows 0.log follows 0.log.3: the files before the hole are dropped
    assert result.adopted == "0.log.4" and result.gap
    assert sorted(result.removed) == ["0.log.1", "0.log.3"]
    assert [p.name for p in log_files(log)] == ["0.log.4"]
    assert os.readlink(tmp_path / "0.log.tmp") == "0.log.6"
    texts = _texts(log)
    assert texts == [f"l{j:03d} " + "z" * 60 for j in range(i - len(texts), i)]
    conmon.close()


def _reads(first: int, count: int) -> list[bytes]:
    """Numbered lines of 100 bytes, as a busy pipe hands them to conmon: 8 KiB reads."""
    data = b"".join(f"{n:07d} {'r' * 92}\n".encode() for n in range(first, first + count))
    return [data[i : i + 8192] for i in range(0, len(data), 8192)]


def _numbers(log: Path) -> list[int]:
    joined = b""
    for p in log_files(log):
        for raw in p.read_bytes().splitlines():
            _, _, tag, text = raw.split(b" ", 3)
            joined += text + (b"\n" if tag == b"F" else b"")
    return [int(line.split()[0]) for line in joined.splitlines()]


def test_one_unarmed_rotation_inside_a_read_loses_nothing(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=16384)
    reads = iter(_reads(0, 600))
    while conmon.rotations < 2:  # the second one, unarmed, cuts a read in two
        conmon.read("stdout", next(reads))
    conmon.read("stdout", next(reads))
    result = sync_rotation(log, RotationPolicy(max_size=16384, max_files=5))
    assert result.adopted == "0.log.4" and not result.gap and result.removed == []
    assert [p.name for p in log_files(log)] == ["0.log.1", "0.log.3", "0.log.4"]
    numbers = _numbers(log)
    assert numbers == list(range(len(numbers)))
    conmon.close()


def test_a_short_read_cut_by_an_unarmed_rotation_is_not_trusted(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=16384)
    reads = iter(_reads(0, 600))
    while conmon.rotations < 1:
        conmon.read("stdout", next(reads))
    while conmon.rotations < 2:  # short reads: the cut one cannot be shown whole
        conmon.read("stdout", next(reads)[:3000])
    result = sync_rotation(log, POLICY)
    # linked at once (kept from the next rotation), then decided: maybe a hole
    assert result.settled and result.adopted == "0.log.4" and result.gap
    assert [p.name for p in log_files(log)] == ["0.log.4"]
    assert os.readlink(tmp_path / "0.log.tmp") == "0.log.6"
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
