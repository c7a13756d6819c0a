import json

import pytest

from podd.model.codec import (
    StrictDecodingError,
    decode_body,
    decode_raw,
    load_body,
    media_type,
    parse_field_validation,
    patch_object,
)
from podd.model.endpointslice import EndpointSlice
from podd.model.errors import BodyError, InvalidError, PatchError, UnsupportedMediaTypeError
from podd.model.namespace import Namespace
from podd.model.pod import Pod
from podd.model.status import DeleteOptions, status_from_error

from .seed import SEED_YAML, seed_pod

POD_JSON = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {"name": "web", "labels": {"app": "web"}},
    "spec": {
        "containers": [
            {"name": "web", "image": "nginx", "ports": [{"containerPort": 80, "hostPort": 8080}]}
        ]
    },
}


def body(obj: object) -> bytes:
    return json.dumps(obj).encode()


def with_(path: list[str | int], value: object) -> dict:
    obj = json.loads(json.dumps(POD_JSON))
    node = obj
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return obj


def test_json_and_yaml_decode_to_the_same_pod() -> None:
    yaml_pod, _ = decode_body(SEED_YAML, "application/yaml", Pod)
    from podd.model.base import encode

    json_pod, warnings = decode_body(encode(yaml_pod), "application/json", Pod)
    assert json_pod == yaml_pod == seed_pod()
    assert warnings == []
    assert yaml_pod.spec.containers[0].ports[0].host_port == 8080  # type: ignore[index]


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "", "*/*", None],
)
def test_json_content_types(content_type: str | None) -> None:
    pod, _ = decode_body(body(POD_JSON), content_type, Pod)
    assert pod.metadata.name == "web"


@pytest.mark.parametrize("content_type", ["application/yaml", "application/x-yaml", "text/yaml"])
def test_yaml_content_types(content_type: str) -> None:
    pod, _ = decode_body(SEED_YAML, content_type, Pod)
    assert pod.metadata.name == "web"


def test_unsupported_media_type() -> None:
    with pytest.raises(UnsupportedMediaTypeError) as exc:
        decode_body(b"x", "text/plain", Pod)
    assert exc.value.code == 415
    status = status_from_error(exc.value)
    assert (status.code, status.reason) == (415, "UnsupportedMediaType")
    assert media_type("Application/YAML ; charset=utf-8") == "application/yaml"


@pytest.mark.parametrize(
    ("data", "content_type", "message"),
    [
        (b"{", "application/json", "json parse error"),
        (b"", "application/json", "the request body is empty"),
        (b"[1]", "application/json", "the request body must be an object, not array"),
        (b'"pod"', "application/json", "the request body must be an object, not string"),
        (
            b"metadata: [1",
            "application/yaml",
            "yaml parse error: line 2: did not find expected ',' or ']'",
        ),
        (
            b"a: b: c",
            "application/yaml",
            "yaml parse error: line 1: mapping values are not allowed",
        ),
        (b"- a\n- b\n", "application/yaml", "must be an object, not array"),
        (b"a: 1\n---\nb: 2\n", "application/yaml", "yaml parse error"),
    ],
)
def test_syntax_errors_are_bad_requests(data: bytes, content_type: str, message: str) -> None:
    with pytest.raises(BodyError) as exc:
        decode_body(data, content_type, Pod)
    assert exc.value.code == 400
    assert message in str(exc.value)


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        (
            with_(["kind"], "Service"),
            "the kind in the data (Service) does not match the expected kind (Pod)",
        ),
        (
            with_(["apiVersion"], "apps/v1"),
            "the API version in the data (apps/v1) does not match the expected API version (v1)",
        ),
    ],
)
def test_kind_and_api_version_mismatch(obj: dict, message: str) -> None:
    with pytest.raises(BodyError) as exc:
        decode_body(body(obj), "application/json", Pod)
    assert str(exc.value) == message
    assert status_from_error(exc.value).reason == "BadRequest"


def test_missing_kind_and_api_version_are_filled_in() -> None:
    obj = dict(POD_JSON)
    del obj["kind"], obj["apiVersion"]
    pod, _ = decode_body(body(obj), "application/json", Pod)
    assert (pod.api_version, pod.kind) == ("v1", "Pod")


