"""ConfigMap and Secret Structs: wire format, normalize_secret, validation."""

from __future__ import annotations

import msgspec
import pytest

from podd.model.base import encode
from podd.model.codec import decode_body
from podd.model.configmap import (
    MAX_SECRET_SIZE,
    ConfigMap,
    ConfigMapList,
    Secret,
    SecretList,
    normalize_secret,
    validate_configmap,
    validate_configmap_update,
    validate_secret,
    validate_secret_update,
)
from podd.model.errors import InvalidError
from podd.model.meta import ObjectMeta

META = ObjectMeta(name="cfg", namespace="default")


def test_configmap_wire_format() -> None:
    body = (
        b'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"default"},'
        b'"data":{"a.conf":"x=1"},"binaryData":{"blob":"AAEC"}}'
    )
    cm, warnings = decode_body(body, "application/json", ConfigMap)
    assert not warnings
    assert cm.data == {"a.conf": "x=1"} and cm.binary_data == {"blob": b"\x00\x01\x02"}
    out = msgspec.json.decode(encode(cm))
    assert out["binaryData"] == {"blob": "AAEC"} and out["kind"] == "ConfigMap"
    assert msgspec.json.decode(encode(ConfigMapList())) == {
        "apiVersion": "v1",
        "kind": "ConfigMapList",
        "metadata": {},
        "items": [],
    }


def test_secret_wire_format_and_type_default() -> None:
    body = b'{"metadata":{"name":"s","namespace":"default"},"data":{"pw":"aHVudGVyMg=="}}'
    secret, _ = decode_body(body, "application/json", Secret)
    assert secret.data == {"pw": b"hunter2"} and secret.type == "Opaque"
    out = msgspec.json.decode(encode(secret))
    assert out["data"] == {"pw": "aHVudGVyMg=="} and out["type"] == "Opaque"
    assert msgspec.json.decode(encode(SecretList()))["kind"] == "SecretList"


def test_secret_bad_base64_is_rejected_at_decode() -> None:
    body = b'{"metadata":{"name":"s","namespace":"default"},"data":{"pw":"not base64!"}}'
    with pytest.raises(InvalidError):
        decode_body(body, "application/json", Secret)


def test_normalize_secret_merges_string_data() -> None:
    secret = Secret(
        metadata=META,
        data={"keep": b"1", "over": b"old"},
        string_data={"over": "new", "plain": "héllo"},
        type="",
    )
    norm = normalize_secret(secret)
    assert norm.data == {"keep": b"1", "over": b"new", "plain": "héllo".encode()}
    assert norm.string_data is None and norm.type == "Opaque"
    assert secret.string_data == {"over": "new", "plain": "héllo"}  # pure
    out = msgspec.json.decode(encode(norm))
    assert "stringData" not in out and out["data"]["plain"] == "aMOpbGxv"
    assert normalize_secret(Secret(metadata=META)).data is None


def test_configmap_validation() -> None:
    assert validate_configmap(ConfigMap(metadata=META, data={"a": "1"})) == []
    errs = validate_configmap(
        ConfigMap(
            metadata=ObjectMeta(name="Bad_Name"),
            data={"ok.key": "1", "bad/key": "2", "dup": "3"},
            binary_data={"dup": b"3"},
        )
    )
    fields = [e.field for e in errs]
    assert fields == [
        "metadata.name",
        "metadata.namespace",
        "data[bad/key]",
        "data[dup]",
        "binaryData[dup]",
    ]
    assert errs[3].message == 'Invalid value: "dup": duplicate of key present in binaryData'
    assert "a valid config key must consist of alphanumeric" in (errs[2].message or "")
    too_big = ConfigMap(metadata=META, data={"a": "x" * MAX_SECRET_SIZE, "b": "y"})
    assert [(e.field, e.message) for e in validate_configmap(too_big)] == [
        ("", "Too long: must have at most 1048576 bytes")
    ]
    long_key = validate_configmap(ConfigMap(metadata=META, data={"k" * 254: ""}))
    assert long_key and long_key[0].field == "data[" + "k" * 254 + "]"


