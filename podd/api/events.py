"""The Event resource (core/v1): written by podd for every pod transition,
readable and watchable by clients; clients may also post their own."""

from __future__ import annotations

from podd.api import resources as res
from podd.model.errors import InvalidError
from podd.model.event import Event, EventList
from podd.model.field import required
from podd.model.selectors import EVENT_FIELD_LABELS, event_fields
from podd.model.timeutil import now_rfc3339
from podd.services import Services


def prepare_create(svc: Services, ev: Event) -> tuple[Event, list[str]]:
    causes = []
    if not ev.metadata.name:
        causes.append(required("metadata.name", "name or generateName is required"))
    if not ev.involved_object.name:
        causes.append(required("involvedObject.name"))
    if causes:
        raise InvalidError(causes, name=ev.metadata.name)
    ev.involved_object.namespace = ev.involved_object.namespace or ev.metadata.namespace
    ev.first_timestamp = ev.first_timestamp or now_rfc3339()
    ev.last_timestamp = ev.last_timestamp or ev.first_timestamp
    ev.count = ev.count or 1
    ev.type = ev.type or "Normal"
    return ev, []


def prepare_update(svc: Services, old: Event, new: Event) -> tuple[Event, list[str]]:
    new.metadata.uid = old.metadata.uid
    new.metadata.creation_timestamp = old.metadata.creation_timestamp
    return new, []


EVENTS = res.ResourceType(
    kind="Event",
    plural="events",
    singular="event",
    namespaced=True,
    struct=Event,
    list_struct=EventList,
    field_labels=EVENT_FIELD_LABELS,
    fields=event_fields,
    prepare_create=prepare_create,
    prepare_update=prepare_update,
    short_names=("ev",),
)
