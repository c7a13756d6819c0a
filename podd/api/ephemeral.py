"""The ``pods/{name}/ephemeralcontainers`` subresource (``kubectl debug``).

GET answers the Pod. PUT and PATCH (JSON, merge, strategic merge — what
kubectl debug sends — and server-side apply) may change only
``spec.ephemeralContainers``: everything else is taken from the stored pod,
as the apiserver's podEphemeralContainersStrategy does, so a client sending
back a pod it read earlier changes nothing else. Ephemeral containers may only
be added (``validate_ephemeral_containers_update``) and are validated as
the apiserver does (422 naming the field). A PUT with a stale
resourceVersion is a 409 Conflict; every change bumps the resourceVersion
and the pod's worker starts what was added.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from litestar import Request, Response, get, patch, put
from litestar.handlers import HTTPRouteHandler

from podd.api import apply as ssa
from podd.api import resources as res
from podd.api.pods import PODS
from podd.api.respond import json_response
from podd.api.routes import content_type, services, user_agent, with_options
from podd.model import status as st
from podd.model.defaults import default_pod, prepare_pod_for_update
from podd.model.errors import InvalidError
from podd.model.pod import Pod
from podd.model.validation import validate_pod
from podd.model.validation.ephemeral import validate_ephemeral_containers_update
from podd.services import Services
from podd.store.errors import ConflictError

__all__ = ["EPHEMERAL_CONTAINERS", "HANDLERS", "prepare_ephemeral_update"]

PATH = "/api/v1/namespaces/{namespace:str}/pods/{name:str}/ephemeralcontainers"


def prepare_ephemeral_update(svc: Services, old: Pod, new: Pod) -> tuple[Pod, list[str]]:
    """``old`` with ``new``'s ephemeral containers (defaulted), checked."""
    rv = new.metadata.resource_version
    if rv and rv != old.metadata.resource_version:
        # A stale write is a conflict before it is invalid, as in the apiserver.
        raise ConflictError("pods", old.metadata.name or "", st.OPTIMISTIC_LOCK_MESSAGE)
    wanted = copy.deepcopy(old)
    wanted.spec.ephemeral_containers = new.spec.ephemeral_containers
    # The stored pod's metadata and status stay; the generation grows with the spec.
    pod = prepare_pod_for_update(old, default_pod(wanted))
    causes = validate_pod(pod, svc.validation, for_update=True)
    causes += validate_ephemeral_containers_update(old.spec, pod.spec)
    if causes:
        raise InvalidError(causes, name=old.metadata.name)
    return pod, []


# The pod resource with the subresource's update rules (same kind, store, errors).
EPHEMERAL_CONTAINERS = dataclasses.replace(PODS, prepare_update=prepare_ephemeral_update)


def _op(verb: str) -> dict[str, Any]:
    return {"openapi": {"kind": "Pod", "verb": verb}}


@get(PATH, name="ephemeralcontainers-get", opt=_op("get"))
async def get_ephemeral(
    request: Request[Any, Any, Any], namespace: str, name: str
) -> Response[bytes]:
    obj = await res.get_object(services(request), PODS, namespace, name)
    return json_response(obj.data)


@put(PATH, name="ephemeralcontainers-replace", opt=_op("replace"))
async def replace_ephemeral(
    request: Request[Any, Any, Any], namespace: str, name: str
) -> Response[bytes]:
    data, warnings = await res.update_object(
        services(request),
        EPHEMERAL_CONTAINERS,
        namespace,
        name,
        await request.body(),
        content_type(request),
        request.query_params,
        user_agent(request),
    )
    return json_response(data, warnings=warnings)


@patch(PATH, name="ephemeralcontainers-patch", opt=_op("patch"))
async def patch_ephemeral(
    request: Request[Any, Any, Any], namespace: str, name: str
) -> Response[bytes]:
    svc, body, params = services(request), await request.body(), request.query_params
    rt = EPHEMERAL_CONTAINERS
    if ssa.is_apply(content_type(request)):
        await res.get_object(svc, PODS, namespace, name)  # a subresource never creates its pod
        data, warnings, _ = await ssa.apply_object(svc, rt, namespace, name, body, params)
        return json_response(data, warnings=warnings)
    data, warnings = await res.patch_object(
        svc, rt, namespace, name, body, content_type(request), params, user_agent(request)
    )
    return json_response(data, warnings=warnings)


HANDLERS: list[HTTPRouteHandler] = with_options([get_ephemeral, replace_ephemeral, patch_ephemeral])
