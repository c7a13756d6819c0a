"""A PUT names its object as the URL does: a missing (or null) name is a 400,
as the apiserver's checkName answers it, not the URL's name filled in."""

from __future__ import annotations

import pytest

from tests.unit.api.conftest import Api

CMS = "/api/v1/namespaces/default/configmaps"


@pytest.mark.parametrize(
    ("metadata", "have"),
    [(None, ""), ({}, ""), ({"name": "b"}, "b")],
)
async def test_a_put_without_the_urls_name_is_a_400(
    api: Api, metadata: dict[str, str] | None, have: str
) -> None:
    created = await api.client.post(CMS, json={"metadata": {"name": "a"}, "data": {"k": "v"}})
    assert created.status_code == 201, created.text
    body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata, "data": {"k": "w"}}
    r = await api.client.put(f"{CMS}/a", json=body)
    assert r.status_code == 400, r.text
    assert r.json()["reason"] == "BadRequest"
    assert r.json()["message"] == (
        f"the name of the object ({have}) does not match the name on the URL (a)"
    )
    assert (await api.client.get(f"{CMS}/a")).json()["data"] == {"k": "v"}
    named = {**body, "metadata": {"name": "a"}}
    assert (await api.client.put(f"{CMS}/a", json=named)).status_code == 200
