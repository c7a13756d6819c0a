"""ConfigMap and Secret resources (core/v1). Secrets are stored as the API
shows them (base64 data) and never logged."""

from __future__ import annotations

from typing import Any

from podd.api import resources as res
from podd.model.configmap import (
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
from podd.services import Services

FIELDS = frozenset({"metadata.name", "metadata.namespace"})
SECRET_FIELDS = FIELDS | {"type"}


def _fields(obj: Any) -> dict[str, str]:
    out = {
        "metadata.name": obj.metadata.name or "",
        "metadata.namespace": obj.metadata.namespace or "",
    }
    if isinstance(obj, Secret):
        out["type"] = obj.type
    return out


def _keep_meta(old: Any, new: Any) -> None:
    new.metadata.uid = old.metadata.uid
    new.metadata.creation_timestamp = old.metadata.creation_timestamp


def cm_create(svc: Services, cm: ConfigMap) -> tuple[ConfigMap, list[str]]:
    causes = validate_configmap(cm)
    if causes:
        raise InvalidError(causes, name=cm.metadata.name)
    return cm, []


def cm_update(svc: Services, old: ConfigMap, new: ConfigMap) -> tuple[ConfigMap, list[str]]:
    _keep_meta(old, new)
    causes = validate_configmap_update(old, new)
    if causes:
        raise InvalidError(causes, name=old.metadata.name)
    return new, []


def secret_create(svc: Services, secret: Secret) -> tuple[Secret, list[str]]:
    secret = normalize_secret(secret)
    causes = validate_secret(secret)
    if causes:
        raise InvalidError(causes, name=secret.metadata.name)
    return secret, []


def secret_update(svc: Services, old: Secret, new: Secret) -> tuple[Secret, list[str]]:
    _keep_meta(old, new)
    new = normalize_secret(new)
    causes = validate_secret_update(old, new)
    if causes:
        raise InvalidError(causes, name=old.metadata.name)
    return new, []


CONFIGMAPS = res.ResourceType(
    kind="ConfigMap",
    plural="configmaps",
    singular="configmap",
    namespaced=True,
    struct=ConfigMap,
    list_struct=ConfigMapList,
    field_labels=FIELDS,
    fields=_fields,
    prepare_create=cm_create,
    prepare_update=cm_update,
    short_names=("cm",),
)

SECRETS = res.ResourceType(
    kind="Secret",
    plural="secrets",
    singular="secret",
    namespaced=True,
    struct=Secret,
    list_struct=SecretList,
    field_labels=SECRET_FIELDS,
    fields=_fields,
    prepare_create=secret_create,
    prepare_update=secret_update,
)
