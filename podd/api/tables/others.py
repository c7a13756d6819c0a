"""Printers for namespaces, events, configmaps and secrets, column for column
the apiserver's (``kubectl get events`` included: LAST SEEN TYPE REASON
OBJECT MESSAGE, with SUBOBJECT SOURCE FIRST SEEN COUNT NAME under ``-o wide``).
"""

from __future__ import annotations

from datetime import datetime

from podd.api.tables.duration import since
from podd.api.tables.printer import Printer, age_column, name_column
from podd.api.tables.table import Cell, TableColumnDefinition
from podd.model.configmap import ConfigMap, Secret
from podd.model.event import Event
from podd.model.namespace import Namespace

__all__ = ["CONFIGMAPS", "EVENTS", "NAMESPACES", "SECRETS"]


def _string(name: str, description: str, priority: int = 0) -> TableColumnDefinition:
    return TableColumnDefinition(name, "string", "", description, priority)


# -- namespaces ---------------------------------------------------------------
def _namespace_cells(ns: Namespace, now: datetime) -> list[Cell]:
    return [
        ns.metadata.name or "",
        ns.status.phase or "",
        since(ns.metadata.creation_timestamp, now),
    ]


NAMESPACES: Printer[Namespace] = Printer(
    Namespace,
    (name_column(), _string("Status", "The status of the namespace"), age_column()),
    _namespace_cells,
)


# -- events -------------------------------------------------------------------
def _event_source(ev: Event) -> str:
    # The core/v1 source, else the events/v1 reporting fields.
    component = ev.source.component or ev.reporting_component
    instance = ev.source.host or ev.reporting_instance
    return f"{component}, {instance}" if instance else component


def _event_cells(ev: Event, now: datetime) -> list[Cell]:
    first = since(ev.first_timestamp, now) if ev.first_timestamp else since(ev.event_time, now)
    last = since(ev.last_timestamp, now) if ev.last_timestamp else first
    count = ev.count or 0
    if ev.series is not None:
        last = since(ev.series.last_observed_time, now)
        count = ev.series.count or 0
    elif count == 0:
        count = 1  # events/v1 singletons carry no count
    ref = ev.involved_object
    kind = (ref.kind or "").lower()
    return [
        last,
        ev.type or "",
        ev.reason or "",
        f"{kind}/{ref.name}" if ref.name else kind,
        ref.field_path or "",
        _event_source(ev),
        (ev.message or "").strip(),
        first,
        count,
        ev.metadata.name or "",
    ]


EVENTS: Printer[Event] = Printer(
    Event,
    (
        _string(
            "Last Seen",
            "The time at which the most recent occurrence of this event was recorded.",
        ),
        _string(
            "Type", "Type of this event (Normal, Warning), new types could be added in the future"
        ),
        _string(
            "Reason",
            "This should be a short, machine understandable string that gives the reason for the "
            "transition into the object's current status.",
        ),
        _string("Object", "The object that this event is about."),
        _string(
            "Subobject",
            "If referring to a piece of an object instead of an entire object, this string "
            "should contain a valid JSON/Go field access statement, such as "
            "desiredState.manifest.containers[2]. For example, if the object reference is to a "
            'container within a pod, this would take on a value like: "spec.containers{name}" '
            '(where "name" refers to the name of the container that triggered the event) or if '
            'no container name is specified "spec.containers[2]" (container with index 2 in this '
            "pod). This syntax is chosen only to have some well-defined way of referencing a part "
            "of an object.",
            1,
        ),
        _string(
            "Source",
            "The component reporting this event. Should be a short machine understandable string.",
            1,
        ),
        _string("Message", "A human-readable description of the status of this operation."),
        _string(
            "First Seen",
            "The time at which the event was first recorded. (Time of server receipt is in "
            "TypeMeta.)",
            1,
        ),
        _string("Count", "The number of times this event has occurred.", 1),
        name_column(priority=1),
    ),
    _event_cells,
)


# -- configmaps and secrets ---------------------------------------------------
def _configmap_cells(cm: ConfigMap, now: datetime) -> list[Cell]:
    keys = len(cm.data or {}) + len(cm.binary_data or {})
    return [cm.metadata.name or "", keys, since(cm.metadata.creation_timestamp, now)]


CONFIGMAPS: Printer[ConfigMap] = Printer(
    ConfigMap,
    (
        name_column(),
        _string(
            "Data",
            "Data contains the configuration data. Each key must consist of alphanumeric "
            "characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the "
            "BinaryData field. The keys stored in Data must not overlap with the keys in the "
            "BinaryData field, this is enforced during validation process.",
        ),
        age_column(),
    ),
    _configmap_cells,
)


def _secret_cells(secret: Secret, now: datetime) -> list[Cell]:
    return [
        secret.metadata.name or "",
        secret.type,
        len(secret.data or {}),
        since(secret.metadata.creation_timestamp, now),
    ]


SECRETS: Printer[Secret] = Printer(
    Secret,
    (
        name_column(),
        _string(
            "Type",
            "Used to facilitate programmatic handling of secret data. More info: "
            "https://kubernetes.io/docs/concepts/configuration/secret/#secret-types",
        ),
        _string(
            "Data",
            "Data contains the secret data. Each key must consist of alphanumeric characters, "
            "'-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, "
            "representing the arbitrary (possibly non-string) data value here. Described in "
            "https://tools.ietf.org/html/rfc4648#section-4",
        ),
        age_column(),
    ),
    _secret_cells,
)
