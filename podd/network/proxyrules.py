"""Service traffic in the pod network's kernel: the nft ruleset of table
``ip podd-services``, rendered from :mod:`proxyplan`'s ports (pure).

The layout is kube-proxy's nftables mode (pkg/proxy/nftables): maps
``service-ips`` (clusterIP/externalIP . proto . port) and
``service-nodeports`` (proto . nodePort) jump from the ``services`` chain
(hooked at prerouting for pods' traffic and output for the namespace's own)
to a chain per Service port, which picks an endpoint chain with ``numgen
random mod N``; the endpoint chain DNATs. ClientIP affinity is a timeout set
per endpoint, updated with the client's address and checked before the
random pick. A port without endpoints is in ``no-endpoint-services`` /
``no-endpoint-nodeports`` and rejected (ICMP port unreachable: connect()
fails at once) from the filter hooks, where ``reject`` is allowed.

Masquerading: all pods share one bridge, so a backend answers a client pod
directly over it; without br_netfilter (which rootless podd cannot load) that
reply skips this namespace's IP layer, is never un-DNATed and the client
resets it. So by default every Service connection is masqueraded to the
bridge's address (kube-proxy's ``--masquerade-all``); that also covers the
hairpin case (a pod reaching itself through its Service). With
``masquerade_all=False`` (a namespace where bridged traffic does go through
netfilter) only traffic from outside the pod CIDR is, plus kube-proxy's
hairpin rule, and backends see clients' own addresses.

NodePorts are the Service port's traffic arriving on slirp4netns's tap0 for a
local address (what a slirp4netns host forward delivers).

What no Service port took (after DNAT, so a Service's own connections are
past it): a ClusterIP on a port it does not serve is rejected, any other
address of the service CIDR dropped, as kube-proxy's ``cluster-ips-check``
does — without it such a packet would follow the default route out through
slirp4netns to whatever the host's network has at that address.

How a ruleset reaches the kernel (whole, or as the difference from the last
one, in loads small enough for an unprivileged nft) is :mod:`proxyload`'s.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence

import msgspec

from podd.network.nft import SLIRP_DEV
from podd.network.proxyplan import PortPlan

__all__ = ["MAPS", "TABLE", "Ruleset", "render", "set_type", "skeleton"]

TABLE = "podd-services"
MASQ_MARK = "0x4000"  # kube-proxy's default masquerade bit (14)
NAME_MAX = 240  # kube-proxy's chainNameBaseLengthMax (256 less a prefix)
DSTNAT, SRCNAT = -100, 100  # by number: older nft names "dstnat" for prerouting only
FILTER_PRIORITY = DSTNAT - 10  # before DNAT, as kube-proxy's filter chains
MAPS = (
    "no-endpoint-services",
    "no-endpoint-nodeports",
    "service-ips",
    "service-nodeports",
    "cluster-ips",
)
_IP_KEY = "ipv4_addr . inet_proto . inet_service : verdict"
_PORT_KEY = "inet_proto . inet_service : verdict"
_ADDR_KEY = "ipv4_addr : verdict"
_NODEPORT_MATCH = f'iifname "{SLIRP_DEV}" fib daddr type local meta l4proto . th dport'


class Ruleset(msgspec.Struct, frozen=True):
    """The table's Service-dependent contents; the rest (hooks, helpers) is
    the same for every rendering (:func:`skeleton`)."""

    maps: dict[str, tuple[str, ...]]  # map -> elements ("key : verdict")
    chains: dict[str, tuple[str, ...]]  # per-Service-port chain -> its rules
    sets: dict[str, int]  # affinity set -> timeout (s)
    service_cidr: str = ""  # dropped where no Service took it ("": not checked)

    @property
    def body(self) -> str:
        """The whole table in nft's block syntax (one ``nft -f`` when small)."""
        lines = [f"table ip {TABLE} {{"]
        for name in MAPS:
            lines += _map(name, self.maps.get(name, ()))
        for name, timeout in sorted(self.sets.items()):
            lines.append(f"\tset {name} {{ {set_type(timeout)} }}")
        lines += _static_chains(self.service_cidr)
        for name, rules in self.chains.items():
            lines += _chain(name, rules)
        lines.append("}")
        return "\n".join(lines) + "\n"


def set_type(timeout: int) -> str:
    # "dynamic" as the kernel would add it anyway (a later add must match).
    return f"type ipv4_addr; flags dynamic,timeout; timeout {timeout}s;"


def _hashed(name: str, salt: str = "") -> str:
    """kube-proxy's hashAndTruncate: unique and readable."""
    digest = base64.b32encode(hashlib.sha256((name + salt).encode()).digest()).decode()
    full = f"{digest[:8]}-{name}"
    return full if len(full) <= NAME_MAX else full[: NAME_MAX - 3] + "..."


def render(
    plans: Sequence[PortPlan],
    *,
    pod_cidr: str,
    service_cidr: str = "",
    masquerade_all: bool = True,
) -> Ruleset:
    rules = Ruleset(maps={m: () for m in MAPS}, chains={}, sets={}, service_cidr=service_cidr)
    maps: dict[str, list[str]] = {m: [] for m in MAPS}
    for p in plans:
        _port(rules, maps, p, pod_cidr, masquerade_all)
    cluster_ips = sorted({p.cluster_ip for p in plans}, key=_address_order)
    maps["cluster-ips"] = [f"{ip} : goto reject-chain" for ip in cluster_ips]
    rules.maps.update({m: tuple(e) for m, e in maps.items()})
    return rules


def _address_order(ip: str) -> tuple[int, ...]:
    return tuple(int(part) for part in ip.split("."))


