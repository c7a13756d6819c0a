"""What a configMap, secret, downwardAPI or projected volume contains (pure).

:func:`project` computes the payload, ``{path: FileProjection(bytes, mode)}``,
the kubelet's way (``MakePayload`` / ``CollectData``):

* without ``items``, every key of the ConfigMap (``data`` and
  ``binaryData``) or Secret (``data``, decoded) becomes a file named after it;
  with ``items``, each named key goes to its ``path``; a missing key is an
  error (``configmap references non-existent config key: k`` /
  ``references non-existent secret key: k``) unless the source is optional;
* a missing ConfigMap or Secret is an error (``configmap "x" not found``)
  unless ``optional: true``, which makes its part empty;
* modes: an item's ``mode``, else the volume's ``defaultMode``, else 0644;
* projected volumes merge their sources in order.

ConfigMaps and Secrets come from a :class:`ObjectLookup` (the pod's namespace).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

import msgspec

from podd.model.configmap import ConfigMap, Secret
from podd.model.container import Quantity
from podd.model.pod import Pod
from podd.model.volume import KeyToPath, Volume
from podd.volumes.atomic_writer import FileProjection, Payload
from podd.volumes.downward import downward_payload
from podd.volumes.errors import (
    KeyNotFoundError,
    ObjectNotFoundError,
    UnsupportedVolumeError,
    VolumeError,
)

__all__ = [
    "DEFAULT_MODE",
    "ObjectLookup",
    "ObjectRefs",
    "StaticLookup",
    "is_projection",
    "project",
    "referenced_objects",
]

DEFAULT_MODE = 0o644


class ObjectLookup(Protocol):
    """Where ConfigMaps and Secrets come from; ``None`` when one does not exist."""

    def config_map(self, namespace: str, name: str) -> ConfigMap | None: ...

    def secret(self, namespace: str, name: str) -> Secret | None: ...


class StaticLookup:
    """An :class:`ObjectLookup` over objects fetched beforehand (e.g. from the store)."""

    def __init__(
        self, config_maps: Iterable[ConfigMap] = (), secrets: Iterable[Secret] = ()
    ) -> None:
        self._cms = {(c.metadata.namespace or "", c.metadata.name or ""): c for c in config_maps}
        self._secrets = {(s.metadata.namespace or "", s.metadata.name or ""): s for s in secrets}

    def config_map(self, namespace: str, name: str) -> ConfigMap | None:
        return self._cms.get((namespace, name))

    def secret(self, namespace: str, name: str) -> Secret | None:
        return self._secrets.get((namespace, name))


class ObjectRefs(msgspec.Struct, frozen=True):
    """Names of the ConfigMaps and Secrets a pod's volumes use (to fetch or to watch)."""

    config_maps: frozenset[str] = frozenset()
    secrets: frozenset[str] = frozenset()


def is_projection(volume: Volume) -> bool:
    return any(
        src is not None
        for src in (volume.config_map, volume.secret, volume.downward_api, volume.projected)
    )


def referenced_objects(pod: Pod) -> ObjectRefs:
    cms: set[str] = set()
    secrets: set[str] = set()
    for vol in pod.spec.volumes or ():
        if vol.config_map is not None and vol.config_map.name:
            cms.add(vol.config_map.name)
        if vol.secret is not None and vol.secret.secret_name:
            secrets.add(vol.secret.secret_name)
        for src in (vol.projected.sources or ()) if vol.projected else ():
            if src.config_map is not None and src.config_map.name:
                cms.add(src.config_map.name)
            if src.secret is not None and src.secret.name:
                secrets.add(src.secret.name)
    return ObjectRefs(config_maps=frozenset(cms), secrets=frozenset(secrets))


