"""The cluster DNS's sockets: made inside the pod network, bound by podd."""

from __future__ import annotations

import socket

from podd.network.holder import NetworkError, PodNetwork
from podd.sandbox.podsocket import pod_sockets


async def dns_sockets(net: PodNetwork, port: int = 53) -> tuple[socket.socket, socket.socket]:
    """A UDP and a listening TCP socket on the bridge's address inside the
    network (the cluster DNS serves pods there); they are the caller's.
    podd binds them itself: it owns the network's user namespace, and port
    53 is open to it there (podd-pause --net)."""
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
