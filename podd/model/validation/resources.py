"""Resource requirements, environment and downward-API selector rules."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from podd.model import field as f
from podd.model.container import (
    EnvFromSource,
    EnvVar,
    ObjectFieldSelector,
    ResourceFieldSelector,
    ResourceList,
    ResourceRequirements,
)
from podd.model.field import Path, StatusCause
from podd.model.names import is_config_map_key, is_dns1123_subdomain, is_env_var_name
from podd.model.quantity import QuantityError, parse_quantity
from podd.model.validation.meta import validate_qualified_name

__all__ = [
    "ENV_FIELD_PATHS",
    "VOLUME_FIELD_PATHS",
    "validate_env",
    "validate_env_from",
    "validate_object_field_selector",
    "validate_resource_field_selector",
    "validate_resources",
]

ENV_FIELD_PATHS = (
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
)
VOLUME_FIELD_PATHS = (
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
)
_RESOURCE_FIELD_PATHS = (
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
)
_STANDARD_CONTAINER_RESOURCES = ("cpu", "memory", "ephemeral-storage")
_CPU_DIVISORS: tuple[str, ...] = ("1m", "1")
_MEMORY_DIVISORS: tuple[str, ...] = (
    "1",
    "1k",
    "1M",
    "1G",
    "1T",
    "1P",
    "1E",
    "1Ki",
    "1Mi",
    "1Gi",
    "1Ti",
    "1Pi",
    "1Ei",
)


def _is_native(name: str) -> bool:
    return "/" not in name or name.startswith("kubernetes.io/")


def _overcommit_allowed(name: str) -> bool:
    return _is_native(name) and not name.startswith("hugepages-")


def _validate_resource_name(name: str, path: Path) -> list[StatusCause]:
    errs = validate_qualified_name(name, path)
    if "/" not in name:
        if name not in _STANDARD_CONTAINER_RESOURCES and not name.startswith("hugepages-"):
            errs.append(f.invalid(path, name, "must be a standard resource for containers"))
    elif not _is_native(name) and name.startswith("requests."):
        errs.append(f.invalid(path, name, "doesn't follow extended resource name standard"))
    return errs


def _quantities(
    resources: ResourceList | None, path: Path, errs: list[StatusCause]
) -> dict[str, tuple[str, Decimal]]:
    """Valid entries as ``name -> (text, Decimal)``; problems appended to ``errs``."""
    out: dict[str, tuple[str, Decimal]] = {}
    for name, raw in (resources or {}).items():
        key_path = path.key(name)
        errs.extend(_validate_resource_name(name, key_path))
        try:
            value = parse_quantity(raw)
        except QuantityError as exc:
            errs.append(f.invalid(key_path, raw, exc.message))
            continue
        if value < 0:
            errs.append(f.invalid(key_path, str(raw), "must be greater than or equal to 0"))
            continue
        if not _is_native(name) and value != value.to_integral_value():
            errs.append(f.invalid(key_path, str(raw), "must be an integer"))
        out[name] = (str(raw), value)
    return out


def validate_resources(res: ResourceRequirements, path: Path) -> list[StatusCause]:
    """Names, quantities (parse, non-negative) and requests ≤ limits."""
    errs: list[StatusCause] = []
    lim_path, req_path = path.child("limits"), path.child("requests")
    limits = _quantities(res.limits, lim_path, errs)
    requests = _quantities(res.requests, req_path, errs)
    for name, (text, value) in requests.items():
        if name in limits:
            lim_text, lim_value = limits[name]
            if value != lim_value and not _overcommit_allowed(name):
                detail = f"must be equal to {name} limit of {lim_text}"
                errs.append(f.invalid(req_path, text, detail))
            elif value > lim_value:
                detail = f"must be less than or equal to {name} limit of {lim_text}"
                errs.append(f.invalid(req_path, text, detail))
        elif not _overcommit_allowed(name) and (res.limits or {}).get(name) is None:
            errs.append(f.required(lim_path, "Limit must be set for non overcommitable resources"))
    for i, claim in enumerate(res.claims or ()):
        if not claim.name:
            errs.append(f.required(path.child("claims").index(i).child("name")))
    return errs


def _split_subscript(path: str) -> tuple[str, str] | None:
    if path.endswith("']") and "['" in path:
        base, _, rest = path.partition("['")
        return base, rest[:-2]
    return None


def validate_object_field_selector(
    sel: ObjectFieldSelector, path: Path, allowed: Sequence[str]
) -> list[StatusCause]:
    if sel.api_version is not None and sel.api_version not in ("v1", ""):
        detail = f'error converting fieldPath: unsupported version "{sel.api_version}"'
        return [f.invalid(path.child("fieldPath"), sel.field_path, detail)]
    if sel.api_version == "":
        return [f.required(path.child("apiVersion"))]
    if not sel.field_path:
        return [f.required(path.child("fieldPath"))]
    split = _split_subscript(sel.field_path)
    if split is not None:
        base, subscript = split
        if base == "metadata.annotations":
            return validate_qualified_name(subscript.lower(), path)
        if base == "metadata.labels":
            return validate_qualified_name(subscript, path)
        return [f.invalid(path, base, "does not support subscript")]
    if sel.field_path not in allowed:
        return [f.not_supported(path.child("fieldPath"), sel.field_path, sorted(allowed))]
    return []


def validate_resource_field_selector(
    sel: ResourceFieldSelector, path: Path, *, volume: bool
) -> list[StatusCause]:
    errs: list[StatusCause] = []
    if volume and not sel.container_name:
        errs.append(f.required(path.child("containerName")))
    if not sel.resource:
        errs.append(f.required(path.child("resource")))
        return errs
    hugepages = sel.resource.startswith(("limits.hugepages-", "requests.hugepages-"))
    if sel.resource not in _RESOURCE_FIELD_PATHS and not hugepages:
        errs.append(f.not_supported(path.child("resource"), sel.resource, _RESOURCE_FIELD_PATHS))
        return errs
    if sel.divisor is None:
        return errs
    try:
        divisor = parse_quantity(sel.divisor)
    except QuantityError as exc:
        return [*errs, f.invalid(path.child("divisor"), sel.divisor, exc.message)]
    if divisor == 0:
        return errs
    if sel.resource.endswith(".cpu"):
        allowed, what = _CPU_DIVISORS, "cpu"
    elif sel.resource.endswith((".memory", ".ephemeral-storage")) or hugepages:
        allowed, what = _MEMORY_DIVISORS, sel.resource.split(".", 1)[1]
    else:  # pragma: no cover - every supported resource is covered above
        return errs
    if all(divisor != parse_quantity(d) for d in allowed):
        detail = (
            f"only divisor's values {', '.join(allowed)} are supported with the {what} resource"
        )
        errs.append(f.invalid(path.child("divisor"), sel.divisor, detail))
    return errs


def _validate_key_selector(name: str | None, key: str, path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    if name:
        errs.extend(f.invalid(path.child("name"), name, m) for m in is_dns1123_subdomain(name))
    if not key:
        errs.append(f.required(path.child("key")))
    else:
        errs.extend(f.invalid(path.child("key"), key, m) for m in is_config_map_key(key))
    return errs


def validate_env(env: Sequence[EnvVar], path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    for i, var in enumerate(env):
        idx = path.index(i)
        if not var.name:
            errs.append(f.required(idx.child("name")))
        else:
            errs.extend(
                f.invalid(idx.child("name"), var.name, m) for m in is_env_var_name(var.name)
            )
        src = var.value_from
        if src is None:
            continue
        vf = idx.child("valueFrom")
        if src.field_ref is not None:
            errs.extend(
                validate_object_field_selector(src.field_ref, vf.child("fieldRef"), ENV_FIELD_PATHS)
            )
        if src.resource_field_ref is not None:
            errs.extend(
                validate_resource_field_selector(
                    src.resource_field_ref, vf.child("resourceFieldRef"), volume=False
                )
            )
        if src.config_map_key_ref is not None:
            ref = src.config_map_key_ref
            errs.extend(_validate_key_selector(ref.name, ref.key, vf.child("configMapKeyRef")))
        if src.secret_key_ref is not None:
            ref2 = src.secret_key_ref
            errs.extend(_validate_key_selector(ref2.name, ref2.key, vf.child("secretKeyRef")))
        count = len(src.source_names())
        if count == 0:
            detail = (
                "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` "
                "or `secretKeyRef`"
            )
            errs.append(f.invalid(vf, "", detail))
        elif var.value:
            errs.append(f.invalid(vf, "", "may not be specified when `value` is not empty"))
        elif count > 1:
            errs.append(f.invalid(vf, "", "may not have more than one field specified at a time"))
    return errs


def validate_env_from(sources: Sequence[EnvFromSource], path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    for i, src in enumerate(sources):
        idx = path.index(i)
        if src.prefix:
            errs.extend(
                f.invalid(idx.child("prefix"), src.prefix, m) for m in is_env_var_name(src.prefix)
            )
        count = 0
        for wire, ref in (("configMapRef", src.config_map_ref), ("secretRef", src.secret_ref)):
            if ref is None:
                continue
            count += 1
            if not ref.name:
                errs.append(f.required(idx.child(wire).child("name")))
            else:
                errs.extend(
                    f.invalid(idx.child(wire).child("name"), ref.name, m)
                    for m in is_dns1123_subdomain(ref.name)
                )
        if count == 0:
            errs.append(f.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"))
        elif count > 1:
            errs.append(f.invalid(path, "", "may not have more than one field specified at a time"))
    return errs
