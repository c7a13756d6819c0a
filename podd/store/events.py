"""Kubernetes Events, recorded and deduplicated the way the kubelet's recorder does.

An event with the same involved object, type, reason, message and source as
one recorded before is not stored again: its ``count`` and ``lastTimestamp``
move on instead.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import msgspec

from podd.model.event import Event, EventSource, ObjectReference
from podd.model.meta import ObjectMeta
from podd.model.timeutil import now_rfc3339, now_rfc3339_micro
from podd.store.errors import NotFoundError, StoreError
from podd.store.repository import Store

log = logging.getLogger("podd.events")

_Key = tuple[str, str, str, str, str, str]


class EventRecorder:
    def __init__(self, store: Store, component: str, host: str) -> None:
        self._store = store
        self._source = EventSource(component=component, host=host)
        self._seen: dict[_Key, tuple[str, str]] = {}  # key → (namespace, event name)
        self._lock = asyncio.Lock()
        self._last_ns = 0

    def _name(self, obj_name: str | None) -> str:
        """``<object>.<hex of the time in ns>`` as the apiserver's recorder names
        events: lists (ordered by name) then come out in time order. Strictly
        increasing, so two events in one clock tick keep their order."""
        ns = max(time.time_ns(), self._last_ns + 1)
        self._last_ns = ns
        return f"{obj_name}.{ns:x}"

    async def record(
        self,
        obj: Any,
        type_: str,
        reason: str,
        message: str,
        *,
        kind: str = "Pod",
        field_path: str | None = None,
        component: str | None = None,
    ) -> None:
        """Record an event about ``obj`` (an API object with metadata); never raises."""
        meta = obj.metadata
        ns = meta.namespace or "default"
        key: _Key = (meta.uid or "", field_path or "", type_, reason, message, ns)
        source = (
            self._source
            if component is None
            else EventSource(component=component, host=self._source.host)
        )
        try:
            async with self._lock:
                if key in self._seen and await self._bump(*self._seen[key]):
                    return
                event = Event(
                    metadata=ObjectMeta(name=self._name(meta.name), namespace=ns),
                    involved_object=ObjectReference(
                        kind=kind,
                        namespace=ns,
                        name=meta.name,
                        uid=meta.uid,
                        api_version="v1",
                        resource_version=meta.resource_version,
                        field_path=field_path,
                    ),
                    reason=reason,
                    message=message,
                    source=source,
                    first_timestamp=now_rfc3339(),
                    last_timestamp=now_rfc3339(),
                    event_time=now_rfc3339_micro(),
                    count=1,
                    type=type_,
                    reporting_component=source.component or "",
                    reporting_instance=source.host or "",
                    action=reason,
                )
                await self._store.create("Event", event)
                self._seen[key] = (ns, event.metadata.name or "")
                if len(self._seen) > 4096:
                    self._seen.pop(next(iter(self._seen)))
        except StoreError as exc:  # events are best effort, never a reason to fail
            log.warning("event not recorded", extra={"reason": reason, "error": str(exc)})

    async def _bump(self, ns: str, name: str) -> bool:
        stored = await self._store.get("Event", ns, name)
        if stored is None:
            return False
        event = msgspec.json.decode(stored.data, type=Event)
        event.count = (event.count or 1) + 1
        event.last_timestamp = now_rfc3339()
        try:
            await self._store.update("Event", event)
        except NotFoundError:
            return False
        return True
