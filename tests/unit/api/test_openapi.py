"""The generated contract: every reference resolves, every documented
grammar agrees with the parser behind it, and OPTIONS names every method."""

from __future__ import annotations

import re
from typing import Any

import pytest
from litestar.datastructures import MultiDict
from litestar.testing import TestClient

from podd.api import openapi_params as qp
from podd.api.app import create_app, schema_types
from podd.api.openapi import build_document
from podd.api.streams.options import parse_stream_options
from podd.api.streams.portforward import parse_ports
from podd.images.errors import InvalidReferenceError
from podd.images.reference import parse_reference
from podd.model.errors import SelectorError
from podd.model.selectors import POD_FIELD_LABELS, parse_field_selector, parse_label_selector


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return build_document(create_app(None), schema_types())


def refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        for value in node.values():
            found |= refs(value)
        return found
    if isinstance(node, list):
        return set().union(*(refs(v) for v in node)) if node else set()
    return set()


def test_every_reference_resolves(doc: dict[str, Any]) -> None:
    schemas = doc["components"]["schemas"]
    missing = {r for r in refs(doc) if r.rsplit("/", 1)[1] not in schemas}
    assert not missing
    assert {"ExecRequest", "ExecResult"} <= set(schemas)


def test_health_is_public_text_and_the_rest_needs_the_token(doc: dict[str, Any]) -> None:
    health = doc["paths"]["/healthz"]["get"]
    assert health["security"] == []
    assert set(health["responses"]["200"]["content"]) == {"text/plain"}
    pods = doc["paths"]["/api/v1/namespaces/{namespace}/pods"]["post"]
    assert "security" not in pods and doc["security"] == [{"bearer": []}]
    assert {"401", "415", "422"} <= set(pods["responses"])


def test_a_watch_is_documented_as_the_apiserver_serves_it(doc: dict[str, Any]) -> None:
    content = doc["paths"]["/api/v1/pods"]["get"]["responses"]["200"]["content"]
    assert list(content) == ["application/json"]
    assert {"$ref": "#/components/schemas/WatchEvent"} in content["application/json"]["schema"][
        "anyOf"
    ]


def test_kind_and_api_version_are_the_decoders(doc: dict[str, Any]) -> None:
    props = doc["components"]["schemas"]["Pod"]["properties"]
    assert props["kind"]["enum"] == ["Pod", ""]
    assert props["apiVersion"]["enum"] == ["v1", ""]
    delete = doc["components"]["schemas"]["DeleteOptions"]["properties"]
    assert delete["apiVersion"]["enum"] == ["v1", "meta.k8s.io/v1", ""]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "app=web",
        "app = web, tier!=db",
        "env in (prod,staging)",
        "!legacy",
        "gpu",
        "x>3",
        "example.com/app==a-b_c.d",
        "track notin ()",
        "a in (,b)",
    ],
)
def test_label_selectors_the_parser_takes_match(text: str) -> None:
    parse_label_selector(text)
    assert re.search(qp.LABEL_SELECTOR, text)


@pytest.mark.parametrize("text", ["[", "a b", "=x", "a in x", "-a", "a,,b", "a=b c", "É"])
def test_label_selectors_the_parser_refuses_do_not(text: str) -> None:
    with pytest.raises(SelectorError):
        parse_label_selector(text)
    assert not re.search(qp.LABEL_SELECTOR, text)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("", True),
        ("metadata.name=web", True),
        ("status.phase!=Failed,spec.nodeName==n", True),
        (r"metadata.name=a\,b", True),
        ("metadata.name=a,", True),
        ("spec.containers=x", False),
        ("metadata.name", False),
        ("metadata.name=a=b", False),
        ("metadata.name=a\\", False),
    ],
)
def test_field_selector_grammar_is_the_parsers(text: str, ok: bool) -> None:
    pattern = qp.field_selector(POD_FIELD_LABELS)
    assert bool(re.search(pattern, text)) is ok
    if ok:
        parse_field_selector(text, POD_FIELD_LABELS)
    else:
        with pytest.raises(SelectorError):
            parse_field_selector(text, POD_FIELD_LABELS)


@pytest.mark.parametrize(
    "ref",
    ["busybox", "busybox:1.36", "localhost:5000/a/b:t", "ghcr.io/o/r@sha256:" + "a" * 64],
)
def test_image_references_the_parser_takes_match(ref: str) -> None:
    parse_reference(ref)
    assert re.search(qp.IMAGE_REFERENCE, ref)


@pytest.mark.parametrize("ref", ["", "Busybox", "a b", "a:", "a@sha1:00", "/a"])
def test_image_references_the_parser_refuses_do_not(ref: str) -> None:
    with pytest.raises(InvalidReferenceError):
        parse_reference(ref)
    assert not re.search(qp.IMAGE_REFERENCE, ref)


def test_options_and_allow_name_every_method_of_a_path() -> None:
    token = "unit-token-0123456789abcdef"
    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(app=create_app(None, token=token)) as client:
        for path, methods in [
            ("/api/v1/namespaces/default/pods", "GET, OPTIONS, POST"),
            ("/api/v1/namespaces/default/pods/p", "DELETE, GET, OPTIONS, PATCH, PUT"),
            ("/podd/v1/images/busybox", "DELETE, GET, OPTIONS"),
            ("/version", "GET, OPTIONS"),
        ]:
            r = client.options(path, headers=auth)
            assert r.status_code == 204, path
            assert r.headers["allow"] == methods, path


@pytest.mark.parametrize(
    ("verb", "params"),
    [
        ("exec", ["command", "container", "stdin", "stdout", "stderr", "tty"]),
        ("attach", ["container", "stdin", "stdout", "stderr", "tty"]),
        ("portforward", ["ports"]),
    ],
)
def test_stream_upgrades_are_described(doc: dict[str, Any], verb: str, params: list[str]) -> None:
    item = doc["paths"][f"/api/v1/namespaces/{{namespace}}/pods/{{name}}/{verb}"]
    assert set(item) == {"get", "post"}
    for method, op in item.items():
        assert op["operationId"] == f"pods-{verb}-connect-{method}"
        names = [p["name"] for p in op["parameters"]]
        assert names == ["namespace", "name", *params]
        assert set(op["responses"]) == {"101", "400", "401", "404"}
        assert "Switching Protocols" in op["responses"]["101"]["description"]
        assert "WebSocket" in op["description"]
    ids = [op["operationId"] for ops in doc["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))  # one handler, two operations, distinct ids


def test_the_documented_command_and_ports_are_the_parsers(doc: dict[str, Any]) -> None:
    """Repeated query values, as parse_stream_options and parse_ports read them."""
    ops = doc["paths"]
    command = ops["/api/v1/namespaces/{namespace}/pods/{name}/exec"]["get"]["parameters"][2]
    assert (command["style"], command["explode"], command["schema"]["minItems"]) == (
        "form",
        True,
        1,
    )
    ports = ops["/api/v1/namespaces/{namespace}/pods/{name}/portforward"]["get"]["parameters"][2]
    assert ports["schema"]["items"] == {"type": "integer", "minimum": 1, "maximum": 65535}
    query = MultiDict([("command", "ls"), ("command", "-l"), ("stdout", "1")])
    assert parse_stream_options(query, exec_=True).command == ["ls", "-l"]
    assert parse_ports(["8080", "9090,1"]) == [8080, 9090, 1]
