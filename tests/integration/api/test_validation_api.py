"""Bad input: a clear 4xx Status that names the field, and nothing stored."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.integration.api.helpers import seed_pod, simple_pod
from tests.podd_process import PoddProcess

PODS = "/api/v1/namespaces/default/pods"


def _bad_name() -> dict[str, Any]:
    pod = seed_pod()
    pod["metadata"]["name"] = "Web_Server"
    return pod


def _dup_container() -> dict[str, Any]:
    pod = seed_pod()
    pod["spec"]["containers"][1]["name"] = "web"
    return pod


def _undeclared_volume() -> dict[str, Any]:
    pod = seed_pod()
    pod["spec"]["containers"][0]["volumeMounts"].append({"name": "nope", "mountPath": "/x"})
    return pod


def _unknown_field() -> dict[str, Any]:
    pod = seed_pod()
    pod["spec"]["containers"][0]["imagePullPolicyy"] = "Always"
    return pod


def _bad_type() -> dict[str, Any]:
    pod = seed_pod()
    pod["spec"]["containers"][0]["ports"][0]["containerPort"] = "eighty"
    return pod


def _bad_quantity() -> dict[str, Any]:
    pod = seed_pod()
    pod["spec"]["containers"][0]["resources"]["limits"]["memory"] = "64 MiB"
    return pod


@pytest.mark.parametrize(
    ("make", "name", "field"),
    [
        (_bad_name, "Web_Server", "metadata.name"),
        (_dup_container, "web", "spec.containers[1].name"),
        (_undeclared_volume, "web", "spec.containers[0].volumeMounts[2].name"),
        (_bad_type, "", "spec.containers[0].ports[0].containerPort"),
        (_bad_quantity, "web", "spec.containers[0].resources.limits[memory]"),
    ],
)
def test_invalid_pod_is_422_naming_the_field(
    podd: PoddProcess, make: Any, name: str, field: str
) -> None:
    body = make()
    with podd.client() as c:
        r = c.post(PODS, json=body)
        assert r.status_code == 422, r.text
        status = r.json()
        assert status["kind"] == "Status" and status["reason"] == "Invalid"
        assert status["code"] == 422
        fields = [cause["field"] for cause in status["details"]["causes"]]
        assert field in fields, fields
        assert field in status["message"]
        # Nothing stored.
        assert c.get(PODS).json()["items"] == []


def test_unknown_field_is_400_in_the_apiservers_words(podd: PoddProcess) -> None:
    with podd.client() as c:
        r = c.post(PODS, json=_unknown_field())
        assert r.status_code == 400, r.text
        assert r.json()["reason"] == "BadRequest"
        assert r.json()["message"] == (
            'Pod in version "v1" cannot be handled as a Pod: strict decoding error: '
            'unknown field "spec.containers[0].imagePullPolicyy"'
        )
        assert c.get(PODS).json()["items"] == []


def test_unknown_field_modes(podd: PoddProcess) -> None:
    with podd.client() as c:
        body = _unknown_field()
        r = c.post(PODS, json=body, params={"fieldValidation": "Warn"})
        assert r.status_code == 201, r.text
        assert 'unknown field \\"spec.containers[0].imagePullPolicyy\\"' in r.headers["warning"]
        assert "imagePullPolicyy" not in r.text
        body["metadata"]["name"] = "web2"
        r = c.post(PODS, json=body, params={"fieldValidation": "Ignore"})
        assert r.status_code == 201 and "warning" not in r.headers


def test_duplicate_is_409(podd: PoddProcess) -> None:
    with podd.client() as c:
        first = c.post(PODS, json=simple_pod("dup"))
        assert first.status_code == 201
        r = c.post(PODS, json=simple_pod("dup"))
        assert r.status_code == 409
        assert r.json()["reason"] == "AlreadyExists"
        assert r.json()["message"] == 'pods "dup" already exists'
        items = c.get(PODS).json()["items"]
        assert len(items) == 1 and items[0]["metadata"]["uid"] == first.json()["metadata"]["uid"]


def test_privileged_is_refused(podd: PoddProcess) -> None:
    pod = simple_pod("priv")
    pod["spec"]["containers"][0]["securityContext"] = {"privileged": True}
    with podd.client() as c:
        r = c.post(PODS, json=pod)
        assert r.status_code == 422
        causes = r.json()["details"]["causes"]
        assert causes[0]["field"] == "spec.containers[0].securityContext.privileged"
        assert causes[0]["reason"] == "FieldValueForbidden"


def test_malformed_bodies(podd: PoddProcess) -> None:
    with podd.client() as c:
        r = c.post(PODS, content=b"{not json", headers={"Content-Type": "application/json"})
        assert r.status_code == 400 and r.json()["reason"] == "BadRequest"
        r = c.post(PODS, content=b"a: [", headers={"Content-Type": "application/yaml"})
        assert r.status_code == 400
        r = c.post(PODS, content=b"x", headers={"Content-Type": "application/xml"})
        assert r.status_code == 415 and r.json()["reason"] == "UnsupportedMediaType"
        wrong_kind = simple_pod("k")
        wrong_kind["kind"] = "Service"
        r = c.post(PODS, json=wrong_kind)
        assert r.status_code == 400, r.text
        big = simple_pod("big")
        big["metadata"]["annotations"] = {"x": "y" * (4 * 1024 * 1024)}
        r = c.post(PODS, content=json.dumps(big), headers={"Content-Type": "application/json"})
        assert r.status_code == 413 and r.json()["reason"] == "RequestEntityTooLarge"
        assert c.get(PODS).json()["items"] == []
