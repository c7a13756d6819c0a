"""The object store: whole objects in SQLite, a global resourceVersion, a change log.

One writer path: every write runs under one asyncio lock inside one SQLite
transaction, which assigns the next resourceVersion, writes the object and
appends to the change log. After commit the change is handed to in-process
subscribers (watches). Reads run concurrently (WAL).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, Protocol

import msgspec
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from podd.model.timeutil import now_rfc3339
from podd.store import claims, errors
from podd.store.errors import AlreadyExistsError, ConflictError, ExpiredError, NotFoundError
from podd.store.feed import Change, Subscription
from podd.store.schema import changes, counters, objects

log = logging.getLogger("podd.store")
_enc = msgspec.json.Encoder()


class Meta(Protocol):
    name: str | None
    namespace: str | None
    uid: str | None
    resource_version: str | None
    creation_timestamp: str | None
    labels: dict[str, str] | None


class APIObject(Protocol):
    metadata: Any


class StoredObject(msgspec.Struct, frozen=True):
    kind: str
    namespace: str
    name: str
    uid: str
    resource_version: int
    data: bytes


def _index_fields(obj: Any) -> dict[str, Any]:
    status = getattr(obj, "status", None)
    spec = getattr(obj, "spec", None)
    return {
        "phase": getattr(status, "phase", None),
        "node_name": getattr(spec, "node_name", None),
        "labels": _enc.encode(obj.metadata.labels or {}).decode(),
    }


class Store:
    """Async repository over one SQLite file."""

    def __init__(self, db_path: Path, watch_history: int = 10_000) -> None:
        self.db_path = db_path
        self.watch_history = watch_history
        self._engine: AsyncEngine | None = None
        self._write_lock = asyncio.Lock()
        self._subs: dict[str, set[Subscription]] = {}
        self._rv = 0
        self._writes_since_compaction = 0
        self.claim_rules: dict[str, claims.ClaimRule] = {}  # kind → what its objects hold

    # -- lifecycle -------------------------------------------------------
    async def open(self) -> None:
        engine = create_async_engine(f"sqlite+aiosqlite:///{self.db_path}")

        @event.listens_for(engine.sync_engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        self._engine = engine
        async with engine.connect() as conn:
            row = await conn.execute(
                select(counters.c.value).where(counters.c.name == "resource_version")
            )
            self._rv = int(row.scalar_one())

    def end_watches(self) -> None:
        """End every watch stream (shutdown): each gets its end-of-stream marker."""
        for subs in list(self._subs.values()):
            for sub in list(subs):
                self.unsubscribe(sub)

    async def close(self) -> None:
        self.end_watches()
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None

    @property
    def engine(self) -> AsyncEngine:
        if self._engine is None:
            raise RuntimeError("store is not open")
        return self._engine

    @property
    def resource_version(self) -> int:
        """The newest resourceVersion committed."""
        return self._rv

    # -- reads -----------------------------------------------------------
    async def get(self, kind: str, namespace: str, name: str) -> StoredObject | None:
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(objects).where(
                        objects.c.kind == kind,
                        objects.c.namespace == namespace,
                        objects.c.name == name,
                    )
                )
            ).first()
        return _row_to_obj(row) if row else None

    async def query(
        self,
        kind: str,
        namespace: str | None = None,
        *,
        name: str | None = None,
        after: tuple[str, str] | None = None,
        limit: int | None = None,
        filter_fn: Callable[[StoredObject], bool] | None = None,
    ) -> tuple[list[StoredObject], int, bool]:
        """Objects ordered by (namespace, name), the list's resourceVersion, and
        whether more remain after ``limit`` matches."""
        stmt = select(objects).where(objects.c.kind == kind)
        if namespace is not None:
            stmt = stmt.where(objects.c.namespace == namespace)
        if name is not None:
            stmt = stmt.where(objects.c.name == name)
        if after is not None:
            stmt = stmt.where(
                (objects.c.namespace > after[0])
                | ((objects.c.namespace == after[0]) & (objects.c.name > after[1]))
            )
        stmt = stmt.order_by(objects.c.namespace, objects.c.name)
        out: list[StoredObject] = []
        more = False
        async with self.engine.connect() as conn:
            # Read the rv inside the same read transaction as the rows.
            rv = int(
                (
                    await conn.execute(
                        select(counters.c.value).where(counters.c.name == "resource_version")
                    )
                ).scalar_one()
            )
            result = await conn.stream(stmt)
            async for row in result:
                obj = _row_to_obj(row)
                if filter_fn is not None and not filter_fn(obj):
                    continue
                if limit is not None and len(out) >= limit:
                    more = True
                    break
                out.append(obj)
            await result.close()
        return out, rv, more

    async def count(self, kind: str) -> int:
        stmt = select(func.count()).select_from(objects).where(objects.c.kind == kind)
        async with self.engine.connect() as conn:
            return int((await conn.execute(stmt)).scalar_one())

    async def changes_since(self, kind: str, rv: int) -> list[Change]:
        """Changes of ``kind`` after ``rv``; ExpiredError when the log no longer
        reaches back that far."""
        async with self.engine.connect() as conn:
            oldest = (await conn.execute(select(func.min(changes.c.rv)))).scalar()
            if oldest is not None and rv < oldest - 1:
                raise ExpiredError(kind, "", f"too old resource version: {rv} ({oldest - 1})")
            rows = (
                await conn.execute(
                    select(changes)
                    .where(changes.c.kind == kind, changes.c.rv > rv)
                    .order_by(changes.c.rv)
                )
            ).all()
        return [Change(r.rv, r.kind, r.namespace, r.name, r.type, bytes(r.data)) for r in rows]

    # -- watches ---------------------------------------------------------
    def subscribe(self, *kinds: str, maxsize: int = 10_000) -> Subscription:
        sub = Subscription(kinds, maxsize, self.unsubscribe)
        for kind in kinds:
            self._subs.setdefault(kind, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        found = False
        for kind in sub.kinds:
            subs = self._subs.get(kind)
            if subs and sub in subs:
                subs.discard(sub)
                found = True
        if found:
            with contextlib.suppress(asyncio.QueueFull):
                sub.queue.put_nowait(None)

    def _publish(self, change: Change) -> None:
        for sub in list(self._subs.get(change.kind, ())):
            sub.offer(change)

    # -- writes ----------------------------------------------------------
    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """A write transaction outside the versioned objects (images, …), on
        the same single writer path."""
        async with self._write_lock, errors.disk_full(), self.engine.begin() as conn:
            yield conn

    @contextlib.asynccontextmanager
    async def _write(self) -> AsyncIterator[tuple[AsyncConnection, int]]:
        """One write transaction holding the next resourceVersion (a full disk:
        StorageFullError, the transaction rolled back whole)."""
        async with self._write_lock, errors.disk_full(), self.engine.begin() as conn:
            rv = self._rv + 1
            await conn.execute(
                counters.update().where(counters.c.name == "resource_version").values(value=rv)
            )
            yield conn, rv
        self._rv = rv

    async def create(self, kind: str, obj: APIObject) -> StoredObject:
        """Insert a new object: assigns uid, creationTimestamp and resourceVersion."""
        meta = obj.metadata
        namespace = meta.namespace or ""
        meta.uid = meta.uid or str(uuid.uuid4())
        meta.creation_timestamp = meta.creation_timestamp or now_rfc3339()
        async with self._write() as (conn, rv):
            exists = (
                await conn.execute(
                    select(objects.c.id).where(
                        objects.c.kind == kind,
                        objects.c.namespace == namespace,
                        objects.c.name == meta.name,
                    )
                )
            ).first()
            if exists:
                raise AlreadyExistsError(kind, meta.name)
            await claims.hold(conn, self.claim_rules.get(kind), obj, meta.uid)
            meta.resource_version = str(rv)
            data = _enc.encode(obj)
            await conn.execute(
                objects.insert().values(
                    kind=kind,
                    namespace=namespace,
                    name=meta.name,
                    uid=meta.uid,
                    resource_version=rv,
                    data=data,
                    **_index_fields(obj),
                )
            )
            change = await self._log(conn, rv, kind, namespace, meta.name, "ADDED", data)
        self._after_commit(change)
        return StoredObject(kind, namespace, meta.name, meta.uid, rv, data)

    async def update(
        self,
        kind: str,
        obj: APIObject,
        *,
        expected_rv: int | None = None,
        expected_uid: str | None = None,
        origin: str = "",
    ) -> StoredObject:
        """Replace an object whole; ConflictError when ``expected_rv`` is stale.
        ``origin`` tags the published change (subscribers may skip their own)."""
        meta = obj.metadata
        namespace = meta.namespace or ""
        async with self._write() as (conn, rv):
            row = await _current(conn, kind, namespace, meta.name, expected_rv, expected_uid)
            await claims.hold(conn, self.claim_rules.get(kind), obj, row.uid)
            meta.resource_version = str(rv)
            data = _enc.encode(obj)
            await conn.execute(
                objects.update()
                .where(
                    objects.c.kind == kind,
                    objects.c.namespace == namespace,
                    objects.c.name == meta.name,
                )
                .values(resource_version=rv, data=data, **_index_fields(obj))
            )
            change = await self._log(conn, rv, kind, namespace, meta.name, "MODIFIED", data)
        self._after_commit(msgspec.structs.replace(change, origin=origin))
        return StoredObject(kind, namespace, meta.name, row.uid, rv, data)

    async def delete(
        self,
        kind: str,
        obj: APIObject,
        *,
        expected_rv: int | None = None,
        expected_uid: str | None = None,
    ) -> StoredObject:
        """Remove an object; ``obj`` is its final state, recorded in the DELETED change."""
        meta = obj.metadata
        namespace = meta.namespace or ""
        async with self._write() as (conn, rv):
            row = await _current(conn, kind, namespace, meta.name, expected_rv, expected_uid)
            meta.resource_version = str(rv)
            data = _enc.encode(obj)
            await conn.execute(
                objects.delete().where(
                    objects.c.kind == kind,
                    objects.c.namespace == namespace,
                    objects.c.name == meta.name,
                )
            )
            change = await self._log(conn, rv, kind, namespace, meta.name, "DELETED", data)
        self._after_commit(change)
        return StoredObject(kind, namespace, meta.name, row.uid, rv, data)

    async def _log(
        self, conn: AsyncConnection, rv: int, kind: str, ns: str, name: str, typ: str, data: bytes
    ) -> Change:
        await conn.execute(
            changes.insert().values(rv=rv, kind=kind, namespace=ns, name=name, type=typ, data=data)
        )
        self._writes_since_compaction += 1
        if self._writes_since_compaction >= min(500, self.watch_history):
            self._writes_since_compaction = 0
            await conn.execute(changes.delete().where(changes.c.rv <= rv - self.watch_history))
        return Change(rv, kind, ns, name, typ, data)

    def _after_commit(self, change: Change) -> None:
        self._publish(change)


async def _current(
    conn: AsyncConnection,
    kind: str,
    namespace: str,
    name: str,
    expected_rv: int | None,
    expected_uid: str | None,
) -> Any:
    """The stored (resource_version, uid) of an object about to change,
    after its preconditions held; NotFoundError or ConflictError otherwise."""
    row = (
        await conn.execute(
            select(objects.c.resource_version, objects.c.uid).where(
                objects.c.kind == kind, objects.c.namespace == namespace, objects.c.name == name
            )
        )
    ).first()
    if row is None:
        raise NotFoundError(kind, name)
    _check_preconditions(kind, name, row, expected_rv, expected_uid)
    return row


def _check_preconditions(
    kind: str, name: str, row: Any, expected_rv: int | None, expected_uid: str | None
) -> None:
    if expected_uid is not None and row.uid != expected_uid:
        raise ConflictError(
            kind,
            name,
            f"Precondition failed: UID in precondition: {expected_uid}, UID in object meta: "
            f"{row.uid}",
        )
    if expected_rv is not None and row.resource_version != expected_rv:
        raise ConflictError(
            kind,
            name,
            "the object has been modified; please apply your changes to the latest version "
            "and try again",
        )


def _row_to_obj(row: Any) -> StoredObject:
    return StoredObject(
        row.kind, row.namespace, row.name, row.uid, int(row.resource_version), bytes(row.data)
    )
