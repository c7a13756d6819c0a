"""Printers for namespaces, events, configmaps and secrets: the apiserver's
columns and cells."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec
import pytest

from podd.api.tables.others import CONFIGMAPS, EVENTS, NAMESPACES, SECRETS
from podd.api.tables.printer import Printer
from podd.model.configmap import ConfigMap, Secret
from podd.model.event import Event
from podd.model.namespace import Namespace

NOW = datetime(2026, 12, 1, 12, 0, 0, tzinfo=UTC)
CREATED = "2026-11-29T09:00:00Z"  # 2d3h before NOW


def columns(printer: Printer[Any]) -> list[tuple[str, str, int]]:
    return [(c.name, c.format, c.priority) for c in printer.columns]


@pytest.mark.parametrize(
    ("phase", "cells"),
    [
        pytest.param("Active", ["dev", "Active", "2d3h"], id="active"),
        pytest.param("Terminating", ["dev", "Terminating", "2d3h"], id="terminating"),
    ],
)
def test_namespace(phase: str, cells: list[Any]) -> None:
    ns = msgspec.convert(
        {"metadata": {"name": "dev", "creationTimestamp": CREATED}, "status": {"phase": phase}},
        Namespace,
    )
    assert NAMESPACES.cells(ns, NOW) == cells
    assert columns(NAMESPACES) == [("Name", "name", 0), ("Status", "", 0), ("Age", "", 0)]


def event(**fields: Any) -> Event:
    obj: dict[str, Any] = {
        "metadata": {"name": "web.18c1f0a2b3c4d5e6", "namespace": "default"},
        "involvedObject": {"kind": "Pod", "name": "web", "fieldPath": "spec.containers{app}"},
        "reason": "Pulled",
        "message": '  Successfully pulled image "busybox"\n',
        "source": {"component": "kubelet", "host": "node1"},
        "firstTimestamp": "2026-12-01T11:56:40Z",
        "lastTimestamp": "2026-12-01T11:59:15Z",
        "count": 3,
        "type": "Normal",
    }
    obj.update(fields)
    return msgspec.convert(obj, Event)


@pytest.mark.parametrize(
    ("ev", "cells"),
    [
        pytest.param(
            event(),
            [
                "45s",
                "Normal",
                "Pulled",
                "pod/web",
                "spec.containers{app}",
                "kubelet, node1",
                'Successfully pulled image "busybox"',
                "3m20s",
                3,
                "web.18c1f0a2b3c4d5e6",
            ],
            id="core-v1-event",
        ),
        pytest.param(
            event(
                firstTimestamp=None,
                lastTimestamp=None,
                count=None,
                eventTime="2026-12-01T11:59:50.123456Z",
                source={},
                reportingComponent="podd-controller",
                reportingInstance="node1",
            ),
            [
                "9s",
                "Normal",
                "Pulled",
                "pod/web",
                "spec.containers{app}",
                "podd-controller, node1",
                'Successfully pulled image "busybox"',
                "9s",
                1,
                "web.18c1f0a2b3c4d5e6",
            ],
            id="events-v1-singleton",
        ),
        pytest.param(
            event(
                series={"count": 7, "lastObservedTime": "2026-12-01T11:59:58.000001Z"},
                source={"component": "kubelet"},
                involvedObject={"kind": "Namespace"},
                type="Warning",
            ),
            [
                "1s",
                "Warning",
                "Pulled",
                "namespace",
                "",
                "kubelet",
                'Successfully pulled image "busybox"',
                "3m20s",
                7,
                "web.18c1f0a2b3c4d5e6",
            ],
            id="series-no-host-no-name",
        ),
    ],
)
def test_event(ev: Event, cells: list[Any]) -> None:
    assert EVENTS.cells(ev, NOW) == cells


def test_event_columns_are_kubectl_get_events() -> None:
    assert columns(EVENTS) == [
        ("Last Seen", "", 0),
        ("Type", "", 0),
        ("Reason", "", 0),
        ("Object", "", 0),
        ("Subobject", "", 1),
        ("Source", "", 1),
        ("Message", "", 0),
        ("First Seen", "", 1),
        ("Count", "", 1),
        ("Name", "name", 1),
    ]


@pytest.mark.parametrize(
    ("obj", "cells"),
    [
        pytest.param({}, ["cfg", 0, "2d3h"], id="empty"),
        pytest.param(
            {"data": {"a": "1", "b": "2"}, "binaryData": {"c": "AAE="}},
            ["cfg", 3, "2d3h"],
            id="data-and-binary-data",
        ),
    ],
)
def test_configmap(obj: dict[str, Any], cells: list[Any]) -> None:
    cm = msgspec.convert(
        {"metadata": {"name": "cfg", "creationTimestamp": CREATED}, **obj}, ConfigMap
    )
    assert CONFIGMAPS.cells(cm, NOW) == cells
    assert columns(CONFIGMAPS) == [("Name", "name", 0), ("Data", "", 0), ("Age", "", 0)]


@pytest.mark.parametrize(
    ("obj", "cells"),
    [
        pytest.param({}, ["tls", "Opaque", 0, "2d3h"], id="opaque-default"),
        pytest.param(
            {"type": "kubernetes.io/tls", "data": {"tls.crt": "YQ==", "tls.key": "Yg=="}},
            ["tls", "kubernetes.io/tls", 2, "2d3h"],
            id="typed",
        ),
    ],
)
def test_secret(obj: dict[str, Any], cells: list[Any]) -> None:
    secret = msgspec.convert(
        {"metadata": {"name": "tls", "creationTimestamp": CREATED}, **obj}, Secret
    )
    assert SECRETS.cells(secret, NOW) == cells
    assert columns(SECRETS) == [
        ("Name", "name", 0),
        ("Type", "", 0),
        ("Data", "", 0),
        ("Age", "", 0),
    ]
