"""Extended resources backed by CDI devices: the pure plan, the allocator and
its checkpoint, and a pod worker waiting Pending for a device."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec
import pytest

from podd.cdi.spec import CDIError, ContainerEdits, DeviceNode
from podd.controller.deviceplan import (
    PodDevices,
    is_extended,
    plan_devices,
    pod_needs,
    scheduled,
    unschedulable_message,
    unschedulable_status,
)
from podd.controller.devices import Admission, DeviceAllocator, Unschedulable
from podd.controller.podstore import decode_pod
from podd.controller.worker import PodWorker
from podd.model.defaults import default_pod
from podd.model.pod import Pod
from tests.unit.controller.cases import pod as make_pod
from tests.unit.controller.test_worker import (  # noqa: F401 (the fixture)
    World,
    create_pod,
    current,
    reasons,
    settle,
    world,
)

GPU = "nvidia.com/gpu"


def gpu_container(name: str, n: int, **kw: Any) -> dict[str, Any]:
    return {"name": name, "image": "busybox", "resources": {"limits": {GPU: str(n)}}, **kw}


class FakeSource:
    """A registry of ``count`` GPUs, each also known by an alias (like an index and a UUID)."""

    def __init__(self, count: int) -> None:
        self.count = count

    def kinds(self) -> list[str]:
        return [GPU]

    def devices(self, kind: str) -> list[str]:
        names = [f"{GPU}={i}" for i in range(self.count)]
        return names + [f"{GPU}=GPU-{i}" for i in range(self.count)]

    def resolve(self, names: Sequence[str]) -> ContainerEdits:
        nodes = []
        for name in names:
            dev = name.split("=", 1)[1].removeprefix("GPU-")
            if not dev.isdigit() or int(dev) >= self.count:
                raise CDIError(f"unresolvable CDI devices {name}")
            nodes.append(DeviceNode(path=f"/dev/nvidia{dev}"))
        return ContainerEdits(device_nodes=nodes)

    def info(self) -> dict[str, Any]:
        return {"kinds": {GPU: self.devices(GPU)}}


# -- the plan -------------------------------------------------------------------


def test_extended_resource_names() -> None:
    assert is_extended(GPU) and is_extended("example.com/foo")
    assert not is_extended("cpu") and not is_extended("kubernetes.io/foo")
    assert not is_extended("hugepages-2Mi")


def test_needs_sum_apps_and_take_the_biggest_init() -> None:
    pod = make_pod(
        containers=[gpu_container("a", 1), gpu_container("b", 2), {"name": "c", "image": "x"}],
        initContainers=[gpu_container("i1", 2), gpu_container("i2", 4)],
    )
    needs = pod_needs(pod)
    assert needs.total == {GPU: 4}
    assert needs.apps == {"a": {GPU: 1}, "b": {GPU: 2}}
    assert needs.init == {"i1": {GPU: 2}, "i2": {GPU: 4}}


def test_apps_get_disjoint_devices_inits_reuse_them() -> None:
    pod = make_pod(
        containers=[gpu_container("a", 1), gpu_container("b", 2)],
        initContainers=[gpu_container("i", 2)],
    )
    free = {GPU: ["g0", "g1", "g2", "g3"]}
    got = plan_devices(pod_needs(pod), free)
    assert got == PodDevices({"a": ["g0"], "b": ["g1", "g2"], "i": ["g0", "g1"]})


def test_short_resources_are_named_as_the_scheduler_does() -> None:
    pod = make_pod(
        containers=[
            {
                "name": "a",
                "image": "x",
                "resources": {"limits": {GPU: "2", "example.com/fpga": "1"}},
            }
        ]
    )
    short = plan_devices(pod_needs(pod), {GPU: ["g0"]})
    assert short == ["example.com/fpga", GPU]
    assert unschedulable_message([GPU]) == (
        "0/1 nodes are available: 1 Insufficient nvidia.com/gpu. preemption: 0/1 nodes are "
        "available: 1 No preemption victims found for incoming pod."
    )


def test_unschedulable_status_then_scheduled_again() -> None:
    pod = make_pod(containers=[gpu_container("a", 1)])
    status = unschedulable_status(pod, "0/1 nodes are available: x", 100.0)
    assert status.phase == "Pending" and not status.container_statuses
    [cond] = status.conditions or []
    assert (cond.type, cond.status, cond.reason) == ("PodScheduled", "False", "Unschedulable")
    assert cond.message == "0/1 nodes are available: x"
    again = scheduled(status, 200.0)
    [cond] = again.conditions or []
    assert (cond.status, cond.reason) == ("True", None)


# -- the allocator ----------------------------------------------------------------


def allocator(tmp_path: Path, count: int = 1, woken: list[str] | None = None) -> DeviceAllocator:
    sink = woken if woken is not None else []
    return DeviceAllocator(FakeSource(count), tmp_path / "devices.json", sink.append)


def gpu_pod(uid: str, n: int = 1, **meta: Any) -> Any:
    pod = make_pod(containers=[gpu_container("app", n)])
    return msgspec.structs.replace(
        pod, metadata=msgspec.structs.replace(pod.metadata, uid=uid, name=uid, **meta)
    )


def test_aliases_count_once(tmp_path: Path) -> None:
    alloc = allocator(tmp_path, count=2)
    assert alloc.capacity() == {GPU: 2}
    assert alloc.info()["allocatable"] == {GPU: 2}


def test_one_device_one_pod_then_the_waiting_pod_is_woken(tmp_path: Path) -> None:
    woken: list[str] = []
    alloc = allocator(tmp_path, woken=woken)
    first = alloc.admit(gpu_pod("u1"))
    assert first == PodDevices({"app": [f"{GPU}=0"]})
    assert alloc.admit(gpu_pod("u1")) == first  # the same on every sync
    second = alloc.admit(gpu_pod("u2"))
    assert isinstance(second, Unschedulable) and "Insufficient nvidia.com/gpu" in second.message
    assert alloc.in_use() == {GPU: 1}
    alloc.release("u1")
    assert woken == ["u2"]
    assert alloc.admit(gpu_pod("u2")) == PodDevices({"app": [f"{GPU}=0"]})


def test_a_restarted_allocator_keeps_what_pods_held(tmp_path: Path) -> None:
    alloc = allocator(tmp_path, count=2)
    alloc.admit(gpu_pod("u1"))
    alloc.admit(gpu_pod("u2"))
    assert (tmp_path / "devices.json").stat().st_mode & 0o777 == 0o600
    again = allocator(tmp_path, count=2)
    assert again.admit(gpu_pod("u2")) == PodDevices({"app": [f"{GPU}=1"]})
    assert isinstance(again.admit(gpu_pod("u3")), Unschedulable)
    again.retain(["u2"])  # u1 was deleted while podd was down
    assert again.admit(gpu_pod("u3")) == PodDevices({"app": [f"{GPU}=0"]})


def test_annotations_add_shared_devices_and_unknown_ones_fail(tmp_path: Path) -> None:
    alloc = allocator(tmp_path, count=2)
    pod = gpu_pod("u1", annotations={"cdi.k8s.io/x": f"{GPU}=1"})
    alloc.admit(pod)
    assert alloc.names(pod, "app") == [f"{GPU}=0", f"{GPU}=1"]
    edits = alloc.edits(pod, "app")
    assert edits is not None
    assert [n.path for n in edits.device_nodes] == ["/dev/nvidia0", "/dev/nvidia1"]
    bad = gpu_pod("u2", annotations={"cdi.k8s.io/x": f"{GPU}=7"})
    with pytest.raises(CDIError, match="unresolvable"):
        alloc.edits(bad, "app")
    plain = make_pod()
    plain = msgspec.structs.replace(
        plain, metadata=msgspec.structs.replace(plain.metadata, uid="u9")
    )
    assert alloc.admit(plain) == PodDevices() and alloc.edits(plain, "app") is None


# -- a worker waits for its device ---------------------------------------------


async def test_second_gpu_pod_waits_pending_until_the_first_is_gone(
    world: World,  # noqa: F811
    tmp_path: Path,
) -> None:
    woken: list[str] = []
    alloc = allocator(tmp_path, woken=woken)
    deps = dataclasses.replace(world.deps, devices=alloc)
    first = await create_pod(world, containers=[gpu_container("app", 1, image="busybox:1")])
    w1 = PodWorker(deps, first)
    await settle(w1)
    assert (await current(world, first)).status.phase == "Running"

    second = await stored_pod(world, "second", [gpu_container("app", 1, image="busybox:1")])
    w2 = PodWorker(deps, second)
    await settle(w2)
    now = await current(world, second)
    assert now.status.phase == "Pending" and not now.status.container_statuses
    [cond] = now.status.conditions or []
    assert (cond.type, cond.status, cond.reason) == ("PodScheduled", "False", "Unschedulable")
    assert "1 Insufficient nvidia.com/gpu" in (cond.message or "")
    assert len(world.sandboxes.created) == 1  # nothing was built for it
    assert ("FailedScheduling", cond.message) in await reasons(world)

    await world.store.delete("Pod", await current(world, first))
    await settle(w1)
    assert w1.done and woken == [second.metadata.uid]
    await settle(w2)
    now = await current(world, second)
    assert now.status.phase == "Running"
    cond = next(c for c in now.status.conditions or [] if c.type == "PodScheduled")
    assert cond.status == "True"
    assert alloc.names(now, "app") == [f"{GPU}=0"]
    assert ("Scheduled", "Successfully assigned default/second to node") in await reasons(world)


async def test_admission_without_devices_admits_everything(world: World) -> None:  # noqa: F811
    pod = await create_pod(world)
    assert await Admission(None, world.deps.events).admit(pod)


async def stored_pod(w: World, name: str, containers: list[dict[str, Any]]) -> Pod:
    raw: dict[str, Any] = {
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"nodeName": "node", "containers": containers},
        "status": {"phase": "Pending"},
    }
    stored = await w.store.create("Pod", default_pod(msgspec.convert(raw, Pod)))
    return decode_pod(stored.data)


async def test_a_run_that_never_started_names_the_runtime_that_tried(
    world: World,  # noqa: F811
) -> None:
    from podd.controller.runtime_api import ContainerStartError, StartRequest

    async def refuse(req: StartRequest) -> Any:
        raise ContainerStartError("crun: cannot start", "crun")

    world.runtime.start = refuse  # type: ignore[method-assign]
    pod = await create_pod(world, restartPolicy="Never")
    await settle(PodWorker(world.deps, pod))
    [status] = (await current(world, pod)).status.container_statuses or []
    assert status.state.terminated is not None
    assert status.state.terminated.container_id == "crun://failed-0"
