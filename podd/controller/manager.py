"""The pod manager: a worker per pod, driven by the store's change feed.

One subscription (Pods, ConfigMaps, Secrets, Namespaces) tells it everything:
a pod added or changed by a client gets its worker woken at once; its own
status writes (origin ``controller``) are skipped; ConfigMap/Secret changes
make the pods of their namespace re-project; Terminating namespaces go to the
namespace controller. Readers (logs, exec) get frozen values through
:meth:`container` and :meth:`sandbox_state`, never a worker.
"""

from __future__ import annotations

import asyncio
import logging

from podd.controller.deps import WorkerDeps
from podd.controller.imagepull import container_field_path
from podd.controller.leftovers import Leftovers
from podd.controller.namespaces import NamespaceController
from podd.controller.observed import ContainerRecord
from podd.controller.podstore import CONTROLLER, decode_pod
from podd.controller.probes import ProbeEvent
from podd.controller.worker import PodWorker
from podd.model.pod import Pod
from podd.sandbox import SandboxState
from podd.store.feed import Change, Subscription
from podd.store.repository import Store

log = logging.getLogger("podd.controller")

RECOVERY_TIMEOUT = 60.0
FEED_KINDS = ("Pod", "ConfigMap", "Secret", "Namespace")


class PodManager:
    def __init__(
        self,
        deps: WorkerDeps,
        store: Store,
        namespaces: NamespaceController,
        leftovers: Leftovers | None = None,
    ) -> None:
        self.deps = deps
        self._store = store
        self._namespaces = namespaces
        self._leftovers = leftovers
        self.workers: dict[str, PodWorker] = {}
        self._feed: asyncio.Task[None] | None = None
        self._pending: set[asyncio.Task[None]] = set()  # events being recorded

    # -- lifecycle -------------------------------------------------------
    async def start(self) -> None:
        """Subscribe, then a worker for every stored pod: running sandboxes
        are re-adopted from their state files, not re-created. Returns once
        every pod synced once (or after RECOVERY_TIMEOUT)."""
        sub = self._store.subscribe(*FEED_KINDS)  # before listing: nothing is missed
        workers = await self._relist()
        if self.deps.devices is not None:  # what pods deleted while podd was down held
            self.deps.devices.retain(self.workers)
        await self._purge_orphans(set(self.workers))
        await self._namespaces.resume()
        self._feed = asyncio.create_task(self._follow(sub), name="controller feed")
        waits = [asyncio.create_task(w.synced.wait()) for w in workers]
        if waits:
            _, pending = await asyncio.wait(waits, timeout=RECOVERY_TIMEOUT)
            for task in pending:
                task.cancel()

    async def stop(self) -> None:
        """Stop the workers; every pod keeps running (podd may be upgraded)."""
        if self._feed is not None:
            self._feed.cancel()
            await asyncio.gather(self._feed, return_exceptions=True)
        await self._namespaces.stop()
        await asyncio.gather(*(w.stop() for w in list(self.workers.values())))
        self.workers.clear()

    async def _relist(self) -> list[PodWorker]:
        pods, _, _ = await self._store.query("Pod")
        workers = [self.ensure_worker(decode_pod(s.data)) for s in pods]
        for w in workers:
            w.wake()
        return workers

    async def _follow(self, sub: Subscription) -> None:
        while True:
            change = await sub.queue.get()
            if change is None:  # overflowed (or closed): resubscribe and relist
                log.warning("controller feed overflowed; relisting")
                sub = self._store.subscribe(*FEED_KINDS)
                await self._relist()
                continue
            try:
                self._dispatch(change)
            except Exception:
                log.exception("controller feed: change not handled", extra={"kind": change.kind})

    def _dispatch(self, change: Change) -> None:
        if change.kind == "Pod":
            if change.origin == CONTROLLER:
                return
            pod = decode_pod(change.data)
            worker = self.workers.get(pod.metadata.uid or "")
            if worker is not None and (change.type == "DELETED" or pod.metadata.deletion_timestamp):
                worker.interrupt()  # no more container starts: the pod is going
            elif worker is not None:
                worker.wake()
            elif change.type != "DELETED":
                self.ensure_worker(pod)
        elif change.kind == "Namespace":
            if change.type != "DELETED":
                self._namespaces.changed(change.data)
        else:  # ConfigMap, Secret: pods of the namespace re-project
            for worker in self.workers.values():
                if worker.ns == change.namespace:
                    worker.configs_dirty = True
                    worker.wake()

    async def _purge_orphans(self, known: set[str]) -> None:
        """What pods that are no longer stored left (podd died mid-delete)."""
        if self._leftovers is None:
            return
        for uid in sorted(self._leftovers.uids() - known):
            await self._leftovers.purge(uid)

    # -- workers ---------------------------------------------------------
    def ensure_worker(self, pod: Pod) -> PodWorker:
        uid = pod.metadata.uid or ""
        worker = self.workers.get(uid)
        if worker is None:
            worker = PodWorker(self.deps, pod)
            self.workers[uid] = worker
            worker.start().add_done_callback(lambda _: self._forget(worker))
        return worker

    def _forget(self, worker: PodWorker) -> None:
        if self.workers.get(worker.uid) is worker:
            del self.workers[worker.uid]

    def wake(self, uid: str) -> None:
        worker = self.workers.get(uid)
        if worker is not None:
            worker.wake()

    def container_exited(self, container_id: str) -> None:
        ctr = self.deps.containers
        uid = ctr.runtime.pod_of(container_id) if ctr is not None else None
        if uid is not None:
            self.wake(uid)

    def probe_event(self, ev: ProbeEvent) -> None:
        self.container_event(ev.key.pod_uid, ev.key.container, ev.reason, ev.message)

    def container_event(self, uid: str, container: str, reason: str, message: str) -> None:
        """A Warning about a container, from a callback (probes, supervision)."""
        worker = self.workers.get(uid)
        if worker is None:
            return
        task = asyncio.create_task(
            self.deps.events.record(
                worker.last_pod,
                "Warning",
                reason,
                message,
                field_path=container_field_path(worker.last_pod, container),
            )
        )
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    # -- what readers see --------------------------------------------------
    def container(self, uid: str, name: str) -> ContainerRecord | None:
        worker = self.workers.get(uid)
        return worker.container(name) if worker else None

    def sandbox_state(self, uid: str) -> SandboxState | None:
        worker = self.workers.get(uid)
        return worker.state if worker else None
