"""A pod worker with an ephemeral container added to its running pod (fake
runtimes, real store and events): started once with its kubelet events,
reported in ephemeralContainerStatuses, never restarted, stopped with the pod."""

from __future__ import annotations

import msgspec

from podd.controller.worker import PodWorker
from podd.model.container import EphemeralContainer
from podd.model.defaults import default_pod
from podd.model.event import Event
from podd.model.pod import Pod
from podd.model.timeutil import now_rfc3339
from tests.unit.controller.test_worker import (  # noqa: F401 - the fixture
    World,
    create_pod,
    current,
    settle,
    world,
)

FIELD = "spec.ephemeralContainers{dbg}"


async def add_debugger(w: World, pod: Pod) -> None:
    now = await current(w, pod)
    now.spec.ephemeral_containers = [
        EphemeralContainer(name="dbg", image="busybox:1", target_container_name="app")
    ]
    await w.store.update("Pod", default_pod(now))


async def events_on(w: World, field: str) -> list[str]:
    items, _, _ = await w.store.query("Event", "default")
    evs = [msgspec.json.decode(i.data, type=Event) for i in items]
    return [e.reason or "" for e in evs if e.involved_object.field_path == field]


async def test_started_once_reported_and_never_restarted(world: World) -> None:  # noqa: F811
    pod = await create_pod(world, restartPolicy="Always")
    worker = PodWorker(world.deps, pod)
    await settle(worker)
    await add_debugger(world, pod)
    await settle(worker)
    started = [r for r in world.runtime.started if r.container.name == "dbg"]
    assert len(started) == 1 and not started[0].init
    assert await events_on(world, FIELD) == ["Pulled", "Created", "Started"]
    now = await current(world, pod)
    s = (now.status.ephemeral_container_statuses or [])[0]
    assert s.name == "dbg" and s.state.running is not None and not s.ready
    assert [c.name for c in now.status.container_statuses or []] == ["app"]

    world.runtime.exit(world.runtime.latest("dbg").id, 0)
    await settle(worker)
    now = await current(world, pod)
    s = (now.status.ephemeral_container_statuses or [])[0]
    assert s.state.terminated is not None and s.state.terminated.reason == "Completed"
    assert s.restart_count == 0
    assert len([r for r in world.runtime.started if r.container.name == "dbg"]) == 1
    assert now.status.phase == "Running"


async def test_stopped_with_the_pod(world: World) -> None:  # noqa: F811
    pod = await create_pod(world)
    worker = PodWorker(world.deps, pod)
    await settle(worker)
    await add_debugger(world, pod)
    await settle(worker)
    dbg = world.runtime.latest("dbg").id
    marked = await current(world, pod)
    marked.metadata.deletion_timestamp = now_rfc3339()
    marked.metadata.deletion_grace_period_seconds = 5
    await world.store.update("Pod", marked)
    await settle(worker)
    assert worker.done
    assert dbg in [cid for cid, _, _ in world.runtime.stopped]
    assert "Killing" in await events_on(world, FIELD)
