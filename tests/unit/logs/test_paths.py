"""Log paths, listing an instance's data files, pruning and removal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from podd.logs.paths import (
    container_log_path,
    latest_log_path,
    log_files,
    pod_log_dir,
    previous_log_path,
    prune_instances,
    remove_pod_logs,
    served_files,
)
from podd.logs.rotate import prepare_log
from tests.unit.logs.conmon_sim import ConmonSim


def test_paths(tmp_path: Path) -> None:
    pod = pod_log_dir(tmp_path, "default", "web", "1234-abcd")
    assert pod == tmp_path / "logs" / "default_web_1234-abcd"
    assert container_log_path(pod, "nginx", 3) == pod / "nginx" / "3.log"
    assert previous_log_path(pod, "nginx", 3) == pod / "nginx" / "2.log"
    assert previous_log_path(pod, "nginx", 0) is None


@pytest.mark.parametrize("bad", ["", ".", "..", "a/b"])
def test_unsafe_components_rejected(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        pod_log_dir(tmp_path, bad, "web", "uid")
    with pytest.raises(ValueError):
        container_log_path(tmp_path, bad, 0)


def test_log_files_order_and_plain_file(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    for seq in (10, 2, 7):
        (tmp_path / f"0.log.{seq}").write_text(str(seq))
    (tmp_path / "0.log.tmp").symlink_to("0.log.12")
    (tmp_path / "1.log.1").write_text("other instance")
    os.symlink("0.log.10", log)
    assert [p.name for p in log_files(log)] == ["0.log.2", "0.log.7", "0.log.10"]
    log.unlink()
    log.write_text("plain: the newest")
    assert [p.name for p in log_files(log)] == ["0.log.2", "0.log.7", "0.log.10", "0.log"]
    # a file under two names (during adoption) is listed once, by its number
    os.link(log, tmp_path / "0.log.11")
    assert [p.name for p in log_files(log)] == ["0.log.2", "0.log.7", "0.log.10", "0.log.11"]
    assert log_files(tmp_path / "missing" / "0.log") == []


def test_served_files_hide_what_comes_before_a_possible_hole(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=1024)  # a read per record; podd late: no sync
    while conmon.rotations < 2:  # armed, then unarmed: cut between two reads
        conmon.out("x" * 60)
    assert [p.name for p in log_files(log)] == ["0.log.1", "0.log.3", "0.log"]
    assert [p.name for p in served_files(log)] == ["0.log"]  # nothing shows it follows
    while conmon.rotations < 3:  # the plain file of rotation 2 is lost
        conmon.out("y" * 60)
    assert [p.name for p in log_files(log)] == ["0.log.1", "0.log.3", "0.log"]
    assert [p.name for p in served_files(log)] == ["0.log"]
    conmon.close()


def test_served_files_keep_a_proven_follower(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=16384)
    data = b"".join(f"{n:07d} {'r' * 92}\n".encode() for n in range(600))
    reads = iter([data[i : i + 8192] for i in range(0, len(data), 8192)])
    while conmon.rotations < 2:  # full reads; the unarmed rotation cuts one in two
        conmon.read("stdout", next(reads))
    conmon.read("stdout", next(reads))
    assert [p.name for p in served_files(log)] == ["0.log.1", "0.log.3", "0.log"]
    conmon.close()


def test_latest_and_prune_instances(tmp_path: Path) -> None:
    for n in range(4):
        (tmp_path / f"{n}.log.1").write_text("x")
        os.symlink(f"{n}.log.1", tmp_path / f"{n}.log")
    (tmp_path / "0.log.tmp").symlink_to("0.log.3")
    assert latest_log_path(tmp_path) == tmp_path / "3.log"
    assert prune_instances(tmp_path, keep_from=2) == [0, 1]
    assert sorted(os.listdir(tmp_path)) == ["2.log", "2.log.1", "3.log", "3.log.1"]
    assert latest_log_path(tmp_path / "nothing") is None


def test_remove_pod_logs(tmp_path: Path) -> None:
    pod = pod_log_dir(tmp_path, "ns", "p", "u")
    (pod / "c").mkdir(parents=True)
    (pod / "c" / "0.log").write_text("x")
    assert remove_pod_logs(tmp_path, "ns", "p", "u")
    assert not pod.exists()
    assert not remove_pod_logs(tmp_path, "ns", "p", "u")
