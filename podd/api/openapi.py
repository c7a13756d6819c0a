"""The OpenAPI 3.1 contract, generated from the app's routes.

Each handler carries ``opt["openapi"]``: resource handlers name their kind
and verb (the templates below expand them), other handlers name their
request/response types directly. Schemas come from msgspec, so the contract
and the decoders cannot drift apart; every type a handler names is in
``components``. What the server checks beyond the types (the kind and
apiVersion of a body, a name on create, the grammar of a query value) is
written here, next to the operation it belongs to. ``api/openapi.yaml`` is
this output.
"""

from __future__ import annotations

from typing import Any

import msgspec
import yaml

from podd import __version__
from podd.api import openapi_params as qp
from podd.api.openapi_schemas import constrain, response_schema, union_members

STATUS_REF = {"$ref": "#/components/schemas/Status"}
JSON_TYPES = ("application/json", "application/yaml")


def patch_bodies(kind: str, api_version: str = "v1") -> dict[str, Any]:
    """An apply configuration names its apiVersion, kind and the object (the
    name on the URL; the apiserver's 400 otherwise), and only the kind's
    fields (structured-merge-diff refuses the others, whatever fieldValidation)."""
    apply = {
        "type": "object",
        "allOf": [_ref(kind)],
        "required": ["apiVersion", "kind", "metadata"],
        "properties": {
            "apiVersion": {"type": "string", "enum": [api_version]},
            "kind": {"type": "string", "enum": [kind]},
            "metadata": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": name_schema(kind)},
            },
        },
    }
    return {**qp.PATCH_BODIES, "application/apply-patch+yaml": {"schema": apply}}


BEARER = "bearer"
SECURITY_SCHEMES = {
    BEARER: {
        "type": "http",
        "scheme": "bearer",
        "description": "Required over TCP (--listen); the unix socket is guarded by its mode.",
    }
}
ERROR_TEXT = {
    400: "BadRequest: a malformed body or query value",
    401: "Unauthorized: no or a wrong bearer token (TCP only)",
    403: "Forbidden: e.g. a protected or terminating namespace",
    404: "NotFound: the object, its namespace or the container",
    409: "AlreadyExists, or Conflict with a precondition or a newer resourceVersion",
    413: "RequestEntityTooLarge",
    415: "UnsupportedMediaType",
    422: "Invalid: the causes name each field",
    503: "ServiceUnavailable",
    507: "InsufficientStorage: the disk is full",
}
WRITE_ERRORS = (400, 404, 409, 413, 415, 422, 507)
# A watch is served as the apiserver serves one: Content-Type application/json
# (``;stream=watch`` only for non-JSON media types), one WatchEvent per line.
LIST_OR_WATCH = (
    "The {kind}List; with watch=true a stream of WatchEvent objects, one JSON object per"
    " line, with the same Content-Type (as the Kubernetes apiserver sends it)."
)


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _body(schema: dict[str, Any], types: tuple[str, ...] = JSON_TYPES) -> dict[str, Any]:
    return {"required": True, "content": {t: {"schema": schema} for t in types}}


def _ok(schema: dict[str, Any], code: str = "200", media: str = "application/json") -> dict:
    return {code: {"description": "OK", "content": {media: {"schema": schema}}}}


def _errors(*codes: int) -> dict[str, Any]:
    return {
        str(c): {
            "description": ERROR_TEXT[c],
            "content": {"application/json": {"schema": STATUS_REF}},
        }
        for c in sorted(set(codes))
    }


def name_schema(kind: str) -> dict[str, Any]:
    """A Namespace is named by a DNS label, every other kind by a DNS subdomain."""
    if kind == "Namespace":
        return {"type": "string", "maxLength": 63, "pattern": f"^{qp.DNS_LABEL}$"}
    return {"type": "string", "maxLength": 253, "pattern": f"^{qp.DNS_SUBDOMAIN}$"}


def create_body(kind: str) -> dict[str, Any]:
    """What a create needs beyond the kind's schema: a name or a generateName.

    The alternatives sit beside the ``$ref`` (OpenAPI 3.1 applies both), so a
    generated client takes the kind's own model as the body."""

    def meta(field: str, schema: dict[str, Any]) -> dict[str, Any]:
        inner = {"type": "object", "required": [field], "properties": {field: schema}}
        return {"type": "object", "required": ["metadata"], "properties": {"metadata": inner}}

    return {
        **_ref(kind),
        "anyOf": [
            meta("name", name_schema(kind)),
            meta("generateName", {"type": "string", "minLength": 1}),
        ],
    }


def replace_body(kind: str) -> dict[str, Any]:
    """A replacement names its object (the URL's name: the apiserver's
    checkName refuses an empty or another one with a 400)."""
    meta = {"type": "object", "required": ["name"], "properties": {"name": name_schema(kind)}}
    return {**_ref(kind), "required": ["metadata"], "properties": {"metadata": meta}}


