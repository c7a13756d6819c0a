"""Generic resource operations (create, get, list, replace, patch, delete).

A ``ResourceType`` describes one kind; its hooks carry what is special about it (defaults,
validation, what a delete means). Handlers in ``routes`` call one operation here each.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import msgspec

from podd.api import query
from podd.api.dryrun import dry_run_services
from podd.api.errors import APIError
from podd.api.ownership import Owner, request_manager, set_managed_fields
from podd.api.query import ListOptions, encode_continue
from podd.model import status as st
from podd.model.base import encode
from podd.model.codec import (
    JSON_PATCH,
    MERGE_PATCH,
    STRATEGIC_MERGE_PATCH,
    apply_json_patch,
    apply_merge_patch,
    apply_strategic_merge_patch,
    decode_body,
    load_patch,
)
from podd.model.errors import InvalidError
from podd.model.meta import generate_name
from podd.model.status import DeleteOptions
from podd.services import Services
from podd.store.errors import ConflictError
from podd.store.repository import StoredObject

Hook = Callable[[Services, Any], Awaitable[None]]


async def _no_hook(_: Services, __: Any) -> None:
    return None


@dataclass(frozen=True)
class ResourceType:
    kind: str  # "Pod"
    plural: str  # "pods"
    singular: str  # "pod"
    namespaced: bool
    struct: type
    list_struct: type
    field_labels: frozenset[str]
    fields: Callable[[Any], dict[str, str]]
    # Fill defaults and validate a new object; returns it and warnings.
    prepare_create: Callable[[Services, Any], tuple[Any, list[str]]]
    # Validate ``new`` against ``old`` and carry over what the client may not set.
    prepare_update: Callable[[Services, Any, Any], tuple[Any, list[str]]]
    after_create: Hook = _no_hook
    # Deletion: returns the object to report and whether it is gone already.
    delete: Callable[[Services, Any, DeleteOptions], Awaitable[tuple[Any, bool]]] | None = None
    short_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # "all": listed by `kubectl get all`
    verbs: tuple[str, ...] = ("create", "delete", "get", "list", "patch", "update", "watch")
    extra: dict[str, Any] = field(default_factory=dict)
    api_version: str = "v1"  # "discovery.k8s.io/v1": served under /apis (groupversion)

    @property
    def list_kind(self) -> str:
        return self.kind + "List"

    def decode(self, data: bytes) -> Any:
        return msgspec.json.decode(data, type=self.struct)


class _MetaLabels(msgspec.Struct):
    labels: dict[str, str] | None = None


class _LabelsOnly(msgspec.Struct):
    metadata: _MetaLabels


_labels_decoder = msgspec.json.Decoder(_LabelsOnly)


@contextlib.contextmanager
def invalid_as(rt: ResourceType, name: str | None) -> Iterator[None]:
    """Name the kind and object in an InvalidError raised below (for its Status)."""
    try:
        yield
    except InvalidError as exc:
        exc.kind = rt.kind
        exc.name = exc.name or name
        raise


def decode_as(
    rt: ResourceType, body: bytes, ctype: str, params: Any, *, patched: bool = False
) -> tuple[Any, list[str]]:
    with invalid_as(rt, None):
        return decode_body(body, ctype, rt.struct, _field_validation(params), patched=patched)


# -- reads ------------------------------------------------------------------
async def get_object(svc: Services, rt: ResourceType, ns: str, name: str) -> StoredObject:
    obj = await svc.store.get(rt.kind, ns, name)
    if obj is None:
        raise APIError(st.not_found(rt.plural, name, group=rt.api_version.rpartition("/")[0]))
    return obj


def matcher(rt: ResourceType, opts: ListOptions) -> Callable[[bytes], bool] | None:
    """A predicate over stored JSON, decoding only as much as the selectors need."""
    label, fieldsel = opts.label_selector, opts.field_selector
    if label is None and fieldsel is None:
        return None

    def match(data: bytes) -> bool:
        if label is not None and not label.matches(_labels_decoder.decode(data).metadata.labels):
            return False
        return fieldsel is None or fieldsel.matches(rt.fields(rt.decode(data)))

    return match


def name_from_field_selector(opts: ListOptions) -> str | None:
    if opts.field_selector is None:
        return None
    return opts.field_selector.equalities().get("metadata.name")


async def list_objects(svc: Services, rt: ResourceType, ns: str | None, opts: ListOptions) -> bytes:
    """The list as JSON bytes, items spliced in without re-encoding."""
    match = matcher(rt, opts)
    items, rv, more = await svc.store.query(
        rt.kind,
        ns,
        name=name_from_field_selector(opts),
        after=opts.after,
        limit=opts.limit,
        filter_fn=(lambda o: match(o.data)) if match else None,
    )
    meta: dict[str, Any] = {"resourceVersion": str(rv)}
    if more and items:
        last = items[-1]
        meta["continue"] = encode_continue(last.namespace, last.name, rv)
    head = encode({"apiVersion": rt.api_version, "kind": rt.list_kind, "metadata": meta})
    return head[:-1] + b',"items":[' + b",".join(o.data for o in items) + b"]}"


# -- writes -----------------------------------------------------------------
def _fill_name(obj: Any) -> None:
    meta = obj.metadata
    if not meta.name and meta.generate_name:
        meta.name = generate_name(meta.generate_name)


def _check_namespace(rt: ResourceType, obj: Any, ns: str) -> None:
    if not rt.namespaced:
        obj.metadata.namespace = None
        return
    if obj.metadata.namespace and obj.metadata.namespace != ns:
        raise APIError(
            st.bad_request(
                "the namespace of the provided object does not match the namespace sent on "
                "the request"
            )
        )
    obj.metadata.namespace = ns


async def require_namespace(svc: Services, ns: str, *, for_create: bool = False) -> None:
    stored = await svc.store.get("Namespace", "", ns)
    if stored is None:
        raise APIError(st.not_found("namespaces", ns))
    if for_create and b'"phase":"Terminating"' in stored.data:
        raise APIError(
            st.forbidden(
                "namespaces",
                ns,
                f"unable to create new content in namespace {ns} because it is being terminated",
            )
        )


async def create_object(
    svc: Services,
    rt: ResourceType,
    ns: str,
    body: bytes,
    content_type: str,
    params: Any,
    user_agent: str = "",
) -> tuple[bytes, list[str]]:
    dry_run = query.dry_run(params, "CreateOptions")
    manager = request_manager(params, user_agent, "CreateOptions")
    obj, warnings = decode_as(rt, body, content_type, params)
    data, more = await insert_object(svc, rt, ns, obj, manager, dry_run=dry_run)
    return data, warnings + more


async def insert_object(
    svc: Services, rt: ResourceType, ns: str, obj: Any, owner: Owner, *, dry_run: bool
) -> tuple[bytes, list[str]]:
    if rt.namespaced:
        await require_namespace(svc, ns, for_create=True)
    _check_namespace(rt, obj, ns)
    _fill_name(obj)
    meta, requested = obj.metadata, obj.metadata.managed_fields  # the kind's hooks clear them
    meta.uid = meta.resource_version = meta.creation_timestamp = None
    meta.deletion_timestamp = meta.deletion_grace_period_seconds = None
    meta.generation = 1 if hasattr(obj, "spec") else None
    with invalid_as(rt, meta.name):
        obj, warnings = rt.prepare_create(svc, obj)
    set_managed_fields(rt.struct, rt.kind, None, obj, requested, owner)
    if dry_run:  # checked as a real create is (AlreadyExists too), nothing stored
        return (await dry_run_services(svc).store.create(rt.kind, obj)).data, warnings
    stored = await svc.store.create(rt.kind, obj)
    await rt.after_create(svc, obj)
    return stored.data, warnings


async def replace_object(
    svc: Services,
    rt: ResourceType,
    ns: str,
    name: str,
    new: Any,
    *,
    expected_rv: int | None,
    dry_run: bool = False,
    owner: Owner = "",
) -> tuple[bytes, list[str]]:
    current = await get_object(svc, rt, ns, name)
    old = rt.decode(current.data)
    if new.metadata.name != name:  # an empty one too (the apiserver's checkName)
        raise APIError(
            st.bad_request(
                f"the name of the object ({new.metadata.name or ''}) does not match the name "
                f"on the URL ({name})"
            )
        )
    _check_namespace(rt, new, ns)
    new.metadata.name = name
    requested = new.metadata.managed_fields
    with invalid_as(rt, name):
        new, warnings = rt.prepare_update(svc, old, new)
    set_managed_fields(rt.struct, rt.kind, current.data, new, requested, owner)
    if encode(new) == current.data:
        return current.data, warnings  # a no-op update keeps its resourceVersion
    store = dry_run_services(svc).store if dry_run else svc.store
    stored = await store.update(rt.kind, new, expected_rv=expected_rv)
    return stored.data, warnings


async def update_object(
    svc: Services,
    rt: ResourceType,
    ns: str,
    name: str,
    body: bytes,
    content_type: str,
    params: Any,
    user_agent: str = "",
) -> tuple[bytes, list[str]]:
    dry_run = query.dry_run(params, "UpdateOptions")
    manager = request_manager(params, user_agent, "UpdateOptions")
    new, warnings = decode_as(rt, body, content_type, params)
    data, more = await replace_object(
        svc,
        rt,
        ns,
        name,
        new,
        expected_rv=_expected_rv(rt, name, new.metadata.resource_version),
        dry_run=dry_run,
        owner=manager,
    )
    return data, warnings + more


def _expected_rv(rt: ResourceType, name: str, rv: str | None) -> int | None:
    """A PUT's resourceVersion: unset is unconditional, one podd never gave is stale."""
    if not rv:
        return None
    if rv.isascii() and rv.isdigit():
        return int(rv)
    raise ConflictError(rt.plural, name, _MODIFIED)


