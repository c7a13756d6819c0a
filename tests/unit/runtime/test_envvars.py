"""The container environment: env sources, envFrom, precedence, errors."""

from __future__ import annotations

from typing import Any

import pytest

from podd.model.container import ResourceFieldSelector
from podd.runtime.envvars import (
    is_env_var_name,
    make_env,
    merge_image_env,
    pod_field_value,
    resource_field_value,
)
from podd.runtime.errors import CreateContainerConfigError

from .helpers import container, pod, sources

CMS = {"cfg": {"color": "blue", "size": "L", "1bad": "x", "with space": "y"}}
SECRETS = {"sec": {"password": "s3cret"}}


def env(c: dict[str, Any], **kw: Any) -> tuple[dict[str, str], list[str]]:
    p = pod([{"name": "c", **c}], **kw)
    return make_env(container(p), sources(p, config_maps=CMS, secrets=SECRETS), "default")


def ref(kind: str, name: str, key: str, **extra: Any) -> dict[str, Any]:
    return {"name": "V", "valueFrom": {kind: {"name": name, "key": key, **extra}}}


def test_field_refs() -> None:
    paths = {
        "metadata.name": "web",
        "metadata.namespace": "default",
        "metadata.uid": "u-1",
        "metadata.labels['app']": "web",
        "metadata.labels['missing']": "",
        "metadata.annotations['a']": "",
        "metadata.labels": 'app="web"',
        "spec.nodeName": "",
        "spec.serviceAccountName": "",
        "status.podIP": "10.0.2.100",
        "status.hostIP": "192.168.1.5",
    }
    values, _ = env(
        {
            "env": [
                {"name": f"V{i}", "valueFrom": {"fieldRef": {"fieldPath": p}}}
                for i, p in enumerate(paths)
            ]
        }
    )
    assert list(values.values()) == list(paths.values())
    p = pod([{"name": "c"}])
    assert pod_field_value(p, "spec.containers") is None
    with pytest.raises(CreateContainerConfigError, match="unsupported fieldPath"):
        env({"env": [{"name": "X", "valueFrom": {"fieldRef": {"fieldPath": "spec.bogus"}}}]})


def test_config_map_and_secret_refs() -> None:
    values, _ = env(
        {"env": [ref("configMapKeyRef", "cfg", "color"), ref("secretKeyRef", "sec", "password")]}
    )
    assert values == {"V": "s3cret"}  # the later definition wins
    values, _ = env({"env": [ref("configMapKeyRef", "cfg", "color")]})
    assert values == {"V": "blue"}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (ref("configMapKeyRef", "cfg", "nope"), "couldn't find key nope in ConfigMap default/cfg"),
        (ref("configMapKeyRef", "gone", "k"), 'configmap "gone" not found'),
        (ref("secretKeyRef", "sec", "nope"), "couldn't find key nope in Secret default/sec"),
        (ref("secretKeyRef", "gone", "k"), 'secret "gone" not found'),
    ],
)
def test_missing_required_keys(entry: dict[str, Any], message: str) -> None:
    with pytest.raises(CreateContainerConfigError) as info:
        env({"env": [entry]})
    assert str(info.value) == message
    assert info.value.reason == "CreateContainerConfigError"


def test_optional_refs_are_skipped() -> None:
    values, _ = env(
        {
            "env": [
                ref("configMapKeyRef", "cfg", "nope", optional=True),
                ref("secretKeyRef", "gone", "k", optional=True),
                {"name": "KEEP", "value": "1"},
            ]
        }
    )
    assert values == {"KEEP": "1"}


def test_env_from_with_prefix_and_invalid_names() -> None:
    values, warnings = env(
        {
            "envFrom": [
                {"configMapRef": {"name": "cfg"}, "prefix": "CFG_"},
                {"secretRef": {"name": "sec"}},
                {"configMapRef": {"name": "absent", "optional": True}},
            ],
            "env": [{"name": "CFG_size", "value": "override $(CFG_color)"}],
        }
    )
    assert values == {
        "CFG_color": "blue",
        "CFG_size": "override blue",
        "CFG_1bad": "x",  # valid with the prefix
        "password": "s3cret",
    }
    assert warnings == [
        "Keys [CFG_with space] from the EnvFrom configMap default/cfg were skipped since they "
        "are considered invalid environment variable names."
    ]
    _, warnings = env({"envFrom": [{"configMapRef": {"name": "cfg"}}]})
    assert "[1bad, with space]" in warnings[0]
    with pytest.raises(CreateContainerConfigError, match='configmap "absent" not found'):
        env({"envFrom": [{"configMapRef": {"name": "absent"}}]})
    with pytest.raises(CreateContainerConfigError, match='secret "absent" not found'):
        env({"envFrom": [{"secretRef": {"name": "absent"}}]})


def test_empty_value() -> None:
    assert env({"env": [{"name": "E"}, {"name": "F", "value": ""}]})[0] == {"E": "", "F": ""}


@pytest.mark.parametrize(
    ("resource", "divisor", "resources", "expected"),
    [
        ("limits.cpu", None, {"limits": {"cpu": "500m"}}, "1"),
        ("limits.cpu", "1m", {"limits": {"cpu": "500m"}}, "500"),
        ("requests.cpu", "1m", {"requests": {"cpu": "250m"}}, "250"),
        ("requests.cpu", None, {}, "0"),
        ("limits.memory", None, {"limits": {"memory": "64Mi"}}, "67108864"),
        ("limits.memory", "1Mi", {"limits": {"memory": "64Mi"}}, "64"),
        ("limits.memory", "1Mi", {}, "2048"),  # node allocatable
        ("limits.cpu", None, {}, "4"),
        ("requests.memory", "1Ki", {"requests": {"memory": "1000"}}, "1"),
    ],
)
def test_resource_field_refs(
    resource: str, divisor: str | None, resources: dict[str, Any], expected: str
) -> None:
    p = pod([{"name": "c", "resources": resources}])
    sel = ResourceFieldSelector(resource=resource, divisor=divisor)
    assert resource_field_value(sel, container(p), {"cpu": "4", "memory": "2Gi"}) == expected


def test_unsupported_resource() -> None:
    p = pod([{"name": "c"}])
    with pytest.raises(CreateContainerConfigError, match="unsupported container resource"):
        resource_field_value(ResourceFieldSelector(resource="limits.gpu"), container(p), {})


def test_env_var_names() -> None:
    assert all(is_env_var_name(n) for n in ("A", "_a", "a.b", "a-b", "-x", "A1"))
    assert not any(is_env_var_name(n) for n in ("", "1A", "a b", "a=b", "ä"))


def test_merge_image_env() -> None:
    assert merge_image_env(["A=1", "B=2", "A=3"], {"B": "x", "C": "y"}) == ["A=3", "B=x", "C=y"]
    assert merge_image_env(None, {}) == []
