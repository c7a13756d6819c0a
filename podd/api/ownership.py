"""managedFields upkeep on writes: who the field manager of a request is, and
the managedFields of the object a create, update or patch stores (the
ownership rules are :mod:`podd.model.apply`'s)."""

from __future__ import annotations

from typing import Any

import msgspec

from podd.api.errors import APIError
from podd.model import field as f
from podd.model import status as st
from podd.model.apply import field_manager_causes, field_manager_for, manager_from_user_agent
from podd.model.base import to_builtins
from podd.model.timeutil import now_rfc3339

__all__ = ["Owned", "Owner", "request_manager", "set_managed_fields"]


class Owned(msgspec.Struct, frozen=True):
    """An apply's managedFields, computed with the object."""

    entries: list[dict[str, Any]] | None


# Who owns what a write sets: its field manager, or (an apply) the managedFields it computed.
Owner = str | Owned


def request_manager(params: Any, user_agent: str, options_kind: str, *, apply: bool = False) -> str:
    """The field manager of a write: ``fieldManager`` (validated: 422 on
    ``options_kind``), else the User-Agent's product, as the apiserver.
    ``force`` is for an apply only."""
    value = params.get("fieldManager") or ""
    causes = field_manager_causes(value)
    if options_kind == "PatchOptions" and not apply and "force" in params:
        causes.append(f.forbidden("force", "may not be specified for non-apply patch"))
    if causes:
        raise APIError(st.invalid(options_kind, "", causes, group="meta.k8s.io"))
    return value or manager_from_user_agent(user_agent)


def set_managed_fields(
    struct: type[msgspec.Struct],
    kind: str,
    live: bytes | None,
    new: Any,
    requested: Any,
    owner: Owner,
) -> None:
    """managedFields upkeep after the kind's hooks (which clear them)."""
    if isinstance(owner, Owned):
        new.metadata.managed_fields = owner.entries
        return
    fm = field_manager_for(struct, kind)
    new.metadata.managed_fields = fm.update(
        msgspec.json.decode(live) if live is not None else None,
        to_builtins(new),
        requested=requested,
        manager=owner,
        now=now_rfc3339(),
    )
