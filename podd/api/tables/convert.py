"""JSON answers turned into Tables: a list, one object, a watch stream.

Each takes the bytes podd would have sent as plain JSON, so the handlers
change only in which bytes they send. As the apiserver: a list's Table keeps
its ``resourceVersion`` and ``continue``, one object's its own
``resourceVersion``; a watch sends one Table per event with the column
definitions in the first only (``kubectl get -w`` prints the header once),
ERROR events' Status as it is, and a BOOKMARK as a Table without rows
carrying the bookmark's ``resourceVersion``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import msgspec

from podd.api.tables.printer import Printer
from podd.api.tables.registry import printer_for
from podd.api.tables.table import PartialObjectMetadata, Table, TableRequest, TableRow
from podd.model.base import encode
from podd.model.meta import ListMeta

__all__ = ["list_table", "object_table", "watch_tables"]


class _Envelope(msgspec.Struct):
    metadata: msgspec.Raw = msgspec.Raw(b"{}")


class _Version(msgspec.Struct, rename="camel"):
    resource_version: str | None = None


class _List(msgspec.Struct):
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    items: list[msgspec.Raw] = msgspec.field(default_factory=list)


class _WatchEvent(msgspec.Struct):
    type: str
    object: msgspec.Raw


_envelope = msgspec.json.Decoder(_Envelope)
_version = msgspec.json.Decoder(_Version)
_list = msgspec.json.Decoder(_List)
_event = msgspec.json.Decoder(_WatchEvent)


def _row_object(data: bytes, req: TableRequest) -> msgspec.Raw | None:
    if req.include_object == "None":
        return None
    if req.include_object == "Object":
        return msgspec.Raw(data)
    meta = _envelope.decode(data).metadata
    return msgspec.Raw(encode(PartialObjectMetadata(api_version=req.api_version, metadata=meta)))


def _row(printer: Printer[Any], data: bytes, req: TableRequest, now: datetime) -> TableRow:
    obj = printer.decode(data)
    return TableRow(
        cells=printer.cells(obj, now),
        conditions=printer.conditions(obj),
        object=_row_object(data, req),
    )


def _table(
    printer: Printer[Any], rows: list[TableRow], meta: ListMeta, req: TableRequest, headers: bool
) -> bytes:
    table = Table(
        api_version=req.api_version,
        metadata=meta,
        column_definitions=list(printer.columns) if headers else None,
        rows=rows,
    )
    return encode(table)


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def list_table(kind: str, data: bytes, req: TableRequest, now: datetime | None = None) -> bytes:
    """A ``…List`` (JSON) as a Table with a row per item."""
    printer, at = printer_for(kind), _now(now)
    listed = _list.decode(data)
    rows = [_row(printer, bytes(item), req, at) for item in listed.items]
    meta = ListMeta(
        resource_version=listed.metadata.resource_version,
        continue_=listed.metadata.continue_,
        remaining_item_count=listed.metadata.remaining_item_count,
    )
    return _table(printer, rows, meta, req, headers=True)


def _object_meta(data: bytes) -> ListMeta:
    rv = _version.decode(_envelope.decode(data).metadata).resource_version
    return ListMeta(resource_version=rv)


def object_table(
    kind: str,
    data: bytes,
    req: TableRequest,
    now: datetime | None = None,
    *,
    headers: bool = True,
) -> bytes:
    """One object (JSON) as a Table of one row."""
    printer = printer_for(kind)
    row = _row(printer, data, req, _now(now))
    return _table(printer, [row], _object_meta(data), req, headers)


def _event_line(type_: str, obj: bytes) -> bytes:
    return encode(_WatchEvent(type_, msgspec.Raw(obj))) + b"\n"


async def watch_tables(
    kind: str, events: AsyncIterator[bytes], req: TableRequest
) -> AsyncIterator[bytes]:
    """A watch stream (newline-delimited events) with each object as a Table.

    Closing this stream closes ``events`` (the watch's subscription with it).
    """
    printer = printer_for(kind)
    headers = True
    try:
        async for chunk in events:
            out: list[bytes] = []
            for line in chunk.splitlines():
                if not line.strip():
                    continue
                event = _event.decode(line)
                data = bytes(event.object)
                if event.type == "ERROR":
                    table = data  # a Status stays a Status
                elif event.type == "BOOKMARK":
                    table = _table(printer, [], _object_meta(data), req, headers)
                else:
                    table = object_table(kind, data, req, headers=headers)
                headers = False
                out.append(_event_line(event.type, table))
            if out:
                yield b"".join(out)
    finally:
        aclose = getattr(events, "aclose", None)  # an async generator's
        if aclose is not None:
            await aclose()
