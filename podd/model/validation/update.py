"""What a pod update may change (Kubernetes' ValidatePodUpdate)."""

from __future__ import annotations

import copy
from typing import Any

import msgspec

from podd.model import field as f
from podd.model.field import Path, StatusCause
from podd.model.pod import Pod, PodSpec
from podd.model.validation.meta import validate_object_meta_update

__all__ = ["UPDATABLE_FIELDS", "validate_pod_update"]

UPDATABLE_FIELDS = (
    "`spec.containers[*].image`",
    "`spec.initContainers[*].image`",
    "`spec.activeDeadlineSeconds`",
    "`spec.tolerations` (only additions to existing tolerations)",
    "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
)
_MAX_DIFF_LINES = 20


def validate_pod_update(old: Pod, new: Pod) -> list[StatusCause]:
    """What replacing ``old`` by ``new`` may not change (both defaulted).

    Only the update rules: the identity (name, namespace, uid,
    creationTimestamp) stays, activeDeadlineSeconds may only shrink,
    tolerations may only be added, and the spec may differ only in
    :data:`UPDATABLE_FIELDS`. Validate the new pod itself too, without the
    create-only rules: ``validate_pod(new, for_update=True) +
    validate_pod_update(old, new)``.
    """
    spec_path = Path("spec")
    errs = validate_object_meta_update(new.metadata, old.metadata)
    deadline_errs = _validate_active_deadline(old.spec, new.spec, spec_path)
    if deadline_errs:
        return errs + deadline_errs

    munged = copy.deepcopy(new.spec)
    for attr in ("containers", "init_containers"):
        old_ctrs = getattr(old.spec, attr) or []
        for i, ctr in enumerate(getattr(munged, attr) or []):
            if i < len(old_ctrs):
                ctr.image = old_ctrs[i].image
    munged.active_deadline_seconds = old.spec.active_deadline_seconds
    old_grace = old.spec.termination_grace_period_seconds
    if old_grace is not None and old_grace < 0 and new.spec.termination_grace_period_seconds == 1:
        munged.termination_grace_period_seconds = old_grace
    errs.extend(
        _validate_only_added_tolerations(old.spec, new.spec, spec_path.child("tolerations"))
    )
    munged.tolerations = old.spec.tolerations
    if munged != old.spec:
        detail = "pod updates may not change fields other than " + ",".join(UPDATABLE_FIELDS)
        diff = _diff(msgspec.to_builtins(old.spec), msgspec.to_builtins(munged), "spec")
        if diff:
            detail += "\n" + "\n".join(diff[:_MAX_DIFF_LINES])
        errs.append(f.forbidden(spec_path, detail))
    return errs


def _validate_active_deadline(old: PodSpec, new: PodSpec, spec_path: Path) -> list[StatusCause]:
    path = spec_path.child("activeDeadlineSeconds")
    if new.active_deadline_seconds is not None:
        value = new.active_deadline_seconds
        if not 0 <= value <= 2147483647:
            return [f.invalid(path, value, "must be between 0 and 2147483647, inclusive")]
        if old.active_deadline_seconds is not None and old.active_deadline_seconds < value:
            return [f.invalid(path, value, "must be less than or equal to previous value")]
    elif old.active_deadline_seconds is not None:
        return [f.invalid(path, None, "must not update from a positive integer to nil value")]
    return []


def _validate_only_added_tolerations(old: PodSpec, new: PodSpec, path: Path) -> list[StatusCause]:
    new_tols = new.tolerations or []
    for old_tol in old.tolerations or []:
        found = any(
            msgspec.structs.replace(old_tol, toleration_seconds=t.toleration_seconds) == t
            for t in new_tols
        )
        if not found:
            detail = "existing toleration can not be modified except its tolerationSeconds"
            return [f.forbidden(path, detail)]
    return []


def _diff(old: Any, new: Any, path: str) -> list[str]:
    """Changed leaves as ``path: old -> new`` lines, for the Forbidden message."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in [*old, *(k for k in new if k not in old)]:
            out.extend(_diff(old.get(key), new.get(key), f"{path}.{key}"))
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        out = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            out.extend(_diff(a, b, f"{path}[{i}]"))
        return out
    if old == new:
        return []
    return [f"  {path}: {f.format_value(old)} -> {f.format_value(new)}"]
