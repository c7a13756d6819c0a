"""Protobuf request bodies (``application/vnd.kubernetes.protobuf``) read into
the JSON shape: the bodies kubectl 1.32 sends for ``auth can-i``, ``auth
can-i --list``, ``auth whoami``, ``create configmap/secret/namespace/service``
(captured from it), and messages written here field by field: maps, repeated
fields, timestamps, refusals."""

from __future__ import annotations

import pytest

from podd.model import protokinds as pk
from podd.model import protowire as pw
from podd.model.authorization import SelfSubjectAccessReview, validate_access_review
from podd.model.codec import decode_body, decode_raw
from podd.model.configmap import ConfigMap, Secret
from podd.model.errors import BodyError, UnsupportedMediaTypeError
from podd.model.namespace import Namespace
from podd.model.pod import Pod

# kubectl 1.32 `auth can-i create pods` (namespace default): every optional
# scalar written, empty ones too; an empty creationTimestamp message.
CAN_I = (
    b"k8s\x00\n2\n\x17authorization.k8s.io/v1\x12\x17SelfSubjectAccessReview\x12?\n\x10"
    b'\n\x00\x12\x00\x1a\x00"\x00*\x002\x008\x00B\x00\x12!\n\x1f\n\x07default\x12\x06create'
    b'\x1a\x00"\x00*\x04pods2\x00:\x00\x1a\x08\x08\x00\x12\x00\x1a\x00 \x00\x1a\x00"\x00'
)
WHOAMI = (
    b"k8s\x00\n-\n\x18authentication.k8s.io/v1\x12\x11SelfSubjectReview\x12\x1a\n\x10"
    b'\n\x00\x12\x00\x1a\x00"\x00*\x002\x008\x00B\x00\x12\x06\n\x04\n\x00\x12\x00\x1a\x00"\x00'
)
CAN_I_LIST = (
    b"k8s\x00\n1\n\x17authorization.k8s.io/v1\x12\x16SelfSubjectRulesReview\x12#\n\x10"
    b'\n\x00\x12\x00\x1a\x00"\x00*\x002\x008\x00B\x00\x12\t\n\x07default\x1a\x04\x18\x00"\x00'
    b'\x1a\x00"\x00'
)

# kubectl 1.32 `create configmap cm1 --from-literal=a=b --from-file=bin=<\x00\xff\x01>`,
# `create secret generic s1 --from-literal=a=b --type=Opaque`, `create namespace ns1`.
CONFIGMAP = (
    b'k8s\x00\n\x0f\n\x02v1\x12\tConfigMap\x12)\n\x13\n\x03cm1\x12\x00\x1a\x00"\x00*\x002\x008'
    b'\x00B\x00\x12\x06\n\x01a\x12\x01b\x1a\n\n\x03bin\x12\x03\x00\xff\x01\x1a\x00"\x00'
)
SECRET = (
    b'k8s\x00\n\x0c\n\x02v1\x12\x06Secret\x12$\n\x12\n\x02s1\x12\x00\x1a\x00"\x00*\x002\x008'
    b'\x00B\x00\x12\x06\n\x01a\x12\x01b\x1a\x06Opaque\x1a\x00"\x00'
)
NAMESPACE = (
    b'k8s\x00\n\x0f\n\x02v1\x12\tNamespace\x12\x1b\n\x13\n\x03ns1\x12\x00\x1a\x00"\x00*\x00'
    b'2\x008\x00B\x00\x12\x00\x1a\x02\n\x00\x1a\x00"\x00'
)
# kubectl 1.32 `create service clusterip s1 --tcp=80:8080 --tcp=443:https`: a
# targetPort as a number and as a name (IntOrString), an empty status message.
SERVICE = (
    b'k8s\x00\n\r\n\x02v1\x12\x07Service\x12\x8a\x01\n\x1d\n\x02s1\x12\x00\x1a\x00"\x00*\x002\x00'
    b'8\x00B\x00Z\t\n\x03app\x12\x02s1\x12e\n\x1b\n\x0780-8080\x12\x03TCP\x18P"\x07\x08\x00\x10\x90?'
    b'\x1a\x00(\x00\n"\n\t443-https\x12\x03TCP\x18\xbb\x03"\x0b\x08\x01\x10\x00\x1a\x05https(\x00'
    b'\x12\t\n\x03app\x12\x02s1\x1a\x00"\tClusterIP:\x00B\x00R\x00Z\x00`\x00h\x00\x1a\x02\n\x00\x1a\x00"\x00'
)
PROTOBUF = "application/vnd.kubernetes.protobuf"


def _key(number: int, wire: int) -> bytes:
    return bytes([number << 3 | wire])


def _bytes(number: int, data: bytes) -> bytes:
    assert len(data) < 128
    return _key(number, 2) + bytes([len(data)]) + data


def _envelope(api_version: bytes, kind: bytes, raw: bytes) -> bytes:
    return pw.MAGIC + _bytes(1, _bytes(1, api_version) + _bytes(2, kind)) + _bytes(2, raw)


