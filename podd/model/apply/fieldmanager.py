"""The apiserver's field manager: managedFields upkeep on create, update and
patch, and server-side apply.

:class:`FieldManager` is what a resource type holds (its Struct, kind and
reset fields). Its two operations are pure: they take the live object and the
new one (or the applied configuration) as JSON, and the time, and return the
managedFields (and for an apply the object):

* :meth:`FieldManager.update` — after a create (``live`` None), PUT or
  non-apply PATCH: the manager owns what it changed, others lose it. An
  object that has no managedFields stays untracked, as on the apiserver; a
  request may set them (``[]`` or ``[{}]`` clears them).
* :meth:`FieldManager.apply` — server-side apply: the configuration merged
  in, the applier owning exactly what it sets; fields another manager owns
  with another value are conflicts (:class:`~podd.model.apply.conflict.ApplyConflict`)
  unless forced. For the manager ``kubectl``, conflicts with values that the
  ``last-applied-configuration`` annotation shows were applied client-side
  are no conflicts (kubectl's migration from client-side apply), and the
  annotation keeps following what is applied.

The wrappers of the apiserver's chain are the private functions below, named
after theirs (stripMeta, managedFieldsUpdater, skipNonApplied, capManagers,
lastAppliedManager, lastAppliedUpdater).
"""

from __future__ import annotations

import copy
import functools
import json
import unicodedata
from typing import Any

import msgspec

from podd.model import field as f
from podd.model.apply import updater
from podd.model.apply.conflict import ApplyConflict
from podd.model.apply.managed import (
    APPLY,
    UPDATE,
    Managed,
    ManagedFieldsError,
    decode,
    encode,
    identifier,
    is_reset,
    seconds,
)
from podd.model.apply.path import FieldSet, field, go_json
from podd.model.apply.path import Path as FieldPath
from podd.model.apply.schema import MISSING, Ref, TypedError, root
from podd.model.apply.typed import compare, to_field_set, undeclared_fields
from podd.model.errors import BodyError
from podd.model.field import Path, StatusCause
from podd.model.typeinfo import struct_fields

__all__ = [
    "FIELD_MANAGER_MAX_LENGTH",
    "LAST_APPLIED",
    "FieldManager",
    "field_manager_causes",
    "field_manager_for",
    "manager_from_user_agent",
]

FIELD_MANAGER_MAX_LENGTH = 128
MAX_UPDATE_MANAGERS = 10
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
_ANNOTATIONS_MAX = 256 * 1024
_CURRENT = "current-operation"


def _meta(*names: str) -> FieldPath:
    return tuple(field(n) for n in names)


# Identity and bookkeeping nobody owns (stripMetaManager).
STRIP: FieldSet = frozenset(
    [_meta("apiVersion"), _meta("kind"), _meta("metadata")]
    + [
        _meta("metadata", n)
        for n in (
            "name",
            "namespace",
            "creationTimestamp",
            "selfLink",
            "uid",
            "clusterName",
            "generation",
            "managedFields",
            "resourceVersion",
        )
    ]
)


def manager_from_user_agent(user_agent: str) -> str:
    """``prefixFromUserAgent``: what precedes the first ``/``, printable
    characters only, at most 128 bytes."""
    out, size = [], 0
    for ch in user_agent.split("/", 1)[0]:
        if not _printable(ch):
            continue
        size += len(ch.encode())
        if size > FIELD_MANAGER_MAX_LENGTH:
            break
        out.append(ch)
    return "".join(out)


def _printable(ch: str) -> bool:
    """Go's ``unicode.IsPrint``: letters, marks, numbers, punctuation, symbols, ASCII space."""
    return ch == " " or unicodedata.category(ch)[0] in "LMNPS"


def field_manager_causes(value: str) -> list[StatusCause]:
    """What ``ValidateFieldManager`` finds wrong with a fieldManager parameter."""
    path = Path("fieldManager")
    causes = []
    if len(value.encode()) > FIELD_MANAGER_MAX_LENGTH:
        causes.append(f.too_long(path, FIELD_MANAGER_MAX_LENGTH))
    for i, ch in enumerate(value):
        if not _printable(ch):
            at = len(value[:i].encode())  # Go counts bytes
            causes.append(
                f.invalid(path, value, f"invalid character U+{ord(ch):04X} (at position {at})")
            )
    return causes


