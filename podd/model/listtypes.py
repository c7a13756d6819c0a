"""How each list (and a few maps and structs) of the model merges: one table
for strategic merge patch and server-side apply.

Kubernetes declares this on the Go types, twice: ``patchMergeKey`` /
``patchStrategy`` for strategic merge patch, ``listType`` / ``listMapKey`` /
``mapType`` / ``structType`` for server-side apply. They mostly agree but not
always (ports merge on ``containerPort`` alone in a strategic merge patch, on
``containerPort`` and ``protocol`` in an apply; ``hostIPs`` merge by ``ip`` in
one and are atomic in the other), so each entry names both. Anything not
listed here is atomic for apply and replaced by a patch.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from msgspec import inspect as mi

from podd.model.container import (
    ConfigMapKeySelector,
    Container,
    ObjectFieldSelector,
    ResourceFieldSelector,
    ResourceRequirements,
    SecretKeySelector,
)
from podd.model.event import ObjectReference
from podd.model.meta import ObjectMeta, OwnerReference
from podd.model.namespace import NamespaceStatus
from podd.model.pod import LocalObjectReference, PodSpec
from podd.model.podstatus import PodStatus
from podd.model.service import ServiceSpec, ServiceStatus

__all__ = [
    "ATOMIC_MAPS",
    "ATOMIC_STRUCTS",
    "MERGE_KEYS",
    "PRIMITIVE_MERGE",
    "ListType",
    "key_default",
    "list_type",
    "map_is_atomic",
]

PRIMITIVE_MERGE = ""  # a merge key meaning "merge a list of scalars as a set"


class ListType(NamedTuple):
    """One list field's rules.

    ``keys``: apply's ``listMapKey``s (items are identified by these fields);
    ``()`` for ``listType=set`` (scalars identified by value); None for atomic.
    ``merge_key``: strategic merge patch's ``patchMergeKey``; PRIMITIVE_MERGE
    for a set of scalars; None when a patch replaces the list.
    """

    keys: tuple[str, ...] | None
    merge_key: str | None = None


ATOMIC = ListType(None)


def _by(*keys: str) -> ListType:
    return ListType(keys, keys[0])


# (Struct class, wire field) -> rules, as in the core/v1 and meta/v1 Go types.
LISTS: dict[tuple[type, str], ListType] = {
    (PodSpec, "containers"): _by("name"),
    (PodSpec, "initContainers"): _by("name"),
    (PodSpec, "ephemeralContainers"): _by("name"),
    (PodSpec, "volumes"): _by("name"),
    (PodSpec, "imagePullSecrets"): _by("name"),
    (PodSpec, "hostAliases"): _by("ip"),
    (PodSpec, "topologySpreadConstraints"): ListType(
        ("topologyKey", "whenUnsatisfiable"), "topologyKey"
    ),
    (PodSpec, "resourceClaims"): _by("name"),
    (PodSpec, "schedulingGates"): _by("name"),
    (Container, "ports"): ListType(("containerPort", "protocol"), "containerPort"),
    (Container, "env"): _by("name"),
    (Container, "volumeMounts"): _by("mountPath"),
    (Container, "volumeDevices"): _by("devicePath"),
    (ResourceRequirements, "claims"): ListType(("name",)),  # listType=map, no patch strategy
    (ObjectMeta, "ownerReferences"): _by("uid"),
    (ObjectMeta, "finalizers"): ListType((), PRIMITIVE_MERGE),
    (PodStatus, "conditions"): _by("type"),
    (PodStatus, "podIPs"): _by("ip"),
    (PodStatus, "hostIPs"): ListType(None, "ip"),  # listType=atomic, patchMergeKey=ip
    (NamespaceStatus, "conditions"): _by("type"),
    (ServiceSpec, "ports"): ListType(("port", "protocol"), "port"),
    (ServiceStatus, "conditions"): _by("type"),
}

# A key field an item may omit, and the value it then has (the schema's default).
KEY_DEFAULTS: dict[tuple[str, str], Any] = {
    ("ports", "protocol"): "TCP",
    ("ports", "containerPort"): 0,
    ("topologySpreadConstraints", "topologyKey"): "",
    ("topologySpreadConstraints", "whenUnsatisfiable"): "",
}

# structType=atomic: replaced whole by an apply, owned as one field.
ATOMIC_STRUCTS: frozenset[type] = frozenset(
    {
        ConfigMapKeySelector,
        LocalObjectReference,
        ObjectFieldSelector,
        ObjectReference,
        OwnerReference,
        ResourceFieldSelector,
        SecretKeySelector,
    }
)

# mapType=atomic.
ATOMIC_MAPS: frozenset[tuple[type, str]] = frozenset(
    {(PodSpec, "nodeSelector"), (ServiceSpec, "selector")}
)

# What strategic merge patch needs: (Struct class, wire field) -> patchMergeKey.
MERGE_KEYS: dict[tuple[type, str], str] = {
    k: v.merge_key for k, v in LISTS.items() if v.merge_key is not None
}


def _lookup(table: Any, parent: mi.Type | type | None, name: str) -> Any:
    cls = parent.cls if isinstance(parent, mi.StructType) else parent
    if not isinstance(cls, type):
        return None
    for base in cls.__mro__:  # EphemeralContainer is a Container
        if (base, name) in table:
            return table[base, name] if isinstance(table, dict) else True
    return None


def list_type(parent: mi.Type | type | None, name: str) -> ListType:
    """The rules of list field ``name`` of ``parent`` (a Struct class or its type info)."""
    found = _lookup(LISTS, parent, name)
    return found if found is not None else ATOMIC


def map_is_atomic(parent: mi.Type | type | None, name: str) -> bool:
    """Whether map field ``name`` of ``parent`` is ``mapType=atomic``."""
    return bool(_lookup(ATOMIC_MAPS, parent, name))


def key_default(field: str, key: str) -> tuple[bool, Any]:
    """``(True, default)`` when an item of list ``field`` may omit key ``key``."""
    if (field, key) in KEY_DEFAULTS:
        return True, KEY_DEFAULTS[field, key]
    return False, None
