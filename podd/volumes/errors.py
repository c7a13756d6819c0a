"""The volume errors, one tree::

    VolumeError                    a volume could not be set up or removed
    ├── UnsupportedVolumeError     a source or medium podd does not provide
    ├── HostPathTypeError          hostPath ``type`` check failed
    ├── ProjectionError            a configMap/secret/downwardAPI payload failed
    │   ├── ObjectNotFoundError    the ConfigMap or Secret does not exist
    │   └── KeyNotFoundError       ... or lacks a key an item names
    ├── SubPathError               subPath / subPathExpr invalid or escaping
    └── VolumeRemovalError         a pod's volume dir could not be removed

``str(err)`` is the kubelet's own text (``configmap "cfg" not found``,
``hostPath type check failed: /x is not a directory`` ...); the controller
reports it as an Event with :attr:`VolumeError.event_reason` and
:meth:`VolumeError.event_message`, and leaves the containers waiting with
:attr:`VolumeError.waiting_reason`.
"""

from __future__ import annotations

__all__ = [
    "HostPathTypeError",
    "KeyNotFoundError",
    "ObjectNotFoundError",
    "ProjectionError",
    "SubPathError",
    "UnsupportedVolumeError",
    "VolumeError",
    "VolumeRemovalError",
]


class VolumeError(Exception):
    """A volume problem; ``volume`` names the pod volume when there is one."""

    event_reason = "FailedMount"
    waiting_reason = "CreateContainerConfigError"

    def __init__(self, message: str, *, volume: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.volume = volume

    def event_message(self) -> str:
        """``MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found``."""
        if not self.volume:
            return self.message
        return f'MountVolume.SetUp failed for volume "{self.volume}" : {self.message}'


class UnsupportedVolumeError(VolumeError):
    pass


class HostPathTypeError(VolumeError):
    pass


class ProjectionError(VolumeError):
    pass


class ObjectNotFoundError(ProjectionError):
    """``kind`` is ``configmap`` or ``secret``, as in the kubelet's message."""

    def __init__(self, kind: str, name: str, *, volume: str = "") -> None:
        super().__init__(f'{kind} "{name}" not found', volume=volume)
        self.kind = kind
        self.name = name


class KeyNotFoundError(ProjectionError):
    pass


class SubPathError(VolumeError):
    pass


class VolumeRemovalError(VolumeError):
    event_reason = "FailedRemoval"
