"""Namespaces (cluster-scoped); ``default`` always exists."""

from __future__ import annotations

import msgspec

from podd.model.base import K8sStruct, always, always_list
from podd.model.meta import ListMeta, ObjectMeta

__all__ = [
    "Namespace",
    "NamespaceCondition",
    "NamespaceList",
    "NamespaceSpec",
    "NamespaceStatus",
]


class NamespaceSpec(K8sStruct):
    finalizers: list[str] | None = None


class NamespaceCondition(K8sStruct):
    type: str = always("")
    status: str = always("")
    last_transition_time: str | None = None
    reason: str | None = None
    message: str | None = None


class NamespaceStatus(K8sStruct):
    """``phase`` is ``Active`` or ``Terminating``."""

    phase: str | None = None
    conditions: list[NamespaceCondition] | None = None


class Namespace(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("Namespace")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    spec: NamespaceSpec = msgspec.field(default_factory=NamespaceSpec)
    status: NamespaceStatus = msgspec.field(default_factory=NamespaceStatus)


class NamespaceList(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("NamespaceList")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    items: list[Namespace] = always_list()
