"""How lists, maps and structs merge, as the schemas say it: the rules podd's
own strategic merge patch and server-side apply follow
(``podd.model.listtypes``), as Kubernetes' ``x-kubernetes-patch-*``,
``x-kubernetes-list-*`` and ``x-kubernetes-map-type`` extensions.

kubectl computes ``apply`` patches from the patch keys (``$setElementOrder``,
per-element merges), so they must be the keys podd merges by.
"""

from __future__ import annotations

from typing import Any

from podd.model.listtypes import ATOMIC_STRUCTS, PRIMITIVE_MERGE, list_type, map_is_atomic
from podd.model.pod import PodSpec

__all__ = ["list_extensions", "map_extensions", "struct_extensions"]

# Lists whose Kubernetes patch strategy also retains keys: a patch replacing a
# volume's source sends $retainKeys, so the old source is dropped (podd's
# patcher honours $retainKeys wherever it appears).
_RETAIN_KEYS: frozenset[tuple[type, str]] = frozenset(
    {(PodSpec, "volumes"), (PodSpec, "resourceClaims")}
)


def _retains(cls: type, field: str) -> bool:
    return any((base, field) in _RETAIN_KEYS for base in cls.__mro__)


def list_extensions(cls: type, field: str) -> dict[str, Any]:
    """The extensions of ``cls``'s list field ``field`` (wire name)."""
    rules = list_type(cls, field)
    ext: dict[str, Any] = {}
    if rules.keys is None:
        ext["x-kubernetes-list-type"] = "atomic"
    elif not rules.keys:
        ext["x-kubernetes-list-type"] = "set"
    else:
        ext["x-kubernetes-list-map-keys"] = list(rules.keys)
        ext["x-kubernetes-list-type"] = "map"
    if rules.merge_key is not None:
        if rules.merge_key != PRIMITIVE_MERGE:
            ext["x-kubernetes-patch-merge-key"] = rules.merge_key
        ext["x-kubernetes-patch-strategy"] = "merge,retainKeys" if _retains(cls, field) else "merge"
    return ext


def map_extensions(cls: type, field: str) -> dict[str, Any]:
    """``mapType=atomic`` of a map field: an apply replaces it whole."""
    return {"x-kubernetes-map-type": "atomic"} if map_is_atomic(cls, field) else {}


def struct_extensions(cls: type) -> dict[str, Any]:
    """``structType=atomic``: written as the apiserver does, a map type."""
    return {"x-kubernetes-map-type": "atomic"} if cls in ATOMIC_STRUCTS else {}
