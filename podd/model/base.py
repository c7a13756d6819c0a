"""The base of every model Struct and the package's one JSON encoder.

Conventions shared by all of ``podd.model``:

* every Struct derives from :class:`K8sStruct`: camelCase wire names,
  unknown fields rejected, fields equal to their default left out of the JSON;
* optional fields default to ``None`` so that an unset field never appears as
  ``null`` on the wire;
* fields that Kubernetes always serializes (Go fields without ``omitempty``,
  ``apiVersion``/``kind`` of top-level objects, ``items`` of lists,
  ``ready``/``restartCount`` of a container status ...) use :func:`always`,
  whose default is encoded even when unchanged.
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

__all__ = [
    "K8sStruct",
    "always",
    "always_list",
    "decode_json",
    "encode",
    "json_encoder",
    "to_builtins",
]

T = TypeVar("T")


class K8sStruct(
    msgspec.Struct,
    rename="camel",
    omit_defaults=True,
    forbid_unknown_fields=True,
):
    """Base of every Kubernetes-shaped Struct."""


def always(value: T, *, name: str | None = None) -> T:
    """A field default that is encoded even when the value equals it.

    msgspec only omits a factory default when the factory is a builtin
    container (``list``, ``dict`` ...) and the value is empty; any other factory
    makes the field always present, which is what Kubernetes does for fields
    declared without ``omitempty``. ``value`` must be immutable (it is shared).
    """
    if name is None:
        return msgspec.field(default_factory=lambda: value)
    return msgspec.field(default_factory=lambda: value, name=name)


def always_list() -> Any:
    """A list field that is encoded even when empty (``"items": []``)."""
    return msgspec.field(default_factory=lambda: [])


def _enc_hook(obj: Any) -> Any:
    raise NotImplementedError(f"cannot encode objects of type {type(obj).__name__}")


json_encoder = msgspec.json.Encoder(enc_hook=_enc_hook)


def encode(obj: Any) -> bytes:
    """Encode ``obj`` (a Struct, or builtins) as compact JSON."""
    return json_encoder.encode(obj)


def decode_json(data: bytes | str, typ: type[T]) -> T:
    """Decode trusted JSON (e.g. from the store) straight into ``typ``.

    Request bodies go through :func:`podd.model.codec.decode_body` instead,
    which reports unknown fields and type errors the Kubernetes way.
    """
    return msgspec.json.decode(data, type=typ)


def to_builtins(obj: Any) -> Any:
    """``obj`` as plain dicts/lists with wire (camelCase) names, defaults omitted."""
    return msgspec.to_builtins(obj)
