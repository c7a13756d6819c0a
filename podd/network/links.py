"""The netlink work of the pod network (pyroute2), on sockets made inside
the namespaces.

podd never enters a namespace: ``podd-pause --join <pid> --ns user,net
--send-sockets 1 --netlink`` creates a NETLINK_ROUTE socket there and hands
it over. The kernel checks each request against the socket opener's
credentials (root of that user namespace), so podd drives it with pyroute2
as if it were inside. The pod network's socket is fetched once and kept; a
pod's is fetched for its few requests and closed.

pyroute2 binds a socket with an id of its own choosing and keeps only the
answers addressed to that id, so a socket gets exactly one IPRoute for its
whole life (:func:`iproute`). Its sync API runs an event loop of its own:
the callers run these functions in one dedicated thread.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from typing import Any

from podd.network.config import BRIDGE, POD_IFNAME, NetworkConfig, host_veth
from podd.sandbox.errors import SandboxError


class LinkError(SandboxError):  # a sandbox that cannot be wired fails as one
    """A netlink request failed; the message names the step."""


def iproute(sock: socket.socket) -> Any:
    """The IPRoute of ``sock``, which then owns (and closes) it."""
    from pyroute2 import IPRoute

    return IPRoute(fileno=sock.detach())


@contextlib.contextmanager
def _step(what: str) -> Iterator[None]:
    try:
        yield
    except LinkError:
        raise
    except Exception as exc:  # pyroute2's NetlinkError and OSError alike
        raise LinkError(f"{what}: {exc}") from exc


def ensure_bridge(ipr: Any, config: NetworkConfig) -> None:
    """The bridge with the gateway address, up (idempotent)."""
    with _step(f"create bridge {BRIDGE}"):
        if not ipr.link_lookup(ifname=BRIDGE):
            ipr.link("add", ifname=BRIDGE, kind="bridge")
    with _step(f"configure bridge {BRIDGE}"):
        index = ipr.link_lookup(ifname=BRIDGE)[0]
        have = {(a.get_attr("IFA_ADDRESS"), a["prefixlen"]) for a in ipr.get_addr(index=index)}
        if (config.gateway, config.prefixlen) not in have:
            ipr.addr("add", index=index, address=config.gateway, prefixlen=config.prefixlen)
        ipr.link("set", index=index, mtu=config.mtu, state="up")


def add_pod_link(ipr: Any, pod_uid: str, pod_netns: int, config: NetworkConfig) -> str:
    """A veth pair: the host end on the bridge, ``eth0`` in the pod's network
    namespace (given as an open fd). A link left by an earlier try for the
    same pod is replaced. Returns the host end's name."""
    name = host_veth(pod_uid)
    with _step(f"remove stale link {name}"):
        for index in ipr.link_lookup(ifname=name):
            ipr.link("del", index=index)
    with _step(f"create veth {name}"):
        ipr.link(
            "add",
            ifname=name,
            kind="veth",
            mtu=config.mtu,
            peer={"ifname": POD_IFNAME, "net_ns_fd": pod_netns, "mtu": config.mtu},
        )
    with _step(f"attach {name} to {BRIDGE}"):
        index = ipr.link_lookup(ifname=name)[0]
        bridge = ipr.link_lookup(ifname=BRIDGE)[0]
        ipr.link("set", index=index, master=bridge, state="up")
    with _step(f"hairpin mode on {name}"):
        # A pod reaching itself through a Service: where the host has
        # br_netfilter, the DNAT happens on the bridge and the frame must go
        # back out of the port it came in by (the kubelet's hairpin-veth).
        ipr.brport("set", index=index, mode=1)
    return name


def configure_pod_side(sock: socket.socket, ip: str, config: NetworkConfig) -> None:
    """Inside the pod (``sock`` made there, consumed): eth0 up with its
    address, the default route via the bridge."""
    with iproute(sock) as ipr:
        with _step(f"configure {POD_IFNAME}"):
            index = ipr.link_lookup(ifname=POD_IFNAME)[0]
            ipr.addr("add", index=index, address=ip, prefixlen=config.prefixlen)
            ipr.link("set", index=index, state="up")
        with _step("add the default route"):
            ipr.route("add", dst="0.0.0.0/0", gateway=config.gateway)


def remove_pod_link(ipr: Any, pod_uid: str) -> bool:
    """Delete the pod's veth (both ends go); False when there was none."""
    name = host_veth(pod_uid)
    with _step(f"delete {name}"):
        found = ipr.link_lookup(ifname=name)
        for index in found:
            ipr.link("del", index=index)
        return bool(found)


def pod_links(ipr: Any) -> set[str]:
    """Names of the pod links on the bridge (what a restart reconciles)."""
    with _step("list links"):
        names = {link.get_attr("IFLA_IFNAME") for link in ipr.get_links()}
    return {n for n in names if n and n.startswith("pv")}
