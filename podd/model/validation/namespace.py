"""Namespace rules."""

from __future__ import annotations

from podd.model.field import Path, StatusCause
from podd.model.namespace import Namespace
from podd.model.validation.meta import (
    dns1123_label_name,
    validate_object_meta,
    validate_object_meta_update,
    validate_qualified_name,
)

__all__ = ["validate_namespace", "validate_namespace_update"]


def validate_namespace(ns: Namespace) -> list[StatusCause]:
    """A cluster-scoped object named by a DNS-1123 label; finalizers are qualified names."""
    errs = validate_object_meta(ns.metadata, requires_namespace=False, name_fn=dns1123_label_name)
    for i, name in enumerate(ns.spec.finalizers or ()):
        errs.extend(validate_qualified_name(name, Path("spec.finalizers").index(i)))
    return errs


def validate_namespace_update(old: Namespace, new: Namespace) -> list[StatusCause]:
    return validate_object_meta_update(new.metadata, old.metadata) + validate_namespace(new)
