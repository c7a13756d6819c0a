"""Field sets as structured-merge-diff has them: path elements, FieldsV1,
field sets of values, compare, merge and remove (table tests on core/v1 Pods)."""

from __future__ import annotations

from typing import Any

import pytest

from podd.model.apply.fieldset import (
    ensure_named_fields,
    from_fields_v1,
    recursive_difference,
    to_fields_v1,
)
from podd.model.apply.path import (
    INDEX,
    FieldSet,
    Path,
    field,
    iterate,
    key,
    parse_element,
    path_string,
    serialize_element,
    value,
)
from podd.model.apply.schema import MISSING, TypedError, root
from podd.model.apply.typed import compare, known_fields, merge, remove_items, to_field_set
from podd.model.container import Container, EphemeralContainer
from podd.model.listtypes import MERGE_KEYS, PRIMITIVE_MERGE, list_type
from podd.model.meta import ObjectMeta
from podd.model.pod import Pod, PodSpec
from podd.model.podstatus import PodStatus

POD = root(Pod)


def p(*parts: Any) -> Path:
    """A path from "name" strings, dicts (keyed items) and ("v", x) set items."""
    out = []
    for part in parts:
        if isinstance(part, dict):
            out.append(key(part.items()))
        elif isinstance(part, tuple):
            out.append(value(part[1]))
        else:
            out.append(field(part))
    return tuple(out)


def fs(*paths: Path) -> FieldSet:
    return frozenset(paths)


# ---------------------------------------------------------- path elements


@pytest.mark.parametrize(
    ("element", "text", "human"),
    [
        (field("spec"), "f:spec", ".spec"),
        (key([("name", "app")]), 'k:{"name":"app"}', '[name="app"]'),
        (
            key([("protocol", "TCP"), ("containerPort", 80)]),  # sorted by name
            'k:{"containerPort":80,"protocol":"TCP"}',
            '[containerPort=80,protocol="TCP"]',
        ),
        (value("example.com/x"), 'v:"example.com/x"', '[="example.com/x"]'),
        (value(3), "v:3", "[=3]"),
        (value(True), "v:true", "[=true]"),
        ((INDEX, 2), "i:2", "[2]"),
        (key([("name", "<a&b>")]), 'k:{"name":"\\u003ca\\u0026b\\u003e"}', '[name="<a&b>"]'),
    ],
)
def test_elements_serialize_parse_and_print(element: Any, text: str, human: str) -> None:
    assert serialize_element(element) == text
    assert parse_element(text) == element
    assert path_string((element,)) == human


def test_unknown_element_kinds_are_dropped_and_bad_ones_refused() -> None:
    assert parse_element("z:whatever") is None
    assert from_fields_v1({"f:a": {}, "z:b": {}}) == fs(p("a"))
    for bad in ("x", "k:[1]", "k:{", "i:x"):
        with pytest.raises(ValueError):
            parse_element(bad)


def test_element_order_is_smd_order() -> None:
    # fields < keys < values < indexes; numbers < strings < bools < null
    elements = [(INDEX, 0), value(None), value(True), value("a"), value(2), key([("a", 1)])]
    elements += [field("b"), field("a")]
    assert sorted(elements) == [
        field("a"),
        field("b"),
        key([("a", 1)]),
        value(2),
        value("a"),
        value(True),
        value(None),
        (INDEX, 0),
    ]
    assert value(1) != value(True)  # a bool is not a number


def test_conflict_path_string() -> None:
    path = p("spec", "containers", {"name": "app"}, "image")
    assert path_string(path) == '.spec.containers[name="app"].image'


# ---------------------------------------------------------------- FieldsV1


FIELDS_V1 = {
    "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
    "f:spec": {
        "f:containers": {
            'k:{"name":"app"}': {
                ".": {},
                "f:image": {},
                "f:name": {},
                "f:ports": {
                    'k:{"containerPort":80,"protocol":"TCP"}': {".": {}, "f:containerPort": {}}
                },
            }
        },
        "f:securityContext": {},
    },
}
PATHS = fs(
    p("metadata", "labels"),
    p("metadata", "labels", "app"),
    p("spec", "containers", {"name": "app"}),
    p("spec", "containers", {"name": "app"}, "image"),
    p("spec", "containers", {"name": "app"}, "name"),
    p("spec", "containers", {"name": "app"}, "ports", {"containerPort": 80, "protocol": "TCP"}),
    p(
        "spec",
        "containers",
        {"name": "app"},
        "ports",
        {"containerPort": 80, "protocol": "TCP"},
        "containerPort",
    ),
    p("spec", "securityContext"),
)


def test_fields_v1_round_trip() -> None:
    assert from_fields_v1(FIELDS_V1) == PATHS
    encoded = to_fields_v1(PATHS)
    assert encoded == FIELDS_V1
    # written in SMD's order, "." first: stable bytes for a no-op update
    assert list(encoded["f:spec"]) == ["f:containers", "f:securityContext"]
    assert next(iter(encoded["f:spec"]["f:containers"]['k:{"name":"app"}'])) == "."