class FieldManager:
    """Field management for one kind (``typ``), served as ``api_version``."""

    def __init__(
        self,
        typ: type[msgspec.Struct],
        *,
        kind: str,
        api_version: str = "v1",
        reset: tuple[str, ...] = (),
    ) -> None:
        self.typ = typ
        self.kind = kind
        self.version = api_version
        self.ref: Ref = root(typ)
        self.ignore: FieldSet = frozenset(_meta(*p.split(".")) for p in reset)
        self._empty = self._empty_object()

    def _empty_object(self) -> dict[str, Any]:
        """The new object the apiserver starts a create from, as Go writes its
        zero value (fields without omitempty present, e.g. a pod's containers)."""
        empty: dict[str, Any] = msgspec.to_builtins(self.typ())
        empty.pop("apiVersion", None)
        empty.pop("kind", None)
        spec = empty.get("spec")
        if isinstance(spec, dict) and self.kind == "Pod":
            spec["containers"] = None
        return empty

    # -------------------------------------------------------------- update
    def update(
        self,
        live: dict[str, Any] | None,
        new: dict[str, Any],
        *,
        requested: Any,
        manager: str,
        now: str,
        subresource: str = "",
    ) -> list[dict[str, Any]] | None:
        """The managedFields of ``new``, written over ``live`` (None: a create)
        by ``manager``; ``requested`` is what the request carried in
        ``metadata.managedFields``. On an object structured-merge-diff cannot
        place, the live object's managedFields are kept (UpdateNoErrors)."""
        live_entries = (live or {}).get("metadata", {}).get("managedFields")
        managed = self._live_or_new(live_entries, requested)
        if not managed.fields and live is not None:
            return None  # skipNonApplied: tracking starts on create or on the first apply
        try:
            managed = self._update(
                _strip_managed(live) if live is not None else self._empty,
                _strip_managed(new),
                managed,
                identifier(manager or "unknown", UPDATE, self.version, subresource),
                now,
            )
        except TypedError:
            return copy.deepcopy(live_entries)
        return encode(_cap(managed))

    def _live_or_new(self, live_entries: Any, requested: Any) -> Managed:
        if is_reset(requested):
            return Managed({}, {})
        try:
            managed = decode(requested)
        except ManagedFieldsError:
            managed = Managed({}, {})
        if managed.fields:
            return managed
        try:
            return decode(live_entries)
        except ManagedFieldsError:
            return Managed({}, {})

    def _update(self, live: Any, new: Any, managed: Managed, ident: str, now: str) -> Managed:
        """managedFieldsUpdater over stripMeta over structured merge."""
        fields = updater.update(
            live, new, self.ref, self.version, dict(managed.fields), _CURRENT, ignore=self.ignore
        )
        times = dict(managed.times)
        current = fields.pop(_CURRENT, None)
        if current is not None and current.paths - STRIP:
            prev = fields.get(ident)
            paths = current.paths - STRIP | (prev.paths if prev else frozenset())
            fields[ident] = current._replace(paths=paths)
            times[ident] = now
        return Managed(fields, times)

    # --------------------------------------------------------------- apply
    def apply(
        self,
        live: dict[str, Any] | None,
        config: dict[str, Any],
        *,
        manager: str,
        force: bool,
        now: str,
    ) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
        """``config`` applied to ``live`` (None: the object does not exist yet)
        by ``manager``: the new object (without managedFields) and its
        managedFields. Raises ApplyConflict, BodyError (a configuration of
        another kind, or carrying managedFields) or TypedError."""
        self.check_applied(config)
        base = _strip_managed(live) if live is not None else self._empty
        try:
            managed = decode((live or {}).get("metadata", {}).get("managedFields"))
        except ManagedFieldsError:
            managed = Managed({}, {})
        ident = identifier(manager, APPLY)
        try:
            obj, managed = self._apply(base, config, managed, ident, force=force, now=now)
        except updater.ConflictsError as exc:
            allowed = self._allowed_by_last_applied(base) if manager == "kubectl" else None
            conflicts = [c for c in exc.conflicts if allowed is None or c.path not in allowed]
            if conflicts:
                raise ApplyConflict(conflicts) from None
            obj, managed = self._apply(base, config, managed, ident, force=True, now=now)
        if manager == "kubectl":
            _follow_last_applied(obj, config)
        return obj, encode(managed)

    def check_applied(self, config: dict[str, Any]) -> None:
        """What the apiserver refuses in an applied configuration before any
        merge (BodyError): another kind, managedFields, and fields the types
        do not declare, whatever fieldValidation says (its typed conversion
        of the patch object; a 500 there, a 400 here: the client's mistake)."""
        self._check_config(config)
        errors = undeclared_fields(config, self.ref)
        if errors:
            meta: dict[str, Any] = m if isinstance(m := config.get("metadata"), dict) else {}
            group, _, version = self.version.rpartition("/")
            where = f"{meta.get('namespace') or ''}/{meta.get('name') or ''}"
            text = errors[0] if len(errors) == 1 else "\n  ".join(["errors:", *errors])
            raise BodyError(
                f"failed to create typed patch object ({where}; {group}/{version}, "
                f"Kind={self.kind}): {text}"
            )

    def _check_config(self, config: dict[str, Any]) -> None:
        version, kind = config.get("apiVersion"), config.get("kind")
        if version != self.version or kind != self.kind:
            group, _, ver = str(version or "").rpartition("/")
            raise BodyError(f"invalid object type: {group}/{ver}, Kind={kind or ''}")
        meta = config.get("metadata")
        if isinstance(meta, dict) and meta.get("managedFields") is not None:
            raise BodyError("metadata.managedFields must be nil")

    def _apply(
        self, live: Any, config: Any, managed: Managed, ident: str, *, force: bool, now: str
    ) -> tuple[dict[str, Any], Managed]:
        if not managed.fields:  # skipNonApplied: what is there so far is before-first-apply's
            before = identifier("before-first-apply", UPDATE, self.version)
            managed = self._update(self._empty, live, managed, before, now)
        obj, fields = updater.apply(
            live,
            config,
            self.ref,
            self.version,
            dict(managed.fields),
            ident,
            force=force,
            ignore=self.ignore,
        )
        times = dict(managed.times)
        if ident in fields:
            stripped = fields[ident].paths - STRIP
            if stripped:
                fields[ident] = fields[ident]._replace(paths=stripped)
            else:
                del fields[ident]
        if obj is MISSING:
            obj = copy.deepcopy(live)
        else:
            times[ident] = now
        return obj, Managed(fields, times)

    def _allowed_by_last_applied(self, live: dict[str, Any]) -> FieldSet | None:
        """Fields whose live value is what the last client-side apply set (lastAppliedManager)."""
        text = (live.get("metadata", {}).get("annotations") or {}).get(LAST_APPLIED)
        if not text:
            return None
        try:
            last = json.loads(text)
            if not isinstance(last, dict) or last.get("apiVersion") != self.version:
                return None
            if _unknown_fields(last, self.typ):
                return None
            c = compare(last, live, self.ref)
            return to_field_set(last, self.ref) - c.modified - c.added - c.removed
        except (ValueError, TypedError):
            return None


