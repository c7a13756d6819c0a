"""Field selectors (``?fieldSelector=metadata.name=web,status.phase!=Failed``).

Terms are ``field=value``, ``field==value`` or ``field!=value`` joined by
commas (AND), with ``\\,`` ``\\=`` ``\\\\`` escapes. Each kind supports a
fixed set of fields (:data:`POD_FIELDS`, :data:`EVENT_FIELDS`,
:data:`NAMESPACE_FIELDS`); any other is ``field label not supported: X``.
A missing field compares as the empty string, as in Kubernetes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from podd.model.errors import SelectorError
from podd.model.event import Event
from podd.model.namespace import Namespace
from podd.model.pod import Pod

__all__ = [
    "EVENT_FIELDS",
    "EVENT_FIELD_LABELS",
    "NAMESPACE_FIELDS",
    "NAMESPACE_FIELD_LABELS",
    "POD_FIELDS",
    "POD_FIELD_LABELS",
    "FieldRequirement",
    "FieldSelector",
    "event_fields",
    "namespace_fields",
    "parse_field_selector",
    "pod_fields",
]

POD_FIELDS = frozenset(
    {
        "metadata.name",
        "metadata.namespace",
        "spec.nodeName",
        "spec.restartPolicy",
        "spec.schedulerName",
        "spec.serviceAccountName",
        "spec.hostNetwork",
        "status.phase",
        "status.podIP",
        "status.nominatedNodeName",
    }
)
EVENT_FIELDS = frozenset(
    {
        "metadata.name",
        "metadata.namespace",
        "involvedObject.kind",
        "involvedObject.namespace",
        "involvedObject.name",
        "involvedObject.uid",
        "involvedObject.apiVersion",
        "involvedObject.resourceVersion",
        "involvedObject.fieldPath",
        "reason",
        "reportingComponent",
        "source",
        "type",
    }
)
NAMESPACE_FIELDS = frozenset({"metadata.name", "status.phase"})
POD_FIELD_LABELS = POD_FIELDS
EVENT_FIELD_LABELS = EVENT_FIELDS
NAMESPACE_FIELD_LABELS = NAMESPACE_FIELDS


@dataclass(frozen=True, slots=True)
class FieldRequirement:
    field: str
    op: str  # "=" or "!="
    value: str

    def matches(self, fields: Mapping[str, str]) -> bool:
        have = fields.get(self.field, "")
        return have == self.value if self.op == "=" else have != self.value


@dataclass(frozen=True, slots=True)
class FieldSelector:
    requirements: tuple[FieldRequirement, ...] = ()

    def matches(self, fields: Mapping[str, str]) -> bool:
        return all(req.matches(fields) for req in self.requirements)

    @property
    def empty(self) -> bool:
        return not self.requirements

    def keys(self) -> list[str]:
        """The fields the selector tests."""
        return [r.field for r in self.requirements]

    def equalities(self) -> dict[str, str]:
        """``field -> value`` for every ``=`` requirement (e.g. ``metadata.name`` for watches)."""
        return {r.field: r.value for r in self.requirements if r.op == "="}

    def __str__(self) -> str:
        return ",".join(f"{_escape(r.field)}{r.op}{_escape(r.value)}" for r in self.requirements)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=")


def _split_unescaped(text: str, sep: str) -> list[str]:
    parts, cur, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            cur.append(text[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            if i + 1 >= len(text) or text[i + 1] not in "\\,=":
                raise SelectorError(f"invalid field selector: invalid escape sequence: {text!r}")
            out.append(text[i + 1])
            i += 2
            continue
        if ch in ",=":
            raise SelectorError(f"invalid field selector: unescaped {ch!r} in {text!r}")
        out.append(ch)
        i += 1
    return "".join(out)


def _split_term(term: str) -> tuple[str, str, str] | None:
    i = 0
    while i < len(term):
        if term[i] == "\\":
            i += 2
            continue
        for op in ("!=", "==", "="):
            if term.startswith(op, i):
                return term[:i], "=" if op == "==" else op, term[i + len(op) :]
        i += 1
    return None


def parse_field_selector(
    text: str | None, supported: Collection[str] | None = None
) -> FieldSelector:
    """Parse ``text``; with ``supported``, refuse any other field. Raises :class:`SelectorError`."""
    if text is None or not text.strip():
        return FieldSelector()
    reqs: list[FieldRequirement] = []
    for term in _split_unescaped(text, ","):
        if not term.strip():
            continue
        split = _split_term(term)
        if split is None:
            raise SelectorError(f"invalid selector: '{text}'; can't understand '{term}'")
        field, op, value = split
        field = _unescape(field.strip())
        if supported is not None and field not in supported:
            raise SelectorError(f"field label not supported: {field}")
        reqs.append(FieldRequirement(field, op, _unescape(value.strip())))
    return FieldSelector(tuple(reqs))


def pod_fields(pod: Pod) -> dict[str, str]:
    """The selectable fields of a pod (:data:`POD_FIELDS`)."""
    spec, status = pod.spec, pod.status
    return {
        "metadata.name": pod.metadata.name or "",
        "metadata.namespace": pod.metadata.namespace or "",
        "spec.nodeName": spec.node_name or "",
        "spec.restartPolicy": spec.restart_policy or "",
        "spec.schedulerName": spec.scheduler_name or "",
        "spec.serviceAccountName": spec.service_account_name or "",
        "spec.hostNetwork": "true" if spec.host_network else "false",
        "status.phase": status.phase or "",
        "status.podIP": status.pod_ip or "",
        "status.nominatedNodeName": status.nominated_node_name or "",
    }


def event_fields(ev: Event) -> dict[str, str]:
    """The selectable fields of an event (:data:`EVENT_FIELDS`)."""
    obj = ev.involved_object
    return {
        "metadata.name": ev.metadata.name or "",
        "metadata.namespace": ev.metadata.namespace or "",
        "involvedObject.kind": obj.kind or "",
        "involvedObject.namespace": obj.namespace or "",
        "involvedObject.name": obj.name or "",
        "involvedObject.uid": obj.uid or "",
        "involvedObject.apiVersion": obj.api_version or "",
        "involvedObject.resourceVersion": obj.resource_version or "",
        "involvedObject.fieldPath": obj.field_path or "",
        "reason": ev.reason or "",
        "reportingComponent": ev.reporting_component,
        "source": ev.source.component or "",
        "type": ev.type or "",
    }


def namespace_fields(ns: Namespace) -> dict[str, str]:
    return {"metadata.name": ns.metadata.name or "", "status.phase": ns.status.phase or ""}
