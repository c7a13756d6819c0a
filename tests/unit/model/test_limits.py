"""What one body may cost: depth, YAML aliases and expansion, object size, JSON patch growth."""

from __future__ import annotations

import json
import resource
from typing import Any

import pytest

from podd.model.codec import (
    MAX_JSON_PATCH_COPIES,
    MAX_JSON_PATCH_OPS,
    apply_json_patch,
    decode_body,
    decode_raw,
    load_body,
    load_patch,
)
from podd.model.errors import BodyError, PatchError, UnsupportedMediaTypeError
from podd.model.limits import (
    MAX_DEPTH,
    MAX_OBJECT_BYTES,
    MAX_YAML_ALIASES,
    TooLargeError,
    check_depth,
)
from podd.model.patch import apply_json_patch as unbounded_json_patch
from podd.model.pod import Pod

YAML = "application/yaml"
JSON = "application/json"
MIB = 1024 * 1024


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pod_yaml(extra: str = "", args: str = "[x]") -> bytes:
    return (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        f"  - name: a\n    image: busybox\n    args: {args}\n{extra}"
    ).encode()


# ----------------------------------------------------------------- YAML


def test_yaml_alias_bomb_is_refused_before_it_expands() -> None:
    before = rss_mib()
    scalar = "x" * MIB
    body = pod_yaml(
        extra=f"    command: [{', '.join(['*big'] * 200)}]\n", args=f"&big ['{scalar}']"
    )
    with pytest.raises(TooLargeError) as exc:
        decode_body(body, YAML, Pod)
    assert exc.value.code == 413
    assert f"limit is {MAX_OBJECT_BYTES}" in exc.value.message
    assert rss_mib() - before < 64  # 200 MiB had it expanded


def test_billion_laughs_with_empty_scalars_counts_nodes() -> None:
    lines = ["a: &a ['', '', '', '', '', '', '', '', '', '']"]
    for i in range(1, 12):
        prev = "a" if i == 1 else f"l{i - 1}"
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*{prev}"] * 10) + "]")
    with pytest.raises(TooLargeError, match="expands past"):
        load_body("\n".join(lines).encode(), YAML)


def test_too_many_aliases() -> None:
    body = "a: &a x\nb: [" + ", ".join(["*a"] * (MAX_YAML_ALIASES + 1)) + "]\n"
    with pytest.raises(BodyError, match=f"more than {MAX_YAML_ALIASES} aliases"):
        load_body(body.encode(), YAML)


@pytest.mark.parametrize("body", [b"a: &a [*a]\n", b"a: *nowhere\n"])
def test_recursive_or_unknown_alias(body: bytes) -> None:
    with pytest.raises(BodyError, match="refers to no complete anchor"):
        load_body(body, YAML)


def test_anchors_and_merge_keys_still_work() -> None:
    body = (
        pod_yaml(
            extra="    env: [{<<: &e {name: A, value: '1'}}, {<<: *e, name: B}]\n",
            args="&args [x, y]",
        )
        + b"  initContainers:\n  - {name: i, image: busybox, args: *args}\n"
    )
    pod, _ = decode_body(body, YAML, Pod)
    assert pod.spec.init_containers is not None
    assert pod.spec.init_containers[0].args == ["x", "y"]
    assert [(e.name, e.value) for e in pod.spec.containers[0].env or ()] == [
        ("A", "1"),
        ("B", "1"),
    ]


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000 + b"]" * 100_000,  # crashed the process in libyaml's composer
        b"- " * 100_000 + b"x",
        b"a: " + b"{b: " * (MAX_DEPTH + 1) + b"c" + b"}" * (MAX_DEPTH + 1),
    ],
    ids=["flow", "block", "mapping"],
)
def test_deep_yaml_is_refused_before_it_is_built(body: bytes) -> None:
    with pytest.raises(BodyError, match=f"more than {MAX_DEPTH} levels deep; limit is 100"):
        load_body(body, YAML)


def test_aliases_cannot_nest_anchors_past_the_depth_limit() -> None:
    # Each line stays 60 deep; through its alias it carries the one before.
    lines = ["x0: &x0 " + "[" * 60 + "1" + "]" * 60]
    for i in range(1, 4):
        lines.append(f"x{i}: &x{i} " + "[" * 60 + f"*x{i - 1}" + "]" * 60)
    with pytest.raises(BodyError, match="levels deep"):
        load_body("\n".join(lines).encode(), YAML)


# ----------------------------------------------------------------- JSON


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 10_000, 1_000_000])
def test_deep_json_is_a_400_naming_the_limit(depth: int) -> None:
    body = b'{"a":' * depth + b"1" + b"}" * depth
    with pytest.raises(BodyError, match=f"limit is {MAX_DEPTH}"):
        load_body(body, JSON)


