"""What a Service holds — its clusterIP in the service CIDR, its nodePorts in
the node-port range — as the apiserver's allocators decide it.

:class:`ServiceClaims` is the store's claim rule for Services
(podd/store/claims.py): given the values other Services hold, it honours a
requested clusterIP or nodePort (or refuses it in the apiserver's words) and
picks free ones for the rest. It runs inside the Service's write transaction,
so the values are held exactly while the stored Service says so.

Picks are random, as the apiserver's, and prefer the upper part of a range:
the lower part (``min(max(16, size/16), 256)`` addresses, ``min(max(16,
size/32), 128)`` ports) is left for values chosen by hand (10.96.0.10 for DNS),
as the apiserver's static sub-range does.
"""

from __future__ import annotations

import ipaddress
import random
from collections.abc import Mapping
from typing import Any

from podd.model import field as f
from podd.model.errors import InvalidError, ModelError
from podd.model.field import Path, StatusCause
from podd.model.service import CLUSTER_IP_NONE, Service

__all__ = [
    "DEFAULT_NODE_PORTS",
    "DEFAULT_SERVICE_CIDR",
    "POOL_CLUSTER_IP",
    "POOL_NODE_PORT",
    "RangeFullError",
    "ServiceClaims",
    "carry_allocations",
    "init_ip_families",
    "needs_cluster_ip",
    "needs_node_ports",
]

DEFAULT_SERVICE_CIDR = "10.96.0.0/16"
DEFAULT_NODE_PORTS = (30000, 32767)
POOL_CLUSTER_IP = "service-cluster-ip"
POOL_NODE_PORT = "service-node-port"


class RangeFullError(ModelError):
    """Nothing left to allocate (the apiserver's 500 InternalError)."""

    code = 500
    reason = "InternalError"


def needs_cluster_ip(svc: Service) -> bool:
    return svc.spec.type != "ExternalName" and svc.spec.cluster_ip != CLUSTER_IP_NONE


def needs_node_ports(svc: Service) -> bool:
    return svc.spec.type in ("NodePort", "LoadBalancer")


def _allocates_node_ports(svc: Service) -> bool:
    """Unset nodePorts get one (a LoadBalancer may opt out; requests still hold)."""
    if svc.spec.type == "NodePort":
        return True
    return (
        svc.spec.type == "LoadBalancer" and svc.spec.allocate_load_balancer_node_ports is not False
    )


def _pick(first: int, last: int, static: int, taken: set[int], rng: random.Random) -> int | None:
    """A free value of ``first..last``, the dynamic band ``first+static..last`` first."""
    for lo, hi in ((first + static, last), (first, min(first + static - 1, last))):
        if hi < lo:
            continue
        size = hi - lo + 1
        start = rng.randrange(size)
        for i in range(size):
            value = lo + (start + i) % size
            if value not in taken:
                return value
    return None


