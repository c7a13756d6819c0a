import copy
from typing import Any

import pytest

from podd.model.errors import PatchError
from podd.model.patch import apply_json_patch, apply_merge_patch, apply_strategic_merge_patch
from podd.model.pod import Pod

# ------------------------------------------------------- RFC 7386, appendix A


@pytest.mark.parametrize(
    ("original", "patch", "result"),
    [
        ({"a": "b"}, {"a": "c"}, {"a": "c"}),
        ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
        ({"a": "b"}, {"a": None}, {}),
        ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
        ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
        ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
        ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
        ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
        (["a", "b"], ["c", "d"], ["c", "d"]),
        ({"a": "b"}, ["c"], ["c"]),
        ({"a": "foo"}, None, None),
        ({"a": "foo"}, "bar", "bar"),
        ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
        ([1, 2], {"a": "b", "c": None}, {"a": "b"}),
        ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
    ],
)
def test_merge_patch_rfc7386(original: Any, patch: Any, result: Any) -> None:
    before = copy.deepcopy(original)
    assert apply_merge_patch(original, patch) == result
    assert original == before


# ------------------------------------------------------- RFC 6902, appendix A


@pytest.mark.parametrize(
    ("doc", "ops", "result"),
    [
        (
            {"foo": "bar"},
            [{"op": "add", "path": "/baz", "value": "qux"}],
            {"baz": "qux", "foo": "bar"},
        ),
        (
            {"foo": ["bar", "baz"]},
            [{"op": "add", "path": "/foo/1", "value": "qux"}],
            {"foo": ["bar", "qux", "baz"]},
        ),
        ({"baz": "qux", "foo": "bar"}, [{"op": "remove", "path": "/baz"}], {"foo": "bar"}),
        (
            {"foo": ["bar", "qux", "baz"]},
            [{"op": "remove", "path": "/foo/1"}],
            {"foo": ["bar", "baz"]},
        ),
        (
            {"baz": "qux", "foo": "bar"},
            [{"op": "replace", "path": "/baz", "value": "boo"}],
            {"baz": "boo", "foo": "bar"},
        ),
        (
            {"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}},
            [{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}],
            {"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}},
        ),
        (
            {"foo": ["all", "grass", "cows", "eat"]},
            [{"op": "move", "from": "/foo/1", "path": "/foo/3"}],
            {"foo": ["all", "cows", "eat", "grass"]},
        ),
        (
            {"baz": "qux", "foo": ["a", 2, "c"]},
            [
                {"op": "test", "path": "/baz", "value": "qux"},
                {"op": "test", "path": "/foo/1", "value": 2},
            ],
            {"baz": "qux", "foo": ["a", 2, "c"]},
        ),
        (
            {"foo": "bar"},
            [{"op": "add", "path": "/child", "value": {"grandchild": {}}}],
            {"foo": "bar", "child": {"grandchild": {}}},
        ),
        (
            {"foo": "bar"},
            [{"op": "add", "path": "/baz", "value": "qux", "xyz": 123}],
            {"foo": "bar", "baz": "qux"},
        ),
        ({"/": 9, "~1": 10}, [{"op": "test", "path": "/~01", "value": 10}], {"/": 9, "~1": 10}),
        (
            {"foo": ["bar"]},
            [{"op": "add", "path": "/foo/-", "value": ["abc", "def"]}],
            {"foo": ["bar", ["abc", "def"]]},
        ),
        # beyond the appendix
        ({"a/b": 1}, [{"op": "replace", "path": "/a~1b", "value": 2}], {"a/b": 2}),
        (
            {"a": {"b": [1]}},
            [{"op": "copy", "from": "/a/b", "path": "/c"}],
            {"a": {"b": [1]}, "c": [1]},
        ),
        ({"a": 1}, [{"op": "replace", "path": "", "value": {"b": 2}}], {"b": 2}),
        ({"a": [1, 2]}, [{"op": "add", "path": "/a/2", "value": 3}], {"a": [1, 2, 3]}),
        ({"a": 1.0}, [{"op": "test", "path": "/a", "value": 1}], {"a": 1.0}),
    ],
)
def test_json_patch_rfc6902(doc: Any, ops: list[dict[str, Any]], result: Any) -> None:
    before = copy.deepcopy(doc)
    assert apply_json_patch(doc, ops) == result
    assert doc == before


@pytest.mark.parametrize(
    ("doc", "ops", "message"),
    [
        (
            {"baz": "qux"},
            [{"op": "test", "path": "/baz", "value": "bar"}],
            "test operation 0 failed",
        ),
        ({"foo": "bar"}, [{"op": "add", "path": "/baz/bat", "value": "qux"}], "does not exist"),
        (
            {"/": 9, "~1": 10},
            [{"op": "test", "path": "/~01", "value": "10"}],
            "test operation 0 failed",
        ),
        ({"a": True}, [{"op": "test", "path": "/a", "value": 1}], "test operation 0 failed"),
        ({"a": 1}, [{"op": "remove", "path": "/b"}], "does not exist"),
        ({"a": 1}, [{"op": "replace", "path": "/b", "value": 1}], "does not exist"),
        ({"a": [1]}, [{"op": "add", "path": "/a/5", "value": 1}], "out of range"),
        ({"a": [1]}, [{"op": "add", "path": "/a/01", "value": 1}], "invalid array index"),
        ({"a": [1]}, [{"op": "remove", "path": "/a/-"}], "invalid array index"),
        ({"a": {"b": 1}}, [{"op": "move", "from": "/a", "path": "/a/c"}], "into its own child"),
        ({"a": 1}, [{"op": "frob", "path": "/a"}], "unknown op"),
        ({"a": 1}, [{"op": "add", "value": 1}], "has no 'path'"),
        ({"a": 1}, [{"op": "add", "path": "/b"}], "has no 'value'"),
        ({"a": 1}, [{"op": "copy", "path": "/b"}], "has no 'from'"),
        ({"a": 1}, [{"op": "add", "path": "b", "value": 1}], "must start with '/'"),
    ],
)
def test_json_patch_errors(doc: Any, ops: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(PatchError) as exc:
        apply_json_patch(doc, ops)
    assert message in str(exc.value)
    assert exc.value.code == 422


def test_json_patch_is_atomic() -> None:
    doc = {"a": 1}
    with pytest.raises(PatchError):
        apply_json_patch(
            doc, [{"op": "add", "path": "/b", "value": 2}, {"op": "remove", "path": "/x"}]
        )
    assert doc == {"a": 1}


def test_json_patch_malformed_documents_are_bad_requests() -> None:
    for ops in ({"op": "add"}, ["add"]):
        with pytest.raises(PatchError) as exc:
            apply_json_patch({}, ops)
        assert exc.value.code == 400


# ------------------------------------------------------ strategic merge patch


def pod() -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web", "labels": {"app": "web", "tier": "fe"}, "finalizers": ["a/x"]},
        "spec": {
            "containers": [
                {
                    "name": "web",
                    "image": "nginx:1.25",
                    "args": ["-g", "daemon off;"],
                    "ports": [{"containerPort": 80, "name": "http"}, {"containerPort": 443}],
                    "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                    "volumeMounts": [{"name": "data", "mountPath": "/data"}],
                },
                {"name": "sidecar", "image": "busybox"},
            ],
            "volumes": [{"name": "data", "emptyDir": {}}],
            "securityContext": {"runAsUser": 1000},
        },
        "status": {
            "phase": "Running",
            "conditions": [
                {"type": "Ready", "status": "False"},
                {"type": "PodScheduled", "status": "True"},
            ],
        },
    }


def smp(patch: dict[str, Any], typ: type | None = Pod) -> dict[str, Any]:
    original = pod()
    result = apply_strategic_merge_patch(original, patch, typ)
    assert original == pod()  # untouched
    return result


def test_smp_labels_merge_and_null_deletes() -> None:
    got = smp({"metadata": {"labels": {"tier": None, "v": "2"}}})
    assert got["metadata"]["labels"] == {"app": "web", "v": "2"}


def test_smp_containers_merge_by_name() -> None:
    got = smp(
        {
            "spec": {
                "containers": [
                    {"name": "web", "image": "nginx:1.27"},
                    {"name": "new", "image": "x"},
                ]
            }
        }
    )
    names = [c["name"] for c in got["spec"]["containers"]]
    assert names == ["web", "sidecar", "new"]
    web = got["spec"]["containers"][0]
    assert web["image"] == "nginx:1.27"
    assert web["ports"] == pod()["spec"]["containers"][0]["ports"]


def test_smp_nested_merge_keys() -> None:
    got = smp(
        {
            "spec": {
                "containers": [
                    {
                        "name": "web",
                        "ports": [{"containerPort": 80, "name": "web"}, {"containerPort": 8080}],
                        "env": [{"name": "B", "$patch": "delete"}, {"name": "C", "value": "3"}],
                        "volumeMounts": [{"mountPath": "/data", "readOnly": True}],
                        "args": ["--new"],
                    }
                ]
            }
        }
    )
    web = got["spec"]["containers"][0]
    assert web["ports"] == [
        {"containerPort": 80, "name": "web"},
        {"containerPort": 443},
        {"containerPort": 8080},
    ]
    assert web["env"] == [{"name": "A", "value": "1"}, {"name": "C", "value": "3"}]
    assert web["volumeMounts"] == [{"name": "data", "mountPath": "/data", "readOnly": True}]
    assert web["args"] == ["--new"]  # no merge key: replaced


def test_smp_delete_container() -> None:
    got = smp({"spec": {"containers": [{"name": "sidecar", "$patch": "delete"}]}})
    assert [c["name"] for c in got["spec"]["containers"]] == ["web"]


def test_smp_replace_list() -> None:
    got = smp({"spec": {"containers": [{"name": "only", "image": "x"}, {"$patch": "replace"}]}})
    assert got["spec"]["containers"] == [{"name": "only", "image": "x"}]


def test_smp_replace_and_delete_maps() -> None:
    got = smp({"metadata": {"labels": {"$patch": "replace", "new": "1"}}})
    assert got["metadata"]["labels"] == {"new": "1"}
    got = smp({"spec": {"securityContext": {"$patch": "delete"}}})
    assert "securityContext" not in got["spec"]


def test_smp_finalizers_merge_as_a_set() -> None:
    got = smp({"metadata": {"finalizers": ["a/x", "b/y"]}})
    assert got["metadata"]["finalizers"] == ["a/x", "b/y"]
    got = smp({"metadata": {"$deleteFromPrimitiveList/finalizers": ["a/x"]}})
    assert "finalizers" not in got["metadata"]


def test_smp_status_conditions_by_type() -> None:
    got = smp({"status": {"conditions": [{"type": "Ready", "status": "True"}]}})
    assert got["status"]["conditions"] == [
        {"type": "Ready", "status": "True"},
        {"type": "PodScheduled", "status": "True"},
    ]


def test_smp_set_element_order_and_retain_keys() -> None:
    got = smp(
        {
            "spec": {
                "$setElementOrder/containers": [{"name": "sidecar"}, {"name": "web"}],
                "containers": [{"name": "web", "image": "nginx:2"}],
            }
        }
    )
    assert [c["name"] for c in got["spec"]["containers"]] == ["sidecar", "web"]
    got = smp({"spec": {"securityContext": {"$retainKeys": ["runAsGroup"], "runAsGroup": 1}}})
    assert got["spec"]["securityContext"] == {"runAsGroup": 1}


def test_smp_kind_inferred_without_type() -> None:
    got = smp({"spec": {"containers": [{"name": "web", "image": "nginx:2"}]}}, typ=None)
    assert len(got["spec"]["containers"]) == 2
    other = apply_strategic_merge_patch({"kind": "Other", "xs": [1, 2]}, {"xs": [3]})
    assert other == {"kind": "Other", "xs": [3]}


def test_smp_errors() -> None:
    with pytest.raises(PatchError) as exc:
        smp({"spec": {"containers": [{"image": "x"}]}})
    assert "does not contain declared merge key: name" in str(exc.value)
    with pytest.raises(PatchError):
        smp({"metadata": {"$patch": "explode"}})
    with pytest.raises(PatchError) as exc:
        apply_strategic_merge_patch({}, [1], Pod)
    assert exc.value.code == 400


def test_smp_kubectl_label_and_set_image() -> None:
    got = smp({"metadata": {"labels": {"env": "prod"}}})
    assert got["metadata"]["labels"]["env"] == "prod"
    got = smp({"spec": {"containers": [{"name": "sidecar", "image": "busybox:1.37"}]}})
    assert got["spec"]["containers"][1] == {"name": "sidecar", "image": "busybox:1.37"}


# What kubectl apply (1.27, 1.32, 1.33 alike) sends when a manifest's volume
# "data" changes from emptyDir to a configMap (podd's schema says volumes are
# patchStrategy merge,retainKeys, patchMergeKey name); captured from -v=8.
KUBECTL_VOLUME_PATCH = {
    "spec": {
        "$setElementOrder/volumes": [{"name": "data"}],
        "volumes": [
            {
                "$retainKeys": ["configMap", "name"],
                "configMap": {"name": "cfg"},
                "emptyDir": None,
                "name": "data",
            }
        ],
    }
}


def volumes_pod(*volumes: dict[str, Any]) -> dict[str, Any]:
    out = pod()
    out["spec"]["volumes"] = list(volumes)
    return out


def test_smp_retain_keys_replaces_a_volume_source() -> None:
    original = volumes_pod(
        {"name": "cache", "emptyDir": {"medium": "Memory"}},
        {"name": "data", "emptyDir": {}},
    )
    got = apply_strategic_merge_patch(original, KUBECTL_VOLUME_PATCH, Pod)
    assert got["spec"]["volumes"] == [
        {"name": "cache", "emptyDir": {"medium": "Memory"}},  # merged by name: untouched
        {"name": "data", "configMap": {"name": "cfg"}},
    ]
    assert original["spec"]["volumes"][1] == {"name": "data", "emptyDir": {}}


def test_smp_retain_keys_alone_drops_what_it_does_not_list() -> None:
    """Without the null: the keys the original has and the list lacks go
    (the defaulted configMap.defaultMode stays: retainKeys is one level)."""
    original = volumes_pod({"name": "data", "emptyDir": {}, "hostPath": {"path": "/x"}})
    patch = {
        "spec": {
            "volumes": [
                {
                    "$retainKeys": ["configMap", "name"],
                    "name": "data",
                    "configMap": {"name": "cfg", "defaultMode": 420},
                }
            ]
        }
    }
    got = apply_strategic_merge_patch(original, patch, Pod)
    assert got["spec"]["volumes"] == [
        {"name": "data", "configMap": {"name": "cfg", "defaultMode": 420}}
    ]


@pytest.mark.parametrize(
    "volume",
    [
        {"$retainKeys": ["name"], "name": "data", "configMap": {"name": "cfg"}},  # unlisted key
        {"$retainKeys": "configMap", "name": "data"},  # not a list
    ],
)
def test_smp_retain_keys_must_list_every_key_the_patch_sets(volume: dict[str, Any]) -> None:
    """The apiserver's applyRetainKeysDirective: a 400 'invalid patch format of retainKeys'."""
    with pytest.raises(PatchError) as exc:
        apply_strategic_merge_patch(
            volumes_pod({"name": "data", "emptyDir": {}}), {"spec": {"volumes": [volume]}}, Pod
        )
    assert (str(exc.value), exc.value.code) == ("invalid patch format of retainKeys", 400)


def test_smp_retain_keys_skips_nulls_and_directives() -> None:
    original = volumes_pod({"name": "data", "emptyDir": {}})
    patch = {
        "spec": {
            "volumes": [
                {
                    "$retainKeys": ["name", "secret"],
                    "name": "data",
                    "emptyDir": None,
                    "secret": {"secretName": "s"},
                    "$setElementOrder/items": [],
                }
            ]
        }
    }
    got = apply_strategic_merge_patch(original, patch, Pod)
    assert got["spec"]["volumes"] == [{"name": "data", "secret": {"secretName": "s"}}]


def test_smp_element_order_keeps_server_only_items_where_the_server_had_them() -> None:
    """normalizeElementOrder: listed items in the patch's order, server-only
    ones merged in by their server position (a volume the manifest never
    named stays where it was)."""
    original = volumes_pod(
        {"name": "a", "emptyDir": {}}, {"name": "b", "emptyDir": {}}, {"name": "c", "emptyDir": {}}
    )
    patch = {"spec": {"$setElementOrder/volumes": [{"name": "c"}, {"name": "a"}]}}
    got = apply_strategic_merge_patch(original, patch, Pod)
    assert [v["name"] for v in got["spec"]["volumes"]] == ["b", "c", "a"]
    patch = {"spec": {"$setElementOrder/volumes": [{"name": "b"}, {"name": "new"}]}}
    patch["spec"]["volumes"] = [{"name": "new", "emptyDir": {}}]
    got = apply_strategic_merge_patch(original, patch, Pod)
    assert [v["name"] for v in got["spec"]["volumes"]] == ["a", "b", "new", "c"]
