"""Descriptions for the generated schemas: what ``kubectl explain`` prints.

A type is described by :data:`TYPES` or else by its class docstring; a
field by ``"Type.field"`` in :mod:`.fielddocs`, else by its bare name
(fields every kind shares), else by a sentence made from its name, so no
field goes without one.
"""

from __future__ import annotations

import inspect
import re

from podd.api.kubeopenapi.fielddocs import FIELDS

__all__ = ["field_description", "type_description"]

API_VERSION = (
    "APIVersion defines the versioned schema of this representation of an object. "
    "Servers should convert recognized schemas to the latest internal value, and may "
    "reject unrecognized values."
)
KIND = (
    "Kind is a string value representing the REST resource this object represents. "
    "Servers may infer this from the endpoint the client submits requests to. "
    "Cannot be updated. In CamelCase."
)

TYPES: dict[str, str] = {
    "Pod": "Pod is a collection of containers that can run on a host. podd runs it "
    "rootless, on its one node.",
    "PodList": "PodList is a list of Pods.",
    "PodSpec": "PodSpec is a description of a pod.",
    "PodStatus": "PodStatus represents information about the status of a pod.",
    "Container": "A single application container that you want to run within a pod.",
    "EphemeralContainer": "An EphemeralContainer is a temporary container that you may "
    "add to an existing Pod for user-initiated activities such as debugging.",
    "Namespace": "Namespace provides a scope for Names.",
    "NamespaceList": "NamespaceList is a list of Namespaces.",
    "Event": "Event is a report of an event somewhere in the cluster.",
    "EventList": "EventList is a list of events.",
    "ConfigMap": "ConfigMap holds configuration data for pods to consume.",
    "ConfigMapList": "ConfigMapList is a resource containing a list of ConfigMap objects.",
    "Secret": "Secret holds secret data of a certain type. The total bytes of the "
    "values in the Data field must be less than 1 MiB.",
    "SecretList": "SecretList is a list of Secret.",
    "ObjectMeta": "ObjectMeta is metadata that all persisted resources must have, "
    "which includes all objects users must create.",
    "ListMeta": "ListMeta describes metadata that synthetic resources must have, "
    "including lists and various status objects.",
    "Status": "Status is a return value for calls that don't return other objects.",
    "DeleteOptions": "DeleteOptions may be provided when deleting an API object.",
    "WatchEvent": "Event represents a single event to a watched resource.",
    "Volume": "Volume represents a named volume in a pod that may be accessed by any "
    "container in the pod.",
    "VolumeMount": "VolumeMount describes a mounting of a Volume within a container.",
    "ContainerPort": "ContainerPort represents a network port in a single container.",
    "EnvVar": "EnvVar represents an environment variable present in a Container.",
    "Probe": "Probe describes a health check to be performed against a container to "
    "determine whether it is alive or ready to receive traffic.",
    "ResourceRequirements": "ResourceRequirements describes the compute resource requirements.",
    "SecurityContext": "SecurityContext holds security configuration that will be "
    "applied to a container.",
    "PodSecurityContext": "PodSecurityContext holds pod-level security attributes and "
    "common container settings.",
    "ContainerStatus": "ContainerStatus contains details for the current status of this container.",
    "ContainerState": "ContainerState holds a possible state of container. Only one "
    "of its members may be specified.",
    "PodCondition": "PodCondition contains details for the current condition of this pod.",
    "OwnerReference": "OwnerReference contains enough information to let you identify "
    "an owning object.",
    "ObjectReference": "ObjectReference contains enough information to let you inspect "
    "or modify the referred object.",
    "Lifecycle": "Lifecycle describes actions that the management system should take "
    "in response to container lifecycle events.",
    "LifecycleHandler": "LifecycleHandler defines a specific action that should be "
    "taken in a lifecycle hook. One and only one of the fields must be specified.",
    "Table": "Table is a tabular representation of a set of API resources (kubectl get).",
    "TableRow": "TableRow is an individual row in a table.",
    "TableColumnDefinition": "TableColumnDefinition contains information about a column "
    "returned in the Table.",
    "PartialObjectMetadata": "PartialObjectMetadata is a generic representation of any "
    "object with ObjectMeta.",
    "IntOrString": "IntOrString is a type that can hold an int32 or a string.",
    "Quantity": "Quantity is a fixed-point representation of a number, written as "
    "a decimal number with an optional SI or binary suffix (250m, 1.5, 512Mi, 1G).",
}

_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z]|$)|[A-Z]?[a-z0-9]+|[A-Z]+")
_RST = re.compile(r"``([^`]*)``|:[a-z]+:`~?([^`]*)`")


def _words(name: str) -> str:
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in _WORDS.findall(name))


def _docstring(cls: type) -> str:
    doc = vars(cls).get("__doc__")  # the class's own, never a base's
    if not isinstance(doc, str) or not doc.strip():
        return ""
    first = inspect.cleandoc(doc).split("\n\n", 1)[0]
    return " ".join(_RST.sub(lambda m: m.group(1) or m.group(2), first).split())


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def type_description(cls: type, name: str | None = None) -> str:
    short = name or cls.__name__
    return TYPES.get(short) or _docstring(cls) or _sentence(_words(short))


def field_description(owner: str, field: str) -> str:
    """The description of ``owner``'s field ``field`` (wire names)."""
    if field == "apiVersion":
        return API_VERSION
    if field == "kind":
        return KIND
    if field == "items" and owner.endswith("List"):
        return f"Items is the list of {owner.removesuffix('List')} objects."
    text = FIELDS.get(f"{owner}.{field}") or FIELDS.get(field)
    if text:
        return text
    return _sentence(f"{_words(field)} of the {_words(owner)}")