def test_delete_options_accepts_meta_api_version() -> None:
    for version in ("v1", "meta.k8s.io/v1"):
        opts, _ = decode_body(
            body({"apiVersion": version, "kind": "DeleteOptions", "gracePeriodSeconds": 0}),
            "application/json",
            DeleteOptions,
        )
        assert opts.grace_period_seconds == 0


UNKNOWN = [
    (["foo"], "foo"),
    (["metadata", "labelz"], "metadata.labelz"),
    (["spec", "containerz"], "spec.containerz"),
    (["spec", "containers", 0, "imagePolicy"], "spec.containers[0].imagePolicy"),
    (["spec", "containers", 0, "ports", 0, "port"], "spec.containers[0].ports[0].port"),
]


@pytest.mark.parametrize(("path", "field"), UNKNOWN)
def test_unknown_field_strict(path: list[str | int], field: str) -> None:
    """A 400 BadRequest in the apiserver's words (transformDecodeError around
    runtime.NewStrictDecodingError), as kubectl prints it."""
    with pytest.raises(StrictDecodingError) as exc:
        decode_body(body(with_(path, 1)), "application/json", Pod, "Strict")
    assert exc.value.errors == [f'unknown field "{field}"']
    status = status_from_error(exc.value, kind="Pod")
    assert (status.code, status.reason, status.details) == (400, "BadRequest", None)
    assert status.message == (
        f'Pod in version "v1" cannot be handled as a Pod: strict decoding error: '
        f'unknown field "{field}"'
    )


def test_unknown_field_after_a_patch_is_the_bare_strict_error() -> None:
    """The apiserver's patch handlers answer the strict error unwrapped."""
    obj = with_(["metadata", "app"], "x")
    with pytest.raises(StrictDecodingError) as exc:
        decode_raw(obj, Pod, "Strict", patched=True)
    assert str(exc.value) == 'strict decoding error: unknown field "metadata.app"'


def test_unknown_field_of_a_group_kind_names_its_version_only() -> None:
    raw = {
        "apiVersion": "discovery.k8s.io/v1",
        "kind": "EndpointSlice",
        "metadata": {"name": "s"},
        "addressType": "IPv4",
        "endpoints": [],
        "portz": [],
    }
    with pytest.raises(StrictDecodingError) as exc:
        decode_raw(raw, EndpointSlice, "Strict")
    assert str(exc.value) == (
        'EndpointSlice in version "v1" cannot be handled as a EndpointSlice: '
        'strict decoding error: unknown field "portz"'
    )


@pytest.mark.parametrize(("path", "field"), UNKNOWN)
def test_unknown_field_warn_and_ignore(path: list[str | int], field: str) -> None:
    data = body(with_(path, 1))
    pod, warnings = decode_body(data, "application/json", Pod, "Warn")
    assert warnings == [f'unknown field "{field}"']
    assert pod.metadata.name == "web"
    pod2, warnings2 = decode_body(data, "application/json", Pod, "Ignore")
    assert warnings2 == []
    assert pod2 == pod


def test_every_unknown_field_is_reported() -> None:
    obj = with_(["spec", "foo"], 1)
    obj["spec"]["containers"][0]["bar"] = {"x": 1}
    obj["baz"] = None
    with pytest.raises(StrictDecodingError) as exc:
        decode_body(body(obj), "application/json", Pod)
    assert exc.value.errors == [
        'unknown field "spec.containers[0].bar"',
        'unknown field "spec.foo"',
        'unknown field "baz"',
    ]
    assert str(exc.value).endswith(
        'strict decoding error: unknown field "spec.containers[0].bar", '
        'unknown field "spec.foo", unknown field "baz"'
    )


def test_unknown_fields_in_yaml() -> None:
    data = SEED_YAML.replace(
        b"    image: nginx:1.25\n", b"    image: nginx:1.25\n    imagePullPolicee: Always\n"
    )
    with pytest.raises(StrictDecodingError) as exc:
        decode_body(data, "application/yaml", Pod)
    assert exc.value.errors == ['unknown field "spec.containers[0].imagePullPolicee"']


