"""A pod's volumes: set up before its containers start, refreshed, removed with the pod.

Where they live: ``<base>/<pod-uid>/<volume>`` (``base`` =
``<data>/volumes``; the pod dir is mode 0700). Secret-bearing volumes
(``secret``, and ``projected`` with a secret source) go under ``memory_dir``
instead when one is given (e.g. ``$XDG_RUNTIME_DIR/podd/volumes``, a tmpfs),
so that Secrets never reach the disk, as with the kubelet's tmpfs.

The controller calls, for each pod:

* :func:`prepare_pod_volumes` before creating containers (idempotent; on a
  :class:`~podd.volumes.errors.VolumeError` the containers stay waiting and
  the next sync retries);
* :func:`refresh_projections` when a ConfigMap or Secret the pod uses
  (:func:`~podd.volumes.projection.referenced_objects`) changes, when the
  pod's labels/annotations change (downward API), and periodically;
* :func:`remove_pod_volumes` after the pod's containers and sandbox are gone.

All but the last do small, blocking file work: run them with
``asyncio.to_thread``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from podd.model.container import Quantity
from podd.model.pod import Pod
from podd.model.quantity import QuantityError, to_bytes
from podd.model.volume import Volume
from podd.nodeinfo import node_allocatable
from podd.volumes.atomic_writer import AtomicWriter
from podd.volumes.emptydir import (
    RunInUserns,
    ensure_pod_dir,
    pod_volumes_dir,
    removal_plan,
    remove_tree,
    setup_empty_dir,
)
from podd.volumes.errors import UnsupportedVolumeError, VolumeError
from podd.volumes.hostpath import setup_host_path
from podd.volumes.projection import ObjectLookup, is_projection, project
from podd.volumes.request import MountRequest, VolumeKind

__all__ = [
    "node_allocatable",
    "prepare_pod_volumes",
    "projection_dir",
    "refresh_projections",
    "remove_pod_volumes",
]

_PROJECTION_DIR_MODE = 0o755


def _kind(volume: Volume) -> VolumeKind:
    if volume.config_map is not None:
        return "configMap"
    if volume.secret is not None:
        return "secret"
    if volume.downward_api is not None:
        return "downwardAPI"
    return "projected"


def _holds_secret(volume: Volume) -> bool:
    if volume.secret is not None:
        return True
    sources = volume.projected.sources if volume.projected else None
    return any(src.secret is not None for src in sources or ())


def projection_dir(
    pod: Pod, volume: Volume, base_dir: str | Path, memory_dir: str | Path | None = None
) -> Path:
    """Where a projected volume of ``pod`` is written."""
    root = memory_dir if memory_dir is not None and _holds_secret(volume) else base_dir
    return pod_volumes_dir(root, pod.metadata.uid or "") / volume.name


def _setup_projection(
    pod: Pod,
    volume: Volume,
    base_dir: str | Path,
    lookup: ObjectLookup,
    memory_dir: str | Path | None,
    allocatable: Mapping[str, Quantity] | None,
) -> tuple[MountRequest, bool]:
    payload = project(volume, pod, lookup, allocatable=allocatable)
    target = projection_dir(pod, volume, base_dir, memory_dir)
    ensure_pod_dir(target.parent.parent, pod.metadata.uid or "")
    try:
        target.mkdir(mode=_PROJECTION_DIR_MODE)
        os.chmod(target, _PROJECTION_DIR_MODE)
    except FileExistsError:
        pass
    try:
        changed = AtomicWriter(target).write(payload)
    except VolumeError as exc:
        exc.volume = volume.name
        raise
    request = MountRequest(volume=volume.name, kind=_kind(volume), path=str(target), read_only=True)
    return request, changed


def prepare_pod_volumes(
    pod: Pod,
    base_dir: str | Path,
    lookup: ObjectLookup,
    *,
    memory_dir: str | Path | None = None,
    allocatable: Mapping[str, Quantity] | None = None,
) -> dict[str, MountRequest]:
    """Set up every volume of ``pod``; their :class:`MountRequest` by volume name.

    1. Check the pod uid and create the pod's volumes dir.
    2. Each volume, in spec order: emptyDir → its directory (and a tmpfs
       request for ``medium: Memory``); hostPath → the type check (creating
       for ``*OrCreate``); configMap/secret/downwardAPI/projected → the
       payload written atomically; anything else →
       :class:`UnsupportedVolumeError`.

    The first failure is raised (a :class:`VolumeError` naming the volume);
    what was set up stays, and calling again is safe.
    """
    uid = pod.metadata.uid or ""
    ensure_pod_dir(base_dir, uid)
    node_memory = None
    if allocatable and allocatable.get("memory") is not None:
        try:
            node_memory = to_bytes(allocatable["memory"])
        except QuantityError:
            node_memory = None
    requests: dict[str, MountRequest] = {}
    for volume in pod.spec.volumes or ():
        if volume.empty_dir is not None:
            requests[volume.name] = setup_empty_dir(volume, pod, base_dir, node_memory=node_memory)
        elif volume.host_path is not None:
            requests[volume.name] = setup_host_path(volume)
        elif is_projection(volume):
            requests[volume.name], _ = _setup_projection(
                pod, volume, base_dir, lookup, memory_dir, allocatable
            )
        else:
            kinds = ", ".join(volume.source_names()) or "no source"
            raise UnsupportedVolumeError(
                f"volume type {kinds} is not supported by podd", volume=volume.name
            )
    return requests


def refresh_projections(
    pod: Pod,
    base_dir: str | Path,
    lookup: ObjectLookup,
    *,
    memory_dir: str | Path | None = None,
    allocatable: Mapping[str, Quantity] | None = None,
    errors: list[VolumeError] | None = None,
) -> list[str]:
    """Rewrite the projected volumes whose content changed; their names.

    Volumes not prepared yet are skipped. A volume that cannot be projected
    now (e.g. its ConfigMap was deleted) keeps its current files, as with the
    kubelet; its error is appended to ``errors`` when given, else the first
    one is raised after the other volumes were refreshed.
    """
    changed: list[str] = []
    failures: list[VolumeError] = []
    for volume in pod.spec.volumes or ():
        if not is_projection(volume):
            continue
        if not projection_dir(pod, volume, base_dir, memory_dir).is_dir():
            continue
        try:
            _, did_change = _setup_projection(
                pod, volume, base_dir, lookup, memory_dir, allocatable
            )
        except VolumeError as exc:
            failures.append(exc)
            continue
        if did_change:
            changed.append(volume.name)
    if errors is not None:
        errors.extend(failures)
    elif failures:
        raise failures[0]
    return changed


async def remove_pod_volumes(
    pod_uid: str,
    base_dir: str | Path,
    run_in_userns: RunInUserns | None = None,
    *,
    memory_dir: str | Path | None = None,
) -> None:
    """Remove everything podd created for the pod's volumes (never hostPath contents).

    Files that containers created as other users of the pod's user namespace
    need ``run_in_userns`` (see :mod:`podd.volumes.emptydir`); raises
    :class:`~podd.volumes.errors.VolumeRemovalError` when something remains.
    """
    for root in (base_dir, memory_dir):
        if root is None:
            continue
        await remove_tree(removal_plan(pod_volumes_dir(root, pod_uid)), run_in_userns)
