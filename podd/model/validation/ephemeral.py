"""Ephemeral containers (``kubectl debug``): the apiserver's
ValidateEphemeralContainers and ValidatePodEphemeralContainersUpdate.

Ephemeral containers are checked like app containers, then the fields that
would make a workload depend on them (ports, probes, resources, lifecycle)
are refused: Kubernetes keeps an allow-list so that new fields are refused
until considered, and so does this module.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import msgspec

from podd.model import field as f
from podd.model.container import EphemeralContainer
from podd.model.field import Path, StatusCause
from podd.model.pod import PodSpec
from podd.model.validation.container import validate_container_list

__all__ = [
    "ALLOWED_FIELDS",
    "NOT_FOR_EPHEMERAL",
    "validate_ephemeral_containers",
    "validate_ephemeral_containers_update",
]

NOT_FOR_EPHEMERAL = "cannot be set for an Ephemeral Container"
ALLOWED_FIELDS = frozenset(
    {
        "name",
        "image",
        "command",
        "args",
        "working_dir",
        "env_from",
        "env",
        "volume_mounts",
        "volume_devices",
        "termination_message_path",
        "termination_message_policy",
        "image_pull_policy",
        "security_context",
        "stdin",
        "stdin_once",
        "tty",
        "target_container_name",
    }
)


def validate_ephemeral_containers(
    spec: PodSpec,
    path: Path,
    *,
    volumes: Collection[str],
    names: set[str],
    grace_period: int,
) -> list[StatusCause]:
    """``spec.ephemeralContainers``; ``names`` holds the app and init names
    (an ephemeral container's name must differ from every other one)."""
    ctrs: Sequence[EphemeralContainer] = spec.ephemeral_containers or ()
    targets = set(names)  # only app and init containers can be targeted
    errs = validate_container_list(
        ctrs, path, init=False, volumes=volumes, names=names, grace_period=grace_period
    )
    for i, ctr in enumerate(ctrs):
        idx = path.index(i)
        if ctr.target_container_name and ctr.target_container_name not in targets:
            errs.append(f.not_found(idx.child("targetContainerName"), ctr.target_container_name))
        for fld in msgspec.structs.fields(ctr):
            if fld.name in ALLOWED_FIELDS or fld.name == "restart_policy":
                continue  # restartPolicy: already Forbidden for non-init containers
            if not _is_zero(getattr(ctr, fld.name)):
                errs.append(f.forbidden(idx.child(fld.encode_name), NOT_FOR_EPHEMERAL))
        # subPath mounts are bind mounts kept until the pod ends: refused outright
        for j, mount in enumerate(ctr.volume_mounts or ()):
            for wire, value in (("subPath", mount.sub_path), ("subPathExpr", mount.sub_path_expr)):
                if value:
                    mpath = idx.child("volumeMounts").index(j).child(wire)
                    errs.append(f.forbidden(mpath, NOT_FOR_EPHEMERAL))
    return errs


def _is_zero(value: object) -> bool:
    """Go's reflect IsZero, which the allow-list uses: kubectl sends
    ``resources: {}`` (a struct it always encodes), and that is no resource."""
    if isinstance(value, msgspec.Struct):
        return all(_is_zero(getattr(value, f)) for f in value.__struct_fields__)
    return value is None or value in ([], {}, "", 0, False)


def validate_ephemeral_containers_update(old: PodSpec, new: PodSpec) -> list[StatusCause]:
    """Through the ``ephemeralcontainers`` subresource ephemeral containers
    may only be added: each existing one stays, unchanged (matched by name,
    as a patch may reorder the list)."""
    path = Path("spec.ephemeralContainers")
    by_name = {c.name: c for c in new.ephemeral_containers or ()}
    errs: list[StatusCause] = []
    for ctr in old.ephemeral_containers or ():
        now = by_name.get(ctr.name)
        if now is None:
            detail = f'existing ephemeral containers "{ctr.name}" may not be removed\n'
            errs.append(f.forbidden(path, detail))
        elif now != ctr:
            detail = f'existing ephemeral containers "{ctr.name}" may not be changed\n'
            errs.append(f.forbidden(path, detail))
    return errs
