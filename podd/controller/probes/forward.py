"""Loopback forwards that let podd reach a port of a pod for its probes.

podd runs outside the pod's network namespace, so an httpGet or tcpSocket
probe of ``10.0.2.100:8080`` goes through a slirp4netns host forward
``127.0.0.1:<ephemeral> → 10.0.2.100:8080`` added over the sandbox's API
socket. One forward per (pod, port) is made on first use and kept until
:meth:`PortForwarder.release_pod` (the pod goes away) or
:meth:`PortForwarder.close`.

slirp4netns rejects ``host_port`` 0, so a free port is found by binding
``127.0.0.1:0`` and closing it; the short window in which another process
could take it is covered by a bounded retry.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Callable

from podd.sandbox.errors import PortForwardError, SlirpAPIError
from podd.sandbox.portfwd import SlirpClient

__all__ = ["LOOPBACK", "POD_IP", "ForwardError", "PortForwarder"]

log = logging.getLogger("podd.controller.probes")

POD_IP = "10.0.2.100"
LOOPBACK = "127.0.0.1"
ADD_ATTEMPTS = 5


class ForwardError(Exception):
    """No forward to the pod's port could be made (the sandbox's network is gone?)."""


class _Forward:
    __slots__ = ("fwd_id", "host_port")

    def __init__(self, fwd_id: int, host_port: int) -> None:
        self.fwd_id = fwd_id
        self.host_port = host_port


def free_loopback_port() -> int:
    """A TCP port of 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


class PortForwarder:
    """Per-pod cache of loopback forwards into pod network namespaces."""

    def __init__(
        self,
        client_factory: Callable[[str], SlirpClient] = SlirpClient,
        guest_ip: str = POD_IP,
    ) -> None:
        self._client_factory = client_factory
        self._guest_ip = guest_ip
        # pod uid → ("api socket|guest ip", guest port → forward)
        self._pods: dict[str, tuple[str, dict[int, _Forward]]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    def forwards(self, pod_uid: str) -> dict[int, int]:
        """guest port → host port of the pod's current forwards."""
        entry = self._pods.get(pod_uid)
        return {} if entry is None else {g: f.host_port for g, f in entry[1].items()}

    async def host_port(
        self, pod_uid: str, api_socket: str, guest_port: int, guest_ip: str | None = None
    ) -> int:
        """The loopback port that reaches ``guest_port`` of the pod (made on
        first use); ``guest_ip``: the pod's address on a shared slirp4netns
        (the pod network), else the address each pod's own one gives it."""
        lock = self._locks.setdefault(pod_uid, asyncio.Lock())
        target = f"{api_socket}|{guest_ip or self._guest_ip}"
        async with lock:
            entry = self._pods.get(pod_uid)
            if entry is not None and entry[0] != target:
                # A new sandbox (new slirp4netns): the old forwards died with the old one.
                entry = None
            if entry is None:
                entry = (target, {})
                self._pods[pod_uid] = entry
            found = entry[1].get(guest_port)
            if found is not None:
                return found.host_port
            fwd = await self._add(api_socket, guest_ip or self._guest_ip, guest_port)
            entry[1][guest_port] = fwd
            return fwd.host_port

    async def _add(self, api_socket: str, guest_ip: str, guest_port: int) -> _Forward:
        client = self._client_factory(api_socket)
        last: Exception | None = None
        for _ in range(ADD_ATTEMPTS):
            port = free_loopback_port()
            try:
                fwd_id = await client.add_hostfwd(LOOPBACK, port, guest_ip, guest_port)
            except PortForwardError as exc:  # the port was taken meanwhile: another one
                last = exc
                continue
            except SlirpAPIError as exc:
                raise ForwardError(f"cannot forward a port to the pod: {exc}") from exc
            return _Forward(fwd_id, port)
        raise ForwardError(f"cannot forward a port to the pod: {last}")

    async def invalidate(self, pod_uid: str, guest_port: int) -> None:
        """Forget (and try to remove) a forward that stopped working."""
        lock = self._locks.setdefault(pod_uid, asyncio.Lock())
        async with lock:
            entry = self._pods.get(pod_uid)
            if entry is None or guest_port not in entry[1]:
                return
            fwd = entry[1].pop(guest_port)
            await self._remove(entry[0].partition("|")[0], fwd)

    async def _remove(self, api_socket: str, fwd: _Forward) -> None:
        try:
            await self._client_factory(api_socket).remove_hostfwd(fwd.fwd_id)
        except SlirpAPIError as exc:  # slirp4netns already gone: nothing left to remove
            log.debug("remove_hostfwd %s on %s: %s", fwd.fwd_id, api_socket, exc)

    async def release_pod(self, pod_uid: str) -> None:
        """Remove every forward of the pod."""
        lock = self._locks.setdefault(pod_uid, asyncio.Lock())
        async with lock:
            entry = self._pods.pop(pod_uid, None)
            if entry is not None:
                for fwd in entry[1].values():
                    await self._remove(entry[0].partition("|")[0], fwd)
        self._locks.pop(pod_uid, None)

    async def close(self) -> None:
        for uid in list(self._pods):
            with contextlib.suppress(Exception):
                await self.release_pod(uid)
