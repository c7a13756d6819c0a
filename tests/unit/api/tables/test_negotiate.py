"""Accept negotiation as the apiserver does it: the first clause podd can
answer wins; Tables only as JSON (or YAML), never inside protobuf; anything
else is plain JSON, never a 406."""

from __future__ import annotations

import pytest

from podd.api.errors import APIError
from podd.api.tables.table import TableRequest, negotiate

V1 = "application/json;as=Table;v=v1;g=meta.k8s.io"
V1BETA1 = "application/json;as=Table;v=v1beta1;g=meta.k8s.io"
KUBECTL_GET = f"{V1},{V1BETA1},application/json"
PROTOBUF = "application/vnd.kubernetes.protobuf"


@pytest.mark.parametrize(
    ("accept", "version"),
    [
        pytest.param(KUBECTL_GET, "v1", id="kubectl-get"),
        pytest.param(f"{V1BETA1},application/json", "v1beta1", id="v1beta1"),
        pytest.param(
            f"{PROTOBUF};as=Table;v=v1;g=meta.k8s.io,{KUBECTL_GET}", "v1", id="no-table-in-protobuf"
        ),
        pytest.param(
            "application/json;as=Table;v=v2;g=meta.k8s.io," + V1BETA1,
            "v1beta1",
            id="unknown-version-skipped",
        ),
        pytest.param(
            "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io," + V1,
            "v1",
            id="other-conversion-skipped",
        ),
        pytest.param(
            "application/json;as=Table;v=v1;g=example.com," + V1, "v1", id="other-group-skipped"
        ),
        pytest.param("application/yaml;as=Table;v=v1;g=meta.k8s.io", "v1", id="yaml-table"),
        pytest.param("*/*;as=Table;v=v1;g=meta.k8s.io", "v1", id="wildcard-table"),
        pytest.param(
            "application/*;as=Table;v=v1;g=meta.k8s.io", "v1", id="subtype-wildcard-table"
        ),
        pytest.param(f"application/json;q=0.5,{V1}", "v1", id="q-orders-clauses"),
        pytest.param(f"*/*,{V1}", "v1", id="concrete-before-wildcard"),
        pytest.param(f"text/html,{V1}", "v1", id="unserved-type-skipped"),
        pytest.param(f" {V1} ; q=1 ", "v1", id="spaces"),
        # goautoneg keeps q=0 clauses: a lone one is still served.
        pytest.param(f"{V1};q=0", "v1", id="q-zero-still-served"),
        pytest.param("Application/JSON;as=Table;v=v1;g=meta.k8s.io", "v1", id="type-case"),
    ],
)
def test_table_asked(accept: str, version: str) -> None:
    assert negotiate(accept) == TableRequest(version=version, include_object="Metadata")


@pytest.mark.parametrize(
    "accept",
    [
        pytest.param("", id="no-header"),
        pytest.param("application/json", id="json"),
        pytest.param("*/*", id="anything"),
        pytest.param(f"{PROTOBUF},application/json", id="protobuf-first"),
        pytest.param(f"{PROTOBUF};as=Table;v=v1;g=meta.k8s.io", id="protobuf-table-only"),
        pytest.param(f"application/json,{V1}", id="plain-json-first"),
        pytest.param(f"{V1};q=0.1,application/json", id="table-lower-q"),
        pytest.param("application/json;stream=watch", id="stream-param"),
        pytest.param("text/plain", id="unserved-only"),
        pytest.param("garbage/with/slashes,;;,", id="malformed"),
    ],
)
def test_plain_json(accept: str) -> None:
    assert negotiate(accept) is None


@pytest.mark.parametrize(
    ("value", "include"),
    [
        pytest.param(None, "Metadata", id="default"),
        pytest.param("", "Metadata", id="empty"),
        pytest.param("Metadata", "Metadata", id="metadata"),
        pytest.param("None", "None", id="none"),
        pytest.param("Object", "Object", id="object"),
    ],
)
def test_include_object(value: str | None, include: str) -> None:
    assert negotiate(V1, value) == TableRequest("v1", include)  # type: ignore[arg-type]


def test_bad_include_object_is_a_400_only_for_tables() -> None:
    with pytest.raises(APIError) as exc:
        negotiate(V1, "metadata")
    status = exc.value.status
    assert (status.code, status.reason) == (400, "BadRequest")
    assert status.message == (
        'Unable to convert to Table as requested: includeObject: Invalid value: "metadata": '
        "must be 'Metadata', 'Object', 'None', or empty"
    )
    assert negotiate("application/json", "metadata") is None
