"""The field manager: managedFields on create/update, server-side apply,
conflicts (the apiserver's Status), kubectl's migration from client-side apply."""

from __future__ import annotations

import copy
import json
from typing import Any

import msgspec
import pytest

from podd.model.apply import (
    LAST_APPLIED,
    ApplyConflict,
    FieldManager,
    field_manager_causes,
    field_manager_for,
    manager_from_user_agent,
)
from podd.model.codec import decode_raw
from podd.model.configmap import ConfigMap
from podd.model.defaults import default_pod, prepare_pod_for_create, prepare_pod_for_update
from podd.model.errors import BodyError
from podd.model.pod import Pod

T0, T1, T2, T3 = (f"2025-01-01T00:00:0{i}Z" for i in range(4))
PODS = field_manager_for(Pod, "Pod")
APP = 'k:{"name":"app"}'


def config(image: str = "nginx:1", **labels: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": "web"}
    if labels:
        meta["labels"] = labels
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": {"containers": [{"name": "app", "image": image}]},
    }


def stored(raw: dict[str, Any], managed: Any, old: dict[str, Any] | None = None) -> dict[str, Any]:
    """What podd stores for ``raw``: defaulted and prepared, with ``managed``."""
    pod, _ = decode_raw(raw, Pod, "Ignore")
    if old is None:
        pod = prepare_pod_for_create(default_pod(pod), uid="u1", now=T0, node_name="node")
    else:
        pod = prepare_pod_for_update(decode_raw(old, Pod, "Ignore")[0], default_pod(pod))
    pod.metadata.managed_fields = managed
    out: dict[str, Any] = msgspec.to_builtins(pod)
    return out


def entries(obj_or_list: Any) -> dict[str, dict[str, Any]]:
    items = obj_or_list
    if isinstance(obj_or_list, dict):
        items = obj_or_list["metadata"].get("managedFields") or []
    return {f"{e['manager']}/{e['operation']}": e for e in items}


def created(manager: str = "kubectl-create", raw: dict[str, Any] | None = None) -> dict[str, Any]:
    raw = raw or config(app="web")
    new = stored(raw, None)
    return stored(raw, PODS.update(None, new, requested=None, manager=manager, now=T0))


def updated(live: dict[str, Any], change: Any, manager: str, now: str = T1) -> dict[str, Any]:
    new = copy.deepcopy(live)
    change(new)
    prepared = stored(new, None, old=live)
    mf = PODS.update(
        live, prepared, requested=new["metadata"].get("managedFields"), manager=manager, now=now
    )
    prepared["metadata"]["managedFields"] = mf
    return prepared


def applied(live: dict[str, Any] | None, cfg: dict[str, Any], manager: str = "kubectl",
            force: bool = False, now: str = T1) -> dict[str, Any]:  # fmt: skip
    obj, mf = PODS.apply(live, cfg, manager=manager, force=force, now=now)
    return stored(obj, mf, old=live)


def set_image(image: str) -> Any:
    def change(pod: dict[str, Any]) -> None:
        pod["spec"]["containers"][0]["image"] = image

    return change


# ------------------------------------------------------------------ create


def test_create_records_an_update_as_the_apiserver_writes_it() -> None:
    pod = created()
    (entry,) = pod["metadata"]["managedFields"]
    assert {k: entry[k] for k in ("manager", "operation", "apiVersion", "time", "fieldsType")} == {
        "manager": "kubectl-create",
        "operation": "Update",
        "apiVersion": "v1",
        "time": T0,
        "fieldsType": "FieldsV1",
    }
    f = entry["fieldsV1"]
    assert f["f:metadata"] == {"f:labels": {".": {}, "f:app": {}}}  # added map: "."
    spec = f["f:spec"]
    assert "." not in spec and "." not in spec["f:containers"]  # as from Go's zero Pod
    app = spec["f:containers"][APP]
    assert {".", "f:image", "f:name", "f:imagePullPolicy", "f:terminationMessagePath"} <= set(app)
    # defaults are the creator's; status and identity are nobody's
    assert spec["f:securityContext"] == {} and "f:dnsPolicy" in spec
    assert "f:status" not in f and "f:name" not in f["f:metadata"]


