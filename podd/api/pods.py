"""The Pod resource: apiserver defaulting, validation, update rules, initial status."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Request, Response, get

from podd.api import resources as res
from podd.api.errors import APIError
from podd.api.respond import json_response
from podd.api.routes import services
from podd.cdi.names import parse_annotations
from podd.cdi.spec import CDIError
from podd.controller.deviceplan import pod_needs
from podd.model import field as f
from podd.model import status as st
from podd.model.defaults import default_pod, prepare_pod_for_create, prepare_pod_for_update
from podd.model.deletion import begin_pod_deletion
from podd.model.errors import InvalidError
from podd.model.field import StatusCause
from podd.model.pod import Pod, PodList
from podd.model.selectors import POD_FIELD_LABELS, pod_fields
from podd.model.status import DeleteOptions
from podd.model.timeutil import now_rfc3339
from podd.model.validation import validate_pod, validate_pod_update, warnings_for_pod
from podd.sandbox import SandboxState
from podd.services import Services


def prepare_create(svc: Services, pod: Pod) -> tuple[Pod, list[str]]:
    pod = default_pod(pod)
    warnings: list[str] = []
    if pod.spec.node_name and pod.spec.node_name != svc.node_name:
        warnings.append(
            f"spec.nodeName {pod.spec.node_name!r} is not this node; podd runs the pod on "
            f"{svc.node_name!r}"
        )
    pod = prepare_pod_for_create(
        pod, uid=str(uuid.uuid4()), now=now_rfc3339(), node_name=svc.node_name
    )
    causes = validate_pod(pod, svc.validation) + cdi_annotation_causes(pod)
    if causes:
        raise InvalidError(causes, name=pod.metadata.name)
    return pod, warnings + warnings_for_pod(pod)


def prepare_update(svc: Services, old: Pod, new: Pod) -> tuple[Pod, list[str]]:
    new = prepare_pod_for_update(old, default_pod(new))
    causes = validate_pod(new, svc.validation, for_update=True) + validate_pod_update(old, new)
    causes += cdi_annotation_causes(new)
    if causes:
        raise InvalidError(causes, name=old.metadata.name)
    return new, warnings_for_pod(new)


def cdi_annotation_causes(pod: Pod) -> list[StatusCause]:
    """A ``cdi.k8s.io/…`` annotation must name CDI devices (vendor/class=name):
    a typo is a 422 now, not a container that fails to be created later."""
    causes = []
    for key, value in (pod.metadata.annotations or {}).items():
        try:
            parse_annotations({key: value})
        except CDIError as exc:
            path = f.Path("metadata.annotations").key(key)
            causes.append(f.invalid(path, value, str(exc)))
    return causes


async def after_create(svc: Services, pod: Pod) -> None:
    """podd is its own scheduler: the pod is bound to this node on create (the
    controller picks it up from the change feed). A pod asking for devices is
    scheduled by the controller once they are free (it records the event)."""
    if pod_needs(pod).total:
        return
    await svc.events.record(
        pod,
        "Normal",
        "Scheduled",
        f"Successfully assigned {pod.metadata.namespace}/{pod.metadata.name} to {svc.node_name}",
        component="default-scheduler",
    )


async def delete(svc: Services, pod: Pod, opts: DeleteOptions) -> tuple[Any, bool]:
    """Graceful deletion (the apiserver's rules): mark the pod, and its worker
    stops everything and removes it; with no grace period it goes at once
    (the worker still tears down what runs)."""
    uid = pod.metadata.uid or ""
    marked = begin_pod_deletion(pod, opts)
    if marked is None:
        stored = await svc.store.delete("Pod", pod, expected_uid=uid)
        return PODS.decode(stored.data), True
    if marked is pod:
        return pod, False
    stored = await svc.store.update("Pod", marked, expected_uid=uid)
    return PODS.decode(stored.data), False


PODS = res.ResourceType(
    kind="Pod",
    plural="pods",
    singular="pod",
    namespaced=True,
    struct=Pod,
    list_struct=PodList,
    field_labels=POD_FIELD_LABELS,
    fields=pod_fields,
    prepare_create=prepare_create,
    prepare_update=prepare_update,
    after_create=after_create,
    delete=delete,
    short_names=("po",),
    categories=("all",),
)


@get(
    "/api/v1/namespaces/{namespace:str}/pods/{name:str}/status",
    name="pods-status-get",
    opt={"openapi": {"kind": "Pod", "verb": "get"}},
)
async def get_status(request: Request[Any, Any, Any], namespace: str, name: str) -> Response[bytes]:
    obj = await res.get_object(services(request), PODS, namespace, name)
    return json_response(obj.data)


@get(
    "/podd/v1/namespaces/{namespace:str}/pods/{name:str}/sandbox",
    name="pods-sandbox-get",
    opt={"openapi": {"verb": "sandbox", "tag": "Pod", "response": SandboxState, "errors": (404,)}},
)
async def get_sandbox(
    request: Request[Any, Any, Any], namespace: str, name: str
) -> Response[bytes]:
    """podd's own view of a pod's sandbox: pids, cgroup, forwards, files."""
    svc = services(request)
    obj = await res.get_object(svc, PODS, namespace, name)
    state = svc.sandbox_state(obj.uid)
    if state is None:
        raise APIError(st.not_found("sandboxes", name))
    return json_response(state)


HANDLERS = [get_status, get_sandbox]
