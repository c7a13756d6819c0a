"""Host ports of pods on the pod network: slirp4netns forwards of the
network's one slirp4netns, straight to the pod's address.

slirp4netns delivers a forward to any guest address it can resolve on tap0;
the network namespace answers ARP there for the pods' addresses (proxy_arp,
set by podd-pause --net), so ``127.0.0.1:8080 → 10.88.0.5:80`` needs no NAT
rule. A reply keeps the pod's address (conntrack knows the flow), and a
killed podd loses no traffic: slirp4netns holds the listening socket.

The table (``forwards.json``) is written before slirp4netns is asked, so a
podd killed in between leaves a row the next start either restores (its pod
runs) or removes; forwards slirp4netns has that the table does not know
(probes' loopback forwards, a half-made pod's) are removed then too.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

import msgspec

from podd.atomicfile import write_atomic
from podd.sandbox.errors import SandboxError
from podd.sandbox.portfwd import HostFwd, PortForward, SlirpClient

TABLE_FILE = "forwards.json"
NODE_PORTS = "node-ports"  # the owner of Services' nodePorts (not a pod)
TAP_ADDRESS = "10.0.2.100"  # the network's end of slirp4netns: nodePorts arrive there


class NetForward(msgspec.Struct, frozen=True):
    owner: str  # the pod's uid
    guest_ip: str
    forward: PortForward

    def matches(self, fwd: HostFwd) -> bool:
        f = self.forward
        return (fwd.proto, fwd.host_addr, fwd.host_port, fwd.guest_addr, fwd.guest_port) == (
            f.protocol.lower(),
            f.host_ip,
            f.host_port,
            self.guest_ip,
            f.container_port,
        )


class ForwardTable:
    def __init__(self, directory: Path) -> None:
        self.path = directory / TABLE_FILE

    def load(self) -> list[NetForward]:
        try:
            return msgspec.json.decode(self.path.read_bytes(), type=list[NetForward])
        except (OSError, msgspec.DecodeError):
            return []

    def save(self, rows: Iterable[NetForward]) -> None:
        write_atomic(self.path, msgspec.json.encode(list(rows)))


def stale(rows: list[NetForward], present: list[HostFwd], live: set[str]) -> list[HostFwd]:
    """Forwards slirp4netns has that no live pod's row explains (pure)."""
    wanted = [r for r in rows if r.owner in live]
    return [f for f in present if not any(r.matches(f) for r in wanted)]


def missing(rows: list[NetForward], present: list[HostFwd], live: set[str]) -> list[NetForward]:
    """Live pods' rows slirp4netns does not have (after it was restarted)."""
    return [r for r in rows if r.owner in live and not any(r.matches(f) for f in present)]


async def add_all(client: SlirpClient, rows: list[NetForward]) -> list[int]:
    """Add ``rows``; on a failure remove what was added, then raise."""
    ids: list[int] = []
    try:
        for row in rows:
            f = row.forward
            ids.append(
                await client.add_hostfwd(
                    f.host_ip, f.host_port, row.guest_ip, f.container_port, f.protocol
                )
            )
    except BaseException:
        for fid in ids:
            with contextlib.suppress(SandboxError):
                await client.remove_hostfwd(fid)
        raise
    return ids


async def remove_matching(client: SlirpClient, rows: list[NetForward]) -> None:
    """Remove slirp4netns's forwards that ``rows`` describe."""
    if not rows:
        return
    for fwd in await client.list_hostfwd():
        if any(r.matches(fwd) for r in rows):
            with contextlib.suppress(SandboxError):
                await client.remove_hostfwd(fwd.id)


def _proto(name: str) -> Literal["TCP", "UDP"]:
    return "UDP" if name.upper() == "UDP" else "TCP"


class HostPorts:
    """The pods' host ports on the network's slirp4netns, with their table."""

    def __init__(self, directory: Path, client: Callable[[], SlirpClient]) -> None:
        self.table = ForwardTable(directory)
        self._client = client
        self._lock = asyncio.Lock()

    def owners(self) -> set[str]:
        return {r.owner for r in self.table.load()}

    async def add(self, pod_uid: str, guest_ip: str, forwards: list[PortForward]) -> list[int]:
        """The pod's host ports, recorded before they are added; all or none."""
        async with self._lock:
            rows = [r for r in self.table.load() if r.owner != pod_uid]
            new = [NetForward(pod_uid, guest_ip, f) for f in forwards]
            self.table.save([*rows, *new])
            try:
                return await add_all(self._client(), new)
            except BaseException:
                self.table.save(rows)
                raise

    async def remove(self, pod_uid: str, slirp_alive: bool) -> None:
        async with self._lock:
            rows = self.table.load()
            mine = [r for r in rows if r.owner == pod_uid]
            if mine and slirp_alive:
                await remove_matching(self._client(), mine)
            if mine:
                self.table.save([r for r in rows if r.owner != pod_uid])

    async def publish_node_ports(self, wanted: set[tuple[int, str]]) -> None:
        """127.0.0.1:nodePort → the network's tap0 at nodePort, for each
        (nodePort, protocol); the Service rules DNAT it from there."""
        new = [
            NetForward(NODE_PORTS, TAP_ADDRESS, PortForward(port, port, _proto(proto)))
            for port, proto in sorted(wanted)
        ]
        async with self._lock:
            rows = self.table.load()
            keep = [r for r in rows if r.owner != NODE_PORTS]
            old = [r for r in rows if r.owner == NODE_PORTS]
            gone = [r for r in old if r not in new]
            added = [r for r in new if r not in old]
            self.table.save([*keep, *(r for r in old if r in new), *added])
            client = self._client()
            await remove_matching(client, gone)
            for row in added:  # one by one: a port taken elsewhere spoils only itself
                try:
                    await add_all(client, [row])
                except SandboxError as exc:
                    self.table.save([r for r in self.table.load() if r != row])
                    raise SandboxError(f"nodePort {row.forward.host_port}: {exc}") from exc

    async def sync(self, live: set[str]) -> None:
        """slirp4netns's forwards made to match live pods' rows: strays (a
        killed podd's, probes' loopback ones) removed, missing ones added."""
        async with self._lock:
            rows = self.table.load()
            client = self._client()
            present = await client.list_hostfwd()
            live = live | {NODE_PORTS}
            for extra in stale(rows, present, live):
                with contextlib.suppress(Exception):
                    await client.remove_hostfwd(extra.id)
            await add_all(client, missing(rows, present, live))