def test_an_update_starts_from_the_managed_fields_it_carries() -> None:
    # kubectl's migration to server-side apply rewrites managedFields this way
    pod = created()
    renamed = copy.deepcopy(pod["metadata"]["managedFields"])
    renamed[0]["manager"], renamed[0]["operation"] = "kubectl", "Apply"

    def rewrite(p: dict[str, Any]) -> None:
        p["metadata"]["managedFields"] = renamed

    after = updated(pod, rewrite, "kubectl")
    assert list(entries(after)) == ["kubectl/Apply"]
    assert entries(after)["kubectl/Apply"]["fieldsV1"] == renamed[0]["fieldsV1"]
    assert entries(after)["kubectl/Apply"]["time"] == T0  # nothing changed: no new time


# ------------------------------------------------------------------ update


def test_update_takes_what_it_changed_and_nothing_when_nothing_changed() -> None:
    pod = created()
    after = updated(pod, set_image("nginx:2"), "kubectl-edit")
    got = entries(after)
    assert got["kubectl-edit/Update"]["fieldsV1"] == {
        "f:spec": {"f:containers": {APP: {"f:image": {}}}}
    }
    assert "f:image" not in got["kubectl-create/Update"]["fieldsV1"]["f:spec"]["f:containers"][APP]
    # Update entries sorted oldest first
    assert [e["manager"] for e in after["metadata"]["managedFields"]] == [
        "kubectl-create",
        "kubectl-edit",
    ]
    again = updated(after, lambda _: None, "someone", now=T2)
    assert again["metadata"]["managedFields"] == after["metadata"]["managedFields"]


def test_removed_fields_are_nobodys() -> None:
    pod = created()

    def drop_label(p: dict[str, Any]) -> None:
        del p["metadata"]["labels"]

    after = updated(pod, drop_label, "kubectl-edit")
    got = entries(after)
    assert "kubectl-edit/Update" not in got  # removing takes nothing
    assert "f:metadata" not in got["kubectl-create/Update"]["fieldsV1"]  # labels was all


def test_untracked_objects_stay_untracked_and_a_reset_clears() -> None:
    pod = stored(config(), None)  # stored before managedFields were kept
    assert updated(pod, set_image("x"), "kubectl-edit")["metadata"].get("managedFields") is None
    tracked = created()
    for reset in ([], [{}]):

        def clear(p: dict[str, Any], reset: Any = reset) -> None:
            p["metadata"]["managedFields"] = reset

        assert updated(tracked, clear, "m")["metadata"].get("managedFields") is None

    # managedFields a client echoes back unchanged are kept; junk falls back to the live ones
    def junk(p: dict[str, Any]) -> None:
        p["metadata"]["managedFields"] = [{"manager": "x", "operation": "Bogus"}]

    kept = updated(tracked, junk, "m")
    assert kept["metadata"]["managedFields"] == tracked["metadata"]["managedFields"]


def test_at_most_ten_update_managers() -> None:
    pod = created()
    for i in range(11):

        def label(p: dict[str, Any], i: int = i) -> None:
            p["metadata"]["labels"][f"l{i}"] = "x"

        pod = updated(pod, label, f"m{i:02}", now=f"2025-01-01T00:01:{i:02}Z")
    # the oldest merged into ancient-changes (which keeps what they owned)
    names = [e["manager"] for e in pod["metadata"]["managedFields"]]
    assert names == ["ancient-changes"] + [f"m{i:02}" for i in range(2, 11)]
    ancient = entries(pod)["ancient-changes/Update"]["fieldsV1"]
    assert {"f:app", "f:l0", "f:l1"} <= set(ancient["f:metadata"]["f:labels"])


# ------------------------------------------------------------------- apply


def test_apply_creates_and_owns_exactly_its_configuration() -> None:
    pod = applied(None, config(app="web"), now=T0)
    (entry,) = pod["metadata"]["managedFields"]
    assert (entry["manager"], entry["operation"], entry["apiVersion"]) == ("kubectl", "Apply", "v1")
    assert entry["fieldsV1"] == {
        "f:metadata": {"f:labels": {"f:app": {}}},
        "f:spec": {"f:containers": {APP: {".": {}, "f:image": {}, "f:name": {}}}},
    }
    assert pod["spec"]["containers"][0]["imagePullPolicy"] == "IfNotPresent"  # defaulted after


