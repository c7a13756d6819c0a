"""Watch options: a resourceVersion is a uint64 (400 otherwise), one past what SQLite
holds is simply in the future, a negative timeout is refused."""

from __future__ import annotations

import json

import pytest

from tests.unit.api.conftest import Api

CMS = "/api/v1/namespaces/default/configmaps"


@pytest.mark.parametrize("rv", ["1e23", "-1", "abc", "99999999999999999999"])
async def test_watch_from_an_invalid_resource_version_is_400(api: Api, rv: str) -> None:
    r = await api.client.get(CMS, params={"watch": "true", "resourceVersion": rv})
    assert r.status_code == 400, r.text
    status = r.json()
    assert status["reason"] == "BadRequest"
    assert status["message"].startswith(f'resourceVersion: Invalid value: "{rv}"')


@pytest.mark.parametrize("rv", [str(2**63), str(2**64 - 1)])
async def test_watch_from_a_far_future_version_waits_quietly(api: Api, rv: str) -> None:
    await api.client.post(CMS, json={"metadata": {"name": "a"}})
    params = {"watch": "true", "resourceVersion": rv, "timeoutSeconds": "1"}
    async with api.client.stream("GET", CMS, params=params) as r:
        assert r.status_code == 200
        lines = [line async for line in r.aiter_lines() if line]
    assert lines == []  # nothing after it, no ERROR: the stream ends at its timeout


async def test_watch_from_an_old_version_replays(api: Api) -> None:
    await api.client.post(CMS, json={"metadata": {"name": "a"}})
    params = {"watch": "true", "resourceVersion": "1", "timeoutSeconds": "1"}
    async with api.client.stream("GET", CMS, params=params) as r:
        lines = [json.loads(line) async for line in r.aiter_lines() if line]
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in lines] == [("ADDED", "a")]


async def test_list_with_an_invalid_resource_version_is_400(api: Api) -> None:
    r = await api.client.get(CMS, params={"resourceVersion": "1e23"})
    assert r.status_code == 400


async def test_negative_watch_timeout_is_400(api: Api) -> None:
    r = await api.client.get(CMS, params={"watch": "true", "timeoutSeconds": "-1"})
    assert r.status_code == 400
    assert r.json()["message"] == (
        "timeoutSeconds: Invalid value: -1: must be greater than or equal to 0"
    )
