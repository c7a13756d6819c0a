"""Server-side apply: ``PATCH`` with ``Content-Type: application/apply-patch+yaml``.

The body (YAML, or JSON which is YAML) is the applier's configuration;
``fieldManager`` names the applier (required: 422 on ``PatchOptions``) and
``force=true`` takes fields other managers own instead of a 409 Conflict.
The merge and the ownership are :mod:`podd.model.apply`'s; this module reads
the request, and stores the object as a PUT (or a create, when there is none
yet: 201) would.
"""

from __future__ import annotations

from typing import Any

import msgspec

from podd.api import query
from podd.api import resources as res
from podd.api.errors import APIError
from podd.api.ownership import Owned, request_manager
from podd.model import field as f
from podd.model import status as st
from podd.model.apply import ApplyConflict, field_manager_for, known_fields
from podd.model.base import encode
from podd.model.codec import APPLY_PATCH, decode_raw, load_body, media_type
from podd.model.timeutil import now_rfc3339
from podd.services import Services
from podd.store.errors import AlreadyExistsError, ConflictError

__all__ = ["apply_object", "is_apply"]

_RETRIES = 5


def is_apply(content_type: str) -> bool:
    return media_type(content_type) == APPLY_PATCH


def _options(params: Any) -> tuple[str, bool]:
    manager = params.get("fieldManager") or ""
    causes = [] if manager else [f.required("fieldManager", "is required for apply patch")]
    if causes:  # this one first, as the apiserver lists it
        raise APIError(st.invalid("PatchOptions", "", causes, group="meta.k8s.io"))
    request_manager(params, "", "PatchOptions", apply=True)  # the name's own rules
    return manager, query.flag(params, "force")


async def apply_object(
    svc: Services, rt: res.ResourceType, ns: str, name: str, body: bytes, params: Any
) -> tuple[bytes, list[str], bool]:
    """Apply the configuration in ``body`` to object ``name``: (the object,
    warnings, whether it was created)."""
    dry_run = query.dry_run(params, "PatchOptions")
    manager, force = _options(params)
    config = load_body(body, "application/yaml")
    fm = field_manager_for(rt.struct, rt.kind)
    fm.check_applied(config)  # undeclared fields: refused whatever fieldValidation says
    with res.invalid_as(rt, name):
        _, warnings = decode_raw(config, rt.struct, params.get("fieldValidation"))
    config = known_fields(config, fm.ref)
    meta = config.get("metadata") if isinstance(config.get("metadata"), dict) else {}
    client_rv = str(meta.get("resourceVersion") or "") or None
    for _ in range(_RETRIES):  # a concurrent write: merge into the newer object
        current = await svc.store.get(rt.kind, ns, name)
        if client_rv is not None and (
            current is None or client_rv != str(current.resource_version)
        ):
            raise ConflictError(rt.plural, name, st.OPTIMISTIC_LOCK_MESSAGE)
        live = msgspec.json.decode(current.data) if current is not None else None
        try:
            obj, entries = fm.apply(live, config, manager=manager, force=force, now=now_rfc3339())
        except ApplyConflict as exc:
            raise APIError(exc.status()) from None
        _check_name(obj, name)
        new, more = res.decode_as(rt, encode(obj), "application/json", {})
        owned = Owned(entries)
        try:
            if current is None:
                data, more2 = await res.insert_object(svc, rt, ns, new, owned, dry_run=dry_run)
                return data, warnings + more + more2, True
            data, more2 = await res.replace_object(
                svc,
                rt,
                ns,
                name,
                new,
                expected_rv=current.resource_version,
                dry_run=dry_run,
                owner=owned,
            )
        except (ConflictError, AlreadyExistsError):
            if client_rv is not None:
                raise
            continue
        return data, warnings + more + more2, False
    raise ConflictError(rt.plural, name, st.OPTIMISTIC_LOCK_MESSAGE)


def _check_name(obj: dict[str, Any], name: str) -> None:
    meta = obj.get("metadata")
    have = meta.get("name") if isinstance(meta, dict) else None
    if have != name:
        raise APIError(
            st.bad_request(
                f"the name of the object ({have or ''}) does not match the name on the URL ({name})"
            )
        )
