"""Reading a pod's cgroup v2 files as a user would with cat (pure where it
can be: the parsing and the arithmetic take text and numbers)."""

from __future__ import annotations

import statistics
from pathlib import Path

INFRA = "infra"  # podd's pod cgroup holds infra/ (pause) beside one leaf per container


def keyed(text: str | None) -> dict[str, int]:
    """``cpu.stat`` / ``pids.events`` / ``memory.events`` text as {key: int}."""
    out: dict[str, int] = {}
    for line in (text or "").splitlines():
        key, _, value = line.partition(" ")
        try:
            out[key] = int(value)
        except ValueError:
            continue
    return out


def cores(usage_before_usec: int, usage_after_usec: int, seconds: float) -> float:
    """CPU used between two ``usage_usec`` readings, in cores."""
    if seconds <= 0:
        raise ValueError("seconds must be positive")
    return (usage_after_usec - usage_before_usec) / 1e6 / seconds


def kubelet_cpu_weight(request_millis: int) -> int:
    """The kubelet's requests.cpu -> cpu.shares (min 2) -> cgroup v2 cpu.weight
    (libcontainer's ConvertCPUSharesToCgroupV2Value), for what QoS expects."""
    shares = max(2, request_millis * 1024 // 1000)
    return 1 + ((shares - 2) * 9999) // 262142


def median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000 if seconds else float("nan")


def read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None


def pod_dir(cgroup_root: str | Path, pod_uid: str) -> Path:
    """Where podd puts a pod (podd/sandbox/cgroups.py: <root>/podd/pods/<uid>)."""
    return Path(cgroup_root) / "podd" / "pods" / pod_uid


def container_leaves(pod: Path) -> list[Path]:
    """The pod's container cgroups: every directory below it but infra's that
    has no child cgroups (the leaf a container's processes are in)."""
    leaves = []
    for path in sorted(p for p in pod.rglob("*") if p.is_dir()):
        if INFRA in path.relative_to(pod).parts:
            continue
        if not any(child.is_dir() for child in path.iterdir()):
            leaves.append(path)
    return leaves


def snapshot(path: Path, names: tuple[str, ...]) -> dict[str, str]:
    """{file: content} of the files in ``path`` that exist ("-" where absent)."""
    return {name: read(path / name) or "-" for name in names}
