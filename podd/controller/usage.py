"""Pod and node usage as metrics-server serves it: cpu as a rate over a window
between the last two samples, memory (the working set) of the newer one.

Each running container's cgroup leaf, each pod's cgroup and the host are
sampled every ``interval`` seconds in the background (metrics-server scrapes
every 15 s, the kubelet's cAdvisor every 10 s), so the first ``kubectl top``
already finds two samples; a reader also takes a fresh one for what it asks
about when the newest is older than ``min_gap``, so what it is told is at
most ``interval`` old and a new pod shows after one tick. Cost: a tick reads
a few small files per cgroup (and a ``status`` per process on a host without
the memory controller) in one worker thread: for 50 pods of a few
containers, some hundred reads every 10 s. Keys are cgroup paths: a
container instance's leaf is its own (``ctr-<name>-<id>``), so a restart
starts afresh, as metrics-server drops a point whose start time changed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

import msgspec

from podd.controller.worker import PodWorker
from podd.runtime.cgroupleaf import leaf_path
from podd.sandbox.cgroupstats import read_host_usage, read_usage

__all__ = [
    "NODE",
    "ManagerCgroups",
    "Sample",
    "Samples",
    "Usage",
    "UsageSampler",
    "rate",
]

log = logging.getLogger("podd.controller.usage")

NODE = "node"  # the key of the host's samples (every other key is a cgroup path)
INTERVAL = 10.0
MIN_GAP = 2.0


class Sample(msgspec.Struct, frozen=True):
    at: float  # epoch seconds of the reading
    mono: float  # monotonic seconds of the reading (windows are measured with these)
    cpu_usec: int  # cumulative
    working_set: int  # bytes


class Usage(msgspec.Struct, frozen=True):
    timestamp: float  # epoch seconds of the newer sample
    window: float  # seconds between the two samples
    nanocores: int
    memory: int  # the working set of the newer sample, bytes


def rate(prev: Sample, last: Sample) -> Usage | None:
    """cpu between two samples; None where no rate can be told (no time
    between them, or the counter went back: not the same cgroup)."""
    window = last.mono - prev.mono
    if window <= 0 or last.cpu_usec < prev.cpu_usec:
        return None
    nanocores = round((last.cpu_usec - prev.cpu_usec) * 1000 / window)
    return Usage(last.at, window, nanocores, last.working_set)


class Samples:
    """The last two samples of each key (pure bookkeeping)."""

    def __init__(self, min_gap: float = MIN_GAP) -> None:
        self.min_gap = min_gap
        self._last: dict[str, tuple[Sample | None, Sample]] = {}

    def newest(self, key: str) -> Sample | None:
        pair = self._last.get(key)
        return pair[1] if pair else None

    def stale(self, key: str, mono: float) -> bool:
        """Whether a new sample of ``key`` taken at ``mono`` would be kept."""
        newest = self.newest(key)
        return newest is None or mono - newest.mono >= self.min_gap

    def add(self, key: str, sample: Sample) -> None:
        """Keep ``sample`` as the newest; one closer than ``min_gap`` to the
        newest is dropped (two readers at once), so a window is never tiny."""
        if not self.stale(key, sample.mono):
            return
        newest = self.newest(key)
        self._last[key] = (newest, sample)

    def usage(self, key: str) -> Usage | None:
        pair = self._last.get(key)
        if pair is None or pair[0] is None:
            return None
        return rate(pair[0], pair[1])

    def keep(self, keys: Iterable[str]) -> None:
        """Forget every key not in ``keys`` (containers and pods that are gone)."""
        wanted = set(keys)
        for key in [k for k in self._last if k not in wanted]:
            del self._last[key]

    def __len__(self) -> int:
        return len(self._last)


class PodCgroups(Protocol):
    """Where the running pods' cgroups are (the controller's read view)."""

    def running(self) -> list[str]: ...
    def containers(self, uid: str) -> dict[str, str]: ...
    def pod(self, uid: str) -> str | None: ...


Reader = Callable[[str], Sample | None]


def read_sample(key: str) -> Sample | None:
    """One reading of a cgroup path, or of the host for ``NODE`` (blocking)."""
    at, mono = time.time(), time.monotonic()
    if key == NODE:
        host = read_host_usage()
        return Sample(at, mono, host.cpu_usec, host.working_set)
    cg = read_usage(Path(key))
    return Sample(at, mono, cg.cpu_usec, cg.working_set) if cg is not None else None


class UsageSampler:
    def __init__(
        self,
        cgroups: PodCgroups,
        *,
        interval: float = INTERVAL,
        min_gap: float = MIN_GAP,
        read: Reader = read_sample,
    ) -> None:
        self.cgroups = cgroups
        self.interval = interval
        self.samples = Samples(min_gap)
        self._read = read
        self._task: asyncio.Task[None] | None = None

    # -- background --------------------------------------------------------
    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._loop(), name="usage sampler")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:
                log.exception("usage sampling failed")
            await asyncio.sleep(self.interval)

    async def tick(self) -> None:
        """Sample the host and every running cgroup; forget the rest."""
        keys = [NODE, *self.cgroups.running()]
        await self._sample(keys, force=True)
        self.samples.keep(keys)

    # -- readers -----------------------------------------------------------
    async def _sample(self, keys: list[str], *, force: bool = False) -> None:
        now = time.monotonic()
        todo = [k for k in keys if force or self.samples.stale(k, now)]
        if not todo:
            return
        found = await asyncio.to_thread(self._read_all, todo)
        for key, sample in found.items():
            self.samples.add(key, sample)

    def _read_all(self, keys: list[str]) -> dict[str, Sample]:
        out: dict[str, Sample] = {}
        for key in keys:
            try:
                sample = self._read(key)
            except OSError as exc:  # a cgroup going away mid-read, an unreadable file
                log.debug("usage not read", extra={"cgroup": key, "error": str(exc)})
                continue
            if sample is not None:
                out[key] = sample
        return out

    async def pod_usage(self, uid: str) -> dict[str, Usage] | None:
        """Each running container's usage, or None while any of them has no
        two samples yet (metrics-server leaves such a pod out)."""
        return (await self.pods_usage([uid]))[uid]

    async def pods_usage(self, uids: list[str]) -> dict[str, dict[str, Usage] | None]:
        """``pod_usage`` of several pods, their stale leaves read in one go."""
        leaves = {uid: self.cgroups.containers(uid) for uid in uids}
        await self._sample([key for pod in leaves.values() for key in pod.values()])
        out: dict[str, dict[str, Usage] | None] = {}
        for uid, pod in leaves.items():
            usage = {name: self.samples.usage(key) for name, key in pod.items()}
            complete = bool(usage) and all(u is not None for u in usage.values())
            out[uid] = {n: u for n, u in usage.items() if u is not None} if complete else None
        return out

    async def rates(self, keys: list[str]) -> dict[str, Usage]:
        """The usage of each of ``keys`` that has two samples (fresh ones taken as for a pod)."""
        await self._sample(keys)
        return {k: u for k in keys if (u := self.samples.usage(k)) is not None}

    async def node_usage(self) -> Usage | None:
        await self._sample([NODE])
        return self.samples.usage(NODE)


class ManagerCgroups:
    """The running pods' cgroups as the pod manager's workers know them:
    the pod's cgroup and a leaf per running container instance."""

    def __init__(self, workers: Callable[[], Iterable[PodWorker]]) -> None:
        self._workers = workers

    @staticmethod
    def _leaves(worker: PodWorker) -> dict[str, str]:
        root = worker.state.cgroup_path if worker.state is not None else None
        if root is None:
            return {}
        out: dict[str, str] = {}
        for _, _, spec in worker.last_pod.spec.all_containers():
            record = worker.container(spec.name)
            if record is not None and record.running and record.instance is not None:
                out[spec.name] = str(leaf_path(root, spec.name, record.instance.id))
        return out

    def running(self) -> list[str]:
        keys: list[str] = []
        for worker in self._workers():
            leaves = self._leaves(worker)
            if leaves and worker.state is not None and worker.state.cgroup_path:
                keys += [worker.state.cgroup_path, *leaves.values()]
        return keys

    def containers(self, uid: str) -> dict[str, str]:
        for worker in self._workers():
            if worker.uid == uid:
                return self._leaves(worker)
        return {}

    def pod(self, uid: str) -> str | None:
        """The pod's cgroup, while it has a sandbox."""
        for worker in self._workers():
            if worker.uid == uid and worker.state is not None:
                return worker.state.cgroup_path
        return None
