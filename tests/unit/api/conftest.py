"""The API app on a real store in a temporary directory, served in-process.

No controller: these tests are about what the API answers and stores.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

from podd.api.app import create_app
from podd.config import Settings
from podd.server import ensure_defaults
from podd.services import Services
from podd.store import migrate
from podd.store.events import EventRecorder
from podd.store.repository import Store

TOKEN = "unit-test-token-0123456789"


@dataclass
class Api:
    client: AsyncTestClient  # type: ignore[type-arg]
    store: Store


@pytest.fixture
async def api(tmp_path: Path) -> AsyncIterator[Api]:
    settings = Settings(data_dir=str(tmp_path), runtime_dir=str(tmp_path / "run"))
    await asyncio.to_thread(migrate.upgrade, settings.db_path)
    store = Store(settings.db_path)
    await store.open()
    await ensure_defaults(store)
    svc = Services(settings, store, EventRecorder(store, "kubelet", "node"), node_name="node")
    svc.ready = True
    try:
        # The test client connects "over TCP": the bearer token applies.
        app = create_app(svc, token=TOKEN)
        async with AsyncTestClient(app=app) as client:
            client.headers["Authorization"] = f"Bearer {TOKEN}"
            yield Api(client, store)
    finally:
        await store.close()