def test_json_at_the_depth_limit_is_read() -> None:
    body = b'{"a":' * (MAX_DEPTH - 1) + b"[]" + b"}" * (MAX_DEPTH - 1)
    assert load_body(body, JSON)["a"]


def test_check_depth_counts_arrays_and_objects() -> None:
    check_depth([[[]]], limit=3)
    with pytest.raises(BodyError):
        check_depth([[[[]]]], limit=3)
    check_depth("scalar", limit=0)


def test_decode_raw_checks_depth_of_what_it_is_given() -> None:
    deep: Any = {}
    for _ in range(MAX_DEPTH + 5):
        deep = {"k": deep}
    raw = {"metadata": {"name": "p", "managedFields": [deep]}, "spec": {"containers": []}}
    with pytest.raises(BodyError, match="levels deep"):
        decode_raw(raw, Pod)


# --------------------------------------------------------------- size


def test_an_object_over_the_limit_is_a_413_naming_both_sizes() -> None:
    pod = {
        "metadata": {"name": "p", "annotations": {"a": "y" * (2 * MIB)}},
        "spec": {"containers": [{"name": "a", "image": "b"}]},
    }
    with pytest.raises(TooLargeError) as exc:
        decode_body(json.dumps(pod).encode(), JSON, Pod)
    assert exc.value.code == 413 and exc.value.reason == "RequestEntityTooLarge"
    assert f"limit is {MAX_OBJECT_BYTES}" in exc.value.message
    assert "the object is 2" in exc.value.message


def test_an_object_under_the_limit_is_read() -> None:
    pod = {
        "metadata": {"name": "p", "annotations": {"a": "y" * MIB}},
        "spec": {"containers": [{"name": "a", "image": "b"}]},
    }
    decoded, _ = decode_body(json.dumps(pod).encode(), JSON, Pod)
    assert decoded.metadata.annotations == pod["metadata"]["annotations"]  # type: ignore[index]


# --------------------------------------------------------------- patch


def _copies(n: int) -> list[dict[str, str]]:
    return [
        {"op": "copy", "from": "/metadata", "path": f"/metadata/annotations/k{i}"} for i in range(n)
    ]


def test_json_patch_copy_bomb_stops_at_the_object_limit() -> None:
    before = rss_mib()
    doc = {"metadata": {"annotations": {"a": "x" * 100_000}}}
    with pytest.raises(TooLargeError, match=f"limit is {MAX_OBJECT_BYTES}"):
        apply_json_patch(doc, _copies(MAX_JSON_PATCH_COPIES))  # 2^10 x 100 KB unbounded
    assert rss_mib() - before < 64


def test_json_patch_copies_and_operations_are_counted() -> None:
    with pytest.raises(TooLargeError, match=f"at most {MAX_JSON_PATCH_COPIES} times"):
        apply_json_patch({"metadata": {}}, _copies(MAX_JSON_PATCH_COPIES + 1))
    ops = [{"op": "test", "path": "/metadata", "value": {}}] * (MAX_JSON_PATCH_OPS + 1)
    with pytest.raises(TooLargeError, match=f"operations in a JSON patch is {MAX_JSON_PATCH_OPS}"):
        apply_json_patch({"metadata": {}}, ops)


def test_bounded_json_patch_applies_and_fails_as_the_plain_one() -> None:
    doc = {"metadata": {"annotations": {"a": "x"}}}
    ops = [*_copies(3), {"op": "remove", "path": "/metadata/annotations/a"}]
    assert apply_json_patch(doc, ops) == unbounded_json_patch(doc, ops)
    failing = [*_copies(2), {"op": "remove", "path": "/nope"}, *_copies(1)]
    with pytest.raises(PatchError) as bounded:
        apply_json_patch(doc, failing)
    with pytest.raises(PatchError) as plain:
        unbounded_json_patch(doc, failing)
    assert bounded.value.message == plain.value.message


def test_load_patch() -> None:
    assert load_patch(b'{"a": 1}', "application/merge-patch+json") == (
        "application/merge-patch+json",
        {"a": 1},
    )
    with pytest.raises(UnsupportedMediaTypeError):
        load_patch(b"{}", "application/apply-patch+yaml")
    with pytest.raises(BodyError, match="empty"):
        load_patch(b" ", "application/json-patch+json")
    with pytest.raises(BodyError, match="levels deep"):
        load_patch(b"[" * 5000 + b"]" * 5000, "application/json-patch+json")
