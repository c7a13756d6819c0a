"""The Namespace resource. ``default`` always exists and cannot be deleted;
deleting another namespace deletes what is in it first."""

from __future__ import annotations

from typing import Any

from podd.api import resources as res
from podd.api.errors import APIError
from podd.model import status as st
from podd.model.defaults import default_namespace
from podd.model.errors import InvalidError
from podd.model.namespace import Namespace, NamespaceList, NamespaceStatus
from podd.model.status import DeleteOptions
from podd.model.timeutil import now_rfc3339
from podd.model.validation import validate_namespace
from podd.services import Services

PROTECTED = frozenset({"default", "kube-system", "kube-public"})


def _fields(ns: Namespace) -> dict[str, str]:
    return {"metadata.name": ns.metadata.name or "", "status.phase": ns.status.phase or ""}


def prepare_create(svc: Services, ns: Namespace) -> tuple[Namespace, list[str]]:
    causes = validate_namespace(ns)
    if causes:
        raise InvalidError(causes, name=ns.metadata.name)
    ns.spec.finalizers, ns.status = None, NamespaceStatus()  # the server's to set
    return default_namespace(ns), []


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
    """Mark the namespace Terminating; the namespace controller empties it
    (pods stop gracefully first) and removes it once nothing is left."""
    name = ns.metadata.name or ""
    if name in PROTECTED:
        raise APIError(st.forbidden("namespaces", name, "this namespace may not be deleted"))
    if ns.status.phase != "Terminating":
        ns.status.phase = "Terminating"
        ns.metadata.deletion_timestamp = now_rfc3339()
        stored = await svc.store.update("Namespace", ns)
        ns = NAMESPACES.decode(stored.data)
    return ns, False


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
