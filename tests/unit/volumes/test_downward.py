"""Downward API values: pod fields, container resources, Go-quoted maps."""

from __future__ import annotations

import pytest

from podd.model.container import Quantity, ResourceFieldSelector
from podd.volumes.downward import field_value, format_map, go_quote, resource_value
from podd.volumes.errors import ProjectionError
from tests.unit.volumes.conftest import make_pod


def test_go_quote_and_format_map() -> None:
    assert go_quote('a "b"\\\n\t') == '"a \\"b\\"\\\\\\n\\t"'
    assert go_quote("héllo ✓") == '"héllo ✓"'
    assert go_quote("\x00\x7f\u200b") == '"\\x00\\x7f\\u200b"'
    assert format_map({"b": "2", "a": "1"}) == 'a="1"\nb="2"'
    assert format_map(None) == ""


def test_downward_fields() -> None:
    pod = make_pod()
    assert field_value(pod, "metadata.name") == "web"
    assert field_value(pod, "metadata.namespace") == "team"
    assert field_value(pod, "metadata.uid") == pod.metadata.uid
    assert field_value(pod, "metadata.labels") == 'app="web"\ntier="front"'
    assert field_value(pod, "metadata.annotations") == 'build="42"\nnote="say \\"hi\\"\\n"'
    assert field_value(pod, "metadata.labels['app']") == "web"
    assert field_value(pod, "metadata.annotations['missing']") == ""
    with pytest.raises(ProjectionError, match=r"unsupported fieldPath: spec\.nodeName"):
        field_value(pod, "spec.nodeName")
    with pytest.raises(ProjectionError, match="does not support subscript"):
        field_value(pod, "metadata.name['x']")


def _res(
    resource: str, divisor: str | None = None, container: str = "app"
) -> ResourceFieldSelector:
    return ResourceFieldSelector(container_name=container, resource=resource, divisor=divisor)


def test_downward_resources() -> None:
    pod = make_pod(limits={"cpu": "250m", "memory": "64Mi"})
    assert resource_value(pod, _res("limits.cpu")) == "1"  # ceil(0.25)
    assert resource_value(pod, _res("limits.cpu", "1m")) == "250"
    assert resource_value(pod, _res("limits.memory")) == str(64 << 20)
    assert resource_value(pod, _res("limits.memory", "1Mi")) == "64"
    assert resource_value(pod, _res("limits.memory", "1M")) == "68"  # ceil(67.108864)
    assert resource_value(pod, _res("requests.memory")) == "0"
    # unset limits are the node's allocatable amounts
    bare = make_pod()
    alloc: dict[str, Quantity] = {"cpu": 4, "memory": "8Gi", "ephemeral-storage": "100G"}
    assert resource_value(bare, _res("limits.cpu"), alloc) == "4"
    assert resource_value(bare, _res("limits.memory", "1Gi"), alloc) == "8"
    assert resource_value(bare, _res("limits.ephemeral-storage", "1G"), alloc) == "100"
    assert resource_value(bare, _res("requests.cpu"), alloc) == "0"
    with pytest.raises(ProjectionError, match="container nope not found"):
        resource_value(pod, _res("limits.cpu", container="nope"))
    with pytest.raises(ProjectionError, match="unsupported container resource"):
        resource_value(pod, _res("limits.gpu"))
