"""Builders for planner/status table tests: one base pod, mutated per case."""

from __future__ import annotations

from typing import Any

import msgspec

from podd.controller.observed import (
    ContainerRecord,
    Instance,
    PodObservation,
    SandboxObservation,
)
from podd.model.defaults import default_pod
from podd.model.pod import Pod
from podd.sandbox import PauseHandle, SandboxHealth, SandboxState
from podd.sandbox.etcfiles import EtcPaths
from podd.sandbox.network import SlirpHandle

NOW = 1_800_000_000.0


def pod(**spec: Any) -> Pod:
    raw: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p", "namespace": "default", "uid": "u1"},
        "spec": {"containers": [{"name": "app", "image": "busybox"}], **spec},
        "status": {"phase": "Pending"},
    }
    return default_pod(msgspec.convert(raw, Pod))


def sandbox(alive: bool = True) -> SandboxObservation:
    state = SandboxState(
        uid="u1",
        pause=PauseHandle(10, 1, "p"),
        slirp=SlirpHandle(11, 2, "/x/slirp.sock", "/x/slirp.log"),
        runtime_dir="/x",
        cgroup_path=None,
        pod_ip="10.0.2.100",
        gateway="10.0.2.2",
        dns_server="10.0.2.3",
        etc=EtcPaths("/x/hosts", "/x/hostname", "/x/resolv.conf"),
    )
    return SandboxObservation(state=state, health=SandboxHealth(alive, alive, alive))


def running(name: str, started_at: float = NOW - 5, **kw: Any) -> ContainerRecord:
    inst = Instance(id=f"{name}-id", running=True, started_at=started_at)
    return ContainerRecord(name=name, instance=inst, started=True, **kw)


def exited(
    name: str, code: int, finished_at: float = NOW - 1, started_at: float | None = None, **kw: Any
) -> ContainerRecord:
    inst = Instance(
        id=f"{name}-id",
        running=False,
        started_at=started_at or finished_at - 1,
        finished_at=finished_at,
        exit_code=code,
        reason="Completed" if code == 0 else "Error",
    )
    return ContainerRecord(name=name, instance=inst, **kw)


def obs(
    *records: ContainerRecord,
    initialized: bool = True,
    alive: bool = True,
    probes: dict[tuple[str, str], str] | None = None,
) -> PodObservation:
    return PodObservation(
        sandbox=sandbox(alive),
        containers={r.name: r for r in records},
        initialized=initialized,
        probes=probes or {},  # type: ignore[arg-type]
    )
