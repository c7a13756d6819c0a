"""The REST operations podd serves, as both documents list them.

Derived from the served kinds (``podd.api.groupversion.APIResource``: kind,
plural, scope, verbs, group-version: ``/api/v1`` or ``/apis/<group>/<version>``)
and the subresources the app registers, with the query
parameters podd reads (``podd.api.query``, ``podd.logs.options``). kubectl
reads two things here: which kind a PATCH belongs to
(``x-kubernetes-group-version-kind``) and whether that PATCH takes
``fieldValidation``; with both, ``apply``/``create`` leave validation to the
server (``fieldValidation=Strict``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from podd.api.groupversion import APIResource, operation_prefix, path_prefix, subresources_of
from podd.model.codec import APPLY_PATCH, BODY_MEDIA_TYPES, PATCH_MEDIA_TYPES

__all__ = ["Operation", "Param", "PathItem", "paths"]

JSON = ("application/json",)
WATCH = ("application/json", "application/json;stream=watch")
DELETE_OPTIONS = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"
PATCH = ""  # a request body that is a patch document, not a definition


@dataclass(frozen=True)
class Param:
    name: str
    where: str  # "path" or "query"
    type: str  # "string", "integer", "boolean"
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    action: str  # x-kubernetes-action
    operation_id: str
    description: str
    kind: str
    params: tuple[Param, ...] = ()
    body: str | None = None  # definition name, PATCH, or no body
    consumes: tuple[str, ...] = ()
    response: str | None = None  # definition name, or None for text
    produces: tuple[str, ...] = JSON
    codes: tuple[int, ...] = (200,)
    group_version: str = "v1"  # the kind's apiVersion


@dataclass(frozen=True)
class PathItem:
    path: str
    params: tuple[Param, ...]
    operations: tuple[Operation, ...]


def _q(name: str, type_: str, description: str) -> Param:
    return Param(name, "query", type_, description)


DRY_RUN = _q(
    "dryRun",
    "string",
    "When present, indicates that modifications should not be persisted. Valid value: "
    "All (all dry run stages will be processed).",
)
FIELD_VALIDATION = _q(
    "fieldValidation",
    "string",
    "How the server handles fields of the request body that the schema does not "
    "know: Ignore drops them, Warn drops them with a warning for each, Strict (the "
    "default) fails the request with a 422 naming each one.",
)
FIELD_MANAGER = _q(
    "fieldManager",
    "string",
    "A name for the actor making the changes, kept in managedFields; required for "
    "an apply patch, else taken from the User-Agent.",
)
FORCE = _q(
    "force",
    "boolean",
    "Apply patches only: take the fields other managers own instead of a 409 Conflict.",
)
LIST = (
    _q("allowWatchBookmarks", "boolean", "Requests watch events with type BOOKMARK."),
    _q("continue", "string", "The token of the previous page of a limited list."),
    _q("fieldSelector", "string", "A selector to restrict the list by fields."),
    _q("labelSelector", "string", "A selector to restrict the list by labels."),
    _q("limit", "integer", "The maximum number of objects in one page."),
    _q("resourceVersion", "string", "List as of (or watch from) this resource version."),
    _q("timeoutSeconds", "integer", "Timeout of the list or watch call, at most an hour."),
    _q("watch", "boolean", "Watch for changes and return them as a stream of events."),
)
DELETE = (
    DRY_RUN,
    _q("gracePeriodSeconds", "integer", "The duration in seconds before deletion."),
    _q("orphanDependents", "boolean", "Deprecated: use propagationPolicy."),
    _q("propagationPolicy", "string", "Orphan, Background or Foreground."),
)
# What podd.logs.options.parse_log_options reads.
LOG = (
    _q("container", "string", "The container for which to stream logs."),
    _q("follow", "boolean", "Follow the log stream of the pod."),
    _q("insecureSkipTLSVerifyBackend", "boolean", "Accepted; podd reads logs itself."),
    _q("limitBytes", "integer", "The number of bytes to read from the server at most."),
    _q("previous", "boolean", "Return the previous terminated container's logs."),
    _q("sinceSeconds", "integer", "Only logs newer than this many seconds."),
    _q("sinceTime", "string", "Only logs after this RFC 3339 time."),
    _q("stream", "string", "All, Stdout or Stderr."),
    _q("tailLines", "integer", "The number of lines from the end of the logs to show."),
    _q("timestamps", "boolean", "Prefix each line with its RFC3339 timestamp."),
)


def _scope(rt: APIResource) -> tuple[str, tuple[Param, ...]]:
    """The collection path and its path parameters."""
    prefix = path_prefix(rt.api_version)
    if rt.namespaced:
        ns = Param("namespace", "path", "string", "object name and auth scope")
        return f"{prefix}/namespaces/{{namespace}}/{rt.plural}", (ns,)
    return f"{prefix}/{rt.plural}", ()


def _named(rt: APIResource) -> tuple[str, tuple[Param, ...]]:
    coll, scope = _scope(rt)
    return coll + "/{name}", (*scope, Param("name", "path", "string", f"name of the {rt.kind}"))


def _resource(rt: APIResource, definition: str) -> list[PathItem]:
    k, verbs, gv = rt.kind, set(rt.verbs), operation_prefix(rt.api_version)
    ns = "Namespaced" if rt.namespaced else ""
    write = (DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION)
    coll, scope = _scope(rt)
    item, named = _named(rt)
    listing = Operation(
        method="get",
        action="list",
        operation_id=f"list{gv}{ns}{k}",
        description=f"list or watch objects of kind {k}",
        kind=k,
        params=LIST,
        response=definition + "List",
        produces=WATCH,
    )
    on_coll = {
        "list": listing,
        "create": Operation(
            method="post",
            action="post",
            operation_id=f"create{gv}{ns}{k}",
            description=f"create a {k}",
            kind=k,
            params=write,
            body=definition,
            consumes=BODY_MEDIA_TYPES,
            response=definition,
            codes=(200, 201),
        ),
    }
    on_item = {
        "get": Operation(
            method="get",
            action="get",
            operation_id=f"read{gv}{ns}{k}",
            description=f"read the specified {k}",
            kind=k,
            response=definition,
        ),
        "update": Operation(
            method="put",
            action="put",
            operation_id=f"replace{gv}{ns}{k}",
            description=f"replace the specified {k}",
            kind=k,
            params=write,
            body=definition,
            consumes=BODY_MEDIA_TYPES,
            response=definition,
        ),
        "patch": Operation(
            method="patch",
            action="patch",
            operation_id=f"patch{gv}{ns}{k}",
            description=f"partially update the specified {k}",
            kind=k,
            params=(*write, FORCE),
            body=PATCH,
            consumes=(*PATCH_MEDIA_TYPES, APPLY_PATCH),
            response=definition,
            codes=(200, 201),  # an apply patch creates what is missing
        ),
        "delete": Operation(
            method="delete",
            action="delete",
            operation_id=f"delete{gv}{ns}{k}",
            description=f"delete a {k}",
            kind=k,
            params=DELETE,
            body=DELETE_OPTIONS,
            consumes=JSON,
            response=definition,
            codes=(200, 202),
        ),
    }
    items = [
        PathItem(coll, scope, tuple(op for v, op in on_coll.items() if v in verbs)),
        PathItem(item, named, tuple(op for v, op in on_item.items() if v in verbs)),
    ]
    if rt.namespaced and "list" in verbs:
        every = dataclasses.replace(listing, operation_id=f"list{gv}{k}ForAllNamespaces")
        items.append(PathItem(f"{path_prefix(rt.api_version)}/{rt.plural}", (), (every,)))
    return items


def _subresource(rt: APIResource, definition: str, sub: str) -> PathItem | None:
    """``status`` (the object) and ``log`` (text); others have no schema here."""
    name, _, verbs = sub.partition(":")
    if "get" not in verbs.split(","):
        return None
    path, params = _named(rt)
    ns = "Namespaced" if rt.namespaced else ""
    op_id = f"read{operation_prefix(rt.api_version)}{ns}{rt.kind}{name.capitalize()}"
    if name == "status":
        op = Operation(
            method="get",
            action="get",
            operation_id=op_id,
            description=f"read status of the specified {rt.kind}",
            kind=rt.kind,
            response=definition,
        )
    elif name == "log":
        op = Operation(
            method="get",
            action="get",
            operation_id=op_id,
            description=f"read log of the specified {rt.kind}",
            kind=rt.kind,
            params=LOG,
            produces=("text/plain",),
        )
    else:
        return None
    return PathItem(f"{path}/{name}", params, (op,))


def paths(
    types: Sequence[APIResource], subresources: dict[str, list[str]], names: dict[type, str]
) -> list[PathItem]:
    """Every path podd serves for ``types``; ``names`` gives each Struct's definition."""
    out: list[PathItem] = []
    for rt in types:
        definition = names[rt.struct]
        items = [p for p in _resource(rt, definition) if p.operations]
        for sub in subresources_of(subresources, rt):
            item = _subresource(rt, definition, sub)
            if item is not None:
                items.append(item)
        out += [_in_group(item, rt.api_version) for item in items]
    return sorted(out, key=lambda p: p.path)


def _in_group(item: PathItem, api_version: str) -> PathItem:
    ops = tuple(dataclasses.replace(op, group_version=api_version) for op in item.operations)
    return dataclasses.replace(item, operations=ops)