def test_configmap_immutable_update() -> None:
    old = ConfigMap(metadata=META, immutable=True, data={"a": "1"})
    assert validate_configmap_update(old, old) == []
    changed = ConfigMap(metadata=META, immutable=True, data={"a": "2"}, binary_data={"b": b""})
    assert [e.field for e in validate_configmap_update(old, changed)] == ["data", "binaryData"]
    unfrozen = ConfigMap(metadata=META, immutable=False, data={"a": "1"})
    errs = validate_configmap_update(old, unfrozen)
    assert [(e.field, e.message) for e in errs] == [
        ("immutable", "Forbidden: field is immutable when `immutable` is set")
    ]
    mutable = ConfigMap(metadata=META, data={"a": "1"})
    assert validate_configmap_update(mutable, ConfigMap(metadata=META, data={"a": "2"})) == []
    renamed = ConfigMap(metadata=ObjectMeta(name="other", namespace="default"))
    assert [e.field for e in validate_configmap_update(mutable, renamed)] == ["metadata.name"]


def test_secret_validation() -> None:
    assert validate_secret(Secret(metadata=META, data={"a": b"1"})) == []
    errs = validate_secret(Secret(metadata=META, string_data={"bad key": "x"}))
    assert [e.field for e in errs] == ["data[bad key]"]
    big = Secret(metadata=META, data={"a": b"x" * (MAX_SECRET_SIZE + 1)})
    assert [(e.field, e.message) for e in validate_secret(big)] == [
        ("data", "Too long: must have at most 1048576 bytes")
    ]


@pytest.mark.parametrize(
    "kind,data,fields",
    [
        ("kubernetes.io/tls", {"tls.crt": b"c"}, ["data[tls.key]"]),
        ("kubernetes.io/tls", {"tls.crt": b"c", "tls.key": b"k"}, []),
        ("kubernetes.io/basic-auth", {}, ["data[username]", "data[password]"]),
        ("kubernetes.io/basic-auth", {"password": b""}, []),
        ("kubernetes.io/ssh-auth", {"ssh-privatekey": b""}, ["data[ssh-privatekey]"]),
        ("kubernetes.io/dockerconfigjson", {}, ["data[.dockerconfigjson]"]),
        (
            "kubernetes.io/dockerconfigjson",
            {".dockerconfigjson": b"{nope"},
            ["data[.dockerconfigjson]"],
        ),
        ("kubernetes.io/dockerconfigjson", {".dockerconfigjson": b'{"auths":{}}'}, []),
        (
            "kubernetes.io/service-account-token",
            {},
            ["metadata.annotations[kubernetes.io/service-account.name]"],
        ),
        ("example.com/anything", {}, []),
    ],
)
def test_secret_types(kind: str, data: dict[str, bytes], fields: list[str]) -> None:
    errs = validate_secret(Secret(metadata=META, data=data, type=kind))
    assert [e.field for e in errs] == fields
    for e in errs:  # a secret's contents never show in a cause
        for value in data.values():
            if value:
                assert value.decode(errors="replace") not in (e.message or "")


def test_secret_update_rules() -> None:
    old = Secret(metadata=META, data={"a": b"1"}, immutable=True)
    assert validate_secret_update(old, old) == []
    errs = validate_secret_update(old, Secret(metadata=META, data={"a": b"2"}, immutable=True))
    assert [e.field for e in errs] == ["data"]
    errs = validate_secret_update(old, Secret(metadata=META, data={"a": b"1"}))
    assert [e.field for e in errs] == ["immutable"]
    retyped = Secret(metadata=META, data={"a": b"1"}, type="kubernetes.io/other")
    errs = validate_secret_update(Secret(metadata=META, data={"a": b"1"}), retyped)
    assert [e.field for e in errs] == ["type"]
    # stringData counts as data for immutability
    same = Secret(metadata=META, string_data={"a": "1"}, immutable=True)
    assert validate_secret_update(old, same) == []