def test_apply_no_op_keeps_time_and_object() -> None:
    pod = applied(None, config(app="web"), now=T0)
    again = applied(pod, config(app="web"), now=T2)
    assert again == pod


def test_apply_removes_what_it_no_longer_sets_unless_someone_else_owns_it() -> None:
    cfg = config(app="web", tier="front")
    cfg["spec"]["containers"].append({"name": "side", "image": "busybox"})
    pod = applied(None, cfg, now=T0)

    def relabel(p: dict[str, Any]) -> None:
        p["metadata"]["labels"]["tier"] = "back"  # now kubectl-edit's

    pod = updated(pod, relabel, "kubectl-edit")
    pod = applied(pod, config(app="web"), now=T2)
    assert [c["name"] for c in pod["spec"]["containers"]] == ["app"]  # pruned
    assert pod["metadata"]["labels"] == {"app": "web", "tier": "back"}  # kept: not ours now


def test_conflict_names_field_and_manager_as_the_apiserver() -> None:
    pod = created("kubectl-client-side-apply")
    pod = applied(pod, config("nginx:1", app="web"), manager="ssa", now=T1)  # same values: shared
    with pytest.raises(ApplyConflict) as info:
        PODS.apply(pod, config("nginx:2", app="web"), manager="ssa", force=False, now=T2)
    status = json.loads(msgspec.json.encode(info.value.status()))
    assert status == {
        "apiVersion": "v1",
        "kind": "Status",
        "metadata": {},
        "status": "Failure",
        "message": 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" '
        'using v1: .spec.containers[name="app"].image',
        "reason": "Conflict",
        "details": {
            "causes": [
                {
                    "reason": "FieldManagerConflict",
                    "message": 'conflict with "kubectl-client-side-apply" using v1',
                    "field": '.spec.containers[name="app"].image',
                }
            ]
        },
        "code": 409,
    }
    forced = applied(pod, config("nginx:2", app="web"), manager="ssa", force=True, now=T2)
    got = entries(forced)
    assert forced["spec"]["containers"][0]["image"] == "nginx:2"
    assert "f:image" in got["ssa/Apply"]["fieldsV1"]["f:spec"]["f:containers"][APP]
    csa = got["kubectl-client-side-apply/Update"]["fieldsV1"]["f:spec"]["f:containers"][APP]
    assert "f:image" not in csa


def test_several_conflicts_are_grouped_by_manager() -> None:
    pod = created("a", config(app="web"))
    pod = updated(pod, set_image("nginx:9"), "b")
    with pytest.raises(ApplyConflict) as info:
        PODS.apply(pod, config("nginx:2", app="other"), manager="c", force=False, now=T2)
    assert info.value.message == (
        'Apply failed with 2 conflicts: conflicts with "a" using v1:\n'
        "- .metadata.labels.app\n"
        'conflicts with "b" using v1:\n'
        '- .spec.containers[name="app"].image'
    )


def test_first_apply_to_an_untracked_object_meets_before_first_apply() -> None:
    pod = stored(config(), None)
    with pytest.raises(ApplyConflict, match='"before-first-apply" using v1'):
        PODS.apply(pod, config("nginx:2"), manager="ssa", force=False, now=T1)


def test_kubectl_takes_over_what_client_side_apply_set() -> None:
    raw = config("nginx:1", app="web")
    raw["metadata"]["annotations"] = {LAST_APPLIED: json.dumps(config("nginx:1", app="web"))}
    pod = created("kubectl-client-side-apply", raw)
    new = applied(pod, config("nginx:2", app="web"), manager="kubectl", now=T2)
    assert new["spec"]["containers"][0]["image"] == "nginx:2"
    # the annotation follows what was applied (for a later client-side apply)
    last = json.loads(new["metadata"]["annotations"][LAST_APPLIED])
    assert last["spec"]["containers"][0]["image"] == "nginx:2"
    # but a value changed since by someone else still conflicts
    edited = updated(pod, set_image("nginx:5"), "kubectl-edit")
    with pytest.raises(ApplyConflict, match="kubectl-edit"):
        PODS.apply(edited, config("nginx:2", app="web"), manager="kubectl", force=False, now=T3)