def test_kubectl_can_i() -> None:
    obj = pw.decode_object(CAN_I, pk.SELF_SUBJECT_ACCESS_REVIEW)
    assert obj == {
        "apiVersion": "authorization.k8s.io/v1",
        "kind": "SelfSubjectAccessReview",
        "metadata": {},
        "spec": {
            "resourceAttributes": {"namespace": "default", "verb": "create", "resource": "pods"}
        },
        "status": {},
    }
    review, warnings = decode_raw(obj, SelfSubjectAccessReview)
    assert warnings == [] and validate_access_review(review) == []


def test_kubectl_whoami_and_can_i_list() -> None:
    assert pw.decode_object(WHOAMI, pk.SELF_SUBJECT_REVIEW) == {
        "apiVersion": "authentication.k8s.io/v1",
        "kind": "SelfSubjectReview",
        "metadata": {},
        "status": {"userInfo": {}},
    }
    assert pw.decode_object(CAN_I_LIST, pk.SELF_SUBJECT_RULES_REVIEW)["spec"] == {
        "namespace": "default"
    }


def test_maps_repeated_fields_times_and_varints() -> None:
    meta = (
        _bytes(1, b"x")
        + _bytes(11, _bytes(1, b"app") + _bytes(2, b"web"))
        + _bytes(11, _bytes(1, b"tier") + _bytes(2, b""))
        + _bytes(14, b"a")
        + _bytes(14, b"b")
        + _bytes(8, _key(1, 0) + b"\x80\xe2\xcf\xaa\x06")  # 1700000000 s
        + _key(7, 0)
        + b"\x05"
    )
    requirement = (
        _bytes(1, b"spec.nodeName") + _bytes(2, b"In") + _bytes(3, b"n1") + _bytes(3, b"n2")
    )
    attrs = _bytes(2, b"list") + _bytes(8, _bytes(2, requirement))
    body = _envelope(
        b"authorization.k8s.io/v1",
        b"SelfSubjectAccessReview",
        _bytes(1, meta) + _bytes(2, _bytes(1, attrs)),
    )
    obj = pw.decode_object(body, pk.SELF_SUBJECT_ACCESS_REVIEW)
    assert obj["metadata"] == {
        "name": "x",
        "labels": {"app": "web", "tier": ""},
        "finalizers": ["a", "b"],
        "creationTimestamp": "2023-11-14T22:13:20Z",
        "generation": 5,
    }
    assert obj["spec"]["resourceAttributes"] == {
        "verb": "list",
        "fieldSelector": {
            "requirements": [{"key": "spec.nodeName", "operator": "In", "values": ["n1", "n2"]}]
        },
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"kind":"SelfSubjectAccessReview"}', "does not start with the Kubernetes magic"),
        (CAN_I[:-5], "truncated or malformed"),
        (_envelope(b"v", b"k", _bytes(9, b"")), r"a field \(9\) podd does not read"),
        (_envelope(b"v", b"k", _bytes(1, _bytes(1, b"\xff"))), "not UTF-8"),
        (_envelope(b"v", b"k", _key(1, 0) + b"\x01"), "is not a message"),
        (pw.MAGIC + _bytes(3, b"gzip"), "contentEncoding 'gzip' is unsupported"),
        (pw.MAGIC + _key(1, 3), "unsupported wire type 3"),
    ],
)
def test_malformed_bodies_are_400s(body: bytes, message: str) -> None:
    with pytest.raises(BodyError, match=message) as err:
        pw.decode_object(body, pk.SELF_SUBJECT_ACCESS_REVIEW)
    assert err.value.code == 400


def test_kubectl_creates_configmaps_secrets_and_namespaces() -> None:
    cm, _ = decode_body(CONFIGMAP, PROTOBUF, ConfigMap)
    assert (cm.metadata.name, cm.data, cm.binary_data) == (
        "cm1",
        {"a": "b"},
        {"bin": b"\x00\xff\x01"},
    )
    secret, _ = decode_body(SECRET, PROTOBUF, Secret)
    assert (secret.metadata.name, secret.data, secret.type) == ("s1", {"a": b"b"}, "Opaque")
    ns, _ = decode_body(NAMESPACE, f"{PROTOBUF}; charset=utf-8", Namespace)
    assert ns.metadata.name == "ns1" and ns.api_version == "v1" and ns.kind == "Namespace"


def test_a_kind_without_a_message_is_still_415() -> None:
    with pytest.raises(UnsupportedMediaTypeError):
        decode_body(CONFIGMAP, PROTOBUF, Pod)


def test_the_envelope_kind_must_match() -> None:
    with pytest.raises(BodyError, match="does not match the expected kind"):
        decode_body(SECRET.replace(b"\x12\x06Secret", b"\x12\x06Secreu"), PROTOBUF, Secret)


def test_kubectl_creates_a_service() -> None:
    obj = pw.decode_object(SERVICE, pk.SERVICE)
    assert obj["metadata"] == {"name": "s1", "labels": {"app": "s1"}}
    assert obj["spec"] == {
        "ports": [
            {"name": "80-8080", "protocol": "TCP", "port": 80, "targetPort": 8080},
            {"name": "443-https", "protocol": "TCP", "port": 443, "targetPort": "https"},
        ],
        "selector": {"app": "s1"},
        "type": "ClusterIP",
    }
    assert obj["status"] == {"loadBalancer": {}}
