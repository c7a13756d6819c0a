"""Ephemeral containers: ValidateEphemeralContainers and the add-only update rule."""

from __future__ import annotations

import copy

import pytest

from podd.model.container import (
    ContainerPort,
    EphemeralContainer,
    ResourceRequirements,
    VolumeMount,
)
from podd.model.defaults import default_pod
from podd.model.pod import Pod
from podd.model.validation import validate_pod
from podd.model.validation.ephemeral import (
    NOT_FOR_EPHEMERAL,
    validate_ephemeral_containers_update,
)
from tests.unit.model.helpers import DUP, FORB, NF, pairs
from tests.unit.model.seed import seed_pod

_EC = "spec.ephemeralContainers[0]"


def with_debugger(**fields: object) -> Pod:
    pod = seed_pod()
    debugger = EphemeralContainer(name="debugger", image="busybox", **fields)  # type: ignore[arg-type]
    pod.spec.ephemeral_containers = [debugger]
    return default_pod(pod)


def test_a_plain_debugger_targeting_an_app_container_is_valid() -> None:
    pod = with_debugger(target_container_name="web", stdin=True, tty=True)
    assert validate_pod(pod, for_update=True) == []


def test_set_on_create_is_forbidden() -> None:
    causes = validate_pod(with_debugger())
    assert pairs(causes) == [(FORB, "spec.ephemeralContainers")]
    assert causes[0].message == "Forbidden: cannot be set on create"


@pytest.mark.parametrize(
    ("fields", "wire"),
    [
        ({"ports": [ContainerPort(container_port=80)]}, "ports"),
        ({"resources": ResourceRequirements(limits={"cpu": "1"})}, "resources"),
    ],
)
def test_workload_fields_are_forbidden(fields: dict[str, object], wire: str) -> None:
    causes = validate_pod(with_debugger(**fields), for_update=True)
    assert (FORB, f"{_EC}.{wire}") in pairs(causes)
    forbidden = next(c for c in causes if c.field == f"{_EC}.{wire}")
    assert forbidden.message == f"Forbidden: {NOT_FOR_EPHEMERAL}"


def test_empty_resources_as_kubectl_debug_sends_them_are_allowed() -> None:
    """Go's IsZero: ``resources: {}`` sets nothing (kubectl always encodes it)."""
    pod = with_debugger(resources=ResourceRequirements(), ports=[])
    assert validate_pod(pod, for_update=True) == []


def test_probes_and_lifecycle_are_forbidden() -> None:
    pod = seed_pod()
    web = pod.spec.containers[0]
    debugger = EphemeralContainer(
        name="debugger",
        image="busybox",
        liveness_probe=copy.deepcopy(web.liveness_probe),
        readiness_probe=copy.deepcopy(web.readiness_probe),
        lifecycle=copy.deepcopy(web.lifecycle),
    )
    pod.spec.ephemeral_containers = [debugger]
    got = pairs(validate_pod(default_pod(pod), for_update=True))
    for wire, value in (
        ("livenessProbe", web.liveness_probe),
        ("readinessProbe", web.readiness_probe),
        ("lifecycle", web.lifecycle),
    ):
        if value is not None:
            assert (FORB, f"{_EC}.{wire}") in got


def test_sub_path_mounts_are_forbidden() -> None:
    mount = VolumeMount(name="data", mount_path="/d", sub_path="x")
    got = pairs(validate_pod(with_debugger(volume_mounts=[mount]), for_update=True))
    assert got == [(FORB, f"{_EC}.volumeMounts[0].subPath")]


def test_unknown_target_and_duplicate_name() -> None:
    got = pairs(validate_pod(with_debugger(target_container_name="nope"), for_update=True))
    assert got == [(NF, f"{_EC}.targetContainerName")]
    pod = seed_pod()
    pod.spec.ephemeral_containers = [EphemeralContainer(name="web", image="busybox")]
    assert pairs(validate_pod(default_pod(pod), for_update=True)) == [(DUP, f"{_EC}.name")]


def test_ephemeral_containers_may_only_be_added() -> None:
    old = with_debugger()
    added = copy.deepcopy(old)
    added.spec.ephemeral_containers = [
        EphemeralContainer(name="second", image="busybox"),
        *(old.spec.ephemeral_containers or []),
    ]
    assert validate_ephemeral_containers_update(old.spec, added.spec) == []

    removed = copy.deepcopy(old)
    removed.spec.ephemeral_containers = []
    causes = validate_ephemeral_containers_update(old.spec, removed.spec)
    assert pairs(causes) == [(FORB, "spec.ephemeralContainers")]
    assert 'existing ephemeral containers "debugger" may not be removed' in (
        causes[0].message or ""
    )

    changed = copy.deepcopy(old)
    (changed.spec.ephemeral_containers or [])[0].image = "alpine"
    causes = validate_ephemeral_containers_update(old.spec, changed.spec)
    assert 'existing ephemeral containers "debugger" may not be changed' in (
        causes[0].message or ""
    )
