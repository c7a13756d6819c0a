"""Unknown fields answered as the apiserver answers them under fieldValidation=Strict:
a 400 BadRequest, ``<Kind> in version "v1" cannot be handled as a <Kind>: strict
decoding error: ...`` on create and update, the bare strict error on a patch,
and structured-merge-diff's ``failed to create typed patch object`` on an apply
(whatever fieldValidation says); Warn answers warnings and stores the rest."""

from __future__ import annotations

from typing import Any

from tests.unit.api.conftest import Api

CMS = "/api/v1/namespaces/default/configmaps"
SLICES = "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices"
CM_IN_V1 = 'ConfigMap in version "v1" cannot be handled as a ConfigMap: '


def cm(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": name},
        "data": {"k": "v"},
        **extra,
    }


def bad_request(r: Any) -> str:
    assert r.status_code == 400, r.text
    status = r.json()
    assert (status["kind"], status["reason"], status["code"]) == ("Status", "BadRequest", 400)
    assert "details" not in status
    return str(status["message"])


async def test_create_and_update_name_the_kind_and_version(api: Api) -> None:
    r = await api.client.post(CMS, json=cm("a", dataa={"x": "1"}, colour="red"))
    assert bad_request(r) == (
        CM_IN_V1 + 'strict decoding error: unknown field "dataa", unknown field "colour"'
    )
    assert (await api.client.get(f"{CMS}/a")).status_code == 404  # nothing stored
    assert (await api.client.post(CMS, json=cm("a"))).status_code == 201
    r = await api.client.put(f"{CMS}/a", json=cm("a", metadata={"name": "a", "labelz": {}}))
    assert bad_request(r) == CM_IN_V1 + 'strict decoding error: unknown field "metadata.labelz"'


async def test_a_group_kind_names_its_version_without_the_group(api: Api) -> None:
    body = {
        "apiVersion": "discovery.k8s.io/v1",
        "kind": "EndpointSlice",
        "metadata": {"name": "s"},
        "addressType": "IPv4",
        "endpoints": [{"addresses": ["10.0.0.1"], "hostnamez": "h"}],
    }
    r = await api.client.post(SLICES, json=body)
    assert bad_request(r) == (
        'EndpointSlice in version "v1" cannot be handled as a EndpointSlice: '
        'strict decoding error: unknown field "endpoints[0].hostnamez"'
    )


async def test_patches_answer_the_bare_strict_error(api: Api) -> None:
    assert (await api.client.post(CMS, json=cm("p"))).status_code == 201
    for ctype, body in (
        ("application/strategic-merge-patch+json", b'{"metadata":{"app":"x"}}'),
        ("application/merge-patch+json", b'{"metadata":{"app":"x"}}'),
        ("application/json-patch+json", b'[{"op":"add","path":"/metadata/app","value":"x"}]'),
    ):
        r = await api.client.patch(f"{CMS}/p", content=body, headers={"Content-Type": ctype})
        assert bad_request(r) == 'strict decoding error: unknown field "metadata.app"', ctype


async def test_warn_keeps_the_warnings_and_drops_the_fields(api: Api) -> None:
    r = await api.client.post(CMS, json=cm("w", colour="red"), params={"fieldValidation": "Warn"})
    assert r.status_code == 201, r.text
    assert r.headers["warning"] == '299 - "unknown field \\"colour\\""'
    assert "colour" not in r.text
    r = await api.client.post(CMS, json=cm("i", colour="red"), params={"fieldValidation": "Ignore"})
    assert r.status_code == 201 and "warning" not in r.headers


async def test_apply_refuses_undeclared_fields_whatever_the_validation(api: Api) -> None:
    body = cm("s", colour="red")
    body["metadata"]["namespace"] = "default"
    for validation in ("Strict", "Warn", "Ignore"):
        r = await api.client.patch(
            f"{CMS}/s",
            json=body,
            headers={"Content-Type": "application/apply-patch+yaml"},
            params={"fieldManager": "m", "fieldValidation": validation},
        )
        assert bad_request(r) == (
            "failed to create typed patch object (default/s; /v1, Kind=ConfigMap): "
            ".colour: field not declared in schema"
        ), validation
    assert (await api.client.get(f"{CMS}/s")).status_code == 404