def _mapped(
    values: Mapping[str, bytes],
    items: Sequence[KeyToPath] | None,
    default_mode: int,
    optional: bool,
    missing_key: str,
) -> Payload:
    if not items:
        return {key: FileProjection(data, default_mode) for key, data in values.items()}
    payload: Payload = {}
    for item in items:
        if item.key not in values:
            if optional:
                continue
            raise KeyNotFoundError(f"{missing_key}: {item.key}")
        mode = item.mode if item.mode is not None else default_mode
        payload[item.path] = FileProjection(values[item.key], mode)
    return payload


def _config_map_values(cm: ConfigMap) -> dict[str, bytes]:
    values = {key: value.encode() for key, value in (cm.data or {}).items()}
    values.update(cm.binary_data or {})
    return values


def _config_map_payload(
    pod: Pod,
    lookup: ObjectLookup,
    name: str | None,
    items: Sequence[KeyToPath] | None,
    mode: int,
    optional: bool,
) -> Payload:
    cm = lookup.config_map(pod.metadata.namespace or "", name or "")
    if cm is None:
        if not optional:
            raise ObjectNotFoundError("configmap", name or "")
        cm = ConfigMap()
    return _mapped(
        _config_map_values(cm),
        items,
        mode,
        optional,
        "configmap references non-existent config key",
    )


def _secret_payload(
    pod: Pod,
    lookup: ObjectLookup,
    name: str | None,
    items: Sequence[KeyToPath] | None,
    mode: int,
    optional: bool,
) -> Payload:
    secret = lookup.secret(pod.metadata.namespace or "", name or "")
    if secret is None:
        if not optional:
            raise ObjectNotFoundError("secret", name or "")
        secret = Secret()
    return _mapped(
        dict(secret.data or {}), items, mode, optional, "references non-existent secret key"
    )


def project(
    volume: Volume,
    pod: Pod,
    lookup: ObjectLookup,
    *,
    allocatable: Mapping[str, Quantity] | None = None,
) -> Payload:
    """The payload of a configMap/secret/downwardAPI/projected volume.

    Raises a :class:`~podd.volumes.errors.ProjectionError` (or an
    ``UnsupportedVolumeError``), with ``volume`` set, when the volume cannot
    be projected.
    """
    try:
        return _project(volume, pod, lookup, allocatable)
    except VolumeError as exc:
        exc.volume = volume.name
        raise


def _project(
    volume: Volume,
    pod: Pod,
    lookup: ObjectLookup,
    allocatable: Mapping[str, Quantity] | None,
) -> Payload:
    if volume.config_map is not None:
        src = volume.config_map
        mode = src.default_mode if src.default_mode is not None else DEFAULT_MODE
        return _config_map_payload(pod, lookup, src.name, src.items, mode, bool(src.optional))
    if volume.secret is not None:
        sec = volume.secret
        mode = sec.default_mode if sec.default_mode is not None else DEFAULT_MODE
        return _secret_payload(pod, lookup, sec.secret_name, sec.items, mode, bool(sec.optional))
    if volume.downward_api is not None:
        dapi = volume.downward_api
        mode = dapi.default_mode if dapi.default_mode is not None else DEFAULT_MODE
        return downward_payload(dapi.items or (), pod, mode, allocatable)
    if volume.projected is not None:
        proj = volume.projected
        mode = proj.default_mode if proj.default_mode is not None else DEFAULT_MODE
        payload: Payload = {}
        for source in proj.sources or ():
            if source.config_map is not None:
                c = source.config_map
                part = _config_map_payload(pod, lookup, c.name, c.items, mode, bool(c.optional))
            elif source.secret is not None:
                s = source.secret
                part = _secret_payload(pod, lookup, s.name, s.items, mode, bool(s.optional))
            elif source.downward_api is not None:
                part = downward_payload(source.downward_api.items or (), pod, mode, allocatable)
            else:
                kinds = ", ".join(source.source_names()) or "an empty source"
                raise UnsupportedVolumeError(
                    f"projected volume source {kinds} is not supported by podd"
                )
            payload.update(part)
        return payload
    raise UnsupportedVolumeError(f"volume {volume.name!r} is not a projected kind of volume")
