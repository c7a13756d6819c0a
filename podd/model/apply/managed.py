"""``metadata.managedFields`` ⇄ managers: the apiserver's encoding.

Each entry is a ``ManagedFieldsEntry`` (manager, operation ``Apply`` or
``Update``, apiVersion, time, fieldsType ``FieldsV1``, fieldsV1,
subresource). Entries are keyed by an identifier, the JSON of the entry
without its time and fields (and without apiVersion for an Apply), so one
manager may hold an Apply and an Update entry. Written sorted as the
apiserver sorts them: Apply before Update, then oldest first, then by name.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, NamedTuple

from podd.model.apply.fieldset import from_fields_v1, to_fields_v1
from podd.model.apply.path import PathError
from podd.model.apply.updater import Managers, VersionedSet

__all__ = [
    "APPLY",
    "UPDATE",
    "Managed",
    "ManagedFieldsError",
    "decode",
    "encode",
    "identifier",
    "is_reset",
    "manager_label",
]

APPLY, UPDATE = "Apply", "Update"
FIELDS_V1 = "FieldsV1"


class ManagedFieldsError(ValueError):
    """Entries that do not decode."""


class Managed(NamedTuple):
    fields: Managers
    times: dict[str, str | None]  # RFC 3339, as written


def identifier(manager: str, operation: str, api_version: str = "", subresource: str = "") -> str:
    """``BuildManagerIdentifier``: Go's JSON of the entry's identifying fields."""
    entry: dict[str, str] = {"manager": manager, "operation": operation}
    if operation != APPLY and api_version:
        entry["apiVersion"] = api_version
    if subresource:
        entry["subresource"] = subresource
    return json.dumps(entry, separators=(",", ":"), ensure_ascii=False)


def manager_label(ident: str) -> str:
    """How a conflict names a manager: ``"kubectl" `` or ``"kubectl-edit" using v1``."""
    entry = json.loads(ident)
    name = json.dumps(entry.get("manager", ""), ensure_ascii=False)
    if entry.get("operation") == UPDATE:
        return f"{name} using {entry.get('apiVersion', '')}"
    return name


def is_reset(entries: Any) -> bool:
    """``[]`` or ``[{}]``: a request clearing managedFields (None keeps them)."""
    if not isinstance(entries, list):
        return False
    return not entries or (len(entries) == 1 and entries[0] == {})


def seconds(time: str | None) -> int:
    if not time:
        return 0
    try:
        return int(datetime.fromisoformat(time).timestamp())
    except ValueError:
        return 0


def decode(entries: Any) -> Managed:
    """Managers from a managedFields list (None: none); ManagedFieldsError when invalid."""
    managed = Managed({}, {})
    if entries is None:
        return managed
    if not isinstance(entries, list):
        raise ManagedFieldsError("managedFields must be a list")
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ManagedFieldsError(f"managed fields entry {i} is not an object")
        operation = entry.get("operation")
        if operation not in (APPLY, UPDATE):
            raise ManagedFieldsError("operation must be `Apply` or `Update`")
        api_version = entry.get("apiVersion")
        if not isinstance(api_version, str) or not api_version:
            raise ManagedFieldsError("apiVersion must not be empty")
        fields_type = entry.get("fieldsType")
        if fields_type != FIELDS_V1:
            raise ManagedFieldsError(f"invalid fieldsType {fields_type!r} in entry {i}")
        manager, sub, time = (
            entry.get("manager", ""),
            entry.get("subresource", ""),
            entry.get("time"),
        )
        if not isinstance(manager, str) or not isinstance(sub, str):
            raise ManagedFieldsError(f"invalid manager in entry {i}")
        if time is not None and (not isinstance(time, str) or not _valid_time(time)):
            raise ManagedFieldsError(f"invalid time in entry {i}")
        try:
            paths = from_fields_v1(entry.get("fieldsV1", {}))
        except PathError as exc:
            raise ManagedFieldsError(f"entry {i}: {exc}") from None
        ident = identifier(manager, operation, api_version, sub)
        managed.fields[ident] = VersionedSet(paths, api_version, operation == APPLY)
        managed.times[ident] = time
    return managed


def _valid_time(time: str) -> bool:
    try:
        datetime.fromisoformat(time)
    except ValueError:
        return False
    return True


def encode(managed: Managed) -> list[dict[str, Any]] | None:
    """The managedFields list (None when nobody manages anything)."""
    entries = []
    for ident, vs in managed.fields.items():
        base = json.loads(ident)
        entry: dict[str, Any] = {
            "manager": base.get("manager", ""),
            "operation": APPLY if vs.applied else base.get("operation", UPDATE),
            "apiVersion": vs.api_version,
        }
        time = managed.times.get(ident)
        if time:
            entry["time"] = time
        entry["fieldsType"] = FIELDS_V1
        entry["fieldsV1"] = to_fields_v1(vs.paths)
        if base.get("subresource"):
            entry["subresource"] = base["subresource"]
        entries.append(entry)
    entries.sort(
        key=lambda e: (
            e["operation"],
            seconds(e.get("time")),
            e["manager"],
            e["apiVersion"],
            e.get("subresource", ""),
        )
    )
    return entries or None
