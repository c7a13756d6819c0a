"""Errors as Status: a full disk is a 507 with nothing half written, the unexpected a
generic 500 that shows no internals, the body limit named."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from typing import Any

import pytest
from litestar import Litestar, get
from litestar.testing import AsyncTestClient
from sqlalchemy import event, text

from podd.api.errors import EXCEPTION_HANDLERS
from podd.model.configmap import ConfigMap
from podd.model.meta import ObjectMeta
from podd.store.errors import StorageFullError
from podd.store.repository import Store
from tests.unit.api.conftest import Api

CMS = "/api/v1/namespaces/default/configmaps"
PODS = "/api/v1/namespaces/default/pods"


async def page_count(store: Store) -> int:
    async with store.engine.connect() as conn:
        return int((await conn.execute(text("PRAGMA page_count"))).scalar_one())


async def cap_pages(store: Store, pages: int) -> None:
    """SQLite's own ceiling on the file (max_page_count): past it, a write fails
    with SQLITE_FULL, "database or disk is full", as on a full disk."""

    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.cursor().execute(f"PRAGMA max_page_count = {pages}")

    event.listen(store.engine.sync_engine, "connect", on_connect)
    await store.engine.dispose()  # pooled connections reconnect with the cap


def configmap(name: str, size: int = 0) -> dict[str, Any]:
    return {"metadata": {"name": name}, "data": {"k": "v" * size}}


async def test_a_full_database_is_507_nothing_written_and_podd_recovers(api: Api) -> None:
    c = api.client
    assert (await c.post(CMS, json=configmap("kept"))).status_code == 201
    rv = api.store.resource_version
    await cap_pages(api.store, await page_count(api.store) + 2)

    r = await c.post(CMS, json=configmap("big", 512 * 1024))
    assert r.status_code == 507, r.text
    status = r.json()
    assert status["kind"] == "Status" and status["reason"] == "InsufficientStorage"
    assert "disk holding podd's data is full" in status["message"]
    assert "nothing was written" in status["message"]
    r = await c.post(PODS, json={"metadata": {"name": "p"}, "spec": {"containers": []}})
    assert r.status_code == 422  # validation still answers before any write
    assert (await c.get(f"{CMS}/big")).status_code == 404
    with pytest.raises(StorageFullError):  # the store's own, typed
        big = ConfigMap(metadata=ObjectMeta(name="x", namespace="default"), data={"k": "v" * 2**19})
        await api.store.create("ConfigMap", big)
    assert api.store.resource_version == rv
    assert (await c.get(CMS)).json()["metadata"]["resourceVersion"] == str(rv)

    await cap_pages(api.store, 1_000_000)  # space again
    r = await c.post(CMS, json=configmap("big", 512 * 1024))
    assert r.status_code == 201, r.text
    assert r.json()["metadata"]["resourceVersion"] == str(rv + 1)
    assert (await c.delete(f"{CMS}/kept")).status_code == 200


@get("/boom/runtime", sync_to_thread=False)
def boom_runtime() -> None:
    raise RuntimeError("/home/someone/.local/share/podd/podd.db: secret internals")


@get("/boom/enospc", sync_to_thread=False)
def boom_enospc() -> None:
    raise OSError(errno.ENOSPC, "No space left on device", "/home/someone/data/file")


@pytest.fixture
def bare_app() -> Iterator[Litestar]:
    """Only the error mapping, around handlers that fail the way a bug or the
    disk would (no API route fails on purpose)."""
    yield Litestar(
        route_handlers=[boom_runtime, boom_enospc],
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        logging_config=None,
        debug=False,
    )


async def test_unexpected_errors_are_a_generic_500(bare_app: Litestar) -> None:
    async with AsyncTestClient(app=bare_app) as c:
        r = await c.get("/boom/runtime")
    assert r.status_code == 500
    status = r.json()
    assert status["kind"] == "Status" and status["reason"] == "InternalError"
    assert status["message"] == (
        "Internal error occurred: the server could not complete the request"
    )
    assert "someone" not in r.text and "secret" not in r.text and "Traceback" not in r.text
    assert "RuntimeError" not in r.text


async def test_no_space_anywhere_is_507(bare_app: Litestar) -> None:
    async with AsyncTestClient(app=bare_app) as c:
        r = await c.get("/boom/enospc")
    assert r.status_code == 507 and r.json()["reason"] == "InsufficientStorage"
    assert "someone" not in r.text


async def test_a_body_over_the_limit_names_it(api: Api) -> None:
    r = await api.client.post(
        CMS, content=b" " * (4 * 1024 * 1024), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 413
    assert r.json()["message"] == "Request entity too large: limit is 3145728"
