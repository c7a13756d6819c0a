"""What one cgroup (and the host) uses right now: cumulative cpu time, the
memory working set, pids and OOM kills, read from files only.

The parsers are pure (text in, numbers out); ``read_usage`` and
``read_host_usage`` read the files. Rates over a window are the sampler's
job (``podd.controller.usage``).

* cpu: ``cpu.stat`` ``usage_usec``: cgroup v2 keeps it in every cgroup, with
  or without the cpu controller enabled.
* memory: the working set as cAdvisor (and so metrics-server and ``kubectl
  top``) reports it: ``memory.current`` less ``inactive_file`` of
  ``memory.stat``. Where the memory controller is not in the tree (a cgroup
  HYBRID host: the v1 hierarchies hold it, the v2 tree has none, so no
  ``memory.current``), the sum of the resident set (``VmRSS``) of every
  process in the cgroup and its descendants. That counts pages shared
  between those processes once per process and no page cache: close to the
  working set of a container's few processes, and the only figure the host
  gives without the controller.
* the host (a node's usage, as the kubelet's node summary of the root
  cgroup): busy jiffies of ``/proc/stat``, and ``MemTotal - MemFree -
  Inactive(file)`` of ``/proc/meminfo`` (the root's usage less its inactive
  page cache, as cAdvisor computes the root's working set).
"""

from __future__ import annotations

import os
from pathlib import Path

import msgspec

__all__ = [
    "CgroupUsage",
    "HostUsage",
    "host_cpu_usec",
    "host_working_set",
    "parse_keyed",
    "read_host_usage",
    "read_usage",
    "subtree_pids",
    "vm_rss",
    "working_set",
]

MEMORY_CGROUP = "memory.current"
MEMORY_RSS = "rss"  # the sum of the processes' VmRSS (no memory controller)
_MAX_CGROUPS = 256  # a subtree walk never goes further (a container's leaf has none)


class CgroupUsage(msgspec.Struct, frozen=True, kw_only=True):
    """One reading of one cgroup."""

    cpu_usec: int  # cumulative cpu time of the cgroup's processes (cpu.stat usage_usec)
    working_set: int  # bytes
    memory_source: str  # MEMORY_CGROUP | MEMORY_RSS
    memory_current: int | None = None  # memory.current, where the controller is
    pids: int = 0  # pids.current, else the processes counted
    oom_kills: int | None = None  # memory.events oom_kill, where the controller is


class HostUsage(msgspec.Struct, frozen=True, kw_only=True):
    cpu_usec: int  # busy cpu time of every cpu since boot
    working_set: int  # bytes


def parse_keyed(text: str | None) -> dict[str, int]:
    """``key value`` lines (cpu.stat, memory.stat, memory.events) as a dict."""
    out: dict[str, int] = {}
    for line in (text or "").splitlines():
        key, _, value = line.partition(" ")
        try:
            out[key] = int(value.strip())
        except ValueError:
            continue
    return out


def working_set(current: int, stat: dict[str, int]) -> int:
    """cAdvisor's working set: usage less the inactive page cache, never below 0."""
    return max(0, current - stat.get("inactive_file", 0))


def vm_rss(status: str) -> int:
    """Bytes of ``VmRSS`` in a ``/proc/<pid>/status`` (0 for a kernel thread or a zombie)."""
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            parts = line.split()
            return int(parts[1]) * 1024 if len(parts) > 1 and parts[1].isdigit() else 0
    return 0


def host_cpu_usec(stat: str, ticks_per_second: int) -> int:
    """Busy time of every cpu from ``/proc/stat``'s ``cpu`` line: user, nice,
    system, irq, softirq, steal (idle and iowait are not use; guest time is
    already in user)."""
    for line in stat.splitlines():
        fields = line.split()
        if fields and fields[0] == "cpu":
            values = [int(v) for v in fields[1:9]] + [0] * 8
            user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
            busy = user + nice + system + irq + softirq + steal
            return busy * 1_000_000 // ticks_per_second
    raise ValueError("no cpu line in /proc/stat")


def host_working_set(meminfo: str) -> int:
    """``MemTotal - MemFree - Inactive(file)`` in bytes: the root cgroup's
    usage less its inactive page cache, as cAdvisor reports a node's."""
    values: dict[str, int] = {}
    for line in meminfo.splitlines():
        key, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            values[key] = int(parts[0]) * 1024
    used = values.get("MemTotal", 0) - values.get("MemFree", 0)
    return max(0, used - values.get("Inactive(file)", 0))


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None


def subtree_pids(path: Path) -> list[int]:
    """The pids of ``path`` and of the cgroups below it (a bounded walk)."""
    pids: list[int] = []
    todo, seen = [path], 0
    while todo and seen < _MAX_CGROUPS:
        cgroup = todo.pop()
        seen += 1
        text = _read(cgroup / "cgroup.procs")
        pids += [int(p) for p in (text or "").split() if p.isdigit()]
        try:
            todo += [Path(e.path) for e in os.scandir(cgroup) if e.is_dir(follow_symlinks=False)]
        except OSError:
            continue
    return pids


def _rss_sum(pids: list[int], proc: Path) -> int:
    total = 0
    for pid in pids:
        status = _read(proc / str(pid) / "status")
        if status is not None:  # gone since cgroup.procs was read: not counted
            total += vm_rss(status)
    return total


def read_usage(path: Path, proc: Path = Path("/proc")) -> CgroupUsage | None:
    """One reading of the cgroup at ``path``; None when it is gone. Blocking
    (a few small files, a ``status`` per process without the memory
    controller): run it in a thread."""
    cpu_text = _read(path / "cpu.stat")
    if cpu_text is None:
        return None
    cpu = parse_keyed(cpu_text).get("usage_usec", 0)
    current_text = _read(path / MEMORY_CGROUP)
    pids_text = _read(path / "pids.current")
    pids: list[int] | None = None
    if current_text is not None and current_text.strip().isdigit():
        current: int | None = int(current_text)
        ws = working_set(int(current_text), parse_keyed(_read(path / "memory.stat")))
        source = MEMORY_CGROUP
        oom: int | None = parse_keyed(_read(path / "memory.events")).get("oom_kill", 0)
    else:
        current, oom, source = None, None, MEMORY_RSS
        pids = subtree_pids(path)
        ws = _rss_sum(pids, proc)
    if pids_text is not None and pids_text.strip().isdigit():
        count = int(pids_text)
    else:
        count = len(pids if pids is not None else subtree_pids(path))
    return CgroupUsage(
        cpu_usec=cpu,
        working_set=ws,
        memory_source=source,
        memory_current=current,
        pids=count,
        oom_kills=oom,
    )


def read_host_usage(proc: Path = Path("/proc")) -> HostUsage:
    """The host's busy cpu time and working set (blocking, two small files)."""
    ticks = os.sysconf("SC_CLK_TCK") or 100
    return HostUsage(
        cpu_usec=host_cpu_usec((proc / "stat").read_text(), ticks),
        working_set=host_working_set((proc / "meminfo").read_text()),
    )
