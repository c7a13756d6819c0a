"""``AsyncPodd`` against a live podd over its unix socket: create, get, list
with a selector, watch from a resourceVersion, typed errors, images."""

from __future__ import annotations

import pytest
from podd_client import AsyncPodd, errors, models

from tests.sdk.conftest import LivePodd, unique

pytestmark = pytest.mark.integration


async def test_async_configmaps_watch_and_errors(live: LivePodd) -> None:
    async with AsyncPodd(live.proc.socket) as podd:
        run, name = unique("arun"), unique("acm")
        created = await podd.configmaps.create(
            {"metadata": {"name": name, "labels": {"run": run}}, "data": {"k": "v"}}
        )
        assert isinstance(created, models.ConfigMap)
        assert (await podd.configmaps.get(name)).metadata.uid == created.metadata.uid
        listed = await podd.configmaps.list(label_selector=f"run={run}")
        assert [cm.metadata.name for cm in listed.items] == [name]

        await podd.configmaps.delete(name)
        types = []
        async for event in podd.configmaps.watch(
            field_selector=f"metadata.name={name}",
            resource_version=created.metadata.resource_version,
            timeout_seconds=30,
        ):
            assert isinstance(event.object, models.ConfigMap)
            types.append(event.type)
            if event.type == "DELETED":
                break
        assert types == ["DELETED"]

        with pytest.raises(errors.NotFound) as nf:
            await podd.configmaps.get(name)
        assert nf.value.status.code == 404
        with pytest.raises(errors.NotFound):
            await podd.pods.logs(unique("nopod")).__anext__()
        assert isinstance(await podd.images.list(), models.ImageList)
