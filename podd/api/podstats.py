"""``/podd/v1/namespaces/{ns}/pods/{name}/stats``: podd's kubelet-like view of
a pod's usage, the raw numbers behind ``kubectl top`` (``metrics``): for the
pod's cgroup and each running container's leaf, the cumulative cpu time
(``cpu.stat`` usage_usec), the cpu rate over the sampler's window, the memory
working set and where it came from (``memory.current`` less inactive_file,
or the processes' summed RSS where the memory controller is not delegated),
``memory.current``, the processes (``pids.current``) and the OOM kills
(``memory.events`` oom_kill) where the host has them. A pod without a
sandbox has no cgroup: ``pod`` is null and ``containers`` empty.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import msgspec
from litestar import Request, Response, get

from podd.api import resources as res
from podd.api.pods import PODS
from podd.api.respond import json_response
from podd.api.routes import services
from podd.controller.usage import Usage
from podd.model.pod import Pod
from podd.sandbox.cgroupstats import CgroupUsage, read_usage

__all__ = ["HANDLERS", "CgroupStats", "ContainerStats", "PodStats"]


class CgroupStats(msgspec.Struct, rename="camel", kw_only=True):
    cgroup: str
    cpu_usage_usec: int  # cumulative
    memory_working_set_bytes: int
    memory_source: str  # memory.current | rss
    pids: int
    memory_current_bytes: int | None = None  # where the memory controller is
    oom_kills: int | None = None  # where the memory controller is
    cpu_nanocores: int | None = None  # over window_seconds; None until two samples
    window_seconds: float | None = None


class ContainerStats(CgroupStats, kw_only=True):
    name: str


class PodStats(msgspec.Struct, rename="camel", kw_only=True):
    namespace: str
    name: str
    uid: str
    timestamp: float  # epoch seconds of this reading
    pod: CgroupStats | None = None
    containers: list[ContainerStats] = []


def _fields(path: str, raw: CgroupUsage, rate: Usage | None) -> dict[str, Any]:
    return {
        "cgroup": path,
        "cpu_usage_usec": raw.cpu_usec,
        "memory_working_set_bytes": raw.working_set,
        "memory_source": raw.memory_source,
        "pids": raw.pids,
        "memory_current_bytes": raw.memory_current,
        "oom_kills": raw.oom_kills,
        "cpu_nanocores": rate.nanocores if rate else None,
        "window_seconds": round(rate.window, 3) if rate else None,
    }


def _read_all(paths: list[str]) -> dict[str, CgroupUsage]:
    return {p: u for p in paths if (u := read_usage(Path(p))) is not None}


@get(
    "/podd/v1/namespaces/{namespace:str}/pods/{name:str}/stats",
    name="pods-stats-get",
    opt={"openapi": {"verb": "stats", "tag": "Pod", "response": PodStats, "errors": (404,)}},
)
async def get_stats(request: Request[Any, Any, Any], namespace: str, name: str) -> Response[bytes]:
    svc = services(request)
    pod = msgspec.json.decode((await res.get_object(svc, PODS, namespace, name)).data, type=Pod)
    uid = pod.metadata.uid or ""
    out = PodStats(namespace=namespace, name=name, uid=uid, timestamp=time.time())
    sampler = svc.usage
    root = sampler.cgroups.pod(uid) if sampler is not None else None
    if sampler is None or root is None:
        return json_response(out)
    leaves = sampler.cgroups.containers(uid)
    paths = [root, *leaves.values()]
    rates = await sampler.rates(paths)
    raw = await asyncio.to_thread(_read_all, paths)
    if root in raw:
        out.pod = CgroupStats(**_fields(root, raw[root], rates.get(root)))
    out.containers = [
        ContainerStats(name=n, **_fields(p, raw[p], rates.get(p)))
        for n, p in leaves.items()
        if p in raw
    ]
    return json_response(out)


HANDLERS = [get_stats]
