"""Kubernetes' OpenAPI documents for clients: ``/openapi/v2`` and ``/openapi/v3``.

kubectl needs them: ``apply``/``create`` (strict validation, the default)
check in them that the server takes ``fieldValidation``, ``apply`` computes
its strategic merge patches from them, ``explain`` prints them. They are a
second face of podd's model, generated from the msgspec Structs of
``podd.model`` (names, wire fields, types, patch keys) and the routes podd
serves, never copied from Kubernetes.

Modules: ``names`` (definition names, group-version-kinds), ``schemas``
(Struct → JSON schema), ``docs``/``fielddocs`` (descriptions),
``patchmeta`` (list patch extensions), ``operations`` (paths), ``documents``
(Swagger 2.0, OpenAPI 3.0), ``protobuf`` (v2 as gnostic protobuf),
``handlers`` (serving, caching, content negotiation).
"""

from podd.api.kubeopenapi.handlers import openapi_handlers

__all__ = ["openapi_handlers"]
