"""structured-merge-diff's ``merge.Updater``: who owns which fields after an
update or an apply, and the object an apply produces.

Managers are keyed by an identifier (the apiserver's: the JSON of the entry's
manager, operation, apiVersion for an Update, subresource). ``ignore`` is the
strategy's reset fields (``status`` of a pod): nobody owns them through the
main resource.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from podd.model.apply.fieldset import ensure_named_fields, recursive_difference
from podd.model.apply.path import FieldSet, Path, iterate
from podd.model.apply.schema import MISSING, Ref
from podd.model.apply.typed import Comparison, compare, equal, merge, remove_items, to_field_set

__all__ = ["Conflict", "ConflictsError", "Managers", "VersionedSet", "apply", "update"]


class VersionedSet(NamedTuple):
    paths: FieldSet
    api_version: str
    applied: bool


Managers = dict[str, VersionedSet]


class Conflict(NamedTuple):
    manager: str  # the identifier
    path: Path


class ConflictsError(Exception):
    """An apply would change fields other managers own."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__(f"{len(conflicts)} conflicts")
        self.conflicts = conflicts


def _exclude(c: Comparison, ignore: FieldSet) -> Comparison:
    return Comparison(*(recursive_difference(s, ignore) for s in c))


def _update(
    old: Any,
    new: Any,
    ref: Ref,
    managers: Managers,
    workflow: str,
    *,
    force: bool,
    ignore: FieldSet,
) -> tuple[Managers, Comparison]:
    """Take what ``new`` changed away from every manager but ``workflow``:
    modified and added fields are conflicts (an error unless forced), removed
    fields are nobody's any more."""
    c = _exclude(compare(old, new, ref), ignore)
    changed = c.modified | c.added
    conflicts: dict[str, FieldSet] = {}
    for manager, vs in managers.items():
        if manager != workflow and vs.paths & changed:
            conflicts[manager] = vs.paths & changed
    if conflicts and not force:
        raise ConflictsError(
            [Conflict(m, p) for m in sorted(conflicts) for p in iterate(conflicts[m])]
        )
    out: Managers = {}
    for manager, vs in managers.items():
        paths = vs.paths
        if manager != workflow:
            paths = paths - conflicts.get(manager, frozenset()) - c.removed
        if paths:
            out[manager] = vs._replace(paths=paths)
    return out, c


def _current(managers: Managers, version: str) -> Managers:
    """Managers of the served version (others could not be converted: dropped, as SMD does)."""
    return {m: vs for m, vs in managers.items() if vs.api_version == version}


def update(
    live: Any,
    new: Any,
    ref: Ref,
    version: str,
    managers: Managers,
    manager: str,
    *,
    ignore: FieldSet = frozenset(),
) -> Managers:
    """``Updater.Update``: ``manager`` owns what it changed, others lose it."""
    managers, c = _update(live, new, ref, _current(managers, version), manager, force=True,
                          ignore=ignore)  # fmt: skip
    prev = managers.get(manager)
    paths = (prev.paths if prev else frozenset()) - c.removed | c.modified | c.added
    paths = recursive_difference(paths, ignore)
    if paths:
        managers[manager] = VersionedSet(paths, version, False)
    else:
        managers.pop(manager, None)
    return managers


def apply(
    live: Any,
    config: Any,
    ref: Ref,
    version: str,
    managers: Managers,
    manager: str,
    *,
    force: bool,
    ignore: FieldSet = frozenset(),
) -> tuple[Any, Managers]:
    """``Updater.Apply``: ``config`` merged into ``live``, ``manager`` owning
    exactly what ``config`` sets, what it set before and no longer does
    removed unless someone else owns it. The object is MISSING when the apply
    changes nothing; ConflictsError unless ``force``."""
    managers = _current(managers, version)
    merged = merge(live, config, ref)
    last = managers.get(manager)
    managers[manager] = VersionedSet(
        recursive_difference(to_field_set(config, ref), ignore), version, True
    )
    merged = _prune(merged, managers, last, ref)
    managers, _ = _update(live, merged, ref, managers, manager, force=force, ignore=ignore)
    return (MISSING if equal(live, merged) else merged), managers


def _prune(merged: Any, managers: Mapping[str, VersionedSet], last: VersionedSet | None,
           ref: Ref) -> Any:  # fmt: skip
    """Remove what the applier set last time and no longer does, unless
    another manager (or the new configuration) owns it."""
    if last is None or not last.paths:
        return merged
    last_named = ensure_named_fields(last.paths, ref)
    pruned = remove_items(merged, last_named, ref)
    # Add back what anyone owns.
    owned: set[Path] = set()
    for vs in managers.values():
        owned |= vs.paths
    merged_set = ensure_named_fields(to_field_set(merged, ref), ref)
    pruned_set = ensure_named_fields(to_field_set(pruned, ref), ref)
    keep = pruned_set | ensure_named_fields(frozenset(owned), ref)
    pruned = remove_items(merged, merged_set - keep, ref)
    # Only what the applier owned goes (no dangling parents of others' fields).
    pruned_set = ensure_named_fields(to_field_set(pruned, ref), ref)
    return remove_items(merged, (merged_set - pruned_set) & last_named, ref)
