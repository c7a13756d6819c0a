"""``meta.k8s.io`` Tables: the Structs on the wire and what the client asked for.

kubectl's ``get`` asks for
``application/json;as=Table;v=v1;g=meta.k8s.io`` (then ``v1beta1``, then plain
JSON) and prints whatever columns the server sends. :func:`negotiate` reads
an ``Accept`` header the way the apiserver does: clauses in ``q`` order, the
first one podd can answer wins; a Table is served for ``application/json``
and ``application/yaml`` clauses only (never inside protobuf), and any other
media type is answered with plain JSON, as podd always does, never a 406.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from podd.api.errors import APIError
from podd.model import status as st
from podd.model.base import K8sStruct, always, always_list
from podd.model.field import error_string, invalid
from podd.model.meta import ListMeta

__all__ = [
    "GROUP",
    "Cell",
    "IncludeObject",
    "PartialObjectMetadata",
    "Table",
    "TableColumnDefinition",
    "TableRequest",
    "TableRow",
    "TableRowCondition",
    "negotiate",
]

GROUP = "meta.k8s.io"
VERSIONS = ("v1", "v1beta1")
IncludeObject = Literal["None", "Metadata", "Object"]
Cell = str | int | float | bool | None


class TableColumnDefinition(msgspec.Struct, frozen=True):
    """One column; every field is on the wire, as Go encodes them (no omitempty)."""

    name: str
    type: str
    format: str = ""
    description: str = ""
    priority: int = 0


class TableRowCondition(K8sStruct):
    """``Completed`` rows (pods that succeeded or failed) carry one."""

    type: str = always("")
    status: str = always("")
    reason: str | None = None
    message: str | None = None


class TableRow(K8sStruct):
    cells: list[Any] = always_list()
    conditions: list[TableRowCondition] | None = None
    # The object as ``includeObject`` asks: JSON spliced in, ``null`` for None.
    object: msgspec.Raw | None = always(None)


class Table(K8sStruct):
    api_version: str = always(f"{GROUP}/v1")
    kind: str = always("Table")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    # ``null`` (not left out) in watch events after the first, as Go sends it.
    column_definitions: list[TableColumnDefinition] | None = always(None)
    rows: list[TableRow] = always_list()


class PartialObjectMetadata(K8sStruct):
    """A row's object under ``includeObject=Metadata``: the whole ObjectMeta."""

    api_version: str = always(f"{GROUP}/v1")
    kind: str = always("PartialObjectMetadata")
    metadata: msgspec.Raw = always(msgspec.Raw(b"{}"))


class TableRequest(msgspec.Struct, frozen=True):
    """A Table was asked for: its version and what each row carries."""

    version: str = "v1"
    include_object: IncludeObject = "Metadata"

    @property
    def api_version(self) -> str:
        return f"{GROUP}/{self.version}"


# Media types podd answers (as JSON) when no conversion is asked for, in the
# apiserver's order (a wildcard clause takes the first that fits).
_SERVED = (
    ("application", "json"),
    ("application", "yaml"),
    ("application", "vnd.kubernetes.protobuf"),
    ("application", "cbor"),
)
_TABLE_SUBTYPES = frozenset({"json", "yaml"})


class _Clause(msgspec.Struct, frozen=True):
    type: str
    subtype: str
    q: float
    params: dict[str, str]


def _clauses(header: str) -> list[_Clause]:
    """The clauses of an Accept header, best first (goautoneg's order: ``q``,
    then concrete types before ``*``; equal clauses keep their order)."""
    out: list[_Clause] = []
    for part in header.split(","):
        media, *raw_params = part.strip().split(";")
        kind, slash, subtype = media.strip().partition("/")
        kind, subtype = kind.strip().lower(), subtype.strip().lower()
        if not slash:
            if kind != "*":
                continue
            subtype = "*"
        elif "/" in subtype:
            continue
        q, params = 1.0, {}
        for raw in raw_params:
            key, eq, value = raw.partition("=")
            if not eq:
                continue
            key = key.strip()
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0  # Go's ParseFloat error leaves 0
            else:
                params[key] = value.strip()
        out.append(_Clause(kind, subtype, q, params))
    out.sort(key=lambda c: (-c.q, c.type == "*", c.subtype == "*"))
    return out


def _matches(clause: _Clause, kind: str, subtype: str) -> bool:
    return clause.type == "*" or (clause.type == kind and clause.subtype in (subtype, "*"))


def negotiate(accept: str, include_object: str | None = None) -> TableRequest | None:
    """The Table the ``Accept`` header asks for, or None for plain JSON.

    ``include_object`` is the request's ``includeObject`` query parameter; it
    is checked only when a Table is asked for (a 400 otherwise, as the
    apiserver answers).
    """
    if not accept.strip():
        return None
    for clause in _clauses(accept):
        for kind, subtype in _SERVED:
            if not _matches(clause, kind, subtype):
                continue
            wanted = _conversion(clause.params)
            if wanted is None:
                return None
            if wanted == "Table" and subtype in _TABLE_SUBTYPES:
                version = clause.params.get("v", "")
                return TableRequest(version=version, include_object=_include(include_object))
    return None


def _conversion(params: dict[str, str]) -> str | None:
    """``Table`` for a Table in meta.k8s.io v1/v1beta1, None for no conversion,
    ``""`` for a conversion podd cannot do (the clause is skipped)."""
    kind, group, version = params.get("as"), params.get("g"), params.get("v")
    if kind is None and group is None and version is None:
        return None
    if kind == "Table" and group == GROUP and version in VERSIONS:
        return "Table"
    return ""


def _include(value: str | None) -> IncludeObject:
    if value in (None, "", "Metadata"):
        return "Metadata"
    if value == "None":
        return "None"
    if value == "Object":
        return "Object"
    cause = invalid("includeObject", value, "must be 'Metadata', 'Object', 'None', or empty")
    raise APIError(
        st.bad_request(f"Unable to convert to Table as requested: {error_string(cause)}")
    )
