"""Claims: values one object holds exclusively within a pool — a Service's
clusterIP (pool ``service-cluster-ip``), its nodePorts (``service-node-port``).

A kind with a :class:`ClaimRule` has its claims decided and written inside the
object's own write transaction (:func:`hold`), so the object and what it holds
are stored together or not at all: a crash or a restart can neither free a
value that a stored object holds nor keep one no object holds. They go with
the object (``ON DELETE CASCADE`` on its uid). The rule sees the values other
objects hold and may fill in what the object asked to be allocated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from podd.store.schema import claims

__all__ = ["Claim", "ClaimRule", "held_by", "hold", "plan"]


class Claim(NamedTuple):
    pool: str
    value: str


class ClaimRule(Protocol):
    """What objects of one kind hold, and how their allocations are made."""

    @property
    def pools(self) -> tuple[str, ...]: ...

    def hold(self, obj: Any, taken: Mapping[str, set[str]]) -> Iterable[tuple[str, str]]:
        """Fill in ``obj``'s allocations (it may be changed), raise when a value
        it asks for cannot be had, and return every (pool, value) it then holds.
        ``taken``: per pool, the values other objects hold."""
        ...


async def _taken(conn: AsyncConnection, pools: tuple[str, ...], owner: str) -> dict[str, set[str]]:
    taken: dict[str, set[str]] = {pool: set() for pool in pools}
    rows = await conn.execute(
        select(claims.c.pool, claims.c.value).where(
            claims.c.pool.in_(pools), claims.c.owner != owner
        )
    )
    for pool, value in rows:
        taken[pool].add(value)
    return taken


async def hold(conn: AsyncConnection, rule: ClaimRule | None, obj: Any, owner: str) -> None:
    """Inside a write transaction: decide ``obj``'s claims and make them its
    only ones (the foreign key to the object is checked at commit)."""
    if rule is None:
        return
    held = sorted({Claim(*c) for c in rule.hold(obj, await _taken(conn, rule.pools, owner))})
    await conn.execute(claims.delete().where(claims.c.owner == owner))
    if held:
        await conn.execute(
            claims.insert(), [{"pool": c.pool, "value": c.value, "owner": owner} for c in held]
        )


async def plan(engine: AsyncEngine, rule: ClaimRule | None, obj: Any, owner: str) -> None:
    """What :func:`hold` would decide, written nowhere (``dryRun``)."""
    if rule is None:
        return
    async with engine.connect() as conn:
        rule.hold(obj, await _taken(conn, rule.pools, owner))


async def held_by(engine: AsyncEngine, owner: str) -> list[Claim]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(claims.c.pool, claims.c.value).where(claims.c.owner == owner)
        )
        return sorted(Claim(pool, value) for pool, value in rows)
