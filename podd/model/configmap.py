"""ConfigMaps and Secrets, and their rules.

On the wire both are Kubernetes' objects: ``ConfigMap.data`` holds strings,
``ConfigMap.binaryData`` and ``Secret.data`` hold base64 strings, which msgspec
decodes into ``bytes`` (so decoding validates the base64, as Go's ``[]byte``
does) and encodes back to base64. ``Secret.stringData`` is write-only: the
apiserver merges it into ``data`` on create and update and never returns it;
:func:`normalize_secret` does that merge (and defaults ``type`` to ``Opaque``)
and must run before a Secret is validated and stored.

Validation follows the apiserver: keys are config keys (``[-._a-zA-Z0-9]+``,
at most 253 characters, not ``.``/``..``/``..*``), the total size of the
values is at most 1 MiB, a ConfigMap key may not be in both ``data`` and
``binaryData``, and an object created ``immutable: true`` keeps its data and
its immutability forever. Causes never carry a Secret's values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import msgspec

from podd.model import field as f
from podd.model.base import K8sStruct, always, always_list
from podd.model.field import Path, StatusCause
from podd.model.meta import ListMeta, ObjectMeta
from podd.model.names import is_config_map_key
from podd.model.validation.meta import (
    dns1123_subdomain_name,
    validate_immutable,
    validate_object_meta,
    validate_object_meta_update,
)

__all__ = [
    "MAX_SECRET_SIZE",
    "SECRET_TYPE_OPAQUE",
    "ConfigMap",
    "ConfigMapList",
    "Secret",
    "SecretList",
    "normalize_secret",
    "validate_configmap",
    "validate_configmap_update",
    "validate_secret",
    "validate_secret_update",
]

MAX_SECRET_SIZE = 1024 * 1024  # also the limit of a ConfigMap (corev1.MaxSecretSize)
SECRET_TYPE_OPAQUE = "Opaque"
REDACTED = "<secret contents redacted>"
_IMMUTABLE_MESSAGE = "field is immutable when `immutable` is set"


class ConfigMap(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("ConfigMap")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    immutable: bool | None = None
    data: dict[str, str] | None = None
    binary_data: dict[str, bytes] | None = None


class ConfigMapList(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("ConfigMapList")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    items: list[ConfigMap] = always_list()


class Secret(K8sStruct):
    """A Secret; ``data`` values are the decoded bytes (base64 on the wire)."""

    api_version: str = always("v1")
    kind: str = always("Secret")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    immutable: bool | None = None
    data: dict[str, bytes] | None = None
    string_data: dict[str, str] | None = None
    type: str = always(SECRET_TYPE_OPAQUE)


class SecretList(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("SecretList")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    items: list[Secret] = always_list()


def normalize_secret(secret: Secret) -> Secret:
    """``stringData`` merged into ``data`` (its keys win), then dropped; empty type → Opaque.

    Pure: returns a new Secret and leaves ``secret`` untouched.
    """
    data = dict(secret.data or {})
    for key, value in (secret.string_data or {}).items():
        data[key] = value.encode()
    return msgspec.structs.replace(
        secret,
        data=data or (None if secret.data is None else {}),
        string_data=None,
        type=secret.type or SECRET_TYPE_OPAQUE,
    )


# ---------------------------------------------------------------- ConfigMap


def _keys(keys: Mapping[str, object], path: Path) -> list[StatusCause]:
    return [f.invalid(path.key(key), key, msg) for key in keys for msg in is_config_map_key(key)]


def validate_configmap(cm: ConfigMap) -> list[StatusCause]:
    """Kubernetes' ValidateConfigMap."""
    errs = validate_object_meta(
        cm.metadata, requires_namespace=True, name_fn=dns1123_subdomain_name
    )
    data = cm.data or {}
    binary = cm.binary_data or {}
    total = 0
    data_path, binary_path = Path("data"), Path("binaryData")
    errs.extend(_keys(data, data_path))
    for key, value in data.items():
        total += len(value.encode())
        if key in binary:
            errs.append(
                f.invalid(data_path.key(key), key, "duplicate of key present in binaryData")
            )
    errs.extend(_keys(binary, binary_path))
    for key, raw in binary.items():
        total += len(raw)
        if key in data:
            errs.append(f.invalid(binary_path.key(key), key, "duplicate of key present in data"))
    if total > MAX_SECRET_SIZE:
        errs.append(f.too_long(Path(""), MAX_SECRET_SIZE))
    return errs


