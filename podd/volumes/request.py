"""What a prepared pod volume asks of the runtime: :class:`MountRequest`."""

from __future__ import annotations

from typing import Literal

import msgspec

__all__ = ["MountRequest", "TmpfsMount", "VolumeKind"]

VolumeKind = Literal["emptyDir", "hostPath", "configMap", "secret", "downwardAPI", "projected"]


class TmpfsMount(msgspec.Struct, frozen=True):
    """A tmpfs to mount over :attr:`MountRequest.path` in the pod's mount namespace.

    ``size`` in bytes (``None``: the kernel's default, half of RAM).
    """

    size: int | None = None
    mode: int = 0o1777

    def options(self) -> list[str]:
        """mount(8)-style options: ``nosuid,nodev,size=N,mode=1777``."""
        opts = ["nosuid", "nodev"]
        if self.size is not None:
            opts.append(f"size={self.size}")
        opts.append(f"mode={self.mode:o}")
        return opts


class MountRequest(msgspec.Struct, frozen=True):
    """A pod volume, ready: bind ``path`` into each container that mounts it.

    * ``path``: absolute host path (a directory, or a file/socket/device for
      some hostPath types), the bind source for every container;
    * ``read_only``: forced read-only whatever the ``volumeMounts`` say
      (configMap, secret, downwardAPI and projected volumes, as in
      Kubernetes); a ``volumeMounts[].readOnly`` adds to it;
    * ``tmpfs``: for ``emptyDir.medium: Memory``: before any container starts,
      the runtime mounts this tmpfs at ``path`` inside the pod's mount
      namespace (podd cannot mount on the host); the containers' binds of
      ``path`` then see it, and it goes away with the pod's mount namespace;
    * ``size_limit``: the emptyDir ``sizeLimit`` in bytes (informational on
      disk: not enforced there).
    """

    volume: str
    kind: VolumeKind
    path: str
    read_only: bool = False
    tmpfs: TmpfsMount | None = None
    size_limit: int | None = None
