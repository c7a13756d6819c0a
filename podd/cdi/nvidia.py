"""A CDI spec for the host's NVIDIA GPUs, as ``nvidia-ctk cdi generate``
would write it, from a gathered :class:`NvidiaHost` (pure).

Kind ``nvidia.com/gpu``; a device per GPU named by its index (``0``) and
another by its UUID (``GPU-...``), each with its ``/dev/nvidiaN`` node, and
``all`` with every GPU node. The spec's own edits (applied once whatever
GPUs a container gets): the control nodes, read-only binds of the driver's
libraries, tools, firmware and IPC sockets at their host paths, and
``NVIDIA_VISIBLE_DEVICES=void`` so an NVIDIA hook inside an image does not
inject again.

Each library is also bound at the links ldconfig made to it on the host
(``libcuda.so.1 -> libcuda.so.550.54.15``): nvidia-ctk makes those links
with a ``create-symlinks`` hook and refreshes the container's ld.so.cache
with an ``update-ldcache`` hook, neither of which podd can rely on (no
nvidia-ctk, and a rootless hook cannot write the image's cache). Binding the
real file at the link path needs neither: glibc's ld.so also searches its
system directories without a cache entry (``ld.so --help`` on Debian 12 /
Ubuntu 24.04 x86-64: "Shared library search path: (libraries located via
/etc/ld.so.cache) /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu /lib
/usr/lib"), so ``dlopen("libcuda.so.1")`` finds it in a glibc image.
"""

from __future__ import annotations

import os

from podd.cdi.nvidiahost import Gpu, NvidiaHost, gather_nvidia_host
from podd.cdi.spec import ContainerEdits, Device, DeviceNode, Mount, Spec

__all__ = [
    "NVIDIA_KIND",
    "Gpu",
    "NvidiaHost",
    "gather_nvidia_host",
    "generate_spec",
]

NVIDIA_KIND = "nvidia.com/gpu"
CDI_VERSION = "0.5.0"
#: Files are bound read-only, without setuid or device access. Device nodes
#: are never mounted with these: ``nodev`` would make them unusable.
FILE_OPTIONS = ["ro", "nosuid", "nodev", "rbind"]
SOCKET_OPTIONS = ["ro", "nosuid", "nodev", "rbind", "noexec"]


def _node(host: NvidiaHost, host_path: str) -> DeviceNode:
    """A node at ``/dev/<name>`` in the container from ``host_path``;
    hostPath only when it differs (a fake tree in tests)."""
    path = "/dev/" + os.path.basename(host_path)
    return DeviceNode(path=path, host_path=None if host_path == path else host_path)


def _gpu_node(host: NvidiaHost, gpu: Gpu) -> DeviceNode:
    return _node(host, os.path.join(host.dev, f"nvidia{gpu.minor}"))


def _bind(path: str, options: list[str], at: str | None = None) -> Mount:
    return Mount(host_path=path, container_path=at or path, options=list(options))


def _mounts(host: NvidiaHost) -> list[Mount]:
    mounts = []
    for lib in host.libraries:
        mounts.append(_bind(lib, FILE_OPTIONS))
        mounts += [_bind(lib, FILE_OPTIONS, at=link) for link in host.library_links.get(lib, [])]
    mounts += [_bind(path, FILE_OPTIONS) for path in (*host.binaries, *host.firmware)]
    mounts += [_bind(path, SOCKET_OPTIONS) for path in host.ipc]
    return mounts


def generate_spec(host: NvidiaHost) -> Spec:
    """The ``nvidia.com/gpu`` spec of ``host`` (pure)."""
    devices = []
    for gpu in host.gpus:
        edits = ContainerEdits(device_nodes=[_gpu_node(host, gpu)])
        devices.append(Device(name=str(gpu.index), container_edits=edits))
        devices.append(Device(name=gpu.uuid, container_edits=edits))
    every = ContainerEdits(device_nodes=[_gpu_node(host, g) for g in host.gpus])
    devices.append(Device(name="all", container_edits=every))
    return Spec(
        cdi_version=CDI_VERSION,
        kind=NVIDIA_KIND,
        devices=devices,
        container_edits=ContainerEdits(
            env=["NVIDIA_VISIBLE_DEVICES=void"],
            device_nodes=[_node(host, n) for n in host.control_nodes],
            mounts=_mounts(host),
        ),
    )
