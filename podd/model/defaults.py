"""Apiserver defaulting and create/update preparation, as pure functions.

:func:`default_pod` follows Kubernetes' ``SetDefaults_*`` functions for
core/v1 (Pod, PodSpec, Container, ContainerPort, Probe, HTTPGetAction,
Volume and its sources, ObjectFieldSelector, ServiceAccountTokenProjection).
The ``prepare_*`` functions do what the apiserver's registry strategy does
around a create or an update (system fields, status reset, QoS class).
Every function returns a new object and leaves its argument untouched.
"""

from __future__ import annotations

import copy
import math
from decimal import Decimal

import msgspec

from podd.model.container import Container, EnvVar, ObjectFieldSelector, ResourceList
from podd.model.namespace import Namespace
from podd.model.pod import Pod, PodSecurityContext
from podd.model.podstatus import PodCondition, PodStatus
from podd.model.probe import HTTPGetAction, Lifecycle, Probe
from podd.model.qos import qos_class
from podd.model.volume import EmptyDirVolumeSource, ImageVolumeSource, Volume

__all__ = [
    "DEFAULT_FILE_MODE",
    "DEFAULT_SCHEDULER_NAME",
    "DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS",
    "default_namespace",
    "default_pod",
    "default_pull_policy",
    "image_tag",
    "pod_qos_class",
    "prepare_pod_for_create",
    "prepare_pod_for_update",
    "prepare_pod_status_update",
    "quantity_string",
]

DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30
DEFAULT_SCHEDULER_NAME = "default-scheduler"
DEFAULT_FILE_MODE = 0o644  # 420: configMap, secret, downwardAPI and projected volumes
DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600
NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name"


def image_tag(image: str) -> str:
    """The tag of an image reference: ``latest`` when neither tag nor digest is given."""
    name, _, digest = image.partition("@")
    last = name.rsplit("/", 1)[-1]
    if ":" in last:
        return last.rsplit(":", 1)[1]
    return "" if digest else "latest"


def default_pull_policy(image: str | None) -> str:
    """``Always`` for ``:latest`` (or no tag and no digest), else ``IfNotPresent``."""
    return "Always" if image and image_tag(image) == "latest" else "IfNotPresent"


def default_pod(pod: Pod) -> Pod:
    """A copy of ``pod`` with Kubernetes' defaults applied (namespace is the caller's)."""
    pod = copy.deepcopy(pod)
    spec = pod.spec
    # SetDefaults_PodSpec
    spec.dns_policy = spec.dns_policy or "ClusterFirst"
    spec.restart_policy = spec.restart_policy or "Always"
    if spec.security_context is None:
        spec.security_context = PodSecurityContext()
    if spec.termination_grace_period_seconds is None:
        spec.termination_grace_period_seconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS
    spec.scheduler_name = spec.scheduler_name or DEFAULT_SCHEDULER_NAME
    # SetDefaults_Pod
    if spec.enable_service_links is None:
        spec.enable_service_links = True
    # v1 conversion keeps the deprecated serviceAccount in step with serviceAccountName
    if not spec.service_account_name and spec.service_account:
        spec.service_account_name = spec.service_account
    if spec.service_account_name:
        spec.service_account = spec.service_account_name
    spec.overhead = _quantity_strings(spec.overhead)
    for _, _, ctr in spec.all_containers():
        _default_container(ctr, host_network=bool(spec.host_network))
    for vol in spec.volumes or ():
        _default_volume(vol)
    pod.metadata.managed_fields = None
    return pod


def _default_container(ctr: Container, *, host_network: bool) -> None:
    if not ctr.image_pull_policy:
        ctr.image_pull_policy = default_pull_policy(ctr.image)
    ctr.termination_message_path = ctr.termination_message_path or "/dev/termination-log"
    ctr.termination_message_policy = ctr.termination_message_policy or "File"
    for port in ctr.ports or ():
        port.protocol = port.protocol or "TCP"
        if host_network and not port.host_port:
            port.host_port = port.container_port
    # SetDefaults_Pod: requests default to limits, key by key.
    res = ctr.resources
    if res is not None:
        if res.limits:
            requests = dict(res.requests or {})
            for name, value in res.limits.items():
                requests.setdefault(name, value)
            res.requests = requests
        res.limits = _quantity_strings(res.limits)
        res.requests = _quantity_strings(res.requests)
    for env in ctr.env or ():
        _default_env(env)
    for probe in (ctr.liveness_probe, ctr.readiness_probe, ctr.startup_probe):
        if probe is not None:
            _default_probe(probe)
    if ctr.lifecycle is not None:
        _default_lifecycle(ctr.lifecycle)


def _quantity_strings(values: ResourceList | None) -> ResourceList | None:
    """JSON numbers as quantity strings (Kubernetes always serializes quantities as strings)."""
    if values is None:
        return None
    return {k: quantity_string(v) for k, v in values.items()}


def quantity_string(value: str | int | float) -> str | int | float:
    """``1`` → ``"1"``, ``0.5`` → ``"0.5"``; strings (even invalid ones) are left alone."""
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return value
    return format(Decimal(repr(value)).normalize(), "f")


def _default_env(env: EnvVar) -> None:
    if env.value_from is not None and env.value_from.field_ref is not None:
        _default_field_ref(env.value_from.field_ref)


def _default_field_ref(ref: ObjectFieldSelector) -> None:
    ref.api_version = ref.api_version or "v1"