async def patch_object(
    svc: Services,
    rt: ResourceType,
    ns: str,
    name: str,
    body: bytes,
    content_type: str,
    params: Any,
    user_agent: str = "",
) -> tuple[bytes, list[str]]:
    dry_run = query.dry_run(params, "PatchOptions")
    ctype, patch = load_patch(body, content_type)
    manager = request_manager(params, user_agent, "PatchOptions")
    patcher = _PATCHERS[ctype]
    client_rv = _patch_resource_version(patch)
    # Retry on a concurrent write, as the apiserver does for patches without
    # a resourceVersion of their own.
    for _ in range(5):
        current = await get_object(svc, rt, ns, name)
        if client_rv is not None and client_rv != str(current.resource_version):
            raise ConflictError(rt.plural, name, _MODIFIED)
        patched = patcher(msgspec.json.decode(current.data), patch)
        new, warnings = decode_as(rt, encode(patched), "application/json", params, patched=True)
        try:
            data, more = await replace_object(
                svc,
                rt,
                ns,
                name,
                new,
                expected_rv=current.resource_version,
                dry_run=dry_run,
                owner=manager,
            )
        except ConflictError:
            if client_rv is not None:
                raise
            continue
        return data, warnings + more
    raise ConflictError(rt.plural, name, _MODIFIED)


