"""Serving the documents as the apiserver does: the v3 discovery document and
its hashed URL, ETags and 304s, a 301 from a stale hash, protobuf or JSON for
v2 by the Accept header, 406 otherwise, the token required over TCP."""

from __future__ import annotations

import hashlib
import json

from litestar.testing import AsyncTestClient

from podd.api.app import create_app
from podd.api.kubeopenapi.handlers import negotiate, parse_accept
from tests.unit.api.conftest import Api

PB = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"
PB_ANSWER = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"


async def test_v3_discovery_points_at_the_core_group_by_its_hash(api: Api) -> None:
    r = await api.client.get("/openapi/v3")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    url = r.json()["paths"]["api/v1"]["serverRelativeURL"]
    assert list(r.json()["paths"]) == [
        "api/v1",
        "apis/discovery.k8s.io/v1",
        "apis/authorization.k8s.io/v1",
        "apis/authentication.k8s.io/v1",
        "apis/metrics.k8s.io/v1beta1",
    ]
    group = await api.client.get(url)
    assert group.status_code == 200
    etag = hashlib.sha512(group.content).hexdigest().upper()
    assert url == f"/openapi/v3/api/v1?hash={etag}"
    assert group.headers["etag"] == f'"{etag}"'
    assert group.headers["cache-control"] == "public, immutable"
    assert group.headers["vary"] == "Accept" and group.headers["expires"]
    doc = json.loads(group.content)
    assert doc["openapi"] == "3.0.0" and "io.k8s.api.core.v1.Pod" in doc["components"]["schemas"]


async def test_each_group_has_its_own_v3_document(api: Api) -> None:
    paths = (await api.client.get("/openapi/v3")).json()["paths"]
    url = paths["apis/authorization.k8s.io/v1"]["serverRelativeURL"]
    doc = (await api.client.get(url)).json()
    assert doc["info"]["title"] == "podd: Kubernetes authorization.k8s.io/v1"
    assert sorted(doc["paths"]) == [
        "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
        "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
    ]
    post = doc["paths"]["/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"]["post"]
    assert post["operationId"] == "createAuthorizationV1SelfSubjectAccessReview"
    assert post["tags"] == ["authorization_v1"]
    assert post["x-kubernetes-group-version-kind"] == {
        "group": "authorization.k8s.io",
        "kind": "SelfSubjectAccessReview",
        "version": "v1",
    }
    schemas = doc["components"]["schemas"]
    ssar = schemas["io.k8s.api.authorization.v1.SelfSubjectAccessReview"]
    assert ssar["x-kubernetes-group-version-kind"] == [post["x-kubernetes-group-version-kind"]]
    assert "io.k8s.api.core.v1.Pod" not in schemas
    # meta/v1's types keep their apimachinery names in every group
    assert "io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement" in schemas
    core = (await api.client.get("/openapi/v3/api/v1")).json()
    assert not any(p.startswith("/apis/") for p in core["paths"])


async def test_without_a_hash_no_cache_headers_and_a_stale_one_redirects(api: Api) -> None:
    plain = await api.client.get("/openapi/v3/api/v1")
    assert plain.status_code == 200 and "cache-control" not in plain.headers
    etag = plain.headers["etag"].strip('"')
    stale = await api.client.get("/openapi/v3/api/v1?hash=0123", follow_redirects=False)
    assert stale.status_code == 301
    assert stale.headers["location"] == f"/openapi/v3/api/v1?hash={etag}"


async def test_if_none_match_gets_304(api: Api) -> None:
    for path in ("/openapi/v2", "/openapi/v3", "/openapi/v3/api/v1"):
        first = await api.client.get(path)
        again = await api.client.get(path, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304 and again.content == b"", path
        other = await api.client.get(path, headers={"If-None-Match": '"other"'})
        assert other.status_code == 200, path


async def test_v2_is_protobuf_for_kubectl_and_json_otherwise(api: Api) -> None:
    proto = await api.client.get("/openapi/v2", headers={"Accept": PB})
    assert proto.status_code == 200 and proto.headers["content-type"] == PB_ANSWER
    assert proto.content[:5] == b"\n\x032.0"  # Document.swagger = "2.0"
    as_json = await api.client.get("/openapi/v2")
    assert as_json.headers["content-type"] == "application/json"
    assert json.loads(as_json.content)["swagger"] == "2.0"
    # Both encodings share the ETag (the answer varies on Accept).
    assert proto.headers["etag"] == as_json.headers["etag"]
    ranked = await api.client.get(
        "/openapi/v2", headers={"Accept": f"application/json;q=0.5, {PB}"}
    )
    assert ranked.headers["content-type"] == PB_ANSWER


async def test_what_cannot_be_served_is_406_and_an_unknown_group_404(api: Api) -> None:
    r = await api.client.get("/openapi/v2", headers={"Accept": "text/html"})
    assert r.status_code == 406
    assert (r.json()["kind"], r.json()["reason"], r.json()["code"]) == (
        "Status",
        "NotAcceptable",
        406,
    )
    v3_pb = "application/com.github.proto-openapi.spec.v3@v1.0+protobuf"
    assert (
        await api.client.get("/openapi/v3/api/v1", headers={"Accept": v3_pb})
    ).status_code == 406
    missing = await api.client.get("/openapi/v3/apis/apps/v1")
    assert missing.status_code == 404 and missing.json()["reason"] == "NotFound"


async def test_tcp_needs_the_token() -> None:
    async with AsyncTestClient(app=create_app(None, token="secret-token-123")) as client:
        for path in ("/openapi/v2", "/openapi/v3", "/openapi/v3/api/v1"):
            assert (await client.get(path)).status_code == 401, path


def test_accept_order() -> None:
    assert parse_accept(None) == [("*", "*")]
    assert parse_accept("a/b;q=0.2, c/d, */*;q=0.1, e/*") == [
        ("c", "d"),
        ("e", "*"),
        ("a", "b"),
        ("*", "*"),
    ]
    assert parse_accept("a/b;q=0, c/d;q=bad") == []
    offered = {("application", "json"): "application/json"}
    assert negotiate("application/*", offered) == ("application", "json")
    assert negotiate("text/plain", offered) is None