def _default_probe(probe: Probe) -> None:
    if probe.timeout_seconds is None or probe.timeout_seconds == 0:
        probe.timeout_seconds = 1
    if probe.period_seconds is None or probe.period_seconds == 0:
        probe.period_seconds = 10
    if probe.success_threshold is None or probe.success_threshold == 0:
        probe.success_threshold = 1
    if probe.failure_threshold is None or probe.failure_threshold == 0:
        probe.failure_threshold = 3
    if probe.http_get is not None:
        _default_http_get(probe.http_get)


def _default_http_get(action: HTTPGetAction) -> None:
    action.path = action.path or "/"
    action.scheme = action.scheme or "HTTP"


def _default_lifecycle(lifecycle: Lifecycle) -> None:
    for handler in (lifecycle.post_start, lifecycle.pre_stop):
        if handler is not None and handler.http_get is not None:
            _default_http_get(handler.http_get)


def _default_volume(vol: Volume) -> None:
    if not vol.source_names():
        vol.empty_dir = EmptyDirVolumeSource()
    if vol.empty_dir is not None and vol.empty_dir.size_limit is not None:
        vol.empty_dir.size_limit = quantity_string(vol.empty_dir.size_limit)
    if vol.host_path is not None and vol.host_path.type is None:
        vol.host_path.type = ""
    for source in (vol.config_map, vol.secret, vol.downward_api, vol.projected):
        if source is not None and source.default_mode is None:
            source.default_mode = DEFAULT_FILE_MODE
    if vol.downward_api is not None:
        for item in vol.downward_api.items or ():
            if item.field_ref is not None:
                _default_field_ref(item.field_ref)
    if vol.projected is not None:
        for proj in vol.projected.sources or ():
            if proj.downward_api is not None:
                for item in proj.downward_api.items or ():
                    if item.field_ref is not None:
                        _default_field_ref(item.field_ref)
            token = proj.service_account_token
            if token is not None and token.expiration_seconds is None:
                token.expiration_seconds = DEFAULT_TOKEN_EXPIRATION_SECONDS
    if vol.image is not None:
        _default_image_volume(vol.image)


def _default_image_volume(source: ImageVolumeSource) -> None:
    if not source.pull_policy:
        source.pull_policy = default_pull_policy(source.reference)


def pod_qos_class(pod: Pod) -> str:
    """The pod's QoS class (see :func:`podd.model.qos.qos_class`)."""
    return qos_class(pod.spec)


# ------------------------------------------------------- create and update


def prepare_pod_for_create(pod: Pod, *, uid: str, now: str, node_name: str | None = None) -> Pod:
    """The pod as the apiserver stores it on create (call after :func:`default_pod`).

    Sets uid, creationTimestamp, generation 1; clears deletion fields and the
    status, which becomes ``Pending`` with the QoS class. With ``node_name``
    (podd's one node) the pod is bound at once: ``spec.nodeName`` and the
    condition ``PodScheduled=True``. resourceVersion is the store's to set.
    """
    pod = copy.deepcopy(pod)
    meta = pod.metadata
    meta.uid = uid
    meta.creation_timestamp = now
    meta.generation = 1
    meta.deletion_timestamp = None
    meta.deletion_grace_period_seconds = None
    meta.managed_fields = None
    meta.self_link = None
    status = PodStatus(phase="Pending", qos_class=pod_qos_class(pod))
    if node_name:
        pod.spec.node_name = node_name
        status.conditions = [
            PodCondition(type="PodScheduled", status="True", last_transition_time=now)
        ]
    pod.status = status
    return pod


def prepare_pod_for_update(old: Pod, new: Pod) -> Pod:
    """``new`` as a PUT/PATCH of the pod stores it: status and system fields kept from ``old``.

    The spec and metadata come from ``new`` (validate the result with
    ``validate_pod_update(old, result)``); generation grows when the spec changed.
    """
    pod = copy.deepcopy(new)
    meta, old_meta = pod.metadata, old.metadata
    meta.uid = old_meta.uid
    meta.creation_timestamp = old_meta.creation_timestamp
    meta.deletion_timestamp = old_meta.deletion_timestamp
    meta.deletion_grace_period_seconds = old_meta.deletion_grace_period_seconds
    meta.resource_version = old_meta.resource_version  # the store sets the next one
    meta.managed_fields = None
    pod.spec.node_name = pod.spec.node_name or old.spec.node_name
    generation = old_meta.generation or 1
    meta.generation = generation + 1 if pod.spec != old.spec else generation
    pod.status = copy.deepcopy(old.status)
    return pod


def prepare_pod_status_update(old: Pod, new: Pod) -> Pod:
    """What a write to ``/status`` stores: ``old`` with ``new``'s status (spec/metadata ignored)."""
    return msgspec.structs.replace(copy.deepcopy(old), status=copy.deepcopy(new.status))


def default_namespace(ns: Namespace) -> Namespace:
    """Namespace defaults: phase Active, finalizer ``kubernetes`` and the name label."""
    ns = copy.deepcopy(ns)
    if not ns.status.phase:
        ns.status.phase = "Active"
    if ns.spec.finalizers is None:
        ns.spec.finalizers = ["kubernetes"]
    if ns.metadata.name:
        labels = dict(ns.metadata.labels or {})
        labels[NAMESPACE_NAME_LABEL] = ns.metadata.name
        ns.metadata.labels = labels
    ns.metadata.managed_fields = None
    return ns