def test_fields_v1_refuses_what_is_not_a_set() -> None:
    for bad in ([], {"f:a": []}, {"k:{": {}}):
        with pytest.raises(ValueError):
            from_fields_v1(bad)


def test_iterate_members_before_children() -> None:
    paths = fs(p("a", "x"), p("b"), p("a", "c", "d"), p("a"))
    assert list(iterate(paths)) == [p("a"), p("b"), p("a", "x"), p("a", "c", "d")]


def test_recursive_difference_and_named_fields() -> None:
    paths = fs(p("status", "phase"), p("status"), p("spec", "hostname"))
    assert recursive_difference(paths, fs(p("status"))) == fs(p("spec", "hostname"))
    named = ensure_named_fields(fs(p("spec", "containers", {"name": "a"}, "image")), POD)
    # struct fields with something below them; never a keyed item or map key
    assert named == fs(
        p("spec"),
        p("spec", "containers"),
        p("spec", "containers", {"name": "a"}, "image"),
    )
    labels = ensure_named_fields(fs(p("metadata", "labels", "app")), POD)
    assert p("metadata", "labels") in labels and p("metadata") in labels


# ----------------------------------------------------------- list rules


def test_one_table_serves_both_patch_kinds() -> None:
    assert list_type(PodSpec, "containers").keys == ("name",)
    assert list_type(PodSpec, "containers").merge_key == "name"
    assert list_type(Container, "ports") == (("containerPort", "protocol"), "containerPort")
    assert list_type(EphemeralContainer, "env").keys == ("name",)  # through the MRO
    assert list_type(PodStatus, "hostIPs").keys is None  # atomic for apply
    assert MERGE_KEYS[PodStatus, "hostIPs"] == "ip"  # merged by a strategic merge patch
    assert MERGE_KEYS[ObjectMeta, "finalizers"] == PRIMITIVE_MERGE
    assert list_type(Container, "args").keys is None


# ------------------------------------------------------------ field sets


def _pod(**spec: Any) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"}, "spec": spec}


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        (
            _pod(containers=[{"name": "a", "image": "x", "ports": [{"containerPort": 80}]}]),
            {
                p("spec", "containers", {"name": "a"}),
                p("spec", "containers", {"name": "a"}, "name"),
                p("spec", "containers", {"name": "a"}, "image"),
                # protocol omitted: its default is in the key
                p(
                    "spec",
                    "containers",
                    {"name": "a"},
                    "ports",
                    {"containerPort": 80, "protocol": "TCP"},
                ),
                p(
                    "spec",
                    "containers",
                    {"name": "a"},
                    "ports",
                    {"containerPort": 80, "protocol": "TCP"},
                    "containerPort",
                ),
            },
        ),
        # atomic list, empty struct, null, atomic map, atomic struct
        (
            _pod(containers=[{"name": "a", "args": ["x", "y"]}]),
            {p("spec", "containers", {"name": "a"}, "args")},
        ),
        (_pod(securityContext={}), {p("spec", "securityContext")}),
        (_pod(hostname=None), {p("spec", "hostname")}),
        (_pod(nodeSelector={"disk": "ssd"}), {p("spec", "nodeSelector")}),
        (
            _pod(
                containers=[
                    {
                        "name": "a",
                        "env": [{"name": "N", "valueFrom": {"fieldRef": {"fieldPath": "x"}}}],
                    }
                ]
            ),
            {p("spec", "containers", {"name": "a"}, "env", {"name": "N"}, "valueFrom", "fieldRef")},
        ),
        # a map's keys are members themselves, a set's items by value
        (
            {"metadata": {"labels": {"a": "1"}, "finalizers": ["x/y"]}},
            {
                p("metadata", "labels", "a"),
                p("metadata", "finalizers", ("v", "x/y")),
            },
        ),
        # duplicates (env may repeat a name): owned whole, once
        (
            _pod(containers=[{"name": "a", "env": [{"name": "N", "value": "1"}, {"name": "N"}]}]),
            {p("spec", "containers", {"name": "a"}, "env", {"name": "N"})},
        ),
    ],
)
def test_to_field_set(obj: dict[str, Any], expected: set[Path]) -> None:
    got = to_field_set(obj, POD)
    assert expected <= got
    if "spec" in obj:
        assert p("metadata", "name") in got and p("apiVersion") in got


def test_keyed_items_need_their_keys() -> None:
    with pytest.raises(TypedError, match='omits key field "name"'):
        to_field_set(_pod(containers=[{"image": "x"}]), POD)
    with pytest.raises(TypedError, match="duplicate entries"):
        merge(_pod(), _pod(containers=[{"name": "a"}, {"name": "a"}]), POD)


# ---------------------------------------------------------------- compare


