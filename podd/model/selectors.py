"""Label and field selectors, as in ``?labelSelector=`` and ``?fieldSelector=``.

Label selectors (``k8s.io/apimachinery/pkg/labels``)::

    app=web, tier!=db, env in (prod,staging), track notin (canary), gpu, !legacy

A comma is AND. ``=``/``==`` and ``in`` need the label; ``!=`` and ``notin``
also match objects without it; ``key`` and ``!key`` test presence; ``key>3``
and ``key<3`` compare integers.

Field selectors (``k8s.io/apimachinery/pkg/fields``)::

    metadata.name=web,status.phase!=Failed

with ``\\,`` ``\\=`` ``\\\\`` escapes. Each kind supports a fixed set of fields
(:data:`POD_FIELDS`, :data:`EVENT_FIELDS`, :data:`NAMESPACE_FIELDS`); any
other is ``field label not supported: X``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from podd.model.errors import SelectorError
from podd.model.event import Event
from podd.model.names import is_label_value, is_qualified_name
from podd.model.namespace import Namespace
from podd.model.pod import Pod

__all__ = [
    "EVENT_FIELDS",
    "NAMESPACE_FIELDS",
    "POD_FIELDS",
    "FieldRequirement",
    "FieldSelector",
    "LabelRequirement",
    "LabelSelector",
    "SelectorError",
    "event_fields",
    "namespace_fields",
    "parse_field_selector",
    "parse_label_selector",
    "pod_fields",
]

# ------------------------------------------------------------------ labels

_SPECIAL = "=!(),<>"


@dataclass(frozen=True, slots=True)
class LabelRequirement:
    """``key op values``; op is one of = != in notin exists !exists > <."""

    key: str
    op: str
    values: tuple[str, ...] = ()

    def matches(self, labels: Mapping[str, str]) -> bool:
        present = self.key in labels
        if self.op == "exists":
            return present
        if self.op == "!exists":
            return not present
        if self.op in ("=", "in"):
            return present and labels[self.key] in self.values
        if self.op in ("!=", "notin"):
            return not present or labels[self.key] not in self.values
        if not present:
            return False
        try:
            have, want = int(labels[self.key]), int(self.values[0])
        except ValueError:
            return False
        return have > want if self.op == ">" else have < want

    def __str__(self) -> str:
        if self.op == "exists":
            return self.key
        if self.op == "!exists":
            return f"!{self.key}"
        if self.op in ("in", "notin"):
            return f"{self.key} {self.op} ({','.join(self.values)})"
        return f"{self.key}{self.op}{self.values[0]}"


@dataclass(frozen=True, slots=True)
class LabelSelector:
    """A conjunction of requirements; the empty selector matches everything."""

    requirements: tuple[LabelRequirement, ...] = ()

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        have = labels or {}
        return all(req.matches(have) for req in self.requirements)

    @property
    def empty(self) -> bool:
        return not self.requirements

    def equalities(self) -> dict[str, str]:
        """``key -> value`` for every requirement that pins one exact value (index lookups)."""
        out: dict[str, str] = {}
        for req in self.requirements:
            if req.op in ("=", "in") and len(req.values) == 1:
                out[req.key] = req.values[0]
        return out

    def __str__(self) -> str:
        return ",".join(str(r) for r in self.requirements)


class _Lexer:
    """Splits a label selector into (kind, text) tokens."""

    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch.isspace():
                i += 1
            elif text.startswith(("!=", "=="), i):
                self.tokens.append(("op", text[i : i + 2]))
                i += 2
            elif ch in _SPECIAL:
                self.tokens.append(("op" if ch in "=<>" else ch, ch))
                i += 1
            else:
                j = i
                while j < n and not text[j].isspace() and text[j] not in _SPECIAL:
                    j += 1
                word = text[i:j]
                self.tokens.append(("kw" if word in ("in", "notin") else "id", word))
                i = j
        self.tokens.append(("end", ""))
        self.pos = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos]

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.pos]
        if tok[0] != "end":
            self.pos += 1
        return tok


def _shown(tok: tuple[str, str]) -> str:
    return tok[1] if tok[0] != "end" else "EOS"


def parse_label_selector(text: str | None) -> LabelSelector:
    """Parse ``text`` into a :class:`LabelSelector`; raises :class:`SelectorError`."""
    if text is None or not text.strip():
        return LabelSelector()
    lex = _Lexer(text)
    reqs: list[LabelRequirement] = []
    while True:
        reqs.append(_parse_requirement(lex))
        tok = lex.take()
        if tok[0] == "end":
            break
        if tok[0] != ",":
            raise SelectorError(f"found '{_shown(tok)}', expected: ',' or 'end of string'")
    return LabelSelector(tuple(reqs))


def _parse_requirement(lex: _Lexer) -> LabelRequirement:
    tok = lex.take()
    negated = tok[0] == "!"
    if negated:
        tok = lex.take()
    if tok[0] != "id":
        raise SelectorError(f"found '{_shown(tok)}', expected: !, identifier, or 'end of string'")
    key = tok[1]
    _check_key(key)
    nxt = lex.peek()
    if negated:
        if nxt[0] not in (",", "end"):
            raise SelectorError(f"found '{_shown(nxt)}', expected: ',' or 'end of string'")
        return LabelRequirement(key, "!exists")
    if nxt[0] in (",", "end"):
        return LabelRequirement(key, "exists")
    op_tok = lex.take()
    if op_tok[0] == "op":
        op = {"==": "="}.get(op_tok[1], op_tok[1])
        value_tok = lex.peek()
        if value_tok[0] in (",", "end"):
            value = ""
        elif value_tok[0] in ("id", "kw"):
            value = lex.take()[1]
        else:
            raise SelectorError(f"found '{_shown(value_tok)}', expected: identifier")
        if op in (">", "<"):
            try:
                int(value)
            except ValueError:
                raise SelectorError(
                    "unable to parse requirement: for 'Gt', 'Lt' operators, "
                    "the value must be an integer"
                ) from None
        else:
            _check_value(value, 0)
        return LabelRequirement(key, op, (value,))
    if op_tok[0] == "kw":
        values = _parse_values(lex)
        for i, value in enumerate(values):
            _check_value(value, i)
        return LabelRequirement(key, op_tok[1], tuple(sorted(set(values))))
    raise SelectorError(f"found '{_shown(op_tok)}', expected: in, notin, =, ==, !=, gt, lt")


def _parse_values(lex: _Lexer) -> list[str]:
    tok = lex.take()
    if tok[0] != "(":
        raise SelectorError(f"found '{_shown(tok)}', expected: '('")
    values: list[str] = []
    expect_value = True
    while True:
        tok = lex.take()
        if tok[0] == ")":
            if expect_value:
                values.append("")
            return values
        if tok[0] == ",":
            if expect_value:
                values.append("")
            expect_value = True
        elif tok[0] in ("id", "kw") and expect_value:
            values.append(tok[1])
            expect_value = False
        else:
            raise SelectorError(f"found '{_shown(tok)}', expected: ',', ')' or identifier")


def _check_key(key: str) -> None:
    errs = is_qualified_name(key)
    if errs:
        raise SelectorError(f'unable to parse requirement: key: Invalid value: "{key}": {errs[0]}')


def _check_value(value: str, index: int) -> None:
    errs = is_label_value(value)
    if errs:
        raise SelectorError(
            f"unable to parse requirement: values[{index}][value]: "
            f'Invalid value: "{value}": {errs[0]}'
        )


# ------------------------------------------------------------------ fields

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
