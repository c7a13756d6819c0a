"""Reading one cgroup's usage and the host's, from real files: a cgroup-shaped
tree under tmp_path (the kernel's file formats) holding this test's own pid,
and this host's /proc."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from podd.sandbox.cgroupstats import (
    MEMORY_CGROUP,
    MEMORY_RSS,
    host_cpu_usec,
    host_working_set,
    parse_keyed,
    read_host_usage,
    read_usage,
    subtree_pids,
    vm_rss,
    working_set,
)

CPU_STAT = "usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\nnr_periods 0\n"
MEMINFO = (
    "MemTotal:       16000000 kB\n"
    "MemFree:         4000000 kB\n"
    "MemAvailable:    9000000 kB\n"
    "Inactive(file):  3000000 kB\n"
)


def _cgroup(path: Path, procs: list[int], **files: str) -> Path:
    path.mkdir(parents=True)
    (path / "cpu.stat").write_text(CPU_STAT)
    (path / "cgroup.procs").write_text("".join(f"{p}\n" for p in procs))
    for name, text in files.items():
        (path / name.replace("_", ".", 1)).write_text(text)
    return path


def test_keyed_files_parse_to_ints_and_skip_junk() -> None:
    assert parse_keyed(CPU_STAT)["usage_usec"] == 1234567
    assert parse_keyed("a 1\nbroken\nb x\n") == {"a": 1}
    assert parse_keyed(None) == {}


def test_working_set_is_usage_less_inactive_file_never_negative() -> None:
    assert working_set(10_000, {"inactive_file": 4_000}) == 6_000
    assert working_set(10_000, {}) == 10_000
    assert working_set(1_000, {"inactive_file": 4_000}) == 0


def test_vm_rss_of_a_status_file() -> None:
    assert vm_rss("Name:\tsh\nVmRSS:\t    2048 kB\n") == 2048 * 1024
    assert vm_rss("Name:\tkthreadd\n") == 0  # a kernel thread has no VmRSS


def test_the_memory_controller_gives_the_working_set(tmp_path: Path) -> None:
    cg = _cgroup(
        tmp_path / "ctr",
        [],
        memory_current="10485760\n",
        memory_stat="anon 6000000\ninactive_file 4194304\n",
        memory_events="low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n",
        pids_current="4\n",
    )
    usage = read_usage(cg)
    assert usage is not None
    assert usage.cpu_usec == 1234567
    assert usage.memory_source == MEMORY_CGROUP
    assert (usage.memory_current, usage.working_set) == (10485760, 10485760 - 4194304)
    assert (usage.pids, usage.oom_kills) == (4, 1)


def test_without_the_memory_controller_the_processes_rss_is_summed(tmp_path: Path) -> None:
    # A hybrid host's v2 tree: no memory.current, no pids.current. The pid
    # is this test's, in a leaf below the cgroup (the walk finds it).
    cg = _cgroup(tmp_path / "pod", [])
    _cgroup(cg / "ctr-main-abc", [os.getpid()])
    usage = read_usage(cg)
    assert usage is not None
    own = vm_rss(Path(f"/proc/{os.getpid()}/status").read_text())
    assert own > 0
    assert usage.memory_source == MEMORY_RSS
    assert usage.memory_current is None and usage.oom_kills is None
    # This process's RSS changes between the two reads; same order of size.
    assert own // 2 < usage.working_set < own * 2
    assert usage.pids == 1


def test_a_pid_that_is_gone_counts_nothing(tmp_path: Path) -> None:
    cg = _cgroup(tmp_path / "ctr", [2**22 + 7])  # above pid_max's ceiling: never a process
    usage = read_usage(cg)
    assert usage is not None and usage.working_set == 0


def test_a_removed_cgroup_reads_as_none(tmp_path: Path) -> None:
    assert read_usage(tmp_path / "gone") is None


def test_the_subtree_walk_is_bounded(tmp_path: Path) -> None:
    cg = _cgroup(tmp_path / "a", [11])
    deep = cg
    for i in range(300):
        deep = deep / f"c{i}"
        deep.mkdir()
        (deep / "cgroup.procs").write_text(f"{1000 + i}\n")
    pids = subtree_pids(cg)
    assert pids[0] == 11
    assert len(pids) == 256  # the cgroup itself and 255 below it


def test_host_cpu_counts_busy_time_only() -> None:
    stat = "cpu  100 20 30 5000 70 1 2 3 40 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n"
    # user+nice+system+irq+softirq+steal = 100+20+30+1+2+3 jiffies at 100 Hz
    assert host_cpu_usec(stat, 100) == 156 * 10_000
    with pytest.raises(ValueError):
        host_cpu_usec("intr 1 2\n", 100)


def test_host_working_set_is_used_less_inactive_file() -> None:
    assert host_working_set(MEMINFO) == (16000000 - 4000000 - 3000000) * 1024


def test_this_host_reads() -> None:
    host = read_host_usage()
    assert host.cpu_usec > 0
    total = int(Path("/proc/meminfo").read_text().split()[1]) * 1024
    assert 0 < host.working_set < total
