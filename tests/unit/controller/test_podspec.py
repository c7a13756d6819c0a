"""The pod cgroup's limits as the kubelet's ResourceConfigForPod sizes them:
sums, overhead, init containers and sidecars, QoS classes."""

from __future__ import annotations

from typing import Any

import msgspec

from podd.controller.podspec import pod_limits, sandbox_spec
from podd.model.defaults import default_pod
from podd.model.pod import Pod
from podd.sandbox import PodLimits

MI = 1 << 20


def _pod(containers: list[dict[str, Any]], **spec: Any) -> Pod:
    body = {"metadata": {"name": "p", "uid": "u-1"}, "spec": {"containers": containers, **spec}}
    return default_pod(msgspec.convert(body, Pod))  # requests default to limits


def _c(name: str, limits: dict[str, str] | None = None, **requests: str) -> dict[str, Any]:
    resources: dict[str, Any] = {}
    if limits:
        resources["limits"] = limits
    if requests:
        resources["requests"] = requests
    return {"name": name, "image": "busybox", "resources": resources}


def test_guaranteed_sums_every_container() -> None:
    lim = {"cpu": "500m", "memory": "64Mi"}
    got = pod_limits(_pod([_c("a", lim), _c("b", lim)]))
    assert got == PodLimits(
        memory_bytes=128 * MI, cpu_millis=1000, cpu_request_millis=1000, memory_min_bytes=128 * MI
    )


def test_burstable_sets_a_limit_only_where_every_container_has_one() -> None:
    got = pod_limits(_pod([_c("a", {"memory": "64Mi"}, cpu="100m"), _c("b", cpu="200m")]))
    assert got == PodLimits(cpu_request_millis=300, memory_min_bytes=64 * MI)
    # every container limits memory, not cpu: memory.max only
    got = pod_limits(_pod([_c("a", {"memory": "64Mi"}), _c("b", {"memory": "32Mi"}, cpu="1")]))
    assert got == PodLimits(memory_bytes=96 * MI, cpu_request_millis=1000, memory_min_bytes=96 * MI)


def test_best_effort_gets_the_minimum_weight() -> None:
    assert pod_limits(_pod([_c("a"), _c("b")])) == PodLimits(cpu_request_millis=0)


def test_overhead_is_added_to_requests_and_non_zero_limits() -> None:
    lim = {"cpu": "500m", "memory": "64Mi"}
    overhead = {"cpu": "250m", "memory": "120Mi"}
    got = pod_limits(_pod([_c("a", lim)], overhead=overhead))
    assert got == PodLimits(
        memory_bytes=184 * MI, cpu_millis=750, cpu_request_millis=750, memory_min_bytes=184 * MI
    )
    # Burstable without cpu limits: the overhead still counts in the requests
    got = pod_limits(_pod([_c("a", {"memory": "64Mi"})], overhead=overhead))
    assert got == PodLimits(
        memory_bytes=184 * MI, cpu_request_millis=250, memory_min_bytes=184 * MI
    )


def test_an_init_container_larger_than_the_apps_sets_the_floor() -> None:
    lim = {"cpu": "500m", "memory": "64Mi"}
    big = {"cpu": "2", "memory": "512Mi"}
    got = pod_limits(_pod([_c("a", lim)], initContainers=[_c("init", big)]))
    assert got == PodLimits(
        memory_bytes=512 * MI, cpu_millis=2000, cpu_request_millis=2000, memory_min_bytes=512 * MI
    )
    # an init container without limits leaves the pod's memory/cpu unlimited
    got = pod_limits(_pod([_c("a", lim)], initContainers=[_c("init")]))
    assert got == PodLimits(cpu_request_millis=500, memory_min_bytes=64 * MI)


def test_sidecars_add_up_and_count_in_later_init_containers() -> None:
    sidecar = {**_c("log", {"cpu": "100m", "memory": "32Mi"}), "restartPolicy": "Always"}
    later = _c("migrate", {"cpu": "100m", "memory": "100Mi"})
    app = _c("a", {"cpu": "500m", "memory": "64Mi"})
    got = pod_limits(_pod([app], initContainers=[sidecar, later]))
    # apps + sidecars: 96Mi; "migrate" runs beside the sidecar: 132Mi
    assert got == PodLimits(
        memory_bytes=132 * MI, cpu_millis=600, cpu_request_millis=600, memory_min_bytes=132 * MI
    )


def test_sandbox_spec_carries_the_limits() -> None:
    p = _pod([_c("a", {"memory": "64Mi"})])
    assert sandbox_spec(p).limits == pod_limits(p)
