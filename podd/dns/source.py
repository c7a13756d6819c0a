"""Keeps the resolver's snapshot current from the store's change feed.

Subscribe first, then list (nothing is missed), then follow: every change
updates a small in-memory view of the objects DNS reads; a burst of changes
queued together makes one new snapshot. An overflowed feed resubscribes
and relists, as the controller's does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

import msgspec

from podd.dns.records import Resolver
from podd.dns.views import (
    DECODERS,
    EndpointsView,
    PodView,
    ServiceView,
    SliceView,
    View,
    build_snapshot,
)
from podd.store.feed import Change, Subscription
from podd.store.repository import Store

log = logging.getLogger("podd.dns")

KINDS = ("Namespace", *DECODERS)
RETRY = 1.0  # seconds between tries to start over after the feed failed


class DNSSource:
    def __init__(
        self, store: Store, resolver: Resolver, clock: Callable[[], float] = time.time
    ) -> None:
        self._store = store
        self.resolver = resolver
        self._clock = clock
        self._namespaces: set[str] = set()
        self._objects: dict[str, dict[tuple[str, str], View]] = {k: {} for k in DECODERS}
        self._task: asyncio.Task[None] | None = None
        self.generation = 0  # snapshots built so far (tests wait on it)
        self.changed = asyncio.Condition()

    async def start(self) -> None:
        """The first snapshot is in place when this returns."""
        sub = self._store.subscribe(*KINDS)
        await self._relist()
        await self._rebuild()
        self._task = asyncio.create_task(self._follow(sub), name="dns source")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def wait_for(self, generation: int) -> None:
        """Until a snapshot newer than ``generation`` is in place."""
        async with self.changed:
            await self.changed.wait_for(lambda: self.generation > generation)

    async def _relist(self) -> None:
        namespaces, _, _ = await self._store.query("Namespace")
        self._namespaces = {ns.name for ns in namespaces}
        for kind in DECODERS:
            stored, _, _ = await self._store.query(kind)
            self._objects[kind] = {}
            for obj in stored:
                self._put(kind, obj.namespace, obj.name, obj.data)

    async def _follow(self, sub: Subscription) -> None:
        while True:
            try:
                sub = await self._next_batch(sub)
            except asyncio.CancelledError:
                raise
            except Exception:  # a store hiccup must not freeze DNS: start over
                log.exception("dns feed failed; relisting")
                sub.close()
                sub = await self._restart()

    async def _restart(self) -> Subscription:
        """Subscribe and relist until it works (the view stays as it was meanwhile)."""
        while True:
            await asyncio.sleep(RETRY)
            sub = self._store.subscribe(*KINDS)
            try:
                await self._relist()
            except Exception:
                log.exception("dns relist failed; trying again")
                sub.close()
                continue
            await self._rebuild()
            return sub

    async def _next_batch(self, sub: Subscription) -> Subscription:
        """Wait for changes, take in all that are queued, then one snapshot."""
        change = await sub.queue.get()
        dirty = False
        while change is not None:
            dirty = self._apply(change) or dirty
            try:  # the rest of a burst goes into the same snapshot
                change = sub.queue.get_nowait()
            except asyncio.QueueEmpty:
                break
        if change is None:  # overflowed (or closed): start over
            log.warning("dns feed overflowed; relisting")
            sub = self._store.subscribe(*KINDS)
            await self._relist()
            dirty = True
        if dirty:
            await self._rebuild()
        return sub

    def _apply(self, change: Change) -> bool:
        """Take one change in; whether it changed what DNS answers (most pod
        status writes do not: conditions, container states)."""
        if change.kind == "Namespace":
            before = len(self._namespaces)
            if change.type == "DELETED":
                self._namespaces.discard(change.name)
            else:
                self._namespaces.add(change.name)
            return len(self._namespaces) != before
        if change.kind not in DECODERS:
            return False
        key = (change.namespace, change.name)
        if change.type == "DELETED":
            return self._objects[change.kind].pop(key, None) is not None
        return self._put(change.kind, change.namespace, change.name, change.data)

    def _put(self, kind: str, namespace: str, name: str, data: bytes) -> bool:
        try:
            view = DECODERS[kind].decode(data)
        except msgspec.DecodeError:
            log.warning("dns: %s %s/%s not readable; left out", kind, namespace, name)
            return False
        if self._objects[kind].get((namespace, name)) == view:
            return False
        self._objects[kind][(namespace, name)] = view
        return True

    async def _rebuild(self) -> None:
        objects = self._objects
        snapshot = build_snapshot(
            self._namespaces,
            [v for v in objects["Pod"].values() if isinstance(v, PodView)],
            [v for v in objects["Service"].values() if isinstance(v, ServiceView)],
            [v for v in objects["EndpointSlice"].values() if isinstance(v, SliceView)],
            [v for v in objects["Endpoints"].values() if isinstance(v, EndpointsView)],
            serial=int(self._clock()),
        )
        self.resolver.update(snapshot)
        async with self.changed:
            self.generation += 1
            self.changed.notify_all()
