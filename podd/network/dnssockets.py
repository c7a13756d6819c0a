"""The cluster DNS's sockets: made inside the pod network and kept there by
its holder, which hands them to podd at each start (``--dns ADDR
--fd-socket PATH``, native/pause/keep.c). They outlive podd: while it
restarts, a pod's query waits in the socket's queue and is answered by the
next podd, instead of meeting a closed port."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from podd.network.holder import DNS_FD_SOCKET, NetworkError, PodNetwork
from podd.sandbox.podsocket import pod_sockets, received_fds
from podd.sandbox.process import wait_readable

FETCH_TIMEOUT = 5.0


async def dns_sockets(net: PodNetwork, port: int = 53) -> tuple[socket.socket, socket.socket]:
    """A UDP and a listening TCP socket on the bridge's address inside the
    network (the cluster DNS serves pods there); the caller's copies.
    A holder started by an older podd keeps none: then they are made now
    (and last as long as this podd)."""
    path = net.dir / DNS_FD_SOCKET
    if port == 53 and path.exists():
        return await kept_dns_sockets(path)
    return await _made_dns_sockets(net, port)


async def kept_dns_sockets(path: Path) -> tuple[socket.socket, socket.socket]:
    """The holder's two sockets, fetched from its fd socket at ``path``."""
    channel = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    channel.setblocking(False)
    try:
        loop = asyncio.get_running_loop()
        async with asyncio.timeout(FETCH_TIMEOUT):
            await loop.sock_connect(channel, str(path))
        # The holder sends at once; wait until its message is there.
        if not await wait_readable(channel.fileno(), FETCH_TIMEOUT):
            raise TimeoutError("no answer")
        socks = received_fds(channel, 2)
    except (OSError, TimeoutError) as exc:
        raise NetworkError(f"cluster DNS sockets not fetched from {path}: {exc}") from exc
    finally:
        channel.close()
    if len(socks) != 2:
        for s in socks:
            s.close()
        raise NetworkError(f"the pod network's holder sent {len(socks)} DNS socket(s), not 2")
    udp, tcp = socks
    if udp.type != socket.SOCK_DGRAM:
        udp, tcp = tcp, udp
    return udp, tcp


async def _made_dns_sockets(net: PodNetwork, port: int) -> tuple[socket.socket, socket.socket]:
    """Sockets made by a helper in the network and bound by podd itself: it
    owns the network's user namespace, and port 53 is open to it there."""
    ref = net.state.holder.ref
    made = (await pod_sockets(net.pause, ref, "udp")) + (await pod_sockets(net.pause, ref, "tcp"))
    udp, tcp = made[0], made[1]
    for extra in made[2:]:  # the IPv6 TCP one
        extra.close()
    gateway = net.config.gateway
    try:
        for sock in (udp, tcp):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((gateway, port))
        tcp.listen(128)
    except OSError as exc:
        udp.close()
        tcp.close()
        raise NetworkError(f"cluster DNS on {gateway}:{port}: {exc}") from exc
    return udp, tcp
