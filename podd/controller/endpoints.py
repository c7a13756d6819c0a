"""The endpoints controller: keeps each Service's Endpoints (core/v1) and
EndpointSlices (discovery.k8s.io/v1) in step with the pods its selector
matches, as kube-controller-manager's endpoints and endpointslice
controllers do. What they should say is :mod:`endpointsplan`'s (pure); this
module reads the store, writes the difference, and follows the change feed.

Driven by the feed (Services and Pods): a Service's change, or a change of a
pod its selector matches or that it lists, marks it dirty; one worker syncs
dirty Services in turn, so a readiness change reaches the Endpoints within
one store round trip. At start every Service is synced and what no Service
owns any more is deleted (podd may have been killed mid-way): Endpoints
named after no Service, and slices of this controller whose Service is gone.
A Service without a selector keeps the Endpoints a client wrote (as on
Kubernetes) and loses this controller's slices; those Endpoints are mirrored
into EndpointSlices (:mod:`endpointsmirror`), followed through the feed too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

import msgspec

from podd.controller.endpointsmirror import MIRRORING, mirrored_meta, mirrors, plan_mirror
from podd.controller.endpointsplan import (
    PodView,
    desired_endpoints,
    desired_slices,
    manages,
    matches,
    reconcile_slices,
    same_endpoints,
)
from podd.model.endpoints import Endpoints
from podd.model.endpointslice import LABEL_MANAGED_BY, LABEL_SERVICE_NAME, MANAGED_BY, EndpointSlice
from podd.model.meta import generate_name
from podd.model.service import Service
from podd.store.errors import AlreadyExistsError, ConflictError, NotFoundError, StoreError
from podd.store.feed import Change, Subscription
from podd.store.repository import Store

__all__ = ["EndpointsController"]

log = logging.getLogger("podd.controller.endpoints")

FEED_KINDS = ("Service", "Pod", "Endpoints")
RETRY = 0.5  # seconds before a sync that met a concurrent write runs again

Key = tuple[str, str]  # (namespace, service name)


class EndpointsController:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._dirty: set[Key] = set()
        self._mirror_dirty: set[Key] = set()  # Endpoints changed: only their mirror
        self._wake = asyncio.Event()
        self._selectors: dict[Key, dict[str, str]] = {}  # Services this keeps
        self._members: dict[Key, set[str]] = {}  # pod names each one lists
        self._tasks: list[asyncio.Task[None]] = []
        self.synced = asyncio.Event()  # set whenever nothing is left to sync

    # -- lifecycle ---------------------------------------------------------
    async def start(self) -> None:
        sub = self._store.subscribe(*FEED_KINDS)  # before listing: nothing is missed
        await self._resync()
        self._tasks = [
            asyncio.create_task(self._follow(sub), name="endpoints feed"),
            asyncio.create_task(self._work(), name="endpoints sync"),
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []

    async def _resync(self) -> None:
        """Every Service dirty, and what no Service owns removed."""
        services, _, _ = await self._store.query("Service")
        keys = {(s.namespace, s.name) for s in services}
        self._mark(*keys)
        endpoints, _, _ = await self._store.query("Endpoints")
        for ep in endpoints:
            if (ep.namespace, ep.name) not in keys:
                await self._delete("Endpoints", Endpoints, ep.data)
        slices, _, _ = await self._store.query("EndpointSlice", filter_fn=_ours)
        for s in slices:
            owner = _labels(s.data).get(LABEL_SERVICE_NAME, "")
            if (s.namespace, owner) not in keys:
                await self._delete("EndpointSlice", EndpointSlice, s.data)

    # -- the feed ----------------------------------------------------------
    async def _follow(self, sub: Subscription) -> None:
        while True:
            change = await sub.queue.get()
            if change is None:  # overflowed: resubscribe and sync everything
                log.warning("endpoints feed overflowed; resyncing")
                sub = self._store.subscribe(*FEED_KINDS)
                await self._resync()
                continue
            try:
                self._changed(change)
            except Exception:
                log.exception("endpoints feed: change not handled", extra={"kind": change.kind})

    def _changed(self, change: Change) -> None:
        if change.kind == "Service":
            self._mark((change.namespace, change.name))
            return
        if change.kind == "Endpoints":
            self._mark_mirror((change.namespace, change.name))
            return
        labels = _labels(change.data)
        for key, selector in self._selectors.items():
            if key[0] != change.namespace:
                continue
            if matches(selector, labels) or change.name in self._members.get(key, ()):
                self._mark(key)

    def _mark(self, *keys: Key) -> None:
        if keys:
            self._dirty.update(keys)
            self.synced.clear()
            self._wake.set()

    def _mark_mirror(self, key: Key) -> None:
        self._mirror_dirty.add(key)
        self.synced.clear()
        self._wake.set()

    async def _work(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._dirty or self._mirror_dirty:
                again: Callable[[Key], None]
                if self._dirty:
                    key, job, again = min(self._dirty), self.sync, self._mark
                    self._dirty.discard(key)
                else:
                    key, job, again = min(self._mirror_dirty), self.mirror, self._mark_mirror
                    self._mirror_dirty.discard(key)
                try:
                    await job(*key)
                except (ConflictError, AlreadyExistsError, NotFoundError):
                    # Someone wrote meanwhile (a client, the namespace controller): again soon.
                    asyncio.get_running_loop().call_later(RETRY, again, key)
                except Exception:
                    log.exception("endpoints not synced", extra={"service": f"{key[0]}/{key[1]}"})
            self.synced.set()

    # -- one Service ---------------------------------------------------------
    async def sync(self, namespace: str, name: str) -> None:
        key = (namespace, name)
        stored = await self._store.get("Service", namespace, name)
        svc = msgspec.json.decode(stored.data, type=Service) if stored else None
        if svc is None or not manages(svc):
            self._selectors.pop(key, None)
            self._members.pop(key, None)
            if svc is None:
                current = await self._store.get("Endpoints", namespace, name)
                if current is not None:
                    await self._delete("Endpoints", Endpoints, current.data)
            for s in await self._slices(namespace, name):
                await self._store.delete("EndpointSlice", s, expected_uid=s.metadata.uid)
            await self.mirror(namespace, name)
            return
        items, _, _ = await self._store.query("Pod", namespace)
        pods = [msgspec.json.decode(p.data, type=PodView) for p in items]
        self._selectors[key] = dict(svc.spec.selector or {})
        await self._write_endpoints(desired_endpoints(svc, pods))
        writes, deletes = desired_slices(svc, pods, await self._slices(namespace, name))
        for want in writes:
            await self._write_slice(want)
        for gone in deletes:
            await self._store.delete("EndpointSlice", gone, expected_uid=gone.metadata.uid)
        selector = svc.spec.selector or {}
        self._members[key] = {p.metadata.name for p in pods if matches(selector, p.metadata.labels)}
        await self.mirror(namespace, name)  # a selector now: no mirror any more

    async def mirror(self, namespace: str, name: str) -> None:
        """The mirror of Endpoints ``name`` when its Service has no selector
        (and is no ExternalName); none otherwise."""
        ep: Endpoints | None = None
        stored = await self._store.get("Service", namespace, name)
        if stored is not None:
            svc = msgspec.json.decode(stored.data, type=Service)
            current = await self._store.get("Endpoints", namespace, name)
            if current is not None and not svc.spec.selector and svc.spec.type != "ExternalName":
                ep = msgspec.json.decode(current.data, type=Endpoints)
        existing = await self._slices(namespace, name, MIRRORING)
        writes: list[EndpointSlice] = []
        deletes = existing
        if ep is not None and mirrors(ep):
            source = ep
            writes, deletes = reconcile_slices(
                plan_mirror(source), lambda slice_name: mirrored_meta(source, slice_name), existing
            )
        for want in writes:
            await self._write_slice(want)
        for gone in deletes:
            await self._store.delete("EndpointSlice", gone, expected_uid=gone.metadata.uid)

    async def _write_endpoints(self, want: Endpoints) -> None:
        meta = want.metadata
        current = await self._store.get("Endpoints", meta.namespace or "", meta.name or "")
        if current is None:
            await self._store.create("Endpoints", want)
            return
        have = msgspec.json.decode(current.data, type=Endpoints)
        if same_endpoints(have, want):
            return
        _carry(have.metadata, meta)
        await self._store.update("Endpoints", want, expected_rv=current.resource_version)

    async def _write_slice(self, want: EndpointSlice) -> None:
        meta = want.metadata
        if meta.name:
            current = await self._store.get("EndpointSlice", meta.namespace or "", meta.name)
            if current is None:
                raise NotFoundError("EndpointSlice", meta.name)
            _carry(msgspec.json.decode(current.data, type=EndpointSlice).metadata, meta)
            await self._store.update("EndpointSlice", want, expected_rv=current.resource_version)
            return
        for _ in range(5):  # a generated name may be taken: another one
            meta.name = generate_name(meta.generate_name or "")
            with contextlib.suppress(AlreadyExistsError):
                await self._store.create("EndpointSlice", want)
                return
        raise AlreadyExistsError("EndpointSlice", meta.name or "")

    async def _slices(
        self, namespace: str, name: str, manager: str = MANAGED_BY
    ) -> list[EndpointSlice]:
        def wanted(o: Any) -> bool:
            labels = _labels(o.data)
            return (
                labels.get(LABEL_MANAGED_BY) == manager and labels.get(LABEL_SERVICE_NAME) == name
            )

        items, _, _ = await self._store.query("EndpointSlice", namespace, filter_fn=wanted)
        return [msgspec.json.decode(i.data, type=EndpointSlice) for i in items]

    async def _delete(self, kind: str, struct: type[Any], data: bytes) -> None:
        obj = msgspec.json.decode(data, type=struct)
        with contextlib.suppress(StoreError):
            await self._store.delete(kind, obj, expected_uid=obj.metadata.uid)


class _MetaLabels(msgspec.Struct):
    labels: dict[str, str] | None = None


class _Labelled(msgspec.Struct):
    metadata: _MetaLabels = msgspec.field(default_factory=_MetaLabels)


_labelled = msgspec.json.Decoder(_Labelled)


def _labels(data: bytes) -> dict[str, str]:
    return _labelled.decode(data).metadata.labels or {}


def _ours(obj: Any) -> bool:
    return _labels(obj.data).get(LABEL_MANAGED_BY) in (MANAGED_BY, MIRRORING)


def _carry(have: Any, want: Any) -> None:
    """What an update keeps of the stored object's metadata."""
    want.uid = have.uid
    want.creation_timestamp = have.creation_timestamp
    want.annotations = have.annotations
    want.generate_name = have.generate_name