def resource_operation(opt: dict[str, Any]) -> dict[str, Any]:
    kind, verb = opt["kind"], opt["verb"]
    if verb == "list":
        schema = {"anyOf": [_ref(kind + "List"), _ref("WatchEvent")]}
        responses = {
            "200": {
                "description": LIST_OR_WATCH.format(kind=kind),
                "content": {"application/json": {"schema": schema}},
            },
            **_errors(400, 404),
        }
        return {"parameters": qp.list_params(opt.get("fields", ())), "responses": responses}
    if verb == "create":
        return {
            "parameters": qp.WRITE_PARAMS,
            "requestBody": _body(create_body(kind)),
            "responses": {**_ok(_ref(kind), "201"), **_errors(403, *WRITE_ERRORS)},
        }
    if verb == "get":
        return {"responses": {**_ok(_ref(kind)), **_errors(404)}}
    if verb == "replace":
        return {
            "parameters": qp.WRITE_PARAMS,
            "requestBody": _body(replace_body(kind)),
            "responses": {**_ok(_ref(kind)), **_errors(*WRITE_ERRORS)},
        }
    if verb == "patch":
        return {
            "parameters": qp.PATCH_PARAMS,
            "requestBody": {
                "required": True,
                "content": patch_bodies(kind, opt.get("api_version", "v1")),
            },
            # An apply of a missing object creates it.
            "responses": {**_ok(_ref(kind)), **_ok(_ref(kind), "201"), **_errors(*WRITE_ERRORS)},
        }
    if verb == "delete":
        body = _body(_ref("DeleteOptions"), ("application/json",))
        body["required"] = False
        return {
            "parameters": qp.DELETE_PARAMS,
            "requestBody": body,
            "responses": {**_ok(_ref(kind)), **_errors(400, 403, 404, 409, 413, 422, 507)},
        }
    raise ValueError(f"unknown verb {verb}")


def explicit_operation(opt: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = {}
    if opt.get("params"):
        op["parameters"] = opt["params"]
    if opt.get("request"):
        request = _ref(opt["request"].__name__)
        op["requestBody"] = _body(request, tuple(opt.get("request_media", ("application/json",))))
    elif opt.get("request_schema"):
        kinds = tuple(opt.get("request_media", ("application/octet-stream",)))
        op["requestBody"] = _body(opt["request_schema"], kinds)
    response = opt.get("response")
    media = opt.get("media", "application/json")
    if response is None:
        schema: dict[str, Any] = (
            {"type": "string"} if media.startswith("text/") else {"type": "object"}
        )
    else:
        schema = response_schema(response)
    op["responses"] = {
        **_ok(schema, str(opt.get("code", 200)), media),
        **_errors(*opt.get("errors", ())),
    }
    for code, text in opt.get("plain_errors", {}).items():
        op["responses"][str(code)] = {
            "description": text,
            "content": {media: {"schema": {"type": "string"}}},
        }
    return op


def _any_schema(t: Any) -> dict[str, Any]:
    if t is object:
        return {"description": "any JSON value"}  # free-form image config fields
    raise NotImplementedError(f"no JSON schema for {t!r}")


def operations(app: Any) -> list[tuple[str, str, list[str], dict[str, Any]]]:
    """(path, method, path parameters, opt) of every documented handler."""
    found = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            opt = handler.opt.get("openapi")
            if opt is None:
                continue
            for method in sorted(handler.http_methods):
                if method in ("HEAD", "OPTIONS"):
                    continue
                # One handler for GET and POST names an operation for each.
                op_id = opt.get("ids", {}).get(method) or handler.name or handler.handler_name
                opt = {**opt, "id": op_id}
                found.append((route.path_format, method, list(route.path_parameters), opt))
    return found


def upgrade_operation(opt: dict[str, Any]) -> dict[str, Any]:
    """A WebSocket upgrade (exec, attach, portforward): a 101 and a session,
    or a Status before it (the pod, the container, the options, the
    subprotocols); GET without an upgrade, and POST (SPDY), get a 400."""
    return {
        "description": opt["upgrade"],
        "parameters": opt["params"],
        "responses": {
            "101": {"description": "Switching Protocols: the WebSocket session"},
            **_errors(400, 404),
        },
    }


def _operation(method: str, path_params: list[str], opt: dict[str, Any]) -> dict[str, Any]:
    if "upgrade" in opt:
        body = upgrade_operation(opt)
    else:
        body = resource_operation(opt) if "kind" in opt else explicit_operation(opt)
    op: dict[str, Any] = {
        "operationId": opt["id"],
        "tags": [opt.get("tag") or opt.get("kind") or opt["verb"]],
        **body,
    }
    params = [
        {"name": p, "in": "path", "required": True, "schema": path_schema(p, opt)}
        for p in path_params
    ]
    if params:
        op["parameters"] = params + op.get("parameters", [])
    if opt.get("public"):
        op["security"] = []
    else:
        op["responses"].update(_errors(401))
        op["responses"] = dict(sorted(op["responses"].items()))
    return op


def path_schema(param: str, opt: dict[str, Any]) -> dict[str, Any]:
    if param == "ref":
        return {"type": "string", "pattern": qp.IMAGE_NAME}
    return {"type": "string", "minLength": 1}


def referenced_types(app: Any) -> list[type]:
    """Every request/response Struct a handler names (they need a component)."""
    types: list[type] = []
    for _, _, _, opt in operations(app):
        for key in ("request", "response"):
            for t in union_members(opt.get(key)):
                if t not in types:
                    types.append(t)
    return types


def build_document(app: Any, types: list[type]) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for path, method, path_params, opt in operations(app):
        paths.setdefault(path, {})[method.lower()] = _operation(method, path_params, opt)
    every = [*types, *(t for t in referenced_types(app) if t not in types)]
    _, components = msgspec.json.schema_components(
        every, schema_hook=_any_schema, ref_template="#/components/schemas/{name}"
    )
    constrain(components, every)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "podd",
            "version": __version__,
            "description": "A rootless pod runtime: Kubernetes-shaped pods over REST.",
        },
        "security": [{BEARER: []}],
        "paths": {path: dict(sorted(ops.items())) for path, ops in sorted(paths.items())},
        "components": {
            "schemas": dict(sorted(components.items())),
            "securitySchemes": SECURITY_SCHEMES,
        },
    }


class _Dumper(yaml.SafeDumper):
    """Writes a shared parameter out in full at each use (no YAML anchors)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def render_yaml() -> str:
    from podd.api.app import create_app, schema_types

    doc = build_document(create_app(None), schema_types())
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, width=100, allow_unicode=True)
