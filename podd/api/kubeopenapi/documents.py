"""The two documents: Swagger 2.0 (``/openapi/v2``, every group) and OpenAPI
3.0, one per group-version (``/openapi/v3/api/v1``,
``/openapi/v3/apis/authorization.k8s.io/v1``), shaped as the apiserver serves them.

Both hold the same definitions (:mod:`.schemas`) and operations
(:mod:`.operations`); only the way each format writes them differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from podd.api.groupversion import CORE, APIResource, split, tag
from podd.api.kubeopenapi.names import definition_name
from podd.api.kubeopenapi.operations import PATCH, Operation, Param, PathItem, paths
from podd.api.kubeopenapi.schemas import V2, V3, Dialect, definitions
from podd.api.system import version_info
from podd.api.tables.table import PartialObjectMetadata, Table
from podd.model.status import DeleteOptions, Status, WatchEvent

__all__ = ["roots", "swagger", "v3_document"]

UNAUTHORIZED = {"401": {"description": "Unauthorized"}}
PATCH_BODY = {
    "type": "object",
    "description": "A patch document of the request's content type.",
}
BEARER = {
    "type": "apiKey",
    "description": "Bearer Token authentication",
    "name": "authorization",
    "in": "header",
}


def roots(types: Sequence[APIResource]) -> list[type[msgspec.Struct]]:
    """The top-level Structs: every kind and its list, and the meta kinds
    (errors, delete options, watch events, kubectl get's tables)."""
    found: list[type[msgspec.Struct]] = []
    for rt in types:
        found += [rt.struct] if rt.list_struct is None else [rt.struct, rt.list_struct]
    return [*found, Status, DeleteOptions, WatchEvent, Table, PartialObjectMetadata]


def _info(api_version: str | None = None) -> dict[str, str]:
    served = {None: "", CORE: " core/v1"}.get(api_version, f" {api_version}")
    return {"title": f"podd: Kubernetes{served}", "version": version_info()["gitVersion"]}


def _paths(types: Sequence[APIResource], subresources: dict[str, list[str]]) -> list[PathItem]:
    return paths(types, subresources, {rt.struct: definition_name(rt.struct) for rt in types})


def _extensions(op: Operation) -> dict[str, Any]:
    group, version = split(op.group_version)
    return {
        "x-kubernetes-action": op.action,
        "x-kubernetes-group-version-kind": {"group": group, "kind": op.kind, "version": version},
    }


def _responses(op: Operation, schema: dict[str, Any], v3: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for code in op.codes:
        text = {200: "OK", 201: "Created", 202: "Accepted"}[code]
        if v3:
            content = {media: {"schema": schema} for media in op.produces}
            out[str(code)] = {"description": text, "content": content}
        else:
            out[str(code)] = {"description": text, "schema": schema}
    return {**out, **UNAUTHORIZED}


def _response_schema(op: Operation, dialect: Dialect) -> dict[str, Any]:
    return {"type": "string"} if op.response is None else dialect.ref(op.response)


# ------------------------------------------------------------- Swagger 2.0


def _v2_param(p: Param) -> dict[str, Any]:
    out: dict[str, Any] = {"uniqueItems": True, "type": p.type, "description": p.description}
    out.update(name=p.name, **{"in": p.where})
    if p.where == "path":
        out["required"] = True
    return out


def _v2_operation(op: Operation) -> dict[str, Any]:
    params: list[dict[str, Any]] = []
    if op.body is not None:
        schema = PATCH_BODY if op.body == PATCH else V2.ref(op.body)
        body = {"name": "body", "in": "body", "required": op.method != "delete", "schema": schema}
        params.append(body)
    params += [_v2_param(p) for p in op.params]
    out: dict[str, Any] = {"description": op.description}
    if op.consumes:
        out["consumes"] = list(op.consumes)
    out.update(produces=list(op.produces), schemes=["https"], tags=[tag(op.group_version)])
    out["operationId"] = op.operation_id
    if params:
        out["parameters"] = params
    out["responses"] = _responses(op, _response_schema(op, V2), v3=False)
    return {**out, **_extensions(op)}


def swagger(types: Sequence[APIResource], subresources: dict[str, list[str]]) -> dict[str, Any]:
    """The Swagger 2.0 document of every group-version podd serves."""
    out_paths: dict[str, Any] = {}
    for item in _paths(types, subresources):
        entry: dict[str, Any] = {op.method: _v2_operation(op) for op in item.operations}
        if item.params:
            entry["parameters"] = [_v2_param(p) for p in item.params]
        out_paths[item.path] = entry
    return {
        "swagger": "2.0",
        "info": _info(),
        "paths": out_paths,
        "definitions": definitions(roots(types), V2),
        "securityDefinitions": {"BearerToken": BEARER},
        "security": [{"BearerToken": []}],
    }


# ------------------------------------------------------------- OpenAPI 3.0


def _v3_param(p: Param) -> dict[str, Any]:
    out: dict[str, Any] = {"name": p.name, "in": p.where, "description": p.description}
    if p.where == "path":
        out["required"] = True
    out["schema"] = {"type": p.type, "uniqueItems": True}
    return out


def _v3_operation(op: Operation) -> dict[str, Any]:
    out: dict[str, Any] = {"tags": [tag(op.group_version)], "description": op.description}
    out["operationId"] = op.operation_id
    if op.params:
        out["parameters"] = [_v3_param(p) for p in op.params]
    if op.body is not None:
        schema = PATCH_BODY if op.body == PATCH else V3.ref(op.body)
        content = {media: {"schema": schema} for media in op.consumes}
        out["requestBody"] = {"content": content, "required": op.method != "delete"}
    out["responses"] = _responses(op, _response_schema(op, V3), v3=True)
    return {**out, **_extensions(op)}


def v3_document(
    types: Sequence[APIResource], subresources: dict[str, list[str]], api_version: str = CORE
) -> dict[str, Any]:
    """The OpenAPI 3.0 document of one group-version (``v1``: ``api/v1``)."""
    types = [rt for rt in types if rt.api_version == api_version]
    out_paths: dict[str, Any] = {}
    for item in _paths(types, subresources):
        entry: dict[str, Any] = {op.method: _v3_operation(op) for op in item.operations}
        if item.params:
            entry["parameters"] = [_v3_param(p) for p in item.params]
        out_paths[item.path] = entry
    return {
        "openapi": "3.0.0",
        "info": _info(api_version),
        "paths": out_paths,
        "components": {
            "schemas": definitions(roots(types), V3),
            "securitySchemes": {"BearerToken": BEARER},
        },
        "security": [{"BearerToken": []}],
    }