def test_compare() -> None:
    old = _pod(
        containers=[{"name": "a", "image": "x", "args": ["1"]}, {"name": "b", "image": "y"}],
        hostname="h",
    )
    new = _pod(
        containers=[{"name": "a", "image": "x2", "args": ["1", "2"]}, {"name": "c", "image": "z"}],
        subdomain="s",
    )
    new["metadata"]["labels"] = {"k": "v"}
    c = compare(old, new, POD)
    a = p("spec", "containers", {"name": "a"})
    assert c.modified == fs((*a, field("image")), (*a, field("args")))
    c_item = p("spec", "containers", {"name": "c"})
    # an added map or item is added itself too (the "." of FieldsV1)
    assert c.added == fs(
        c_item,
        (*c_item, field("name")),
        (*c_item, field("image")),
        p("spec", "subdomain"),
        p("metadata", "labels"),
        p("metadata", "labels", "k"),
    )
    b = p("spec", "containers", {"name": "b"})
    assert c.removed == fs(b, (*b, field("name")), (*b, field("image")), p("spec", "hostname"))


def test_compare_numbers_and_empty() -> None:
    assert not any(compare(_pod(priority=1), _pod(priority=1.0), POD))
    c = compare(_pod(securityContext=None), _pod(securityContext={}), POD)
    assert c.modified == fs(p("spec", "securityContext"))  # null and {} differ


# ------------------------------------------------------------------ merge


@pytest.mark.parametrize(
    ("live", "config", "expected"),
    [
        # keyed items merge field by field; the live order stays, new items follow
        (
            [{"name": "a", "image": "1", "imagePullPolicy": "Always"}, {"name": "b", "image": "2"}],
            [{"name": "b", "image": "3"}, {"name": "c", "image": "4"}],
            [
                {"name": "a", "image": "1", "imagePullPolicy": "Always"},
                {"name": "b", "image": "3"},
                {"name": "c", "image": "4"},
            ],
        ),
        # shared items in the configuration's order, live-only items where
        # they were, new ones after the item before them in the configuration
        (
            [{"name": "a"}, {"name": "b"}, {"name": "x"}],
            [{"name": "b"}, {"name": "n"}, {"name": "a"}],
            [{"name": "b"}, {"name": "x"}, {"name": "n"}, {"name": "a"}],
        ),
        # atomic lists are replaced
        (
            [{"name": "a", "args": ["1", "2"]}],
            [{"name": "a", "args": ["3"]}],
            [{"name": "a", "args": ["3"]}],
        ),
        # ports: the default protocol matches an item that spells it out
        (
            [{"name": "a", "ports": [{"containerPort": 80, "protocol": "TCP", "name": "http"}]}],
            [{"name": "a", "ports": [{"containerPort": 80, "hostPort": 8080}]}],
            [
                {
                    "name": "a",
                    "ports": [
                        {"containerPort": 80, "protocol": "TCP", "name": "http", "hostPort": 8080}
                    ],
                }
            ],
        ),
    ],
)
def test_merge_lists(live: Any, config: Any, expected: Any) -> None:
    merged = merge(_pod(containers=live), _pod(containers=config), POD)
    assert merged["spec"]["containers"] == expected


def test_merge_maps_and_atomic_maps() -> None:
    live = _pod(nodeSelector={"a": "1", "b": "2"}, securityContext={"runAsUser": 1})
    live["metadata"]["labels"] = {"a": "1"}
    config = _pod(nodeSelector={"c": "3"}, securityContext={"runAsGroup": 2})
    config["metadata"]["labels"] = {"b": "2"}
    merged = merge(live, config, POD)
    assert merged["spec"]["nodeSelector"] == {"c": "3"}  # mapType=atomic
    assert merged["spec"]["securityContext"] == {"runAsUser": 1, "runAsGroup": 2}
    assert merged["metadata"]["labels"] == {"a": "1", "b": "2"}
    assert merge(MISSING, config, POD) == config


# ----------------------------------------------------------------- remove


def test_remove_items() -> None:
    obj = _pod(containers=[{"name": "a", "image": "1"}, {"name": "b", "image": "2"}])
    obj["metadata"]["labels"] = {"x": "1"}
    out = remove_items(
        obj,
        fs(
            p("spec", "containers", {"name": "a"}),
            p("spec", "containers", {"name": "b"}, "image"),
            p("metadata", "labels", "x"),
        ),
        POD,
    )
    assert out["spec"]["containers"] == [{"name": "b"}]
    assert out["metadata"]["labels"] is None  # emptied: null, as SMD leaves it
    assert obj["spec"]["containers"][0] == {"name": "a", "image": "1"}  # untouched


def test_known_fields_drops_what_the_types_do_not_declare() -> None:
    raw = _pod(containers=[{"name": "a", "imagePullPolicyy": "x"}], bogus=1)
    raw["metadata"]["labels"] = {"any": "key"}
    cleaned = known_fields(raw, POD)
    assert cleaned["spec"] == {"containers": [{"name": "a"}]}
    assert cleaned["metadata"]["labels"] == {"any": "key"}
