"""The OpenAPI 3.1 contract, generated from the app's routes.

Each handler carries ``opt["openapi"]``: resource handlers name their kind
and verb (the templates below expand them), other handlers name their
request/response types directly. Schemas come from msgspec, so the contract
and the decoders cannot drift apart. ``api/openapi.yaml`` is this output.
"""

from __future__ import annotations

from typing import Any

import msgspec
import yaml

from podd import __version__

STATUS_REF = {"$ref": "#/components/schemas/Status"}
JSON_TYPES = ("application/json", "application/yaml")
PATCH_TYPES = (
    "application/merge-patch+json",
    "application/json-patch+json",
    "application/strategic-merge-patch+json",
)


def _q(name: str, typ: str, desc: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": {"type": typ},
        "description": desc,
    }


LIST_PARAMS = [
    _q("labelSelector", "string", "select by labels (=, ==, !=, in, notin, exists, !exists)"),
    _q("fieldSelector", "string", "select by fields (=, ==, !=)"),
    _q("limit", "integer", "at most this many items; the rest through `continue`"),
    _q("continue", "string", "token from a previous list's metadata.continue"),
    _q("resourceVersion", "string", "for watches: stream changes after this version"),
    _q("watch", "boolean", "stream ADDED/MODIFIED/DELETED events instead of a list"),
    _q("timeoutSeconds", "integer", "end the watch after this many seconds"),
    _q("allowWatchBookmarks", "boolean", "send BOOKMARK events"),
]
WRITE_PARAMS = [
    _q("dryRun", "string", "All: validate and default, store nothing"),
    _q("fieldValidation", "string", "Strict (default), Warn or Ignore unknown fields"),
]
DELETE_PARAMS = [
    _q("gracePeriodSeconds", "integer", "seconds before the pod is killed; 0 is immediate"),
    _q("propagationPolicy", "string", "Orphan, Background or Foreground"),
    _q("dryRun", "string", "All: check, delete nothing"),
]


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _body(schema: dict[str, Any], types: tuple[str, ...] = JSON_TYPES) -> dict[str, Any]:
    return {"required": True, "content": {t: {"schema": schema} for t in types}}


def _ok(schema: dict[str, Any], code: str = "200", media: str = "application/json") -> dict:
    return {code: {"description": "OK", "content": {media: {"schema": schema}}}}


def _errors(*codes: int) -> dict[str, Any]:
    return {
        str(c): {"description": "Status", "content": {"application/json": {"schema": STATUS_REF}}}
        for c in codes
    }


def resource_operation(opt: dict[str, Any]) -> dict[str, Any]:
    kind, verb = opt["kind"], opt["verb"]
    if verb == "list":
        responses = {
            "200": {
                "description": f"{kind}List, or with watch=true a stream of WatchEvents",
                "content": {
                    "application/json": {"schema": _ref(kind + "List")},
                    "application/json;stream=watch": {"schema": _ref("WatchEvent")},
                },
            },
            **_errors(400, 410),
        }
        return {"parameters": LIST_PARAMS, "responses": responses}
    if verb == "create":
        return {
            "parameters": WRITE_PARAMS,
            "requestBody": _body(_ref(kind)),
            "responses": {**_ok(_ref(kind), "201"), **_errors(400, 404, 409, 415, 422)},
        }
    if verb == "get":
        return {"responses": {**_ok(_ref(kind)), **_errors(404)}}
    if verb == "replace":
        return {
            "parameters": WRITE_PARAMS,
            "requestBody": _body(_ref(kind)),
            "responses": {**_ok(_ref(kind)), **_errors(400, 404, 409, 415, 422)},
        }
    if verb == "patch":
        return {
            "parameters": WRITE_PARAMS,
            "requestBody": _body({"type": "object"}, PATCH_TYPES),
            "responses": {**_ok(_ref(kind)), **_errors(400, 404, 409, 415, 422)},
        }
    if verb == "delete":
        body = _body(_ref("DeleteOptions"), ("application/json",))
        body["required"] = False
        return {
            "parameters": DELETE_PARAMS,
            "requestBody": body,
            "responses": {**_ok(_ref(kind)), **_errors(404, 409)},
        }
    raise ValueError(f"unknown verb {verb}")


def explicit_operation(opt: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = {}
    if opt.get("params"):
        op["parameters"] = opt["params"]
    if opt.get("request"):
        op["requestBody"] = _body(
            _ref(opt["request"].__name__), tuple(opt.get("request_media", ("application/json",)))
        )
    response = opt.get("response")
    media = opt.get("media", "application/json")
    if response is None:
        schema: dict[str, Any] = (
            {"type": "string"} if media.startswith("text/") else {"type": "object"}
        )
    else:
        schema = _ref(response.__name__)
    op["responses"] = {
        **_ok(schema, str(opt.get("code", 200)), media),
        **_errors(*opt.get("errors", ())),
    }
    return op


def _any_schema(t: Any) -> dict[str, Any]:
    if t is object:
        return {"description": "any JSON value"}  # free-form image config fields
    raise NotImplementedError(f"no JSON schema for {t!r}")


def build_document(app: Any, types: list[type]) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            opt = handler.opt.get("openapi")
            if opt is None:
                continue
            for method in sorted(handler.http_methods):
                if method in ("HEAD", "OPTIONS"):
                    continue
                op = resource_operation(opt) if "kind" in opt else explicit_operation(opt)
                op = {
                    "operationId": handler.name or handler.handler_name,
                    "tags": [opt.get("tag") or opt.get("kind") or opt["verb"]],
                    **op,
                }
                params = [
                    {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
                    for p in route.path_parameters
                ]
                if params:
                    op["parameters"] = params + op.get("parameters", [])
                paths.setdefault(route.path_format, {})[method.lower()] = op
    _, components = msgspec.json.schema_components(
        types, schema_hook=_any_schema, ref_template="#/components/schemas/{name}"
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "podd",
            "version": __version__,
            "description": "A rootless pod runtime: Kubernetes-shaped pods over REST.",
        },
        "paths": {path: dict(sorted(ops.items())) for path, ops in sorted(paths.items())},
        "components": {"schemas": dict(sorted(components.items()))},
    }


def render_yaml() -> str:
    from podd.api.app import create_app, schema_types

    doc = build_document(create_app(None), schema_types())
    return yaml.safe_dump(doc, sort_keys=False, width=100, allow_unicode=True)
