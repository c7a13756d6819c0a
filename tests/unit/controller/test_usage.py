"""The usage sampler: rates over the window between the last two samples,
what a pod with a container not yet sampled twice gives (nothing, as
metrics-server), and which cgroups a worker's pod has. Samples are read from
real cgroup-shaped files under tmp_path, their counters advanced by the test."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import pytest

from podd.controller.observed import ContainerRecord, Instance
from podd.controller.usage import (
    NODE,
    ManagerCgroups,
    Sample,
    Samples,
    Usage,
    UsageSampler,
    rate,
)
from tests.unit.controller.cases import pod, sandbox


def test_rate_is_cpu_time_over_the_window_and_memory_of_the_newer() -> None:
    prev = Sample(at=100.0, mono=10.0, cpu_usec=1_000_000, working_set=5)
    last = Sample(at=102.0, mono=12.0, cpu_usec=2_000_000, working_set=7)
    # 1 s of cpu in 2 s: half a core
    assert rate(prev, last) == Usage(timestamp=102.0, window=2.0, nanocores=500_000_000, memory=7)


def test_no_rate_without_time_or_when_the_counter_goes_back() -> None:
    a = Sample(at=1.0, mono=1.0, cpu_usec=10, working_set=1)
    assert rate(a, a) is None
    assert rate(a, Sample(at=2.0, mono=2.0, cpu_usec=5, working_set=1)) is None


def test_samples_keep_the_last_two_and_drop_a_too_close_one() -> None:
    s = Samples(min_gap=1.0)
    s.add("k", Sample(0.0, 0.0, 0, 1))
    assert s.usage("k") is None  # one sample: no rate yet
    s.add("k", Sample(0.5, 0.5, 999, 1))  # closer than min_gap: dropped
    s.add("k", Sample(2.0, 2.0, 1_000, 2))
    s.add("k", Sample(4.0, 4.0, 3_000, 3))
    usage = s.usage("k")
    assert usage is not None and usage.window == 2.0 and usage.nanocores == 1_000_000
    s.keep(["other"])
    assert s.newest("k") is None and len(s) == 0


def _leaf(path: Path, cpu_usec: int) -> str:
    path.mkdir(parents=True, exist_ok=True)
    (path / "cpu.stat").write_text(f"usage_usec {cpu_usec}\nuser_usec 0\nsystem_usec 0\n")
    (path / "memory.current").write_text("8388608\n")
    (path / "memory.stat").write_text("inactive_file 4194304\n")
    return str(path)


@dataclass
class Cgroups:
    pods: dict[str, dict[str, str]] = field(default_factory=dict)

    def running(self) -> list[str]:
        return [leaf for leaves in self.pods.values() for leaf in leaves.values()]

    def containers(self, uid: str) -> dict[str, str]:
        return dict(self.pods.get(uid, {}))

    def pod(self, uid: str) -> str | None:
        leaves = self.pods.get(uid)
        return str(Path(next(iter(leaves.values()))).parent) if leaves else None


async def test_a_pod_shows_once_every_container_has_two_samples(tmp_path: Path) -> None:
    app, side = tmp_path / "pod" / "ctr-app-1", tmp_path / "pod" / "ctr-side-2"
    cgroups = Cgroups({"u1": {"app": _leaf(app, 0)}})
    sampler = UsageSampler(cgroups, min_gap=0.0)
    await sampler.tick()
    assert len(sampler.samples) == 2  # the node and the one leaf
    _leaf(app, 500_000)
    usage = await sampler.pod_usage("u1")  # the reader's own sample is the second
    assert usage is not None and set(usage) == {"app"}
    assert usage["app"].nanocores > 0
    assert usage["app"].memory == 8388608 - 4194304
    # A second container started: no pod metrics until it has two samples.
    cgroups.pods["u1"]["side"] = _leaf(side, 0)
    assert await sampler.pod_usage("u1") is None
    _leaf(side, 10)
    again = await sampler.pod_usage("u1")
    assert again is not None and set(again) == {"app", "side"}
    assert await sampler.pod_usage("unknown") is None


async def test_a_tick_forgets_what_stopped_running(tmp_path: Path) -> None:
    cgroups = Cgroups({"u1": {"app": _leaf(tmp_path / "a", 0)}})
    sampler = UsageSampler(cgroups, min_gap=0.0)
    await sampler.tick()
    cgroups.pods.clear()
    await sampler.tick()
    assert len(sampler.samples) == 1 and sampler.samples.newest(NODE) is not None


async def test_the_node_is_this_host(tmp_path: Path) -> None:
    sampler = UsageSampler(Cgroups(), min_gap=0.0)
    assert await sampler.node_usage() is None  # the first sample
    await asyncio.sleep(0.01)
    usage = await sampler.node_usage()
    assert usage is not None and usage.memory > 0 and usage.window > 0


async def test_a_removed_cgroup_is_skipped_and_the_loop_stops(tmp_path: Path) -> None:
    cgroups = Cgroups({"u1": {"app": str(tmp_path / "gone")}})
    sampler = UsageSampler(cgroups, interval=0.01, min_gap=0.0)
    sampler.start()
    for _ in range(200):
        if sampler.samples.newest(NODE) is not None:
            break
        await asyncio.sleep(0.01)
    await sampler.stop()
    assert sampler.samples.newest(str(tmp_path / "gone")) is None


@dataclass
class Worker:
    """What ManagerCgroups reads of a pod worker."""

    uid: str
    last_pod: object
    state: object
    records: dict[str, ContainerRecord]

    def container(self, name: str) -> ContainerRecord | None:
        return self.records.get(name)


def test_the_cgroups_of_a_workers_pod() -> None:
    spec = pod(containers=[{"name": "app", "image": "b"}, {"name": "side", "image": "b"}])
    state = msgspec.structs.replace(sandbox().state, cgroup_path="/cg/pods/u1")  # type: ignore[type-var]
    app = ContainerRecord(name="app", instance=Instance(id="0123456789abcdef", running=True))
    stopped = ContainerRecord(name="side", instance=Instance(id="abc", running=False))
    worker = Worker("u1", spec, state, {"app": app, "side": stopped})
    bare = Worker("u2", spec, msgspec.structs.replace(state, cgroup_path=None), {"app": app})  # type: ignore[type-var]
    cgroups = ManagerCgroups(lambda: [worker, bare])  # type: ignore[list-item]
    # a leaf per running instance: ctr-<name>-<id[:12]>; none without the pod's cgroup
    assert cgroups.containers("u1") == {"app": "/cg/pods/u1/ctr-app-0123456789ab"}
    assert cgroups.running() == ["/cg/pods/u1", "/cg/pods/u1/ctr-app-0123456789ab"]
    assert cgroups.containers("u2") == {} and cgroups.containers("nope") == {}


@pytest.mark.parametrize("min_gap", [0.0, 60.0])
async def test_a_reader_samples_only_what_is_stale(tmp_path: Path, min_gap: float) -> None:
    leaf = _leaf(tmp_path / "a", 0)
    sampler = UsageSampler(Cgroups({"u": {"app": leaf}}), min_gap=min_gap)
    await sampler.tick()
    first = sampler.samples.newest(leaf)
    await sampler.pod_usage("u")
    assert (sampler.samples.newest(leaf) is first) == (min_gap > 0)
