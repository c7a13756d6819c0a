"""Metadata rules shared by every object: names, labels, annotations, immutability."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from podd.model import field as f
from podd.model.field import Path, StatusCause
from podd.model.meta import ObjectMeta
from podd.model.names import (
    is_dns1123_label,
    is_dns1123_subdomain,
    is_label_value,
    is_qualified_name,
)

__all__ = [
    "TOTAL_ANNOTATION_SIZE_LIMIT",
    "NameFn",
    "dns1123_label_name",
    "dns1123_subdomain_name",
    "validate_annotations",
    "validate_immutable",
    "validate_labels",
    "validate_object_meta",
    "validate_object_meta_update",
    "validate_qualified_name",
]

TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024
_METADATA = Path("metadata")

# name, is-prefix (generateName) -> problems
NameFn = Callable[[str, bool], list[str]]


def _mask_trailing_dash(name: str) -> str:
    return name[:-1] + "a" if len(name) > 1 and name.endswith("-") else name


def dns1123_subdomain_name(name: str, prefix: bool) -> list[str]:
    return is_dns1123_subdomain(_mask_trailing_dash(name) if prefix else name)


def dns1123_label_name(name: str, prefix: bool) -> list[str]:
    return is_dns1123_label(_mask_trailing_dash(name) if prefix else name)


def validate_qualified_name(value: str, path: Path) -> list[StatusCause]:
    return [f.invalid(path, value, msg) for msg in is_qualified_name(value)]


def validate_labels(labels: Mapping[str, str] | None, path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    for key, value in (labels or {}).items():
        errs.extend(validate_qualified_name(key, path))
        errs.extend(f.invalid(path, value, msg) for msg in is_label_value(value))
    return errs


def validate_annotations(annotations: Mapping[str, str] | None, path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    total = 0
    for key, value in (annotations or {}).items():
        errs.extend(f.invalid(path, key, msg) for msg in is_qualified_name(key.lower()))
        total += len(key.encode()) + len(value.encode())
    if total > TOTAL_ANNOTATION_SIZE_LIMIT:
        errs.append(f.too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT))
    return errs


def _validate_finalizers(finalizers: Sequence[str] | None, path: Path) -> list[StatusCause]:
    errs: list[StatusCause] = []
    seen: set[str] = set()
    for i, name in enumerate(finalizers or ()):
        errs.extend(validate_qualified_name(name, path.index(i)))
        if name in seen:
            errs.append(f.duplicate(path.index(i), name))
        seen.add(name)
    return errs


def validate_object_meta(
    meta: ObjectMeta,
    *,
    requires_namespace: bool,
    name_fn: NameFn,
    path: Path = _METADATA,
) -> list[StatusCause]:
    """Kubernetes' ValidateObjectMeta.

    An empty name with a ``generateName`` passes: the apiserver generates the
    name before it validates (see :func:`podd.model.meta.generate_name`).
    """
    errs: list[StatusCause] = []
    if meta.generate_name:
        errs.extend(
            f.invalid(path.child("generateName"), meta.generate_name, msg)
            for msg in name_fn(meta.generate_name, True)
        )
    if meta.name:
        errs.extend(
            f.invalid(path.child("name"), meta.name, msg) for msg in name_fn(meta.name, False)
        )
    elif not meta.generate_name:
        errs.append(f.required(path.child("name"), "name or generateName is required"))
    if requires_namespace:
        if not meta.namespace:
            errs.append(f.required(path.child("namespace")))
        else:
            errs.extend(
                f.invalid(path.child("namespace"), meta.namespace, msg)
                for msg in is_dns1123_label(meta.namespace)
            )
    elif meta.namespace:
        errs.append(f.forbidden(path.child("namespace"), "not allowed on this type"))
    if meta.generation is not None and meta.generation < 0:
        errs.append(
            f.invalid(
                path.child("generation"), meta.generation, "must be greater than or equal to 0"
            )
        )
    errs.extend(validate_labels(meta.labels, path.child("labels")))
    errs.extend(validate_annotations(meta.annotations, path.child("annotations")))
    for i, ref in enumerate(meta.owner_references or ()):
        ref_path = path.child("ownerReferences").index(i)
        for wire, value in (
            ("apiVersion", ref.api_version),
            ("kind", ref.kind),
            ("name", ref.name),
            ("uid", ref.uid),
        ):
            if not value:
                errs.append(f.invalid(ref_path.child(wire), value, f"{wire} must not be empty"))
    errs.extend(_validate_finalizers(meta.finalizers, path.child("finalizers")))
    return errs


def validate_immutable(new: object, old: object, path: Path) -> list[StatusCause]:
    if new != old:
        return [f.invalid(path, new, "field is immutable")]
    return []


def validate_object_meta_update(
    new: ObjectMeta, old: ObjectMeta, path: Path = _METADATA
) -> list[StatusCause]:
    """name, namespace, uid and creationTimestamp never change."""
    errs: list[StatusCause] = []
    errs.extend(validate_immutable(new.name, old.name, path.child("name")))
    errs.extend(validate_immutable(new.namespace, old.namespace, path.child("namespace")))
    errs.extend(validate_immutable(new.uid, old.uid, path.child("uid")))
    errs.extend(
        validate_immutable(
            new.creation_timestamp, old.creation_timestamp, path.child("creationTimestamp")
        )
    )
    return errs
