"""What a sandbox needs from the pod network (podd/network), as a port:
the sandbox layer does not import the network package, which is built on it.

With a pod network, a pod's user namespace is a child of the network
holder's, whose root writes its maps; its network namespace gets a veth into
the shared bridge and an address of its own, instead of a slirp4netns.
"""

from __future__ import annotations

from typing import Protocol

import msgspec

from podd.sandbox.portfwd import PortForward
from podd.sandbox.process import ProcessRef


class PodAddress(msgspec.Struct, frozen=True):
    """What a pod's sandbox gets from the pod network."""

    ip: str
    gateway: str
    prefixlen: int
    dns: str  # slirp4netns's resolver (reached through NAT)
    cluster_dns: str | None = None  # podd's cluster DNS, when it serves


class PodNetworkPort(Protocol):
    @property
    def holder_pid(self) -> int:
        """The pid whose user namespace becomes every pod's parent."""
        ...

    @property
    def holder(self) -> ProcessRef:
        """That process, by pid and start time (a pod outlives a gone one badly)."""
        ...

    async def write_maps(self, child_pid: int) -> None: ...

    async def attach(
        self, pod_uid: str, pause: ProcessRef, allow_host_loopback: bool = False
    ) -> PodAddress: ...

    async def detach(self, pod_uid: str) -> None:
        """Host ports, link and address of the pod, each if present."""
        ...

    async def add_forwards(
        self, pod_uid: str, guest_ip: str, forwards: list[PortForward]
    ) -> list[int]:
        """The pod's host ports (slirp4netns forward ids); all or none."""
        ...

    @property
    def api_socket(self) -> str:
        """The network's slirp4netns API socket (probes' loopback forwards)."""
        ...
