"""CDI names: a kind ``vendor.com/class``, a device name, a fully qualified
device ``vendor.com/class=name``, and the ``cdi.k8s.io/...`` annotations that
ask for devices (pure).

The character rules are the CDI specification's: a vendor starts with a
letter, ends with a letter or digit and has letters, digits, ``-``, ``_``
and ``.``; a class has the same without ``.``; a device name starts and ends
with a letter or digit and has letters, digits, ``-``, ``_``, ``.`` and ``:``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from podd.cdi.errors import CDIError

__all__ = [
    "ANNOTATION_PREFIX",
    "parse_annotations",
    "parse_kind",
    "parse_qualified",
    "qualified",
    "validate_device_name",
    "validate_kind",
]

ANNOTATION_PREFIX = "cdi.k8s.io/"

_VENDOR = re.compile(r"[A-Za-z](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?")
_CLASS = re.compile(r"[A-Za-z](?:[A-Za-z0-9_-]*[A-Za-z0-9])?")
_DEVICE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.:-]*[A-Za-z0-9])?")


def parse_kind(kind: str) -> tuple[str, str]:
    """``"vendor.com/class"`` -> ``("vendor.com", "class")``; CDIError if bad."""
    vendor, slash, cls = kind.partition("/")
    if not slash:
        raise CDIError(f"invalid kind {kind!r}: want vendor.com/class")
    if not _VENDOR.fullmatch(vendor):
        raise CDIError(f"invalid vendor {vendor!r} in kind {kind!r}")
    if not _CLASS.fullmatch(cls):
        raise CDIError(f"invalid class {cls!r} in kind {kind!r}")
    return vendor, cls


def validate_kind(kind: str) -> str:
    parse_kind(kind)
    return kind


def validate_device_name(name: str) -> str:
    if not _DEVICE.fullmatch(name):
        raise CDIError(
            f"invalid device name {name!r}: letters, digits, '-', '_', '.' and ':' "
            "starting and ending with a letter or digit"
        )
    return name


def parse_qualified(name: str) -> tuple[str, str, str]:
    """``"vendor.com/class=dev"`` -> ``("vendor.com", "class", "dev")``;
    CDIError naming the device when it is not a qualified CDI device name."""
    kind, eq, device = name.partition("=")
    if not eq:
        raise CDIError(f"invalid CDI device {name!r}: want vendor.com/class=name")
    try:
        vendor, cls = parse_kind(kind)
        validate_device_name(device)
    except CDIError as err:
        raise CDIError(f"invalid CDI device {name!r}: {err}") from None
    return vendor, cls, device


def qualified(kind: str, device: str) -> str:
    """``("nvidia.com/gpu", "0")`` -> ``"nvidia.com/gpu=0"``."""
    return f"{kind}={device}"


def parse_annotations(annotations: Mapping[str, str]) -> list[str]:
    """The devices the ``cdi.k8s.io/<anything>`` annotations ask for: each
    value split on ``,`` and stripped, validated (CDIError names the key),
    each device once, in the annotations' order."""
    out: list[str] = []
    for key, value in annotations.items():
        if not key.startswith(ANNOTATION_PREFIX):
            continue
        if not key[len(ANNOTATION_PREFIX) :]:
            raise CDIError(f"annotation {key!r}: empty name after {ANNOTATION_PREFIX}")
        for part in value.split(","):
            device = part.strip()
            try:
                parse_qualified(device)
            except CDIError as err:
                raise CDIError(f"annotation {key!r}: {err}") from None
            if device not in out:
                out.append(device)
    return out
