"""The Kubernetes core/v1 subset podd serves, as msgspec Structs, and its rules.

Modules: ``base`` (K8sStruct, encode), ``meta``, ``pod``/``container``/
``probe``/``volume``/``podstatus``, ``namespace``, ``event``, ``status``
(Status objects and their constructors), ``quantity``, ``defaults``,
``validation``, ``selectors``, ``codec`` (request bodies, PATCH), ``patch``,
``errors``, ``field``, ``names``, ``timeutil``.
"""

from podd.model.base import K8sStruct, encode
from podd.model.container import Container, ContainerPort
from podd.model.errors import (
    BodyError,
    InvalidError,
    ModelError,
    PatchError,
    QuantityError,
    SelectorError,
    UnsupportedMediaTypeError,
)
from podd.model.event import Event, EventList, ObjectReference
from podd.model.field import StatusCause
from podd.model.meta import ListMeta, ObjectMeta
from podd.model.namespace import Namespace, NamespaceList
from podd.model.pod import Pod, PodList, PodSpec
from podd.model.podstatus import ContainerStatus, PodCondition, PodStatus
from podd.model.status import DeleteOptions, Status, WatchEvent
from podd.model.volume import Volume

__all__ = [
    "BodyError",
    "Container",
    "ContainerPort",
    "ContainerStatus",
    "DeleteOptions",
    "Event",
    "EventList",
    "InvalidError",
    "K8sStruct",
    "ListMeta",
    "ModelError",
    "Namespace",
    "NamespaceList",
    "ObjectMeta",
    "ObjectReference",
    "PatchError",
    "Pod",
    "PodCondition",
    "PodList",
    "PodSpec",
    "PodStatus",
    "QuantityError",
    "SelectorError",
    "Status",
    "StatusCause",
    "UnsupportedMediaTypeError",
    "Volume",
    "WatchEvent",
    "encode",
]
