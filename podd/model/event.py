"""core/v1 Events: what happened to an object, written by podd for every pod transition."""

from __future__ import annotations

import msgspec

from podd.model.base import K8sStruct, always, always_list
from podd.model.meta import ListMeta, ObjectMeta

__all__ = ["Event", "EventList", "EventSeries", "EventSource", "ObjectReference"]


class ObjectReference(K8sStruct):
    """Points at an object, optionally at a field of it (``spec.containers{web}``)."""

    kind: str | None = None
    namespace: str | None = None
    name: str | None = None
    uid: str | None = None
    api_version: str | None = None
    resource_version: str | None = None
    field_path: str | None = None


class EventSource(K8sStruct):
    component: str | None = None
    host: str | None = None


class EventSeries(K8sStruct):
    count: int | None = None
    last_observed_time: str | None = None


class Event(K8sStruct):
    """``type`` is ``Normal`` or ``Warning``; ``eventTime`` is a MicroTime."""

    api_version: str = always("v1")
    kind: str = always("Event")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    involved_object: ObjectReference = msgspec.field(default_factory=ObjectReference)
    reason: str | None = None
    message: str | None = None
    source: EventSource = msgspec.field(default_factory=EventSource)
    first_timestamp: str | None = None
    last_timestamp: str | None = None
    count: int | None = None
    type: str | None = None
    event_time: str | None = None
    series: EventSeries | None = None
    action: str | None = None
    related: ObjectReference | None = None
    reporting_component: str = always("")
    reporting_instance: str = always("")


class EventList(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("EventList")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    items: list[Event] = always_list()
