"""A printer: the columns of one kind and how an object fills them.

As the apiserver's ``pkg/printers`` handlers, a printer always fills every
column (``-o wide`` ones included, marked ``priority`` 1): the client picks
what to show. Kinds without a printer of their own get the apiserver's
default one (``Name``, ``Created At``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

import msgspec

from podd.api.tables.table import Cell, TableColumnDefinition, TableRowCondition
from podd.model.timeutil import format_rfc3339, parse_rfc3339

__all__ = [
    "AGE_DOC",
    "DEFAULT_PRINTER",
    "NAME_DOC",
    "Printer",
    "age_column",
    "name_column",
]

T = TypeVar("T")

# ObjectMeta's own descriptions (its swagger docs), which the apiserver reuses.
NAME_DOC = (
    "Name must be unique within a namespace. Is required when creating resources, although "
    "some resources may allow a client to request the generation of an appropriate name "
    "automatically. Name is primarily intended for creation idempotence and configuration "
    "definition. Cannot be updated. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
)
AGE_DOC = (
    "CreationTimestamp is a timestamp representing the server time when this object was "
    "created. It is not guaranteed to be set in happens-before order across separate "
    "operations. Clients may not set this value. It is represented in RFC3339 form and is in "
    "UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
)


def name_column(priority: int = 0) -> TableColumnDefinition:
    return TableColumnDefinition("Name", "string", "name", NAME_DOC, priority)


def age_column() -> TableColumnDefinition:
    return TableColumnDefinition("Age", "string", "", AGE_DOC)


def _no_conditions(_: Any) -> list[TableRowCondition] | None:
    return None


@dataclass(frozen=True)
class Printer(Generic[T]):
    """``struct`` is what a stored object decodes into for ``cells``."""

    struct: type[T]
    columns: tuple[TableColumnDefinition, ...]
    cells: Callable[[T, datetime], list[Cell]]
    conditions: Callable[[T], list[TableRowCondition] | None] = _no_conditions

    def decode(self, data: bytes) -> T:
        return msgspec.json.decode(data, type=self.struct)


# -- the default printer (the apiserver's defaultTableConvertor) -------------
class _Meta(msgspec.Struct, rename="camel"):
    name: str = ""
    creation_timestamp: str | None = None


class _Object(msgspec.Struct):
    metadata: _Meta = msgspec.field(default_factory=_Meta)


def _created_at(timestamp: str | None) -> str:
    # Go formats the zero time when it is unset.
    if not timestamp:
        return "0001-01-01T00:00:00Z"
    try:
        return format_rfc3339(parse_rfc3339(timestamp))
    except ValueError:
        return timestamp


def _default_cells(obj: _Object, _now: datetime) -> list[Cell]:
    return [obj.metadata.name, _created_at(obj.metadata.creation_timestamp)]


DEFAULT_PRINTER: Printer[_Object] = Printer(
    struct=_Object,
    columns=(
        name_column(),
        TableColumnDefinition("Created At", "date", "", AGE_DOC),
    ),
    cells=_default_cells,
)
