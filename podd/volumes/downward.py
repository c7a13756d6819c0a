"""The downward API as files: pod fields and container resources, formatted as the kubelet does.

* ``fieldRef``: ``metadata.name``, ``metadata.namespace``, ``metadata.uid``;
  ``metadata.labels`` / ``metadata.annotations`` as ``key="value"`` lines
  sorted by key (values quoted like Go's ``%q``), no final newline;
  ``metadata.labels['k']`` / ``metadata.annotations['k']``: the value.
* ``resourceFieldRef``: ``limits.cpu`` etc. of the named container divided by
  ``divisor`` (default 1) and rounded up; an unset limit is the node's
  allocatable amount (cpu cores, memory and ephemeral-storage bytes), as in
  Kubernetes; an unset request is 0.
"""

from __future__ import annotations

import math
import posixpath
from collections.abc import Mapping, Sequence
from decimal import ROUND_CEILING, Decimal

from podd.model.container import Container, Quantity, ResourceFieldSelector
from podd.model.pod import Pod
from podd.model.quantity import QuantityError, parse_quantity
from podd.model.volume import DownwardAPIVolumeFile
from podd.volumes.atomic_writer import FileProjection, Payload
from podd.volumes.errors import ProjectionError

__all__ = [
    "downward_payload",
    "field_value",
    "format_map",
    "go_quote",
    "resource_value",
]


_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}


def go_quote(value: str) -> str:
    """``strconv.Quote``: printable characters kept, the others escaped."""
    out = ['"']
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x80:
            out.append(f"\\x{ord(ch):02x}")
        elif 0xD800 <= ord(ch) <= 0xDFFF:  # a lone surrogate: invalid UTF-8 in Go
            out.append("\\ufffd")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def format_map(values: Mapping[str, str] | None) -> str:
    """``fieldpath.FormatMap``: ``k="v"`` lines in key order, no final newline."""
    items = values or {}
    return "\n".join(f"{key}={go_quote(items[key])}" for key in sorted(items))


def _subscript(path: str) -> tuple[str, str] | None:
    """``metadata.labels['app']`` → ``("metadata.labels", "app")``."""
    open_at = path.find("['")
    if open_at < 0 or not path.endswith("']"):
        return None
    return path[:open_at], path[open_at + 2 : -2]


def field_value(pod: Pod, field_path: str) -> str:
    """The kubelet's ``ExtractFieldPathAsString`` for a volume file."""
    meta = pod.metadata
    sub = _subscript(field_path)
    if sub is not None:
        base, key = sub
        if base == "metadata.annotations":
            return (meta.annotations or {}).get(key, "")
        if base == "metadata.labels":
            return (meta.labels or {}).get(key, "")
        raise ProjectionError(f"fieldPath {field_path!r} does not support subscript")
    if field_path == "metadata.annotations":
        return format_map(meta.annotations)
    if field_path == "metadata.labels":
        return format_map(meta.labels)
    if field_path == "metadata.name":
        return meta.name or ""
    if field_path == "metadata.namespace":
        return meta.namespace or ""
    if field_path == "metadata.uid":
        return meta.uid or ""
    raise ProjectionError(f"unsupported fieldPath: {field_path}")


def _find_container(pod: Pod, name: str) -> Container:
    for ctr in [*pod.spec.containers, *(pod.spec.init_containers or ())]:
        if ctr.name == name:
            return ctr
    raise ProjectionError(f"container {name} not found")


def _q(value: Quantity, what: str) -> Decimal:
    try:
        return parse_quantity(value)
    except QuantityError as exc:
        raise ProjectionError(f"invalid {what} {value!r}: {exc}") from None


def _ceil_div(value: Decimal, divisor: Decimal) -> str:
    if divisor == 0:
        raise ProjectionError("divisor must not be zero")
    return str(int((value / divisor).to_integral_value(rounding=ROUND_CEILING)))


def _milli(value: Decimal) -> Decimal:
    """``Quantity.MilliValue``: thousandths, rounded up."""
    return Decimal(math.ceil(value * 1000))


def _whole(value: Decimal) -> Decimal:
    """``Quantity.Value``: rounded up to an integer."""
    return Decimal(math.ceil(value))


def resource_value(
    pod: Pod, selector: ResourceFieldSelector, allocatable: Mapping[str, Quantity] | None = None
) -> str:
    """The kubelet's ``ExtractResourceValueByContainerNameAndNodeAllocatable``."""
    ctr = _find_container(pod, selector.container_name or "")
    divisor = _q(selector.divisor, "divisor") if selector.divisor is not None else Decimal(0)
    if divisor == 0:
        divisor = Decimal(1)
    kind, _, name = selector.resource.partition(".")
    if kind not in ("limits", "requests") or not name:
        raise ProjectionError(f"unsupported container resource : {selector.resource}")
    if name not in ("cpu", "memory", "ephemeral-storage") and not name.startswith("hugepages-"):
        raise ProjectionError(f"unsupported container resource : {selector.resource}")
    resources = ctr.resources
    values = (
        (resources.limits if kind == "limits" else resources.requests) if resources else None
    ) or {}
    raw = values.get(name)
    if raw is None and kind == "limits" and name in ("cpu", "memory", "ephemeral-storage"):
        raw = (allocatable or {}).get(name)
    amount = _q(raw, selector.resource) if raw is not None else Decimal(0)
    if name == "cpu":
        return _ceil_div(_milli(amount), _milli(divisor))
    return _ceil_div(_whole(amount), _whole(divisor))


def downward_payload(
    items: Sequence[DownwardAPIVolumeFile],
    pod: Pod,
    default_mode: int,
    allocatable: Mapping[str, Quantity] | None = None,
) -> Payload:
    """The files of a downwardAPI volume or projection (the kubelet's ``CollectData``)."""
    payload: Payload = {}
    errors: list[str] = []
    for item in items:
        path = posixpath.normpath(item.path)
        mode = item.mode if item.mode is not None else default_mode
        data = b""
        try:
            if item.field_ref is not None:
                data = field_value(pod, item.field_ref.field_path).encode()
            elif item.resource_field_ref is not None:
                data = resource_value(pod, item.resource_field_ref, allocatable).encode()
        except ProjectionError as exc:
            errors.append(exc.message)
        payload[path] = FileProjection(data, mode)
    if errors:
        raise ProjectionError(errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]")
    return payload
