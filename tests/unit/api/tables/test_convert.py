"""Plain JSON answers turned into Tables: lists (resourceVersion, continue),
one object, watch streams (headers in the first event only), and each row's
object as ``includeObject`` asks."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from podd.api.tables import list_table, object_table, others, pods, watch_tables
from podd.api.tables.printer import DEFAULT_PRINTER
from podd.api.tables.registry import Printers, printer_for
from podd.api.tables.table import TableRequest

NOW = datetime(2026, 12, 1, 12, 0, 0, tzinfo=UTC)
REQ = TableRequest()


def namespace(name: str, rv: str = "7") -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {
            "name": name,
            "uid": f"uid-{name}",
            "resourceVersion": rv,
            "creationTimestamp": "2026-12-01T11:59:00Z",
            "labels": {"team": "a"},
        },
        "spec": {"finalizers": ["kubernetes"]},
        "status": {"phase": "Active"},
    }


def ns_list(*items: dict[str, Any], **meta: Any) -> bytes:
    body = {"apiVersion": "v1", "kind": "NamespaceList", "metadata": meta, "items": list(items)}
    return json.dumps(body).encode()


def test_list_keeps_resource_version_and_continue() -> None:
    data = ns_list(namespace("a"), namespace("b"), resourceVersion="42", **{"continue": "tok"})
    table = json.loads(list_table("Namespace", data, REQ, NOW))
    assert table["apiVersion"] == "meta.k8s.io/v1" and table["kind"] == "Table"
    assert table["metadata"] == {"resourceVersion": "42", "continue": "tok"}
    assert [c["name"] for c in table["columnDefinitions"]] == ["Name", "Status", "Age"]
    assert [r["cells"] for r in table["rows"]] == [["a", "Active", "60s"], ["b", "Active", "60s"]]


def test_empty_list_has_rows_and_columns() -> None:
    table = json.loads(list_table("Namespace", ns_list(resourceVersion="3"), REQ, NOW))
    assert table["rows"] == [] and len(table["columnDefinitions"]) == 3
    assert table["metadata"] == {"resourceVersion": "3"}


@pytest.mark.parametrize(
    ("req", "expected"),
    [
        pytest.param(
            TableRequest("v1", "Metadata"),
            {
                "apiVersion": "meta.k8s.io/v1",
                "kind": "PartialObjectMetadata",
                "metadata": namespace("a")["metadata"],
            },
            id="metadata",
        ),
        pytest.param(
            TableRequest("v1beta1", "Metadata"),
            {
                "apiVersion": "meta.k8s.io/v1beta1",
                "kind": "PartialObjectMetadata",
                "metadata": namespace("a")["metadata"],
            },
            id="metadata-v1beta1",
        ),
        pytest.param(TableRequest("v1", "Object"), namespace("a"), id="object"),
        pytest.param(TableRequest("v1", "None"), None, id="none"),
    ],
)
def test_row_object(req: TableRequest, expected: Any) -> None:
    table = json.loads(list_table("Namespace", ns_list(namespace("a")), req, NOW))
    assert table["apiVersion"] == f"meta.k8s.io/{req.version}"
    row = table["rows"][0]
    assert "object" in row and row["object"] == expected


def test_one_object_carries_its_resource_version() -> None:
    data = json.dumps(namespace("a", rv="99")).encode()
    table = json.loads(object_table("Namespace", data, REQ, NOW))
    assert table["metadata"] == {"resourceVersion": "99"}
    assert len(table["rows"]) == 1 and table["rows"][0]["cells"] == ["a", "Active", "60s"]


def test_pod_rows_carry_completed_conditions() -> None:
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "job",
            "resourceVersion": "5",
            "creationTimestamp": "2026-12-01T11:00:00Z",
        },
        "spec": {"containers": [{"name": "app", "image": "busybox"}]},
        "status": {"phase": "Succeeded"},
    }
    table = json.loads(object_table("Pod", json.dumps(pod).encode(), REQ, NOW))
    assert table["rows"][0]["conditions"] == [
        {
            "type": "Completed",
            "status": "True",
            "reason": "Succeeded",
            "message": "The pod has completed successfully.",
        }
    ]


def test_a_kind_without_printer_gets_the_default_columns() -> None:
    obj = {
        "kind": "Widget",
        "metadata": {
            "name": "w",
            "resourceVersion": "1",
            "creationTimestamp": "2026-12-01T11:00:00+00:00",
        },
    }
    table = json.loads(object_table("Widget", json.dumps(obj).encode(), REQ, NOW))
    assert [(c["name"], c["type"]) for c in table["columnDefinitions"]] == [
        ("Name", "string"),
        ("Created At", "date"),
    ]
    assert table["rows"][0]["cells"] == ["w", "2026-12-01T11:00:00Z"]


def test_registry_serves_each_kind_its_printer() -> None:
    assert printer_for("Pod") is pods.PRINTER and printer_for("Secret") is others.SECRETS
    printers = Printers({"Pod": pods.PRINTER})
    assert printers.printer_for("Gadget") is DEFAULT_PRINTER
    printers.register("Gadget", others.NAMESPACES)
    assert printers.printer_for("Gadget") is others.NAMESPACES
    with pytest.raises(ValueError):
        printers.register("Pod", DEFAULT_PRINTER)


def line(type_: str, obj: dict[str, Any]) -> bytes:
    return json.dumps({"type": type_, "object": obj}).encode() + b"\n"


async def stream(*chunks: bytes) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk


async def test_watch_sends_headers_in_the_first_event_only() -> None:
    gone = {"apiVersion": "v1", "kind": "Status", "status": "Failure", "code": 410}
    bookmark = {"kind": "Namespace", "apiVersion": "v1", "metadata": {"resourceVersion": "12"}}
    chunks = [
        line("ADDED", namespace("a", "7")),
        line("MODIFIED", namespace("a", "8")) + line("DELETED", namespace("a", "9")),
        line("BOOKMARK", bookmark),
        line("ERROR", gone),
    ]
    out = [c async for c in watch_tables("Namespace", stream(*chunks), REQ)]
    assert len(out) == 4  # one chunk out per chunk in: events are flushed as they come
    events = [json.loads(x) for c in out for x in c.splitlines()]
    assert [e["type"] for e in events] == ["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"]
    tables = [e["object"] for e in events[:4]]
    assert len(tables[0]["columnDefinitions"]) == 3
    assert all(t["kind"] == "Table" and t["columnDefinitions"] is None for t in tables[1:])
    assert [t["metadata"]["resourceVersion"] for t in tables] == ["7", "8", "9", "12"]
    assert [len(t["rows"]) for t in tables] == [1, 1, 1, 0]
    assert tables[2]["rows"][0]["cells"][0] == "a"
    assert events[4]["object"] == gone
