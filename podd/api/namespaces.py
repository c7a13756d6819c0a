"""The Namespace resource. ``default`` always exists and cannot be deleted;
deleting another namespace deletes what is in it first."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from podd.api import resources as res
from podd.api.errors import APIError
from podd.model import status as st
from podd.model.errors import InvalidError
from podd.model.namespace import Namespace, NamespaceList, NamespaceStatus
from podd.model.status import DeleteOptions
from podd.model.timeutil import now_rfc3339
from podd.model.validation import validate_namespace
from podd.services import Services
from podd.store.errors import StoreError

PROTECTED = frozenset({"default", "kube-system", "kube-public"})


def _fields(ns: Namespace) -> dict[str, str]:
    return {"metadata.name": ns.metadata.name or "", "status.phase": ns.status.phase or ""}


def prepare_create(svc: Services, ns: Namespace) -> tuple[Namespace, list[str]]:
    causes = validate_namespace(ns)
    if causes:
        raise InvalidError(causes, name=ns.metadata.name)
    name = ns.metadata.name or ""
    ns.metadata.labels = {**(ns.metadata.labels or {}), "kubernetes.io/metadata.name": name}
    ns.spec.finalizers = ["kubernetes"]
    ns.status = NamespaceStatus(phase="Active")
    return ns, []


def prepare_update(svc: Services, old: Namespace, new: Namespace) -> tuple[Namespace, list[str]]:
    new.metadata.uid = old.metadata.uid
    new.metadata.creation_timestamp = old.metadata.creation_timestamp
    new.metadata.labels = {
        **(new.metadata.labels or {}),
        "kubernetes.io/metadata.name": old.metadata.name or "",
    }
    new.spec, new.status = old.spec, old.status
    return new, []


async def delete(svc: Services, ns: Namespace, opts: DeleteOptions) -> tuple[Any, bool]:
    """Mark the namespace Terminating and empty it in the background; it is
    removed once nothing is left in it (pods stop gracefully first)."""
    name = ns.metadata.name or ""
    if name in PROTECTED:
        raise APIError(st.forbidden("namespaces", name, "this namespace may not be deleted"))
    if ns.status.phase != "Terminating":
        ns.status.phase = "Terminating"
        ns.metadata.deletion_timestamp = now_rfc3339()
        stored = await svc.store.update("Namespace", ns)
        ns = NAMESPACES.decode(stored.data)
        svc.spawn(_empty_then_remove(svc, name), f"delete namespace {name}")
    return ns, False


async def _empty_then_remove(svc: Services, name: str, timeout: float = 600.0) -> None:
    from podd.api.app import resource_types

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        left = 0
        for rt in resource_types():
            if not rt.namespaced:
                continue
            items, _, _ = await svc.store.query(rt.kind, name)
            left += len(items)
            for item in items:
                with contextlib.suppress(APIError, StoreError):
                    obj = rt.decode(item.data)
                    if not getattr(obj.metadata, "deletion_timestamp", None):
                        await res.delete_object(svc, rt, name, item.name, DeleteOptions())
        if left == 0:
            break
        await asyncio.sleep(0.2)
    current = await svc.store.get("Namespace", "", name)
    if current is not None:
        with contextlib.suppress(StoreError):
            await svc.store.delete("Namespace", NAMESPACES.decode(current.data))


NAMESPACES = res.ResourceType(
    kind="Namespace",
    plural="namespaces",
    singular="namespace",
    namespaced=False,
    struct=Namespace,
    list_struct=NamespaceList,
    field_labels=frozenset({"metadata.name", "status.phase"}),
    fields=_fields,
    prepare_create=prepare_create,
    prepare_update=prepare_update,
    delete=delete,
    short_names=("ns",),
)
