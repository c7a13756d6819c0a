"""Pod update rules (ValidatePodUpdate) and what an update may keep or change."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from podd.model.container import Container, ContainerPort
from podd.model.defaults import default_pod, prepare_pod_for_create, prepare_pod_for_update
from podd.model.pod import Pod, Toleration
from podd.model.validation import UPDATABLE_FIELDS, validate_pod, validate_pod_update
from tests.unit.model.helpers import FORB, INV, set_
from tests.unit.model.seed import seed_pod


def stored_pod() -> Pod:
    return prepare_pod_for_create(
        default_pod(seed_pod()), uid="uid-1", now="2026-11-22T11:00:00Z", node_name="node1"
    )


def update(mutate: Callable[[Pod], object], old: Pod | None = None) -> list[tuple[str, str]]:
    old = old or stored_pod()
    new = prepare_pod_for_update(old, old)
    mutate(new)
    new = default_pod(new)
    causes = validate_pod(new, for_update=True) + validate_pod_update(old, new)
    return [(c.reason or "", c.field or "") for c in causes]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda p: None, []),
        (lambda p: set_(p.spec.containers[0], image="nginx:1.27"), []),
        (lambda p: set_(p.spec.init_containers[0], image="busybox:1.37"), []),
        (lambda p: set_(p.metadata, labels={"app": "web", "new": "x"}, annotations={"a": "b"}), []),
        (lambda p: set_(p.spec, active_deadline_seconds=600), []),
        (lambda p: set_(p.spec, tolerations=[Toleration(key="k", operator="Exists")]), []),
        (lambda p: set_(p.spec, restart_policy="Never"), [(FORB, "spec")]),
        (lambda p: set_(p.spec.containers[0].ports[0], container_port=81), [(FORB, "spec")]),
        (
            lambda p: p.spec.containers.append(Container(name="extra", image="busybox")),
            [(FORB, "spec")],
        ),
        (lambda p: set_(p.spec, termination_grace_period_seconds=60), [(FORB, "spec")]),
        (lambda p: set_(p.metadata, name="other"), [(INV, "metadata.name")]),
        (lambda p: set_(p.metadata, namespace="other"), [(INV, "metadata.namespace")]),
        (lambda p: set_(p.metadata, uid="uid-2"), [(INV, "metadata.uid")]),
        (
            lambda p: set_(p.metadata, creation_timestamp="2020-01-01T00:00:00Z"),
            [(INV, "metadata.creationTimestamp")],
        ),
        (
            lambda p: set_(p.spec.containers[0], image=""),
            [("FieldValueRequired", "spec.containers[0].image")],
        ),
    ],
)
def test_update(mutate: Callable[[Pod], object], expected: list[tuple[str, str]]) -> None:
    assert update(mutate) == expected


def test_forbidden_update_message_lists_updatable_fields_and_the_change() -> None:
    old = stored_pod()
    new = prepare_pod_for_update(old, old)
    new.spec.containers[0].ports = [ContainerPort(container_port=81, protocol="TCP")]
    [cause] = validate_pod_update(old, new)
    message = cause.message or ""
    assert message.startswith(
        "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
        "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only "
        "additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be "
        "set to 1 if it was previously negative)\n"
    )
    assert "spec.containers[0].ports[0].containerPort: 80 -> 81" in message
    assert len(UPDATABLE_FIELDS) == 5


@pytest.mark.parametrize(
    ("old_value", "new_value", "expected"),
    [
        (None, 60, []),
        (60, 30, []),
        (60, 60, []),
        (60, 120, [(INV, "spec.activeDeadlineSeconds")]),
        (60, None, [(INV, "spec.activeDeadlineSeconds")]),
    ],
)
def test_active_deadline(
    old_value: int | None, new_value: int | None, expected: list[tuple[str, str]]
) -> None:
    old = stored_pod()
    old.spec.active_deadline_seconds = old_value
    assert update(lambda p: set_(p.spec, active_deadline_seconds=new_value), old) == expected


def test_active_deadline_messages() -> None:
    old = stored_pod()
    old.spec.active_deadline_seconds = 60
    new = prepare_pod_for_update(old, old)
    new.spec.active_deadline_seconds = 120
    [cause] = validate_pod_update(old, new)
    assert cause.message == "Invalid value: 120: must be less than or equal to previous value"
    new.spec.active_deadline_seconds = None
    [cause] = validate_pod_update(old, new)
    assert (
        cause.message
        == 'Invalid value: "null": must not update from a positive integer to nil value'
    )


def test_tolerations_only_additions() -> None:
    old = stored_pod()
    old.spec.tolerations = [
        Toleration(key="a", operator="Exists", effect="NoExecute", toleration_seconds=60)
    ]
    added = [*old.spec.tolerations, Toleration(key="b", operator="Exists")]
    assert update(lambda p: set_(p.spec, tolerations=added), old) == []
    seconds = [Toleration(key="a", operator="Exists", effect="NoExecute", toleration_seconds=10)]
    assert update(lambda p: set_(p.spec, tolerations=seconds), old) == []
    changed = [Toleration(key="c", operator="Exists")]
    assert update(lambda p: set_(p.spec, tolerations=changed), old) == [(FORB, "spec.tolerations")]


def test_grace_period_from_negative_to_one() -> None:
    old = stored_pod()
    old.spec.termination_grace_period_seconds = -1
    new = prepare_pod_for_update(old, old)
    new.spec.termination_grace_period_seconds = 1
    assert validate_pod_update(old, new) == []
    new.spec.termination_grace_period_seconds = 2
    assert [c.field for c in validate_pod_update(old, new)] == ["spec"]


def test_prepare_for_update_keeps_system_fields() -> None:
    old = stored_pod()
    new = default_pod(seed_pod())
    new.metadata.labels = {"app": "web", "v": "2"}
    new.status.phase = "Running"  # ignored: status is the old one
    got = prepare_pod_for_update(old, new)
    assert got.metadata.uid == "uid-1"
    assert got.metadata.creation_timestamp == "2026-11-22T11:00:00Z"
    assert got.status == old.status
    assert got.spec.node_name == old.spec.node_name  # carried over from the stored pod
    assert got.metadata.generation == 1  # so the spec did not change
    changed = default_pod(seed_pod())
    changed.spec.containers[0].image = "busybox:2"
    assert prepare_pod_for_update(old, changed).metadata.generation == 2
