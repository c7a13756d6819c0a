"""Data for container env and volumes: ConfigMap/Secret contents, node
allocatable (the default of a resourceFieldRef without a limit)."""

from __future__ import annotations

import base64
import binascii
import os

import msgspec


class _Data(msgspec.Struct):
    data: dict[str, str] | None = None
    binary_data: dict[str, str] | None = msgspec.field(default=None, name="binaryData")


def decode_data(kind: str, raw: bytes) -> dict[str, str]:
    """The string data of a stored ConfigMap or Secret (secrets are base64)."""
    obj = msgspec.json.decode(raw, type=_Data)
    data = dict(obj.data or {})
    if kind == "Secret":
        out = {}
        for k, v in data.items():
            try:
                out[k] = base64.b64decode(v).decode("utf-8", errors="replace")
            except (binascii.Error, ValueError):
                out[k] = v
        return out
    return data


def node_allocatable() -> dict[str, str]:
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return {"cpu": str(os.cpu_count() or 1), "memory": str(pages), "ephemeral-storage": "0"}
