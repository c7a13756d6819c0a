"""Kubernetes names for podd's Structs: definition names and group-version-kinds.

kubectl finds a type by its definition name (``io.k8s.api.core.v1.Pod``) and
a kind by ``x-kubernetes-group-version-kind``; both come from the Structs:
the name from the class and the package it models, the GVK from the
``apiVersion``/``kind`` defaults a top-level Struct carries. A model module
of a named group says which in ``API_VERSION`` (``"authorization.k8s.io/v1"``
makes ``io.k8s.api.authorization.v1``); the others are core/v1.
"""

from __future__ import annotations

import sys

import msgspec

from podd.model.status import WatchEvent

__all__ = ["CORE", "GVK", "META", "definition_name", "group_version_kinds", "type_meta"]

CORE = "io.k8s.api.core.v1"
META = "io.k8s.apimachinery.pkg.apis.meta.v1"

# Modules whose Structs model apimachinery's meta/v1 types; the rest of
# podd.model is core/v1.
_META_MODULES = frozenset(
    {
        "podd.model.meta",
        "podd.model.status",
        "podd.model.field",
        "podd.model.requirement",
        "podd.api.tables.table",
    }
)

GVK = dict[str, str]

# Top-level kinds without apiVersion/kind fields of their own (a watch
# event's line carries none), as the apiserver lists them.
_EXTRA_GVKS: dict[type, list[GVK]] = {
    WatchEvent: [
        {"group": "", "kind": "WatchEvent", "version": "v1"},
        {"group": "meta.k8s.io", "kind": "WatchEvent", "version": "v1"},
    ]
}


def definition_name(cls: type) -> str:
    """``io.k8s.api.core.v1.Pod`` for ``podd.model.pod.Pod``."""
    module = cls.__module__
    if module in _META_MODULES:
        return f"{META}.{cls.__name__}"
    if not module.startswith("podd.model."):
        raise ValueError(f"{cls.__qualname__} ({module}) models no Kubernetes type")
    return f"{_package(module)}.{cls.__name__}"


def _package(module: str) -> str:
    api_version = getattr(sys.modules.get(module), "API_VERSION", "v1")
    group, version = _split(api_version)
    if not group:
        return CORE
    return f"io.k8s.api.{group.removesuffix('.k8s.io').split('.')[0]}.{version}"


def type_meta(cls: type) -> tuple[str, str] | None:
    """(apiVersion, kind) a top-level Struct always carries, else None."""
    if not (isinstance(cls, type) and issubclass(cls, msgspec.Struct)):
        return None
    values: dict[str, str] = {}
    for field in msgspec.structs.fields(cls):
        if field.encode_name in ("apiVersion", "kind"):
            if field.default_factory is not msgspec.NODEFAULT:
                values[field.encode_name] = field.default_factory()
            elif isinstance(field.default, str):
                values[field.encode_name] = field.default
    if values.get("apiVersion") and values.get("kind"):
        return values["apiVersion"], values["kind"]
    return None


def _split(api_version: str) -> tuple[str, str]:
    group, _, version = api_version.rpartition("/")
    return group, version


def group_version_kinds(cls: type) -> list[GVK]:
    """Every GVK a Struct is served as: its own, one per apiVersion it also
    accepts (``DeleteOptions`` as ``meta.k8s.io/v1`` too), or the listed ones."""
    if cls in _EXTRA_GVKS:
        return _EXTRA_GVKS[cls]
    meta = type_meta(cls)
    if meta is None:
        return []
    api_version, kind = meta
    versions = [api_version, *getattr(cls, "accepted_api_versions", ())]
    gvks: list[GVK] = []
    for av in dict.fromkeys(versions):
        group, version = _split(av)
        gvks.append({"group": group, "kind": kind, "version": version})
    return gvks