def test_raw_maps_are_not_checked_for_unknown_fields() -> None:
    obj = with_(["spec", "affinity"], {"nodeAffinity": {"anything": [1, 2]}})
    pod, warnings = decode_body(body(obj), "application/json", Pod)
    assert pod.spec.affinity == {"nodeAffinity": {"anything": [1, 2]}}
    assert warnings == []


@pytest.mark.parametrize(
    ("path", "value", "reason", "field", "message"),
    [
        (
            ["spec", "containers", 0, "ports", 0, "containerPort"],
            "80",
            "FieldValueTypeInvalid",
            "spec.containers[0].ports[0].containerPort",
            'Invalid value: "80": expected integer, got string',
        ),
        (
            ["spec", "containers", 0, "ports", 0, "containerPort"],
            80.5,
            "FieldValueTypeInvalid",
            "spec.containers[0].ports[0].containerPort",
            "Invalid value: 80.5: expected integer, got number",
        ),
        (
            ["spec", "containers", 0, "ports", 0, "hostPort"],
            True,
            "FieldValueTypeInvalid",
            "spec.containers[0].ports[0].hostPort",
            "Invalid value: true: expected integer, got boolean",
        ),
        (
            ["metadata", "labels"],
            {"app": 1},
            "FieldValueTypeInvalid",
            "metadata.labels[app]",
            "Invalid value: 1: expected string, got integer",
        ),
        (
            ["spec", "containers"],
            {"name": "web"},
            "FieldValueTypeInvalid",
            "spec.containers",
            'Invalid value: {"name":"web"}: expected array, got object',
        ),
        (
            ["spec", "containers", 0, "command"],
            "echo hi",
            "FieldValueTypeInvalid",
            "spec.containers[0].command",
            'Invalid value: "echo hi": expected array, got string',
        ),
        (
            ["spec", "containers", 0, "resources"],
            {"limits": {"cpu": [1]}},
            "FieldValueTypeInvalid",
            "spec.containers[0].resources.limits[cpu]",
            "Invalid value: [1]: expected integer, number or string, got array",
        ),
    ],
)
def test_type_errors_name_the_field(
    path: list[str | int], value: object, reason: str, field: str, message: str
) -> None:
    with pytest.raises(InvalidError) as exc:
        decode_body(body(with_(path, value)), "application/json", Pod)
    [cause] = exc.value.causes
    assert (cause.reason, cause.field, cause.message) == (reason, field, message)


def test_watch_event_required_fields_missing() -> None:
    from podd.model.status import WatchEvent

    with pytest.raises(InvalidError) as exc:
        decode_raw({"type": "ADDED"}, WatchEvent)
    [cause] = exc.value.causes
    assert (cause.reason, cause.field) == ("FieldValueRequired", "object")


def test_yaml_quirks() -> None:
    # YAML 1.1 booleans: a label value `yes` is a boolean, a clear type error
    with pytest.raises(InvalidError) as exc:
        decode_body(b"metadata:\n  name: a\n  labels:\n    enabled: yes\n", "application/yaml", Pod)
    assert exc.value.causes[0].field == "metadata.labels[enabled]"
    assert exc.value.causes[0].message == "Invalid value: true: expected string, got boolean"
    # a boolean map key (`on:`) is named too
    with pytest.raises(InvalidError) as exc:
        decode_body(b"metadata:\n  labels:\n    on: x\n", "application/yaml", Pod)
    assert exc.value.causes[0].field == "metadata.labels"
    assert (
        exc.value.causes[0].message == "Invalid value: true: map key: expected string, got boolean"
    )
    # timestamps stay strings, "=" stays a string, octal modes work, nulls mean unset
    pod, _ = decode_body(
        b"metadata:\n  name: a\n  creationTimestamp: 2026-11-22T11:00:00Z\n"
        b"  annotations: {op: =}\nspec:\n  containers: null\n  volumes:\n"
        b"  - name: s\n    secret: {secretName: s, defaultMode: 0644}\nstatus: null\n",
        "application/yaml",
        Pod,
    )
    assert pod.metadata.creation_timestamp == "2026-11-22T11:00:00Z"
    assert pod.metadata.annotations == {"op": "="}
    assert pod.spec.volumes[0].secret.default_mode == 420  # type: ignore[index, union-attr]
    assert pod.spec.containers == []