def _port(
    r: Ruleset, maps: dict[str, list[str]], p: PortPlan, pod_cidr: str, masquerade_all: bool
) -> None:
    base = _hashed(p.name)
    svc_chain, ext_chain = f"service-{base}", f"external-{base}"
    key = f"{p.protocol} . {p.port}"
    if not p.backends:
        for ip in (p.cluster_ip, *p.external_ips):
            maps["no-endpoint-services"].append(f"{ip} . {key} : goto reject-chain")
        if p.node_port:
            maps["no-endpoint-nodeports"].append(
                f"{p.protocol} . {p.node_port} : goto reject-chain"
            )
        return
    maps["service-ips"].append(f"{p.cluster_ip} . {key} : goto {svc_chain}")
    match = f"ip daddr {p.cluster_ip} {p.protocol} dport {p.port}"
    source = "" if masquerade_all else f" ip saddr != {pod_cidr}"
    rules = [f"{match}{source} jump mark-for-masquerade"]
    eps = [(b, _hashed(f"{p.name}__{b.ip}/{b.port}")) for b in p.backends]
    for b, ep in eps:
        if p.affinity_timeout is not None:
            # The timeout in the hash: a new timeout is a new set (not alterable in place).
            aff = "affinity-" + _hashed(f"{p.name}__{b.ip}/{b.port}", f"@{p.affinity_timeout}")
            r.sets[aff] = p.affinity_timeout
            rules.append(f"ip saddr @{aff} goto endpoint-{ep}")
    picks = ", ".join(f"{i} : goto endpoint-{ep}" for i, (_, ep) in enumerate(eps))
    rules.append(f"numgen random mod {len(eps)} vmap {{ {picks} }}")
    r.chains[svc_chain] = tuple(rules)
    if p.external_ips or p.node_port:
        # External traffic: always masqueraded (kube-proxy's Cluster policy).
        r.chains[ext_chain] = ("jump mark-for-masquerade", f"goto {svc_chain}")
        for ip in p.external_ips:
            maps["service-ips"].append(f"{ip} . {key} : goto {ext_chain}")
        if p.node_port:
            maps["service-nodeports"].append(f"{p.protocol} . {p.node_port} : goto {ext_chain}")
    for b, ep in eps:
        ep_rules = [f"ip saddr {b.ip} jump mark-for-masquerade"]  # hairpin
        if p.affinity_timeout is not None:
            aff = "affinity-" + _hashed(f"{p.name}__{b.ip}/{b.port}", f"@{p.affinity_timeout}")
            ep_rules.append(f"update @{aff} {{ ip saddr }}")
        ep_rules.append(f"meta l4proto {p.protocol} dnat to {b}")
        r.chains[f"endpoint-{ep}"] = tuple(ep_rules)


def skeleton(service_cidr: str = "") -> str:
    """What every load that replaces the table starts with: the table made
    anew (created first so that the delete cannot fail), its maps empty,
    the hooks and helper chains."""
    lines = [f"table ip {TABLE}", f"delete table ip {TABLE}", f"table ip {TABLE} {{"]
    for name in MAPS:
        lines += _map(name, ())
    lines += [*_static_chains(service_cidr), "}"]
    return "\n".join(lines) + "\n"


def _map(name: str, elements: Sequence[str]) -> list[str]:
    key = _ADDR_KEY if name == "cluster-ips" else _PORT_KEY if "nodeports" in name else _IP_KEY
    lines = [f"\tmap {name} {{", f"\t\ttype {key}"]
    if elements:
        lines += ["\t\telements = {", *(f"\t\t\t{e}," for e in elements), "\t\t}"]
    return [*lines, "\t}"]


def _static_chains(service_cidr: str) -> list[str]:
    out = []
    for hook in ("input", "forward", "output"):
        rules = [
            f"type filter hook {hook} priority {FILTER_PRIORITY}; policy accept;",
            "ct state new jump service-endpoints-check",
        ]
        if hook == "forward":  # forwarded packets were DNATed at prerouting already
            rules.append("ct state new jump cluster-ips-check")
        out += _chain(f"filter-{hook}", rules)
    # The namespace's own connections are DNATed at output: checked after.
    out += _chain(
        "filter-output-post-dnat",
        [
            f"type filter hook output priority {DSTNAT + 10}; policy accept;",
            "ct state new jump cluster-ips-check",
        ],
    )
    check = ["ip daddr vmap @cluster-ips"]
    if service_cidr:
        check.append(f"ip daddr {service_cidr} drop")
    out += _chain("cluster-ips-check", check)
    for hook in ("prerouting", "output"):
        out += _chain(
            f"nat-{hook}",
            [f"type nat hook {hook} priority {DSTNAT}; policy accept;", "jump services"],
        )
    out += _chain(
        "nat-postrouting",
        [f"type nat hook postrouting priority {SRCNAT}; policy accept;", "jump masquerading"],
    )
    out += _chain("mark-for-masquerade", [f"meta mark set meta mark or {MASQ_MARK}"])
    out += _chain(
        "masquerading",
        [
            f"meta mark & {MASQ_MARK} == 0 return",
            f"meta mark set meta mark xor {MASQ_MARK}",
            "masquerade fully-random",
        ],
    )
    out += _chain("reject-chain", ["reject"])
    out += _chain(
        "service-endpoints-check",
        [
            "ip daddr . meta l4proto . th dport vmap @no-endpoint-services",
            f"{_NODEPORT_MATCH} vmap @no-endpoint-nodeports",
        ],
    )
    out += _chain(
        "services",
        [
            "ip daddr . meta l4proto . th dport vmap @service-ips",
            f"{_NODEPORT_MATCH} vmap @service-nodeports",
        ],
    )
    return out


def _chain(name: str, rules: Sequence[str]) -> list[str]:
    return [f"\tchain {name} {{", *(f"\t\t{r}" for r in rules), "\t}"]
