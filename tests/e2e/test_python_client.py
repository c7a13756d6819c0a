"""The official ``kubernetes`` Python client, configured exactly as a user
does it (``load_kube_config`` on what ``podd kubeconfig`` prints), against a
real ``podd serve --listen`` over TLS: pods (create, read, list with
selectors, watch, patch, replace, delete), server-side apply, configmaps,
secrets, events and namespaces."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

from tests.e2e.conftest import start_podd, stop_podd, write_kubeconfig
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

NS = "default"
WATCH_HISTORY = 60


@pytest.fixture(scope="module")
def image(registry: Registry) -> str:  # noqa: F811
    return f"{registry.host}/library/busybox:1.36"


@pytest.fixture(scope="module")
def api(
    tmp_path_factory: pytest.TempPathFactory,
    registry: Registry,  # noqa: F811
) -> Iterator[client.CoreV1Api]:
    base = tmp_path_factory.mktemp("podd-pyclient")
    # A short watch history, so that a too old resourceVersion is reachable.
    proc = start_podd(
        base,
        "--listen",
        "127.0.0.1:0",
        "--insecure-registry",
        registry.host,
        "--watch-history",
        str(WATCH_HISTORY),
    )
    try:
        kc = write_kubeconfig(proc, base / "kubeconfig")
        cfg = client.Configuration()
        config.load_kube_config(config_file=str(kc.path), client_configuration=cfg)
        with client.ApiClient(cfg) as api_client:
            yield client.CoreV1Api(api_client)
    finally:
        stop_podd(proc)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


def v1pod(name: str, image: str, labels: dict[str, str] | None = None) -> client.V1Pod:
    return client.V1Pod(
        metadata=client.V1ObjectMeta(name=name, labels=labels or {}),
        spec=client.V1PodSpec(
            containers=[client.V1Container(name="main", image=image, command=["sleep", "3600"])],
            termination_grace_period_seconds=1,
        ),
    )


def status_of(exc: ApiException) -> dict[str, Any]:
    body = json.loads(exc.body)
    assert body["kind"] == "Status"
    return body  # type: ignore[no-any-return]


def test_events_of_a_pod_in_order(api: client.CoreV1Api, image: str) -> None:
    # First in the module: the image is pulled here ("Successfully pulled");
    # a cached image would say "already present on machine", one Pulled too.
    name = unique("ev")
    api.create_namespaced_pod(NS, v1pod(name, image))
    w = watch.Watch()
    types: list[str] = []
    for ev in w.stream(
        api.list_namespaced_pod, NS, field_selector=f"metadata.name={name}", timeout_seconds=120
    ):
        types.append(ev["type"])
        if ev["object"].status.phase == "Running":
            w.stop()
    # Without a resourceVersion the watch starts with the current state as ADDED.
    assert types[0] == "ADDED" and set(types[1:]) <= {"MODIFIED"}, types
    events = api.list_namespaced_event(
        NS, field_selector=f"involvedObject.name={name},involvedObject.kind=Pod"
    ).items
    reasons = [e.reason for e in events]
    wanted = ["Scheduled", "Pulled", "Created", "Started"]
    assert [r for r in reasons if r in wanted] == wanted, reasons
    assert all(e.involved_object.name == name for e in events)
    api.delete_namespaced_pod(name, NS, grace_period_seconds=0)


def test_pod_lifecycle_with_watch(api: client.CoreV1Api, image: str) -> None:
    name = unique("py")
    created = api.create_namespaced_pod(NS, v1pod(name, image, {"app": "py", "run": name}))
    assert created.metadata.name == name
    assert created.metadata.uid
    rv = created.metadata.resource_version
    # Watch from the creation's resourceVersion until Running: no event missed.
    types: list[str] = []
    phases: list[str] = []
    w = watch.Watch()
    for ev in w.stream(
        api.list_namespaced_pod,
        NS,
        field_selector=f"metadata.name={name}",
        resource_version=rv,
        timeout_seconds=120,
    ):
        assert isinstance(ev["object"], client.V1Pod)
        types.append(ev["type"])
        phases.append(ev["object"].status.phase)
        if ev["object"].status.phase == "Running":
            w.stop()
    assert set(types) == {"MODIFIED"}
    assert phases[-1] == "Running"

    got = api.read_namespaced_pod(name, NS)
    assert got.status.phase == "Running"
    assert got.spec.containers[0].image == image
    assert got.status.container_statuses[0].ready is True
    assert got.status.pod_ip

    by_label = api.list_namespaced_pod(NS, label_selector=f"run={name}")
    assert [p.metadata.name for p in by_label.items] == [name]
    assert api.list_namespaced_pod(NS, label_selector=f"run={name},app=nope").items == []
    by_field = api.list_namespaced_pod(NS, field_selector=f"metadata.name={name}")
    assert [p.metadata.name for p in by_field.items] == [name]
    running = api.list_namespaced_pod(NS, field_selector="status.phase=Running")
    assert name in [p.metadata.name for p in running.items]

    patched = api.patch_namespaced_pod(name, NS, {"metadata": {"labels": {"tier": "a"}}})
    assert patched.metadata.labels == {"app": "py", "run": name, "tier": "a"}
    ops = [
        {"op": "replace", "path": "/metadata/labels/tier", "value": "b"},
        {"op": "remove", "path": "/metadata/labels/app"},
    ]
    jp = api.patch_namespaced_pod(name, NS, ops, _content_type="application/json-patch+json")
    assert jp.metadata.labels == {"run": name, "tier": "b"}

    current = api.read_namespaced_pod(name, NS)
    current.metadata.annotations = {"replaced": "yes"}
    replaced = api.replace_namespaced_pod(name, NS, current)
    assert replaced.metadata.annotations == {"replaced": "yes"}
    assert int(replaced.metadata.resource_version) > int(current.metadata.resource_version)
    current.metadata.annotations = {"stale": "yes"}  # the old resourceVersion
    with pytest.raises(ApiException) as stale:
        api.replace_namespaced_pod(name, NS, current)
    assert stale.value.status == 409
    assert status_of(stale.value)["reason"] == "Conflict"

    rv = replaced.metadata.resource_version
    api.delete_namespaced_pod(name, NS, body=client.V1DeleteOptions(grace_period_seconds=0))
    seen: list[str] = []
    for ev in w.stream(
        api.list_namespaced_pod,
        NS,
        field_selector=f"metadata.name={name}",
        resource_version=rv,
        timeout_seconds=60,
    ):
        seen.append(ev["type"])
        if ev["type"] == "DELETED":
            w.stop()
    assert seen[-1] == "DELETED"
    with pytest.raises(ApiException) as gone:
        api.read_namespaced_pod(name, NS)
    assert gone.value.status == 404
    body = status_of(gone.value)
    assert body["reason"] == "NotFound"
    assert body["message"] == f'pods "{name}" not found'


def test_create_event(api: client.CoreV1Api) -> None:
    name = unique("custom")
    ev = client.CoreV1Event(
        metadata=client.V1ObjectMeta(name=name),
        involved_object=client.V1ObjectReference(kind="Pod", name="someone", namespace=NS),
        reason="Custom",
        message="made by the python client",
        type="Normal",
    )
    made = api.create_namespaced_event(NS, ev)
    assert (made.metadata.name, made.reason, made.message) == (
        name,
        "Custom",
        "made by the python client",
    )
    listed = api.list_namespaced_event(NS, field_selector="involvedObject.name=someone").items
    assert [e.metadata.name for e in listed] == [name]
    api.delete_namespaced_event(name, NS)


def test_server_side_apply_managers_and_conflicts(api: client.CoreV1Api, image: str) -> None:
    name = unique("ssa")
    doc: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": {"owner": "m1"}},
        "spec": {"containers": [{"name": "main", "image": image, "command": ["sleep", "3600"]}]},
    }
    apply = "application/apply-patch+yaml"
    made = api.patch_namespaced_pod(name, NS, doc, field_manager="m1", _content_type=apply)
    assert made.metadata.labels == {"owner": "m1"}
    managers = {(m.manager, m.operation) for m in made.metadata.managed_fields}
    assert ("m1", "Apply") in managers

    doc["metadata"]["labels"] = {"owner": "m1", "extra": "x"}
    again = api.patch_namespaced_pod(name, NS, doc, field_manager="m1", _content_type=apply)
    assert again.metadata.labels == {"owner": "m1", "extra": "x"}

    other = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": {"owner": "m2"}},
    }
    with pytest.raises(ApiException) as conflict:
        api.patch_namespaced_pod(name, NS, other, field_manager="m2", _content_type=apply)
    assert conflict.value.status == 409
    body = status_of(conflict.value)
    assert body["reason"] == "Conflict"
    assert '"m1"' in body["message"]
    assert ".metadata.labels.owner" in body["message"]

    won = api.patch_namespaced_pod(
        name, NS, other, field_manager="m2", force=True, _content_type=apply
    )
    assert won.metadata.labels["owner"] == "m2"
    assert {m.manager for m in won.metadata.managed_fields} >= {"m1", "m2"}

    with pytest.raises(ApiException) as no_manager:
        api.patch_namespaced_pod(name, NS, other, _content_type=apply)
    assert no_manager.value.status in (400, 422)
    api.delete_namespaced_pod(name, NS, grace_period_seconds=0)


def test_configmaps(api: client.CoreV1Api) -> None:
    name = unique("cm")
    cm = client.V1ConfigMap(metadata=client.V1ObjectMeta(name=name), data={"a": "1"})
    made = api.create_namespaced_config_map(NS, cm)
    assert made.data == {"a": "1"}
    assert api.read_namespaced_config_map(name, NS).data == {"a": "1"}
    names = [c.metadata.name for c in api.list_namespaced_config_map(NS).items]
    assert name in names
    patched = api.patch_namespaced_config_map(name, NS, {"data": {"b": "2"}})
    assert patched.data == {"a": "1", "b": "2"}
    patched.data = {"c": "3"}
    assert api.replace_namespaced_config_map(name, NS, patched).data == {"c": "3"}
    api.delete_namespaced_config_map(name, NS)
    with pytest.raises(ApiException) as gone:
        api.read_namespaced_config_map(name, NS)
    assert gone.value.status == 404
    assert status_of(gone.value)["reason"] == "NotFound"

    frozen = client.V1ConfigMap(
        metadata=client.V1ObjectMeta(name=name), data={"a": "1"}, immutable=True
    )
    api.create_namespaced_config_map(NS, frozen)
    with pytest.raises(ApiException) as refused:
        api.patch_namespaced_config_map(name, NS, {"data": {"a": "2"}})
    assert refused.value.status == 422
    assert status_of(refused.value)["reason"] == "Invalid"
    api.delete_namespaced_config_map(name, NS)


def test_secrets(api: client.CoreV1Api) -> None:
    name = unique("sec")
    raw = bytes(range(256))
    secret = client.V1Secret(
        metadata=client.V1ObjectMeta(name=name),
        data={"bin": base64.b64encode(raw).decode()},
        string_data={"plain": "hello"},
        type="Opaque",
    )
    made = api.create_namespaced_secret(NS, secret)
    assert made.string_data is None
    assert base64.b64decode(made.data["bin"]) == raw
    assert base64.b64decode(made.data["plain"]) == b"hello"
    got = api.read_namespaced_secret(name, NS)
    assert (got.type, sorted(got.data)) == ("Opaque", ["bin", "plain"])
    assert name in [s.metadata.name for s in api.list_namespaced_secret(NS).items]
    patched = api.patch_namespaced_secret(name, NS, {"stringData": {"more": "x"}})
    assert base64.b64decode(patched.data["more"]) == b"x"
    patched.data = {"only": base64.b64encode(b"one").decode()}
    assert sorted(api.replace_namespaced_secret(name, NS, patched).data) == ["only"]
    api.delete_namespaced_secret(name, NS)
    with pytest.raises(ApiException) as gone:
        api.read_namespaced_secret(name, NS)
    assert gone.value.status == 404

    frozen = client.V1Secret(
        metadata=client.V1ObjectMeta(name=name), string_data={"k": "v"}, immutable=True
    )
    api.create_namespaced_secret(NS, frozen)
    with pytest.raises(ApiException) as refused:
        api.patch_namespaced_secret(name, NS, {"stringData": {"k": "w"}})
    assert refused.value.status == 422
    assert status_of(refused.value)["reason"] == "Invalid"
    api.delete_namespaced_secret(name, NS)


def test_namespaces(api: client.CoreV1Api, image: str) -> None:
    ns = unique("ns")
    made = api.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    assert made.status.phase == "Active"
    assert api.read_namespace(ns).metadata.name == ns
    assert ns in [n.metadata.name for n in api.list_namespace().items]
    api.create_namespaced_pod(ns, v1pod("inside", image))
    rv = api.list_namespaced_pod(ns).metadata.resource_version

    # The apiserver answers with the Namespace itself, now Terminating (the
    # client, expecting a V1Status, hands it back as a plain dict).
    terminating = api.delete_namespace(ns)
    assert isinstance(terminating, dict)
    assert (terminating["kind"], terminating["status"]["phase"]) == ("Namespace", "Terminating")
    w = watch.Watch()
    seen: list[str] = []
    for ev in w.stream(api.list_namespaced_pod, ns, resource_version=rv, timeout_seconds=60):
        seen.append(ev["type"])
        if ev["type"] == "DELETED":
            w.stop()
    assert seen[-1] == "DELETED"
    for ev in w.stream(
        api.list_namespace, field_selector=f"metadata.name={ns}", timeout_seconds=60
    ):
        if ev["type"] == "DELETED":
            w.stop()
    with pytest.raises(ApiException) as gone:
        api.read_namespace(ns)
    assert gone.value.status == 404

    with pytest.raises(ApiException) as missing:
        api.create_namespaced_pod("nowhere", v1pod("p", image))
    assert missing.value.status == 404
    body = status_of(missing.value)
    assert body["reason"] == "NotFound"
    assert body["message"] == 'namespaces "nowhere" not found'


def test_watch_resumes_from_a_list_and_too_old_is_gone(api: client.CoreV1Api) -> None:
    listed = api.list_namespaced_config_map(NS)
    rv = listed.metadata.resource_version
    names = [unique("w") for _ in range(3)]
    for n in names:
        api.create_namespaced_config_map(
            NS, client.V1ConfigMap(metadata=client.V1ObjectMeta(name=n), data={"n": n})
        )
    w = watch.Watch()
    added: list[str] = []
    for ev in w.stream(api.list_namespaced_config_map, NS, resource_version=rv, timeout_seconds=30):
        if ev["type"] == "ADDED" and ev["object"].metadata.name in names:
            added.append(ev["object"].metadata.name)
        if len(added) == len(names):
            w.stop()
    assert added == names
    for n in names:
        api.delete_namespaced_config_map(n, NS)

    # Enough writes that resourceVersion 1 falls out of the watch history.
    api.create_namespaced_config_map(
        NS, client.V1ConfigMap(metadata=client.V1ObjectMeta(name=names[0]), data={"i": "0"})
    )
    for i in range(2 * WATCH_HISTORY):
        api.patch_namespaced_config_map(names[0], NS, {"data": {"i": str(i)}})
    api.delete_namespaced_config_map(names[0], NS)
    with pytest.raises(ApiException) as too_old:
        for _ in watch.Watch().stream(
            api.list_namespaced_config_map, NS, resource_version="1", timeout_seconds=5
        ):
            pass
    assert too_old.value.status == 410
