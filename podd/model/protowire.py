"""Request bodies in Kubernetes' protobuf encoding
(``application/vnd.kubernetes.protobuf``), read into the JSON shape the
model's decoder takes.

kubectl >= 1.32 sends its typed clients' bodies this way (``create
configmap``, ``create namespace``, ``auth can-i``, ``auth whoami``). A body
is the magic ``k8s\\0`` and a ``runtime.Unknown`` message: ``typeMeta``
(apiVersion, kind), ``raw`` (the object's own message), ``contentEncoding``,
``contentType``. The object's message is read with a table per message type
(:data:`Message`: field number → wire name, type; the kinds' tables are in
:mod:`.protokinds`). Go's generated code writes every optional scalar, empty
or not: an empty string, a false, a zero or an empty timestamp is left out,
as JSON's ``omitempty`` leaves them out; ``bytes`` become base64 as in JSON.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any

from podd.model.errors import BodyError
from podd.model.timeutil import format_rfc3339

__all__ = [
    "MAGIC",
    "OBJECT_META",
    "PROTOBUF",
    "Field",
    "Message",
    "decode_object",
    "read_message",
    "type_meta",
]

PROTOBUF = "application/vnd.kubernetes.protobuf"
MAGIC = b"k8s\x00"

# Field types: scalars, bytes, a nested message, a map<string, string or
# bytes>, a timestamp.
STRING, BYTES, BOOL, INT, MESSAGE, TIME = "string", "bytes", "bool", "int", "message", "time"
STRING_MAP, BYTES_MAP = "map", "bytes-map"
INT_OR_STRING = "int-or-string"  # intstr.IntOrString: {type, intVal, strVal}


@dataclass(frozen=True)
class Field:
    name: str  # the JSON name
    type: str
    message: Message | None = None  # for MESSAGE
    repeated: bool = False


Message = dict[int, Field]

_TYPE_META: Message = {1: Field("apiVersion", STRING), 2: Field("kind", STRING)}
OBJECT_META: Message = {
    1: Field("name", STRING),
    2: Field("generateName", STRING),
    3: Field("namespace", STRING),
    4: Field("selfLink", STRING),
    5: Field("uid", STRING),
    6: Field("resourceVersion", STRING),
    7: Field("generation", INT),
    8: Field("creationTimestamp", TIME),
    9: Field("deletionTimestamp", TIME),
    10: Field("deletionGracePeriodSeconds", INT),
    11: Field("labels", STRING_MAP),
    12: Field("annotations", STRING_MAP),
    14: Field("finalizers", STRING, repeated=True),
}


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise BodyError("the protobuf body is truncated or malformed (varint)")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def _fields(data: bytes) -> list[tuple[int, int, Any]]:
    """(number, wire type, value) of each field: an int, or the bytes of a
    length-delimited one."""
    out: list[tuple[int, int, Any]] = []
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        value: Any
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 2:
            size, pos = _varint(data, pos)
            if pos + size > len(data):
                raise BodyError("the protobuf body is truncated or malformed (length)")
            value, pos = data[pos : pos + size], pos + size
        elif wire in (1, 5):
            width = 8 if wire == 1 else 4
            value, pos = int.from_bytes(data[pos : pos + width], "little"), pos + width
        else:
            raise BodyError(f"the protobuf body has an unsupported wire type {wire}")
        out.append((number, wire, value))
    return out


def _text(value: Any, name: str) -> str:
    if not isinstance(value, bytes):
        raise BodyError(f"the protobuf field {name} is not a string")
    try:
        return value.decode()
    except UnicodeDecodeError:
        raise BodyError(f"the protobuf field {name} is not UTF-8") from None


def _base64(value: Any, name: str) -> str:
    if not isinstance(value, bytes):
        raise BodyError(f"the protobuf field {name} is not bytes")
    return base64.b64encode(value).decode()


def _time(value: bytes) -> str | None:
    seconds = next((v for n, w, v in _fields(value) if n == 1 and w == 0), 0)
    if not seconds:
        return None  # Go's zero time is written as an empty Timestamp
    return format_rfc3339(dt.datetime.fromtimestamp(seconds, dt.UTC))


def _value(f: Field, wire: int, value: Any) -> Any:
    if f.type == STRING:
        return _text(value, f.name)
    if f.type == BYTES:
        return _base64(value, f.name)
    if f.type in (BOOL, INT):
        if wire != 0:
            raise BodyError(f"the protobuf field {f.name} is not a varint")
        signed = value - (1 << 64) if value >= 1 << 63 else value
        return bool(signed) if f.type == BOOL else signed
    if not isinstance(value, bytes):
        raise BodyError(f"the protobuf field {f.name} is not a message")
    if f.type == TIME:
        return _time(value)
    if f.type == INT_OR_STRING:
        parts = {n: v for n, _, v in _fields(value)}
        if parts.get(1, 0) == 1:
            return _text(parts.get(3, b""), f.name)
        number = parts.get(2, 0)
        return number - (1 << 64) if isinstance(number, int) and number >= 1 << 63 else number
    if f.type in (STRING_MAP, BYTES_MAP):
        entry = dict((n, v) for n, _, v in _fields(value))
        key = _text(entry.get(1, b""), f.name)
        raw = entry.get(2, b"")
        return key, _base64(raw, f.name) if f.type == BYTES_MAP else _text(raw, f.name)
    assert f.message is not None
    return read_message(value, f.message)


def read_message(data: bytes, message: Message) -> dict[str, Any]:
    """The JSON object of one message; zero values left out (``omitempty``)."""
    out: dict[str, Any] = {}
    for number, wire, value in _fields(data):
        f = message.get(number)
        if f is None:
            raise BodyError(f"the protobuf body has a field ({number}) podd does not read")
        decoded = _value(f, wire, value)
        if f.type in (STRING_MAP, BYTES_MAP):
            out.setdefault(f.name, {})[decoded[0]] = decoded[1]
        elif f.repeated:
            out.setdefault(f.name, []).append(decoded)
        elif decoded not in ("", 0, False, None) or f.type == MESSAGE:
            out[f.name] = decoded
    return out


def _envelope(body: bytes) -> dict[int, bytes]:
    if not body.startswith(MAGIC):
        raise BodyError("the protobuf body does not start with the Kubernetes magic 'k8s\\x00'")
    envelope = {n: v for n, w, v in _fields(body[len(MAGIC) :]) if w == 2}
    content_encoding = _text(envelope.get(3, b""), "contentEncoding")
    if content_encoding:
        raise BodyError(f"the protobuf body's contentEncoding {content_encoding!r} is unsupported")
    return envelope


def type_meta(body: bytes) -> dict[str, Any]:
    """The apiVersion and kind the body's envelope names (checked before the
    object is read with the message of the kind expected)."""
    return read_message(_envelope(body).get(1, b""), _TYPE_META)


def decode_object(body: bytes, message: Message) -> dict[str, Any]:
    """A protobuf request body as the JSON object it stands for (apiVersion
    and kind from its envelope)."""
    envelope = _envelope(body)
    obj = read_message(envelope.get(1, b""), _TYPE_META)
    return {**obj, **read_message(envelope.get(2, b""), message)}