def test_status_is_not_owned_through_the_main_resource() -> None:
    cfg = config()
    cfg["status"] = {"phase": "Running"}
    pod = applied(None, cfg, now=T0)
    assert "f:status" not in pod["metadata"]["managedFields"][0]["fieldsV1"]
    assert pod["status"]["phase"] == "Pending"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "Namespace"}, "invalid object type: /v1, Kind=Namespace"),
        ({"apiVersion": "apps/v1"}, "invalid object type: apps/v1, Kind=Pod"),
        (
            {"metadata": {"name": "web", "managedFields": []}},
            "metadata.managedFields must be nil",
        ),
    ],
)
def test_apply_refuses(change: dict[str, Any], message: str) -> None:
    with pytest.raises(BodyError, match=message):
        PODS.apply(None, {**config(), **change}, manager="m", force=False, now=T0)


def test_apply_refuses_undeclared_fields_as_the_typed_conversion_words_them() -> None:
    """structured-merge-diff's path (keyed items by their keys), the object's
    namespace/name and GroupVersionKind; a map stops at its first undeclared field."""
    cfg = config()
    cfg["metadata"]["namespace"] = "default"
    cfg["spec"]["containers"][0]["portz"] = []
    cfg["spec"]["containers"][0]["more"] = 1  # after portz: not reached, as in SMD
    with pytest.raises(BodyError) as exc:
        PODS.apply(None, cfg, manager="m", force=False, now=T0)
    assert str(exc.value) == (
        "failed to create typed patch object (default/web; /v1, Kind=Pod): "
        '.spec.containers[name="app"].portz: field not declared in schema'
    )
    cfg = config()
    cfg["spec"]["containers"][0]["ports"] = [{"containerPort": 80, "hostPortz": 1}]
    cfg["spec"]["bogus"] = True
    with pytest.raises(BodyError) as exc:
        PODS.check_applied(cfg)
    assert str(exc.value) == (
        "failed to create typed patch object (/web; /v1, Kind=Pod): errors:\n"
        '  .spec.containers[name="app"].ports[containerPort=80,protocol="TCP"].hostPortz: '
        "field not declared in schema\n"
        "  .spec.bogus: field not declared in schema"
    )


def test_apply_takes_any_key_of_a_map_and_of_an_untyped_value() -> None:
    cfg = config(anything="goes")
    cfg["spec"]["affinity"] = {"nodeAffinity": {"whatever": [1]}}
    PODS.check_applied(cfg)  # nothing raised


def test_other_kinds() -> None:
    cms = FieldManager(ConfigMap, kind="ConfigMap")
    cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": "1"}}
    obj, mf = cms.apply(None, cm, manager="m", force=False, now=T0)
    assert obj["data"] == {"a": "1"}
    assert mf is not None and mf[0]["fieldsV1"] == {"f:data": {"f:a": {}}}


# ------------------------------------------------------------ manager names


@pytest.mark.parametrize(
    ("agent", "manager"),
    [
        ("kubectl/v1.32.4 (linux/amd64) kubernetes/abc", "kubectl"),
        ("OpenAPI-Generator/31.0.0/python", "OpenAPI-Generator"),
        ("", ""),
        ("a\x07b/1", "ab"),
        ("x" * 200, "x" * 128),
    ],
)
def test_manager_from_user_agent(agent: str, manager: str) -> None:
    assert manager_from_user_agent(agent) == manager


def test_field_manager_validation() -> None:
    assert field_manager_causes("kubectl") == []
    (long,) = field_manager_causes("x" * 129)
    assert long.field == "fieldManager" and long.reason == "FieldValueTooLong"
    (bad,) = field_manager_causes("a\tb")
    assert bad.message is not None and "invalid character U+0009 (at position 1)" in bad.message
