"""Claims on a real SQLite store: decided and written in the object's own
transaction, refused whole on a clash, replaced on update, gone with the
object, kept across a reopen."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from podd.model.configmap import ConfigMap
from podd.model.meta import ObjectMeta
from podd.store import claims, migrate
from podd.store.claims import Claim
from podd.store.repository import Store


class Taken(Exception):
    pass


class SeatRule:
    """A ConfigMap holds the seats its data names; "auto" takes the lowest free one."""

    pools = ("seat",)

    def hold(self, obj: Any, taken: Mapping[str, set[str]]) -> Sequence[Claim]:
        data = obj.data or {}
        out = []
        for key, seat in sorted(data.items()):
            if seat == "auto":
                seat = next(str(i) for i in range(100) if str(i) not in taken["seat"])
                data[key] = seat
            if seat in taken["seat"]:
                raise Taken(seat)
            out.append(Claim("seat", seat))
        return out


async def _open(db: Path) -> Store:
    store = Store(db)
    await store.open()
    store.claim_rules["ConfigMap"] = SeatRule()
    return store


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    db = tmp_path / "podd.db"
    await asyncio.to_thread(migrate.upgrade, db)
    s = await _open(db)
    yield s
    await s.close()


def cm(name: str, **data: str) -> ConfigMap:
    return ConfigMap(metadata=ObjectMeta(name=name, namespace="default"), data=dict(data))


async def test_create_holds_and_allocates(store: Store) -> None:
    a = cm("a", x="auto", y="7")
    stored = await store.create("ConfigMap", a)
    assert a.data == {"x": "0", "y": "7"}  # allocated before it was encoded
    assert b'"x":"0"' in stored.data
    assert await claims.held_by(store.engine, stored.uid) == [
        Claim("seat", "0"),
        Claim("seat", "7"),
    ]


async def test_clash_refuses_the_whole_write(store: Store) -> None:
    await store.create("ConfigMap", cm("a", x="5"))
    rv = store.resource_version
    with pytest.raises(Taken):
        await store.create("ConfigMap", cm("b", x="5"))
    assert await store.get("ConfigMap", "default", "b") is None
    assert store.resource_version == rv


async def test_update_replaces_and_keeps_its_own(store: Store) -> None:
    first = await store.create("ConfigMap", cm("a", x="1", y="2"))
    await store.create("ConfigMap", cm("b", x="3"))
    obj = cm("a", x="1", y="4")  # keeps 1 (its own), gives 2 up, takes 4
    await store.update("ConfigMap", obj)
    assert await claims.held_by(store.engine, first.uid) == [Claim("seat", "1"), Claim("seat", "4")]
    with pytest.raises(Taken):
        await store.update("ConfigMap", cm("a", x="3"))
    # the failed update changed nothing; 2 is free again
    assert await claims.held_by(store.engine, first.uid) == [Claim("seat", "1"), Claim("seat", "4")]
    await store.create("ConfigMap", cm("c", x="2"))


async def test_delete_releases(store: Store) -> None:
    obj = cm("a", x="9")
    stored = await store.create("ConfigMap", obj)
    await store.delete("ConfigMap", obj)
    assert await claims.held_by(store.engine, stored.uid) == []
    await store.create("ConfigMap", cm("b", x="9"))


async def test_plan_writes_nothing(store: Store) -> None:
    await store.create("ConfigMap", cm("a", x="0"))
    obj = cm("b", x="auto")
    await claims.plan(store.engine, store.claim_rules["ConfigMap"], obj, "uid-b")
    assert obj.data == {"x": "1"}
    assert await claims.held_by(store.engine, "uid-b") == []


async def test_kept_across_reopen(tmp_path: Path, store: Store) -> None:
    stored = await store.create("ConfigMap", cm("a", x="auto"))
    await store.close()
    again = await _open(store.db_path)
    try:
        assert await claims.held_by(again.engine, stored.uid) == [Claim("seat", "0")]
        b = cm("b", x="auto")
        await again.create("ConfigMap", b)
        assert b.data == {"x": "1"}
    finally:
        await again.close()
