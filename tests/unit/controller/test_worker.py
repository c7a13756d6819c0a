"""The pod worker against fake container and sandbox runtimes, with the real
store and event recorder: spec changes, exits, deletion, adoption."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import pytest

from podd.controller.backoff import BackoffPolicy
from podd.controller.configs import PodConfigs, read_configs
from podd.controller.deps import Containers, WorkerDeps
from podd.controller.hooks import HookRunner
from podd.controller.imagepull import ImagePuller
from podd.controller.observed import Instance
from podd.controller.podstore import PodStore, decode_pod
from podd.controller.probes import ProbeManager
from podd.controller.runtime_api import Recovered
from podd.controller.spechash import container_hash
from podd.controller.worker import PodWorker
from podd.model.defaults import default_pod
from podd.model.event import Event
from podd.model.meta import ObjectMeta
from podd.model.namespace import Namespace
from podd.model.pod import Pod
from podd.model.timeutil import now_rfc3339
from podd.store import migrate
from podd.store.events import EventRecorder
from podd.store.repository import Store
from tests.unit.controller.fakes import FakeImages, FakeRuntime, FakeSandboxes, sandbox_state


@dataclass
class World:
    store: Store
    deps: WorkerDeps
    runtime: FakeRuntime
    sandboxes: FakeSandboxes
    images: FakeImages
    removed_files: list[str]


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    db = tmp_path / "podd.db"
    await asyncio.to_thread(migrate.upgrade, db)
    store = Store(db)
    await store.open()
    await store.create("Namespace", Namespace(metadata=ObjectMeta(name="default")))
    events = EventRecorder(store, "kubelet", "node")
    runtime, sandboxes, images = FakeRuntime(), FakeSandboxes(), FakeImages("busybox:1")
    probes = ProbeManager()
    removed: list[str] = []

    async def configs(ns: str) -> PodConfigs:
        return await read_configs(store, ns)

    async def remove_files(pod: Pod, _pid: int | None) -> None:
        removed.append(pod.metadata.uid or "")

    deps = WorkerDeps(
        events=events,
        pods=PodStore(store),
        configs=configs,
        remove_files=remove_files,
        backoff=BackoffPolicy(10.0, 300.0, 600.0),
        sandbox_backoff=BackoffPolicy(1.0, 60.0, 600.0),
        sandboxes=sandboxes,
        containers=Containers(
            runtime,
            ImagePuller(images, events),  # type: ignore[arg-type]
            probes,
            HookRunner(probes, runtime),
        ),
    )
    yield World(store, deps, runtime, sandboxes, images, removed)
    await probes.close()
    await store.close()


async def create_pod(w: World, **spec: Any) -> Pod:
    raw: dict[str, Any] = {
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {
            "nodeName": "node",
            "terminationGracePeriodSeconds": 5,
            "containers": [{"name": "app", "image": "busybox:1"}],
            **spec,
        },
        "status": {"phase": "Pending"},
    }
    pod = default_pod(msgspec.convert(raw, Pod))
    stored = await w.store.create("Pod", pod)
    return decode_pod(stored.data)


async def current(w: World, pod: Pod) -> Pod:
    stored = await w.store.get("Pod", "default", pod.metadata.name or "")
    assert stored is not None
    return decode_pod(stored.data)


async def settle(worker: PodWorker, rounds: int = 6) -> None:
    """Sync until nothing is left to do now (kills awaited in between)."""
    for _ in range(rounds):
        if worker.done:
            return
        await worker.sync()
        if worker.kills:
            await asyncio.gather(*worker.kills.values())
        await asyncio.sleep(0)


async def reasons(w: World) -> list[tuple[str, str]]:
    items, _, _ = await w.store.query("Event", "default")
    evs = [msgspec.json.decode(i.data, type=Event) for i in items]
    return [(e.reason or "", e.message or "") for e in evs]


def app_status(pod: Pod) -> Any:
    return next(s for s in pod.status.container_statuses or [] if s.name == "app")


async def test_fresh_pod_runs_with_events_in_order(world: World) -> None:
    pod = await create_pod(world)
    worker = PodWorker(world.deps, pod)
    await settle(worker)
    now = await current(world, pod)
    assert now.status.phase == "Running"
    assert app_status(now).state.running is not None
    # The image is there (IfNotPresent): the kubelet's "already present" Pulled.
    got = await reasons(world)
    assert [r for r, _ in got] == ["SandboxCreated", "Pulled", "Created", "Started"]
    assert got[1][1] == 'Container image "busybox:1" already present on machine'
    assert len(world.sandboxes.created) == 1 and len(world.runtime.started) == 1


async def test_changed_image_restarts_the_container_from_the_new_spec(world: World) -> None:
    pod = await create_pod(world)
    worker = PodWorker(world.deps, pod)
    await settle(worker)
    first = world.runtime.latest("app")
    before = app_status(await current(world, pod))

    changed = await current(world, pod)
    changed.spec.containers[0].image = "busybox:2"
    await world.store.update("Pod", changed)
    await settle(worker)

    after = app_status(await current(world, pod))
    assert world.runtime.instances[first.id].running is False
    assert world.runtime.stopped[0][0] == first.id
    assert world.runtime.stopped[0][2] == pytest.approx(5.0, abs=0.5)  # its grace period
    assert after.state.running is not None and after.restart_count == 1
    assert after.image_id != before.image_id and world.images.pulls == ["busybox:2"]
    assert world.runtime.started[-1].container.image == "busybox:2"
    assert world.runtime.started[-1].spec_hash == container_hash(changed.spec.containers[0])
    assert ("Killing", "Container app definition changed, will be restarted") in await reasons(
        world
    )
    # A definition change is no crash: no CrashLoopBackOff held the restart.
    assert worker.record("app").crash_count == 0


async def test_changed_definition_restarts_even_with_restart_policy_never(world: World) -> None:
    pod = await create_pod(world, restartPolicy="Never")
    worker = PodWorker(world.deps, pod)
    await settle(worker)
    changed = await current(world, pod)
    changed.spec.containers[0].image = "busybox:2"
    await world.store.update("Pod", changed)
    await settle(worker)
    now = await current(world, pod)
    assert now.status.phase == "Running" and app_status(now).restart_count == 1


async def test_exit_with_restart_policy_never_finishes_the_pod(world: World) -> None:
    pod = await create_pod(world, restartPolicy="Never")
    worker = PodWorker(world.deps, pod)
    await settle(worker)
    world.runtime.exit(world.runtime.latest("app").id, 3)
    await settle(worker)
    now = await current(world, pod)
    assert now.status.phase == "Failed"
    assert app_status(now).state.terminated.exit_code == 3
    assert world.sandboxes.destroyed == [pod.metadata.uid]  # freed once terminal


async def test_graceful_deletion_stops_everything_and_removes_the_pod(world: World) -> None:
    pod = await create_pod(world)
    worker = PodWorker(world.deps, pod)
    await settle(worker)
    marked = await current(world, pod)
    marked.metadata.deletion_timestamp = now_rfc3339()
    marked.metadata.deletion_grace_period_seconds = 5
    await world.store.update("Pod", marked)
    await settle(worker)
    assert await world.store.get("Pod", "default", "web") is None
    assert worker.done
    assert world.sandboxes.destroyed == [pod.metadata.uid]
    assert world.removed_files == [pod.metadata.uid]
    assert world.runtime.removed_pods == [pod.metadata.uid]


async def test_active_deadline_set_later_takes_effect_at_once(world: World) -> None:
    pod = await create_pod(world)
    worker = PodWorker(world.deps, pod)
    await settle(worker)
    now = await current(world, pod)
    now.spec.active_deadline_seconds = 1
    now.status.start_time = "2000-01-01T00:00:00Z"
    await world.store.update("Pod", now)
    await settle(worker)
    done = await current(world, pod)
    assert done.status.phase == "Failed" and done.status.reason == "DeadlineExceeded"


async def test_running_containers_are_adopted_not_restarted(world: World) -> None:
    pod = await create_pod(world)
    uid = pod.metadata.uid or ""
    inst = Instance(id="old-1", running=True, started_at=1_700_000_000.0)
    world.sandboxes.on_disk[uid] = sandbox_state(uid)
    world.runtime.found[uid] = [
        Recovered("app", 2, inst, "sha256:abc", container_hash(pod.spec.containers[0]))
    ]
    worker = PodWorker(world.deps, pod)
    await settle(worker)
    assert world.sandboxes.created == [] and world.runtime.started == []
    st = app_status(await current(world, pod))
    assert st.state.running is not None and st.restart_count == 2


async def test_adopted_container_of_an_older_definition_is_restarted(world: World) -> None:
    pod = await create_pod(world)
    uid = pod.metadata.uid or ""
    inst = Instance(id="old-1", running=True, started_at=1_700_000_000.0)
    world.sandboxes.on_disk[uid] = sandbox_state(uid)
    world.runtime.found[uid] = [Recovered("app", 0, inst, "sha256:abc", "0000older0000000")]
    worker = PodWorker(world.deps, pod)
    await settle(worker)
    assert [s[0] for s in world.runtime.stopped] == ["old-1"]
    assert app_status(await current(world, pod)).restart_count == 1


async def test_failed_pull_shows_err_image_pull(world: World) -> None:
    world.images.broken.add("nope:1")
    pod = await create_pod(world, containers=[{"name": "app", "image": "nope:1"}])
    worker = PodWorker(world.deps, pod)
    await settle(worker)
    st = app_status(await current(world, pod))
    assert st.state.waiting is not None
    assert st.state.waiting.reason in ("ErrImagePull", "ImagePullBackOff")
    assert "manifest unknown" in (worker.record("app").waiting_message or "")


async def test_dead_network_is_restored_without_touching_containers(world: World) -> None:
    pod = await create_pod(world)
    worker = PodWorker(world.deps, pod)
    await settle(worker)
    first = world.runtime.latest("app")
    uid = pod.metadata.uid or ""
    world.sandboxes.network[uid] = False
    await worker.sync()
    assert world.sandboxes.restored == [uid]
    assert world.runtime.instances[first.id].running and world.runtime.stopped == []
    assert worker.state is not None and worker.state.slirp.pid == 111
    await settle(worker)
    ready = next(
        c for c in (await current(world, pod)).status.conditions or [] if c.type == "Ready"
    )
    assert ready.status == "True"
    assert "NetworkRestored" in [r for r, _ in await reasons(world)]


async def test_deleted_pod_whose_teardown_was_cut_short_leaves_no_sandbox_dir(
    world: World,
) -> None:
    pod = await create_pod(world)
    uid = pod.metadata.uid or ""
    # A podd killed in the middle of removing the sandbox dir: the state file
    # is gone, the dir is not.
    world.sandboxes.half_removed.add(uid)
    marked = await current(world, pod)
    marked.metadata.deletion_timestamp = now_rfc3339()
    marked.metadata.deletion_grace_period_seconds = 5
    await world.store.update("Pod", marked)
    worker = PodWorker(world.deps, await current(world, pod))
    await settle(worker)
    assert await world.store.get("Pod", "default", "web") is None
    assert world.sandboxes.half_removed == set()