_MODIFIED = (
    "the object has been modified; please apply your changes to the latest version and try again"
)
_PATCHERS = {
    MERGE_PATCH: apply_merge_patch,
    JSON_PATCH: apply_json_patch,
    STRATEGIC_MERGE_PATCH: apply_strategic_merge_patch,
}


def _patch_resource_version(patch: Any) -> str | None:
    if isinstance(patch, dict) and isinstance(patch.get("metadata"), dict):
        rv = patch["metadata"].get("resourceVersion")
        return str(rv) if rv else None
    return None


def parse_delete_options(body: bytes, params: Any) -> DeleteOptions:
    return query.parse_delete_options(body, params)


async def delete_object(
    svc: Services, rt: ResourceType, ns: str, name: str, opts: DeleteOptions
) -> bytes:
    current = await get_object(svc, rt, ns, name)
    obj = rt.decode(current.data)
    pre = opts.preconditions
    if pre is not None:
        if pre.uid and pre.uid != current.uid:
            raise APIError(
                st.conflict(
                    rt.plural,
                    name,
                    f"Precondition failed: UID in precondition: {pre.uid}, UID in object meta: "
                    f"{current.uid}",
                )
            )
        if pre.resource_version and pre.resource_version != str(current.resource_version):
            raise APIError(
                st.conflict(
                    rt.plural,
                    name,
                    f"Precondition failed: ResourceVersion in precondition: "
                    f"{pre.resource_version}, ResourceVersion in object meta: "
                    f"{current.resource_version}",
                )
            )
    if opts.dry_run:  # the hook's own rules still apply; nothing is stored
        svc = dry_run_services(svc)
    if rt.delete is not None:
        reported, _gone = await rt.delete(svc, obj, opts)
        return encode(reported)
    stored = await svc.store.delete(rt.kind, obj, expected_uid=current.uid)
    return stored.data


def _field_validation(params: Any) -> str:
    value = params.get("fieldValidation") or "Strict"
    if value not in ("Strict", "Warn", "Ignore"):
        raise APIError(
            st.bad_request(
                f'fieldValidation parameter unsupported: "{value}" (must be Strict, Warn or Ignore)'
            )
        )
    return value
