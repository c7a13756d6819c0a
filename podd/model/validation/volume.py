"""Volume rules: names, exactly one source, and each source's fields."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from podd.model import field as f
from podd.model.field import Path, StatusCause
from podd.model.names import is_config_map_key, is_dns1123_label, is_dns1123_subdomain
from podd.model.quantity import QuantityError, parse_quantity
from podd.model.validation.container import validate_local_descending_path
from podd.model.validation.resources import (
    VOLUME_FIELD_PATHS,
    validate_object_field_selector,
    validate_resource_field_selector,
)
from podd.model.volume import (
    DownwardAPIVolumeFile,
    HostPathVolumeSource,
    KeyToPath,
    ProjectedVolumeSource,
    Volume,
)

__all__ = ["validate_volumes"]

FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive"
_HOST_PATH_TYPES = (
    "",
    "BlockDevice",
    "CharDevice",
    "Directory",
    "DirectoryOrCreate",
    "File",
    "FileOrCreate",
    "Socket",
)
_PULL_POLICIES = ("Always", "IfNotPresent", "Never")
_MIN_TOKEN_SECONDS = 10 * 60
_MAX_TOKEN_SECONDS = 1 << 32


def _mode(mode: int | None, path: Path) -> list[StatusCause]:
    if mode is not None and not 0 <= mode <= 0o777:
        return [f.invalid(path, mode, FILE_MODE_ERROR)]
    return []


def _local_non_reserved_path(value: str, path: Path) -> list[StatusCause]:
    errs = validate_local_descending_path(value, path)
    if value.startswith(".."):
        errs.append(f.invalid(path, value, "must not start with '..'"))
    return errs


def _key_to_paths(items: Sequence[KeyToPath], path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    for i, item in enumerate(items):
        idx = path.index(i)
        if not item.key:
            errs.append(f.required(idx.child("key")))
        else:
            errs.extend(
                f.invalid(idx.child("key"), item.key, m) for m in is_config_map_key(item.key)
            )
        if not item.path:
            errs.append(f.required(idx.child("path")))
        else:
            errs.extend(_local_non_reserved_path(item.path, idx.child("path")))
        errs.extend(_mode(item.mode, idx.child("mode")))
    return errs


def _downward_files(files: Sequence[DownwardAPIVolumeFile], path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    for i, item in enumerate(files):
        idx = path.index(i)
        if not item.path:
            errs.append(f.required(idx.child("path")))
        else:
            errs.extend(_local_non_reserved_path(item.path, idx.child("path")))
        if item.field_ref is not None:
            errs.extend(
                validate_object_field_selector(
                    item.field_ref, idx.child("fieldRef"), VOLUME_FIELD_PATHS
                )
            )
            if item.resource_field_ref is not None:
                detail = "fieldRef and resourceFieldRef can not be specified simultaneously"
                errs.append(f.invalid(idx, "resource", detail))
        elif item.resource_field_ref is not None:
            errs.extend(
                validate_resource_field_selector(
                    item.resource_field_ref, idx.child("resourceFieldRef"), volume=True
                )
            )
        else:
            errs.append(f.required(idx, "one of fieldRef and resourceFieldRef is required"))
        errs.extend(_mode(item.mode, idx.child("mode")))
    return errs


def _host_path(src: HostPathVolumeSource, path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    if not src.path:
        return [f.required(path.child("path"))]
    if not posixpath.isabs(src.path):
        errs.append(f.invalid(path.child("path"), src.path, "must be an absolute path"))
    if ".." in src.path.split("/"):
        errs.append(f.invalid(path.child("path"), src.path, "must not contain '..'"))
    if src.type is not None and src.type not in _HOST_PATH_TYPES:
        errs.append(f.not_supported(path.child("type"), src.type, _HOST_PATH_TYPES))
    return errs


def _projected(src: ProjectedVolumeSource, path: Path) -> list[StatusCause]:
    errs = _mode(src.default_mode, path.child("defaultMode"))
    seen: set[str] = set()

    def check_paths(paths: list[tuple[str, Path]]) -> None:
        for value, p in paths:
            if value and value in seen:
                errs.append(f.invalid(p, value, "conflicting duplicate paths"))
            seen.add(value)

    for i, proj in enumerate(src.sources or ()):
        idx = path.child("sources").index(i)
        names = proj.source_names()
        if len(names) > 1:
            errs.append(f.forbidden(idx, "may not specify more than 1 volume type"))
        for wire, ref in (("secret", proj.secret), ("configMap", proj.config_map)):
            if ref is None:
                continue
            if not ref.name:
                errs.append(f.required(idx.child(wire).child("name")))
            items_path = idx.child(wire).child("items")
            errs.extend(_key_to_paths(ref.items or (), items_path))
            check_paths(
                [
                    (it.path, items_path.index(j).child("path"))
                    for j, it in enumerate(ref.items or ())
                ]
            )
        if proj.downward_api is not None:
            items_path = idx.child("downwardAPI").child("items")
            errs.extend(_downward_files(proj.downward_api.items or (), items_path))
            check_paths(
                [
                    (it.path, items_path.index(j).child("path"))
                    for j, it in enumerate(proj.downward_api.items or ())
                ]
            )
        token = proj.service_account_token
        if token is not None:
            tpath = idx.child("serviceAccountToken")
            seconds = token.expiration_seconds
            if seconds is not None and seconds < _MIN_TOKEN_SECONDS:
                detail = "may not specify a duration less than 10 minutes"
                errs.append(f.invalid(tpath.child("expirationSeconds"), seconds, detail))
            if seconds is not None and seconds > _MAX_TOKEN_SECONDS:
                detail = "may not specify a duration larger than 2^32 seconds"
                errs.append(f.invalid(tpath.child("expirationSeconds"), seconds, detail))
            if not token.path:
                errs.append(f.required(tpath.child("path")))
            else:
                errs.extend(_local_non_reserved_path(token.path, tpath.child("path")))
                check_paths([(token.path, tpath.child("path"))])
    return errs


def _source(vol: Volume, wire: str, path: Path) -> list[StatusCause]:
    """Validate the one source ``wire`` of ``vol`` at ``path`` (= spec.volumes[i].<wire>)."""
    errs: list[StatusCause] = []
    if wire == "hostPath" and vol.host_path is not None:
        errs.extend(_host_path(vol.host_path, path))
    elif wire == "emptyDir" and vol.empty_dir is not None:
        limit = vol.empty_dir.size_limit
        if limit is not None:
            try:
                negative = parse_quantity(limit) < 0
            except QuantityError as exc:
                errs.append(f.invalid(path.child("sizeLimit"), limit, exc.message))
            else:
                if negative:
                    detail = "SizeLimit field must be a valid resource quantity"
                    errs.append(f.forbidden(path.child("sizeLimit"), detail))
        medium = vol.empty_dir.medium
        if medium and medium != "Memory" and not medium.startswith("HugePages"):
            errs.append(f.not_supported(path.child("medium"), medium, ["", "HugePages", "Memory"]))
    elif wire == "secret" and vol.secret is not None:
        if not vol.secret.secret_name:
            errs.append(f.required(path.child("secretName")))
        else:
            errs.extend(
                f.invalid(path.child("secretName"), vol.secret.secret_name, m)
                for m in is_dns1123_subdomain(vol.secret.secret_name)
            )
        errs.extend(_mode(vol.secret.default_mode, path.child("defaultMode")))
        errs.extend(_key_to_paths(vol.secret.items or (), path.child("items")))
    elif wire == "configMap" and vol.config_map is not None:
        if not vol.config_map.name:
            errs.append(f.required(path.child("name")))
        else:
            errs.extend(
                f.invalid(path.child("name"), vol.config_map.name, m)
                for m in is_dns1123_subdomain(vol.config_map.name)
            )
        errs.extend(_mode(vol.config_map.default_mode, path.child("defaultMode")))
        errs.extend(_key_to_paths(vol.config_map.items or (), path.child("items")))
    elif wire == "downwardAPI" and vol.downward_api is not None:
        errs.extend(_mode(vol.downward_api.default_mode, path.child("defaultMode")))
        errs.extend(_downward_files(vol.downward_api.items or (), path.child("items")))
    elif wire == "projected" and vol.projected is not None:
        errs.extend(_projected(vol.projected, path))
    elif wire == "persistentVolumeClaim" and vol.persistent_volume_claim is not None:
        if not vol.persistent_volume_claim.claim_name:
            errs.append(f.required(path.child("claimName")))
    elif wire == "image" and vol.image is not None:
        if not vol.image.reference:
            errs.append(f.required(path.child("reference")))
        policy = vol.image.pull_policy
        if policy is not None and policy not in _PULL_POLICIES:
            errs.append(f.not_supported(path.child("pullPolicy"), policy, _PULL_POLICIES))
    return errs


def validate_volumes(volumes: Sequence[Volume], path: Path) -> tuple[list[StatusCause], set[str]]:
    """Problems, and the set of volume names (for volumeMounts to refer to)."""
    errs: list[StatusCause] = []
    names: set[str] = set()
    for i, vol in enumerate(volumes):
        idx = path.index(i)
        sources = vol.source_names()
        if not sources:
            errs.append(f.required(idx, "must specify a volume type"))
        else:
            errs.extend(_source(vol, sources[0], idx.child(sources[0])))
            errs.extend(
                f.forbidden(idx.child(extra), "may not specify more than 1 volume type")
                for extra in sources[1:]
            )
        name_path = idx.child("name")
        if not vol.name:
            errs.append(f.required(name_path))
        else:
            errs.extend(f.invalid(name_path, vol.name, m) for m in is_dns1123_label(vol.name))
            if vol.name in names:
                errs.append(f.duplicate(name_path, vol.name))
            names.add(vol.name)
    return errs, names
