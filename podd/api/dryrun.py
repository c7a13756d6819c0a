"""``dryRun=All``: a write that runs every check a real one does and stores nothing.

:func:`dry_run_services` hands a resource's hooks the same services with the
store swapped for a :class:`DryRunStore`: reads go to the real store; writes
check what the real store checks (the object exists, or does not; uid and
resourceVersion preconditions) and answer with the object as it would be
stored, with no transaction, no new resourceVersion and no change for
watchers. The hooks' own rules (a protected namespace, a pod's grace period)
run unchanged, so a dry-run delete of ``default`` is the real delete's 403.
Events a hook records go to the same store, so nowhere.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any, cast

import msgspec

from podd.model.base import encode
from podd.model.timeutil import now_rfc3339
from podd.services import Services
from podd.store import claims
from podd.store.errors import AlreadyExistsError, ConflictError, NotFoundError
from podd.store.events import EventRecorder
from podd.store.repository import Store, StoredObject


class DryRunStore:
    """The part of :class:`Store` a write hook uses, writing nothing."""

    def __init__(self, real: Store) -> None:
        self._real = real

    async def get(self, kind: str, namespace: str, name: str) -> StoredObject | None:
        return await self._real.get(kind, namespace, name)

    async def query(self, *args: Any, **kwargs: Any) -> tuple[list[StoredObject], int, bool]:
        return await self._real.query(*args, **kwargs)

    async def create(self, kind: str, obj: Any) -> StoredObject:
        meta = obj.metadata
        namespace = meta.namespace or ""
        if await self._real.get(kind, namespace, meta.name) is not None:
            raise AlreadyExistsError(kind, meta.name)
        meta.uid = meta.uid or str(uuid.uuid4())
        meta.creation_timestamp = meta.creation_timestamp or now_rfc3339()
        await claims.plan(self._real.engine, self._real.claim_rules.get(kind), obj, meta.uid)
        return StoredObject(kind, namespace, meta.name, meta.uid, 0, encode(obj))

    async def update(
        self,
        kind: str,
        obj: Any,
        *,
        expected_rv: int | None = None,
        expected_uid: str | None = None,
        origin: str = "",
    ) -> StoredObject:
        del origin  # nothing is published
        current = await self._current(kind, obj, expected_rv, expected_uid)
        await claims.plan(self._real.engine, self._real.claim_rules.get(kind), obj, current.uid)
        obj.metadata.resource_version = str(current.resource_version)
        return msgspec.structs.replace(current, data=encode(obj))

    async def delete(
        self,
        kind: str,
        obj: Any,
        *,
        expected_rv: int | None = None,
        expected_uid: str | None = None,
    ) -> StoredObject:
        current = await self._current(kind, obj, expected_rv, expected_uid)
        return msgspec.structs.replace(current, data=encode(obj))

    async def _current(
        self, kind: str, obj: Any, expected_rv: int | None, expected_uid: str | None
    ) -> StoredObject:
        """The stored object, after the real store's preconditions held."""
        name = obj.metadata.name
        current = await self._real.get(kind, obj.metadata.namespace or "", name)
        if current is None:
            raise NotFoundError(kind, name)
        if expected_uid is not None and current.uid != expected_uid:
            raise ConflictError(
                kind,
                name,
                f"Precondition failed: UID in precondition: {expected_uid}, UID in object meta: "
                f"{current.uid}",
            )
        if expected_rv is not None and current.resource_version != expected_rv:
            raise ConflictError(
                kind,
                name,
                "the object has been modified; please apply your changes to the latest version "
                "and try again",
            )
        return current


def dry_run_services(svc: Services) -> Services:
    """``svc`` whose store, and event recorder, write nothing."""
    store = cast(Store, DryRunStore(svc.store))
    events = EventRecorder(store, "podd", svc.node_name)
    return dataclasses.replace(svc, store=store, events=events)