class ServiceClaims:
    """The claim rule of Services for one service CIDR and node-port range."""

    pools = (POOL_CLUSTER_IP, POOL_NODE_PORT)

    def __init__(
        self,
        cidr: str = DEFAULT_SERVICE_CIDR,
        node_ports: tuple[int, int] = DEFAULT_NODE_PORTS,
        rng: random.Random | None = None,
    ) -> None:
        self.network = ipaddress.ip_network(cidr, strict=False)
        self.node_ports = node_ports
        self._rng = rng or random.Random()

    @property
    def family(self) -> str:
        return "IPv4" if self.network.version == 4 else "IPv6"

    def in_range(self, ip: str) -> bool:
        try:
            addr = ipaddress.ip_address(ip)
        except ValueError:
            return False
        net = self.network
        return addr in net and addr != net.network_address and addr != net.broadcast_address

    # -- the rule ----------------------------------------------------------
    def hold(self, obj: Any, taken: Mapping[str, set[str]]) -> list[tuple[str, str]]:
        svc: Service = obj
        errs: list[StatusCause] = []
        held: list[tuple[str, str]] = []
        if needs_cluster_ip(svc):
            ip = self._cluster_ip(svc, taken[POOL_CLUSTER_IP], errs)
            if ip is not None:
                held.append((POOL_CLUSTER_IP, ip))
        if needs_node_ports(svc) or any(p.node_port for p in svc.spec.ports or ()):
            held += [
                (POOL_NODE_PORT, str(n)) for n in self._node_ports(svc, taken[POOL_NODE_PORT], errs)
            ]
        if errs:
            raise InvalidError(errs, kind="Service", name=svc.metadata.name)
        return held

    def _cluster_ip(self, svc: Service, taken: set[str], errs: list[StatusCause]) -> str | None:
        spec = svc.spec
        requested = spec.cluster_ip or (spec.cluster_ips[0] if spec.cluster_ips else "")
        if not requested:
            net = self.network
            size = net.num_addresses - 2  # no network nor broadcast address
            static = min(max(16, size // 16), 256)
            used = {int(ipaddress.ip_address(t)) - int(net.network_address) - 1 for t in taken}
            offset = _pick(0, size - 1, static, used, self._rng)
            if offset is None:
                raise RangeFullError(
                    "Internal error occurred: failed to allocate a serviceIP: range is full"
                )
            ip = str(net.network_address + 1 + offset)
            spec.cluster_ip, spec.cluster_ips = ip, [ip, *(spec.cluster_ips or [])[1:]]
            return ip
        ip = str(ipaddress.ip_address(requested))  # validation checked it parses
        problem = ""
        if not self.in_range(ip):
            problem = (
                f"provided IP is not in the valid range. The range of valid IPs is {self.network}"
            )
        elif ip in taken:
            problem = "provided IP is already allocated"
        if problem:
            shown = ", ".join(f'"{c}"' for c in spec.cluster_ips or [requested])
            message = f"Invalid value: []string{{{shown}}}: failed to allocate IP {requested}: "
            errs.append(
                StatusCause(
                    reason=f.CauseType.INVALID, field="spec.clusterIPs", message=message + problem
                )
            )
            return None
        return ip

    def _node_ports(self, svc: Service, taken: set[str], errs: list[StatusCause]) -> list[int]:
        first, last = self.node_ports
        size = last - first + 1
        static = min(max(16, size // 32), 128)
        used = {int(t) for t in taken}
        mine: set[int] = set()
        by_port: dict[int, int] = {}  # one nodePort serves a port number (TCP and UDP alike)
        allocate = _allocates_node_ports(svc)
        for i, port in enumerate(svc.spec.ports or ()):
            if port.node_port:
                n = port.node_port
                if n in mine:
                    by_port.setdefault(port.port, n)
                    continue
                path = Path("spec").child("ports").index(i).child("nodePort")
                if not first <= n <= last:
                    errs.append(
                        f.invalid(
                            path,
                            n,
                            "provided port is not in the valid range. The range of valid ports "
                            f"is {first}-{last}",
                        )
                    )
                elif n in used:
                    errs.append(f.invalid(path, n, "provided port is already allocated"))
                else:
                    mine.add(n)
                    by_port.setdefault(port.port, n)
            elif allocate:
                n = (
                    by_port.get(port.port)
                    or _pick(first, last, static, used | mine, self._rng)
                    or 0
                )
                if not n:
                    raise RangeFullError(
                        "Internal error occurred: failed to allocate a nodePort: range is full"
                    )
                port.node_port = n
                mine.add(n)
                by_port[port.port] = n
        return sorted(mine)


# -- before validation: what a create or an update of a Service starts from ---
def _other(family: str) -> str:
    return "IPv6" if family == "IPv4" else "IPv4"


def init_ip_families(svc: Service, old: Service | None, family: str) -> None:
    """The allocator's ``initIPFamilyFields`` on a single-stack cluster of ``family``."""
    spec = svc.spec
    if spec.type == "ExternalName":
        return
    headless_selectorless = spec.cluster_ip == CLUSTER_IP_NONE and not spec.selector
    if spec.ip_family_policy is None:
        if old is not None and old.spec.ip_family_policy:
            spec.ip_family_policy = old.spec.ip_family_policy
        elif headless_selectorless:
            spec.ip_family_policy = "RequireDualStack"
        else:
            spec.ip_family_policy = "SingleStack"
    families = list(spec.ip_families or [])
    for ip in spec.cluster_ips or []:  # inferred from requested addresses
        if ip != CLUSTER_IP_NONE and len(families) < len(spec.cluster_ips or []):
            try:
                families.append("IPv4" if ipaddress.ip_address(ip).version == 4 else "IPv6")
            except ValueError:
                break  # validation names it
    families = families or [family]
    if headless_selectorless and len(families) < 2 and spec.ip_family_policy != "SingleStack":
        families.append(_other(families[0]))
    spec.ip_families = families


def carry_allocations(old: Service, new: Service) -> None:
    """An update keeps what the old Service was given when the client left it
    out (``kubectl apply``/``replace`` send no clusterIP), and drops what its
    new type no longer has — the registry's ``patchAllocatedValues`` and
    ``dropTypeDependentFields``."""
    o, n = old.spec, new.spec
    if needs_cluster_ip(old) and needs_cluster_ip(new):
        if not n.cluster_ip:
            n.cluster_ip = o.cluster_ip
        if not n.cluster_ips and o.cluster_ips:
            n.cluster_ips = list(o.cluster_ips)
    if needs_node_ports(old) and needs_node_ports(new):
        used = {p.node_port for p in o.ports or () if p.node_port} & {
            p.node_port for p in n.ports or () if p.node_port
        }
        by_name = {p.name or "": p.node_port for p in o.ports or ()}
        for port in n.ports or ():
            old_value = by_name.get(port.name or "")
            if not port.node_port and old_value and old_value not in used:
                port.node_port = old_value
    if n.type == "ExternalName" and o.type != "ExternalName":
        if n.cluster_ip == o.cluster_ip:
            n.cluster_ip = None
        if n.cluster_ips == o.cluster_ips:
            n.cluster_ips = None
        if n.ip_families == o.ip_families:
            n.ip_families = None
        if n.ip_family_policy == o.ip_family_policy:
            n.ip_family_policy = None
    if needs_node_ports(old) and not needs_node_ports(new):
        before = {(p.name or "", p.node_port) for p in o.ports or ()}
        for port in n.ports or ():
            if (port.name or "", port.node_port) in before:
                port.node_port = None
        if n.external_traffic_policy == o.external_traffic_policy:
            n.external_traffic_policy = None
    if (
        n.type != "LoadBalancer"
        and n.allocate_load_balancer_node_ports == o.allocate_load_balancer_node_ports
    ):
        n.allocate_load_balancer_node_ports = None