def test_kubectl_dry_run_output_decodes() -> None:
    data = (
        b"apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n"
        b"    run: web\n  name: web\nspec:\n  containers:\n  - image: nginx\n    name: web\n"
        b"    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n"
    )
    pod, warnings = decode_body(data, "application/yaml", Pod)
    assert pod.metadata.name == "web" and warnings == []


def test_decode_raw_does_not_modify_its_input() -> None:
    obj = with_(["spec", "foo"], 1)
    snapshot = json.dumps(obj, sort_keys=True)
    decode_raw(obj, Pod, "Ignore")
    assert json.dumps(obj, sort_keys=True) == snapshot


def test_decode_checks_the_field_validation_value() -> None:
    pod, _ = decode_body(body(POD_JSON), "application/json", Pod, None)
    assert pod.metadata.name == "web"
    with pytest.raises(BodyError) as exc:
        decode_body(body(POD_JSON), "application/json", Pod, "Loose")
    assert 'invalid fieldValidation "Loose"' in str(exc.value)


def test_parse_field_validation() -> None:
    assert parse_field_validation(None) == "Strict"
    assert parse_field_validation("Warn") == "Warn"
    assert parse_field_validation("Ignore") == "Ignore"
    with pytest.raises(BodyError):
        parse_field_validation("strict")


def test_namespace_body() -> None:
    ns, _ = decode_body(
        b"apiVersion: v1\nkind: Namespace\nmetadata: {name: prod}\n", "text/yaml", Namespace
    )
    assert ns.metadata.name == "prod"
    with pytest.raises(BodyError):
        decode_body(body(POD_JSON), "application/json", Namespace)


def test_load_body() -> None:
    assert load_body(b"a: 1", "application/yaml") == {"a": 1}


# -------------------------------------------------------------- patch_object


def test_patch_object_dispatches_on_content_type() -> None:
    current = json.loads(json.dumps(POD_JSON))
    merged = patch_object(
        current, b'{"metadata":{"labels":{"x":"y"}}}', "application/merge-patch+json", Pod
    )
    assert merged["metadata"]["labels"] == {"app": "web", "x": "y"}
    patched = patch_object(
        current,
        b'[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:2"}]',
        "application/json-patch+json",
        Pod,
    )
    assert patched["spec"]["containers"][0]["image"] == "nginx:2"
    smp = patch_object(
        current,
        b'{"spec":{"containers":[{"name":"web","image":"nginx:3"}]}}',
        "application/strategic-merge-patch+json; charset=utf-8",
        Pod,
    )
    assert smp["spec"]["containers"][0] == {
        "name": "web",
        "image": "nginx:3",
        "ports": [{"containerPort": 80, "hostPort": 8080}],
    }
    assert current == POD_JSON  # untouched
    pod, _ = decode_raw(smp, Pod)
    assert pod.spec.containers[0].image == "nginx:3"


def test_patch_object_errors() -> None:
    with pytest.raises(UnsupportedMediaTypeError):
        patch_object({}, b"{}", "application/apply-patch+yaml", Pod)
    with pytest.raises(BodyError):
        patch_object({}, b"{", "application/merge-patch+json", Pod)
    with pytest.raises(BodyError):
        patch_object({}, b'"x"', "application/merge-patch+json", Pod)
    with pytest.raises(PatchError) as exc:
        patch_object({}, b"{}", "application/json-patch+json", Pod)
    assert exc.value.code == 400
    with pytest.raises(PatchError) as exc:
        patch_object({}, b'[{"op":"remove","path":"/nope"}]', "application/json-patch+json", Pod)
    assert exc.value.code == 422


def test_unknown_field_added_by_a_patch_is_reported() -> None:
    patched = patch_object(
        json.loads(json.dumps(POD_JSON)),
        b'{"spec":{"bogus":1}}',
        "application/merge-patch+json",
        Pod,
    )
    with pytest.raises(StrictDecodingError) as exc:
        decode_raw(patched, Pod, patched=True)
    assert str(exc.value) == 'strict decoding error: unknown field "spec.bogus"'
