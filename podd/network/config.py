"""The pod network's addresses and names, derived from ``--pod-cidr`` (pure)."""

from __future__ import annotations

import hashlib
import ipaddress

import msgspec

DEFAULT_POD_CIDR = "10.88.0.0/16"
BRIDGE = "podd0"
POD_IFNAME = "eth0"
# slirp4netns's own small network inside the pod network's namespace: the
# namespace's way out (tap0 10.0.2.100, gateway .2, DNS .3).
SLIRP_CIDR = "10.0.2.0/24"


class NetworkConfig(msgspec.Struct, frozen=True):
    pod_cidr: str = DEFAULT_POD_CIDR
    mtu: int = 65520

    @property
    def network(self) -> ipaddress.IPv4Network:
        return ipaddress.IPv4Network(self.pod_cidr)

    @property
    def gateway(self) -> str:
        """The bridge's address: the first host of the CIDR."""
        return str(self.network.network_address + 1)

    @property
    def prefixlen(self) -> int:
        return self.network.prefixlen

    def first_pod_ip(self) -> ipaddress.IPv4Address:
        return self.network.network_address + 2

    def last_pod_ip(self) -> ipaddress.IPv4Address:
        return self.network.broadcast_address - 1


def check_cidr(cidr: str) -> str | None:
    """Why ``cidr`` cannot be the pod CIDR, or None."""
    try:
        net = ipaddress.IPv4Network(cidr, strict=True)
    except ValueError as exc:
        return f"pod CIDR {cidr!r}: {exc}"
    if net.prefixlen > 28:
        return f"pod CIDR {cidr}: /{net.prefixlen} leaves too few addresses (at most /28)"
    if net.overlaps(ipaddress.IPv4Network(SLIRP_CIDR)):
        return f"pod CIDR {cidr} overlaps slirp4netns's {SLIRP_CIDR}"
    return None


def host_veth(pod_uid: str) -> str:
    """The host end's name: stable per pod, ≤ 15 bytes (IFNAMSIZ - 1), so a
    restarted podd finds (or removes) the link of a pod by its uid alone."""
    return "pv" + hashlib.sha256(pod_uid.encode()).hexdigest()[:12]
