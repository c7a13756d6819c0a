"""What the sync and async clients share and that does no I/O: the kinds
podd serves (their generated models and operations), turning a manifest into
a body, query parameters, and decoding a watch or pull line into a typed event."""

from __future__ import annotations

import json
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, TypeVar

import yaml

from ._generated.api.config_map import configmaps_delete, configmaps_get, configmaps_list
from ._generated.api.event import events_delete, events_get, events_list
from ._generated.api.pod import pods_delete, pods_get, pods_list
from ._generated.api.secret import secrets_delete, secrets_get, secrets_list
from ._generated.models import (
    ConfigMap,
    ConfigMapList,
    Event,
    EventList,
    LayerProgress,
    Pod,
    PodList,
    PullComplete,
    PullFailed,
    PullResolved,
    Secret,
    SecretList,
    Status,
)
from ._generated.types import UNSET, Unset

T = TypeVar("T")
PullEvent = PullResolved | LayerProgress | PullComplete | PullFailed
_PULL_EVENTS: dict[str, Any] = {
    "resolved": PullResolved,
    "layer": LayerProgress,
    "complete": PullComplete,
    "error": PullFailed,
}


@dataclass(frozen=True)
class Kind:
    """A namespaced kind of the core group: its models and generated operations."""

    kind: str
    plural: str
    model: Any
    list_model: Any
    get: ModuleType
    list: ModuleType
    delete: ModuleType

    def collection(self, namespace: str | None) -> str:
        if namespace is None:
            return f"/api/v1/{self.plural}"
        return f"/api/v1/namespaces/{namespace}/{self.plural}"


PODS = Kind("Pod", "pods", Pod, PodList, pods_get, pods_list, pods_delete)
CONFIGMAPS = Kind(
    "ConfigMap", "configmaps", ConfigMap, ConfigMapList, configmaps_get, configmaps_list,
    configmaps_delete,
)  # fmt: skip
SECRETS = Kind("Secret", "secrets", Secret, SecretList, secrets_get, secrets_list, secrets_delete)
EVENTS = Kind("Event", "events", Event, EventList, events_get, events_list, events_delete)


@dataclass(frozen=True)
class WatchEvent(Generic[T]):
    """One change: ``type`` is ADDED, MODIFIED, DELETED or BOOKMARK; ``object``
    the typed object (a Pod for ``pods.watch``)."""

    type: str
    object: T

    @property
    def resource_version(self) -> str | None:
        meta = getattr(self.object, "metadata", None)
        rv = getattr(meta, "resource_version", None)
        return rv if isinstance(rv, str) and rv else None


def to_body(obj: Any, kind: Kind) -> dict[str, Any]:
    """A manifest as JSON: a dict, a YAML (or JSON) string, or a generated
    model. Sent as given, so that podd validates it (unknown fields are a 400
    naming the field) instead of the client dropping what it does not know."""
    if isinstance(obj, str):
        obj = yaml.safe_load(obj)
    elif hasattr(obj, "to_dict"):
        obj = obj.to_dict()
    if not isinstance(obj, dict):
        raise TypeError(f"a {kind.kind} manifest must be a mapping, not {type(obj).__name__}")
    body = dict(obj)
    body.setdefault("apiVersion", "v1")
    body.setdefault("kind", kind.kind)
    return body


def body_namespace(body: dict[str, Any]) -> str | None:
    meta = body.get("metadata")
    ns = meta.get("namespace") if isinstance(meta, dict) else None
    return ns if isinstance(ns, str) and ns else None


def opt(value: T | None) -> T | Unset:
    """None as the generated client's UNSET (the parameter is not sent)."""
    return UNSET if value is None else value


def watch_params(
    label_selector: str | None,
    field_selector: str | None,
    resource_version: str | None,
    timeout_seconds: int | None,
    bookmarks: bool,
) -> dict[str, str]:
    params = {"watch": "true"}
    if label_selector:
        params["labelSelector"] = label_selector
    if field_selector:
        params["fieldSelector"] = field_selector
    if resource_version:
        params["resourceVersion"] = resource_version
    if timeout_seconds is not None:
        params["timeoutSeconds"] = str(max(1, timeout_seconds))
    if bookmarks:
        params["allowWatchBookmarks"] = "true"
    return params


def decode_watch_line(line: str, kind: Kind) -> WatchEvent[Any]:
    """A line of a watch stream; an ERROR event's object is a Status."""
    data = json.loads(line)
    obj = data.get("object") or {}
    if data.get("type") == "ERROR":
        return WatchEvent("ERROR", Status.from_dict(obj))
    return WatchEvent(str(data.get("type")), kind.model.from_dict(obj))


def decode_pull_line(line: str) -> PullEvent:
    data = json.loads(line)
    model = _PULL_EVENTS.get(data.get("type"))
    if model is None:
        raise ValueError(f"unknown pull event {data.get('type')!r}")
    event: PullEvent = model.from_dict(data)
    return event


def log_params(
    container: str | None,
    follow: bool,
    tail_lines: int | None,
    timestamps: bool,
    previous: bool,
) -> dict[str, str]:
    params: dict[str, str] = {}
    if container:
        params["container"] = container
    if follow:
        params["follow"] = "true"
    if tail_lines is not None:
        params["tailLines"] = str(tail_lines)
    if timestamps:
        params["timestamps"] = "true"
    if previous:
        params["previous"] = "true"
    return params


def wait_target(condition: str | None, phase: str | None) -> tuple[str, str] | None:
    """``("Ready", "True")`` for ``"Ready"`` (kubectl's ``condition=Ready``),
    ``("Ready", "False")`` for ``"Ready=False"``; None when waiting for a phase."""
    if (condition is None) == (phase is None):
        raise ValueError("wait for a condition or a phase (one of them)")
    if condition is None:
        return None
    name, _, value = condition.partition("=")
    return name, value or "True"


def pod_matches(pod: Pod, target: tuple[str, str] | None, phase: str | None) -> bool:
    status = pod.to_dict().get("status") or {}
    if target is None:
        return bool(status.get("phase") == phase)
    for cond in status.get("conditions") or []:
        if cond.get("type") == target[0]:
            return str(cond.get("status")).lower() == target[1].lower()
    return False


def name_selector(name: str) -> str:
    return f"metadata.name={name}"


def timeout_status(what: str) -> Status:
    return Status(status="Failure", reason="Timeout", code=504, message=f"timed out waiting {what}")


def pull_failure(event: PullFailed) -> Status:
    return Status(status="Failure", reason=event.reason, message=event.message, code=500)


def deleted_status(name: str) -> Status:
    return Status(status="Failure", reason="NotFound", code=404, message=f"pod {name} was deleted")


def exec_path(namespace: str, name: str) -> str:
    return f"/podd/v1/namespaces/{namespace}/pods/{name}/exec"
