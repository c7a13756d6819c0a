"""Container cgroup leaves: names and limits (on an imitation cgroup tree)."""

from __future__ import annotations

from pathlib import Path

from podd.runtime.cgroupleaf import apply_limits, container_limits, create_leaf, leaf_path
from podd.sandbox.cgroups import PodLimits

from .helpers import container, pod


def test_container_limits() -> None:
    resources = {"limits": {"memory": "64Mi", "cpu": "500m"}, "requests": {"cpu": "100m"}}
    p = pod([{"name": "c", "resources": resources}])
    assert container_limits(container(p)) == PodLimits(
        memory_bytes=64 << 20, cpu_millis=500, cpu_request_millis=100
    )
    assert container_limits(container(pod([{"name": "c"}]))) == PodLimits()


def test_leaf_names() -> None:
    assert str(leaf_path("/cg/pod", "web", "ab" * 32)) == "/cg/pod/ctr-web-abababababab"


def test_apply_limits_reports_what_cannot_be_enforced(tmp_path: Path) -> None:
    leaf = create_leaf(tmp_path, "web", "cd" * 32)
    (leaf / "cgroup.controllers").write_text("memory pids\n")
    warnings = apply_limits(leaf, PodLimits(memory_bytes=1 << 20, cpu_millis=250))
    assert (leaf / "memory.max").read_text() == str(1 << 20)
    assert warnings == [
        "cpu limit 25000 100000 not enforced: the cpu controller is not delegated "
        "(available: memory, pids)"
    ]