@functools.cache
def field_manager_for(typ: type[msgspec.Struct], kind: str) -> FieldManager:
    """The field manager of a kind; a kind with a status resets it (its
    controller's, not written through the main resource)."""
    reset = ("status",) if "status" in struct_fields(typ) else ()
    return FieldManager(typ, kind=kind, reset=reset)


def _strip_managed(obj: dict[str, Any]) -> dict[str, Any]:
    meta = obj.get("metadata")
    if not isinstance(meta, dict) or "managedFields" not in meta:
        return obj
    return {**obj, "metadata": {k: v for k, v in meta.items() if k != "managedFields"}}


def _unknown_fields(raw: dict[str, Any], typ: type[msgspec.Struct]) -> bool:
    return any(k not in struct_fields(typ) for k in raw)


def _follow_last_applied(obj: dict[str, Any], config: dict[str, Any]) -> None:
    """lastAppliedUpdater: an annotation set by client-side apply now records
    this configuration (so a later client-side apply prunes the right fields)."""
    annotations = obj.get("metadata", {}).get("annotations")
    if not isinstance(annotations, dict) or not annotations.get(LAST_APPLIED):
        return
    applied = copy.deepcopy(config)
    applied_annotations = applied.get("metadata", {}).get("annotations")
    if isinstance(applied_annotations, dict):
        applied_annotations.pop(LAST_APPLIED, None)
    text = go_json(applied) + "\n"  # as the apiserver encodes it
    annotations[LAST_APPLIED] = text
    if sum(len(k.encode()) + len(v.encode()) for k, v in annotations.items()) > _ANNOTATIONS_MAX:
        del annotations[LAST_APPLIED]


def _cap(managed: Managed) -> Managed:
    """capManagersManager: the oldest Update entries beyond ten merged into
    ``ancient-changes`` (one per apiVersion)."""
    updaters = [m for m, vs in managed.fields.items() if not vs.applied]
    if len(updaters) <= MAX_UPDATE_MANAGERS:
        return managed
    fields, times = dict(managed.fields), dict(managed.times)
    updaters.sort(key=lambda m: (seconds(times.get(m)), m))
    first: dict[str, str] = {}
    count = len(updaters)
    for m in updaters:
        if count <= MAX_UPDATE_MANAGERS:
            break
        vs = fields[m]
        bucket = identifier("ancient-changes", UPDATE, vs.api_version)
        if vs.api_version not in first:
            first[vs.api_version] = m
            continue
        if bucket not in fields:
            fields[bucket] = fields.pop(first[vs.api_version])
        fields[bucket] = vs._replace(paths=vs.paths | fields[bucket].paths)
        del fields[m]
        count -= 1
        times[bucket] = times.get(m)
    return Managed(fields, {m: t for m, t in times.items() if m in fields})
