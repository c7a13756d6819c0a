"""The reviews ``kubectl auth can-i`` and ``auth whoami`` send, through the app:
201 answers, the apiserver's 422 naming the field and the group-qualified
kind, its 400 for a rules review without a namespace, nothing stored."""

from __future__ import annotations

from typing import Any

import pytest

from podd.api.authorization import REASON
from podd.tls import CLIENT_CERT
from tests.unit.api.conftest import Api
from tests.unit.model.test_protowire import CAN_I, CAN_I_LIST, WHOAMI

SSAR = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
SSRR = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews"
SSR = "/apis/authentication.k8s.io/v1/selfsubjectreviews"


def _ssar(spec: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "apiVersion": "authorization.k8s.io/v1",
        "kind": "SelfSubjectAccessReview",
        "spec": spec,
        **extra,
    }


async def test_can_i_create_pods_is_allowed(api: Api) -> None:
    # What kubectl 1.32 sends for `auth can-i create pods`.
    attrs = {"namespace": "default", "verb": "create", "resource": "pods"}
    body = _ssar({"resourceAttributes": attrs}, metadata={"creationTimestamp": None})
    r = await api.client.post(SSAR, json=body)
    assert r.status_code == 201, r.text
    got = r.json()
    assert (got["apiVersion"], got["kind"]) == (
        "authorization.k8s.io/v1",
        "SelfSubjectAccessReview",
    )
    assert got["spec"] == {"resourceAttributes": attrs}
    assert got["status"] == {"allowed": True, "reason": REASON}


async def test_a_non_resource_url_is_allowed_too(api: Api) -> None:
    r = await api.client.post(
        SSAR, json=_ssar({"nonResourceAttributes": {"path": "/logs", "verb": "get"}})
    )
    assert r.status_code == 201 and r.json()["status"]["allowed"] is True


@pytest.mark.parametrize(
    ("spec", "field", "message"),
    [
        (
            {},
            "spec.resourceAttributes",
            'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes '
            "must be specified",
        ),
        (
            {"resourceAttributes": {"verb": "get"}, "nonResourceAttributes": {"path": "/"}},
            "spec.nonResourceAttributes",
            'Invalid value: {"path":"/"}: cannot be specified in combination with '
            "resourceAttributes",
        ),
    ],
)
async def test_exactly_one_kind_of_attributes(
    api: Api, spec: dict[str, Any], field: str, message: str
) -> None:
    r = await api.client.post(SSAR, json=_ssar(spec))
    assert r.status_code == 422, r.text
    status = r.json()
    assert status["reason"] == "Invalid"
    assert status["message"] == (
        f'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: {field}: {message}'
    )
    assert status["details"]["group"] == "authorization.k8s.io"
    assert status["details"]["kind"] == "SelfSubjectAccessReview"
    assert status["details"]["causes"] == [
        {"reason": "FieldValueInvalid", "message": message, "field": field}
    ]


async def test_metadata_must_be_empty_and_unknown_fields_are_named(api: Api) -> None:
    named = _ssar({"nonResourceAttributes": {"path": "/"}}, metadata={"name": "x"})
    r = await api.client.post(SSAR, json=named)
    assert r.status_code == 422
    assert [c["field"] for c in r.json()["details"]["causes"]] == ["metadata"]
    unknown = _ssar({"resourceAttributes": {"verb": "get", "colour": "red"}})
    r = await api.client.post(SSAR, json=unknown)
    assert (r.status_code, r.json()["reason"]) == (400, "BadRequest")
    assert r.json()["message"] == (
        'SelfSubjectAccessReview in version "v1" cannot be handled as a SelfSubjectAccessReview: '
        'strict decoding error: unknown field "spec.resourceAttributes.colour"'
    )
    wrong = {**_ssar({"nonResourceAttributes": {}}), "kind": "Pod"}
    r = await api.client.post(SSAR, json=wrong)
    assert (r.status_code, r.json()["reason"]) == (400, "BadRequest")


async def test_rules_review_lists_everything(api: Api) -> None:
    body = {
        "apiVersion": "authorization.k8s.io/v1",
        "kind": "SelfSubjectRulesReview",
        "spec": {"namespace": "default"},
    }
    r = await api.client.post(SSRR, json=body)
    assert r.status_code == 201, r.text
    assert r.json()["status"] == {
        "resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]}],
        "nonResourceRules": [{"verbs": ["*"], "nonResourceURLs": ["*"]}],
        "incomplete": False,
    }


async def test_rules_review_needs_a_namespace(api: Api) -> None:
    r = await api.client.post(SSRR, json={"spec": {}})
    assert r.status_code == 400
    assert (r.json()["reason"], r.json()["message"]) == ("BadRequest", "no namespace on request")


async def test_whoami_names_the_kubeconfig_user(api: Api) -> None:
    r = await api.client.post(
        SSR, json={"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"}
    )
    assert r.status_code == 201, r.text
    got = r.json()
    assert got["status"] == {"userInfo": {"username": "podd", "groups": ["system:authenticated"]}}
    assert got["metadata"]["creationTimestamp"].endswith("Z")


async def test_reviews_store_nothing_and_take_dry_run(api: Api) -> None:
    before = api.store.resource_version
    attrs = {"resourceAttributes": {"verb": "get"}}
    r = await api.client.post(SSAR + "?dryRun=All", json=_ssar(attrs))
    assert r.status_code == 201
    r = await api.client.post(SSAR, json=_ssar(attrs))
    assert r.status_code == 201
    bad = await api.client.post(SSAR + "?dryRun=Some", json=_ssar(attrs))
    assert bad.status_code == 422
    assert api.store.resource_version == before  # no write at all
    assert await api.store.count("SelfSubjectAccessReview") == 0
    get = await api.client.get(SSAR)
    assert get.status_code == 405


def test_a_client_certificate_names_its_user() -> None:
    from podd.api.identity import user_info

    scope: Any = {"state": {CLIENT_CERT: "organizationName=devs,commonName=alice"}}
    info = user_info(scope)
    assert (info.username, info.groups) == ("alice", ["devs", "system:authenticated"])
    assert user_info({"state": {}}).username == "podd"  # type: ignore[typeddict-item]


async def test_protobuf_bodies_as_kubectl_132_sends_them(api: Api) -> None:
    proto = {"Content-Type": "application/vnd.kubernetes.protobuf"}
    for path, body in ((SSAR, CAN_I), (SSRR, CAN_I_LIST), (SSR, WHOAMI)):
        r = await api.client.post(path, content=body, headers=proto)
        assert r.status_code == 201, r.text
        assert r.headers["content-type"] == "application/json"  # client-go reads either
    r = await api.client.post(SSAR, content=CAN_I, headers=proto)
    assert r.json()["status"]["allowed"] is True
    bad = await api.client.post(SSAR, content=b"k8s\x00\x0a", headers=proto)
    assert (bad.status_code, bad.json()["reason"]) == (400, "BadRequest")
    # Stored kinds still take JSON and YAML only.
    pods = await api.client.post("/api/v1/namespaces/default/pods", content=CAN_I, headers=proto)
    assert pods.status_code == 415