def validate_configmap_update(old: ConfigMap, new: ConfigMap) -> list[StatusCause]:
    """Kubernetes' ValidateConfigMapUpdate: metadata rules, immutability, then the new object."""
    errs = validate_object_meta_update(new.metadata, old.metadata)
    if old.immutable:
        if not new.immutable:
            errs.append(f.forbidden(Path("immutable"), _IMMUTABLE_MESSAGE))
        if (new.data or {}) != (old.data or {}):
            errs.append(f.forbidden(Path("data"), _IMMUTABLE_MESSAGE))
        if (new.binary_data or {}) != (old.binary_data or {}):
            errs.append(f.forbidden(Path("binaryData"), _IMMUTABLE_MESSAGE))
    return errs + validate_configmap(new)


# ------------------------------------------------------------------- Secret

# Keys required by the well-known secret types.
_DOCKERCFG = ("kubernetes.io/dockercfg", ".dockercfg")
_DOCKERCONFIGJSON = ("kubernetes.io/dockerconfigjson", ".dockerconfigjson")


def _type_rules(secret: Secret, data: Mapping[str, bytes], path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    kind = secret.type
    if kind == "kubernetes.io/service-account-token":
        annotation = "kubernetes.io/service-account.name"
        if not (secret.metadata.annotations or {}).get(annotation):
            errs.append(f.required(Path("metadata.annotations").key(annotation)))
    elif kind in (_DOCKERCFG[0], _DOCKERCONFIGJSON[0]):
        key = _DOCKERCFG[1] if kind == _DOCKERCFG[0] else _DOCKERCONFIGJSON[1]
        if key not in data:
            errs.append(f.required(path.key(key)))
        else:
            try:
                parsed = json.loads(data[key])
            except ValueError as exc:
                errs.append(f.invalid(path.key(key), REDACTED, str(exc).split(":")[0]))
            else:
                if not isinstance(parsed, dict):
                    errs.append(f.invalid(path.key(key), REDACTED, "must be a JSON object"))
    elif kind == "kubernetes.io/basic-auth":
        if "username" not in data and "password" not in data:
            errs.append(f.required(path.key("username")))
            errs.append(f.required(path.key("password")))
    elif kind == "kubernetes.io/ssh-auth":
        if not data.get("ssh-privatekey"):
            errs.append(f.required(path.key("ssh-privatekey")))
    elif kind == "kubernetes.io/tls":
        errs.extend(f.required(path.key(k)) for k in ("tls.crt", "tls.key") if k not in data)
    return errs


def validate_secret(secret: Secret) -> list[StatusCause]:
    """Kubernetes' ValidateSecret, on the normalized secret (``stringData`` merged)."""
    secret = normalize_secret(secret)
    errs = validate_object_meta(
        secret.metadata, requires_namespace=True, name_fn=dns1123_subdomain_name
    )
    data = secret.data or {}
    path = Path("data")
    errs.extend(_keys(data, path))
    if sum(len(v) for v in data.values()) > MAX_SECRET_SIZE:
        errs.append(f.too_long(path, MAX_SECRET_SIZE))
    errs.extend(_type_rules(secret, data, path))
    return errs


def validate_secret_update(old: Secret, new: Secret) -> list[StatusCause]:
    """Kubernetes' ValidateSecretUpdate: metadata, ``type`` immutable, immutability, new object."""
    old, new = normalize_secret(old), normalize_secret(new)
    errs = validate_object_meta_update(new.metadata, old.metadata)
    errs.extend(validate_immutable(new.type, old.type, Path("type")))
    if old.immutable:
        if not new.immutable:
            errs.append(f.forbidden(Path("immutable"), _IMMUTABLE_MESSAGE))
        if (new.data or {}) != (old.data or {}):
            errs.append(f.forbidden(Path("data"), _IMMUTABLE_MESSAGE))
    return errs + validate_secret(new)
