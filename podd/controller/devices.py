"""The node's devices and who holds them: podd's scheduler and device manager
for extended resources backed by CDI (see :mod:`podd.controller.deviceplan`).

Allocations are kept in a checkpoint file (as the kubelet's
``kubelet_internal_checkpoint``), written before the pod's sandbox exists,
so a podd killed at any moment gives a restarted one the same devices for
the same pods, never one device to two pods. Pods no longer stored are
released at start (:meth:`DeviceAllocator.retain`); a pod releases its
devices when it is removed or ends (Succeeded/Failed), and every pod waiting
for one is woken then.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import msgspec

from podd.atomicfile import write_atomic
from podd.cdi.names import parse_annotations
from podd.cdi.nvidia import generate_spec
from podd.cdi.nvidiahost import gather_nvidia_host
from podd.cdi.registry import DEFAULT_SPEC_DIRS, Registry
from podd.cdi.spec import CDIError, ContainerEdits
from podd.controller.deviceplan import (
    PodDevices,
    plan_devices,
    pod_needs,
    unschedulable_message,
)
from podd.model.pod import Pod
from podd.store.events import EventRecorder

__all__ = ["Admission", "DeviceAllocator", "DeviceSource", "Unschedulable", "load_registry"]

log = logging.getLogger("podd.controller")
SCHEDULER = "default-scheduler"


class DeviceSource(Protocol):
    """What the allocator needs of the CDI registry."""

    def kinds(self) -> list[str]: ...

    def devices(self, kind: str) -> list[str]: ...

    def resolve(self, names: Sequence[str]) -> ContainerEdits: ...

    def info(self) -> dict[str, Any]: ...


class Unschedulable(msgspec.Struct, frozen=True):
    """Why a pod cannot get its devices now (the scheduler's message)."""

    message: str


_checkpoint = msgspec.json.Decoder(dict[str, PodDevices])


class DeviceAllocator:
    def __init__(self, source: DeviceSource, checkpoint: Path, wake: Callable[[str], None]) -> None:
        self.source = source
        self._path = checkpoint
        self._wake = wake
        self._waiting: set[str] = set()
        self._devices = {kind: _physical(source, kind) for kind in source.kinds()}
        self._pods: dict[str, PodDevices] = {}
        try:
            self._pods = _checkpoint.decode(checkpoint.read_bytes())
        except FileNotFoundError:
            pass
        except (OSError, msgspec.DecodeError) as exc:  # a torn file cannot be: atomic writes
            log.warning("device checkpoint unreadable", extra={"error": str(exc)})

    # -- what the node has --------------------------------------------------
    def capacity(self) -> dict[str, int]:
        return {kind: len(names) for kind, names in self._devices.items()}

    def in_use(self) -> dict[str, int]:
        used = self._used()
        return {kind: sum(d in used for d in names) for kind, names in self._devices.items()}

    def info(self) -> dict[str, Any]:
        """For /podd/v1/info: extended resources as a Node reports them, who
        holds which device, and the CDI specs read."""
        capacity = self.capacity()
        return {
            "capacity": capacity,
            "allocatable": capacity,
            "allocated": self.in_use(),
            "pods": {uid: held.containers for uid, held in sorted(self._pods.items())},
            "waiting": sorted(self._waiting),
            "cdi": self.source.info(),
        }

    def _used(self) -> set[str]:
        return {name for pod in self._pods.values() for name in pod.all()}

    # -- admission -------------------------------------------------------------
    def admit(self, pod: Pod) -> PodDevices | Unschedulable:
        """The pod's devices (the same on every call), or why it must wait."""
        uid = pod.metadata.uid or ""
        if (held := self._pods.get(uid)) is not None:
            return held
        needs = pod_needs(pod)
        if not needs.total:
            return PodDevices()
        used = self._used()
        free = {
            name: [d for d in self._devices.get(name, []) if d not in used] for name in needs.total
        }
        planned = plan_devices(needs, free)
        if isinstance(planned, list):
            self._waiting.add(uid)
            return Unschedulable(unschedulable_message(planned))
        self._waiting.discard(uid)
        self._pods[uid] = planned
        self._save()
        return planned

    def release(self, uid: str) -> None:
        self._waiting.discard(uid)
        if self._pods.pop(uid, None) is None:
            return
        self._save()
        for waiting in sorted(self._waiting):
            self._wake(waiting)

    def retain(self, uids: Iterable[str]) -> None:
        """Release what pods that are no longer stored held (podd was down)."""
        for uid in set(self._pods) - set(uids):
            self.release(uid)

    def _save(self) -> None:
        write_atomic(self._path, msgspec.json.encode(self._pods), 0o600)

    # -- what a container gets -------------------------------------------------
    def names(self, pod: Pod, container: str) -> list[str]:
        """The container's CDI devices: those allocated to it, then those the
        pod's ``cdi.k8s.io/…`` annotations name (shared, as with podman --device)."""
        held = self._pods.get(pod.metadata.uid or "")
        names = list(held.containers.get(container, [])) if held else []
        for name in parse_annotations(pod.metadata.annotations or {}):
            if name not in names:
                names.append(name)
        return names

    def edits(self, pod: Pod, container: str) -> ContainerEdits | None:
        """The CDI edits for the container, None when it has no device;
        raises CDIError when one cannot be resolved."""
        names = self.names(pod, container)
        if not names:
            return None
        return self.source.resolve(names)


def _physical(source: DeviceSource, kind: str) -> list[str]:
    """The kind's devices, one name per device: names whose edits are the
    same (an index and a UUID for one GPU) are aliases, the first one counts."""
    seen: dict[bytes, str] = {}
    for name in source.devices(kind):
        try:
            key = msgspec.json.encode(source.resolve([name]))
        except CDIError:
            continue
        seen.setdefault(key, name)
    return list(seen.values())


def load_registry(spec_dirs: Sequence[str], nvidia: bool) -> Registry:
    """The CDI specs of /etc/cdi, /var/run/cdi and ``spec_dirs``; with
    ``nvidia``, one generated from the host's NVIDIA GPUs for when no file
    provides ``nvidia.com/gpu`` (blocking: reads files, may run nvidia-smi)."""
    generated = []
    if nvidia and (host := gather_nvidia_host()) is not None:
        generated.append(generate_spec(host))
    return Registry.load([*DEFAULT_SPEC_DIRS, *spec_dirs], generated)


class Admission:
    """One pod's way through the scheduler's part: it waits, Pending, while
    its devices are not free (a FailedScheduling event each time the reason
    changes), and a pod that waited or got devices is Scheduled once."""

    def __init__(self, devices: DeviceAllocator | None, events: EventRecorder) -> None:
        self._devices = devices
        self._events = events
        self.unschedulable: str | None = None  # why the pod waits
        self._scheduled = False

    async def admit(self, pod: Pod) -> bool:
        got = self._devices.admit(pod) if self._devices is not None else None
        if isinstance(got, Unschedulable):
            if got.message != self.unschedulable:
                await self._events.record(
                    pod, "Warning", "FailedScheduling", got.message, component=SCHEDULER
                )
            self.unschedulable = got.message
            return False
        if got is not None and got.containers and not self._scheduled:
            meta = pod.metadata
            where = f"{meta.namespace}/{meta.name} to {pod.spec.node_name}"
            await self._events.record(
                pod, "Normal", "Scheduled", f"Successfully assigned {where}", component=SCHEDULER
            )
        self.unschedulable, self._scheduled = None, True
        return True
