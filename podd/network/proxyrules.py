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

:func:`transaction` turns a ruleset into one atomic ``nft -f`` load: the first
one replaces the table whole (a restarted podd leaves no duplicate); later
ones flush rules and maps in place, delete chains and sets no longer
rendered, and keep the affinity sets (their clients stay where they were).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence

import msgspec

from podd.network.nft import SLIRP_DEV
from podd.network.proxyplan import Backend, PortPlan

__all__ = ["MAPS", "TABLE", "Ruleset", "render", "transaction"]

TABLE = "podd-services"
MASQ_MARK = "0x4000"  # kube-proxy's default masquerade bit (14)
NAME_MAX = 240  # kube-proxy's chainNameBaseLengthMax (256 less a prefix)
DSTNAT, SRCNAT = -100, 100  # by number: older nft names "dstnat" for prerouting only
FILTER_PRIORITY = DSTNAT - 10  # before DNAT, as kube-proxy's filter chains
MAPS = ("no-endpoint-services", "no-endpoint-nodeports", "service-ips", "service-nodeports")
_IP_KEY = "ipv4_addr . inet_proto . inet_service : verdict"
_PORT_KEY = "inet_proto . inet_service : verdict"
_NODEPORT_MATCH = f'iifname "{SLIRP_DEV}" fib daddr type local meta l4proto . th dport'


class Ruleset(msgspec.Struct, frozen=True):
    """The table's text, and what a later load must delete when gone."""

    body: str
    chains: tuple[str, ...]  # per-Service-port chains
    sets: tuple[tuple[str, int], ...]  # affinity sets and their timeout (s)


def _hashed(name: str) -> str:
    """kube-proxy's hashAndTruncate: unique and readable."""
    digest = base64.b32encode(hashlib.sha256(name.encode()).digest()).decode()
    full = f"{digest[:8]}-{name}"
    return full if len(full) <= NAME_MAX else full[: NAME_MAX - 3] + "..."


def _ep_base(p: PortPlan, b: Backend) -> str:
    return _hashed(f"{p.name}__{b.ip}/{b.port}")


class _Tables:
    """What one render accumulates."""

    def __init__(self) -> None:
        self.maps: dict[str, list[str]] = {m: [] for m in MAPS}
        self.chains: dict[str, list[str]] = {}
        self.sets: dict[str, int] = {}


def render(plans: Sequence[PortPlan], *, pod_cidr: str, masquerade_all: bool = True) -> Ruleset:
    t = _Tables()
    for p in plans:
        _port(t, p, pod_cidr, masquerade_all)
    return Ruleset(
        body=_body(t),
        chains=tuple(t.chains),
        sets=tuple(sorted(t.sets.items())),
    )


def _port(t: _Tables, p: PortPlan, pod_cidr: str, masquerade_all: bool) -> None:
    base = _hashed(p.name)
    svc_chain, ext_chain = f"service-{base}", f"external-{base}"
    key = f"{p.protocol} . {p.port}"
    if not p.backends:
        for ip in (p.cluster_ip, *p.external_ips):
            t.maps["no-endpoint-services"].append(f"{ip} . {key} : goto reject-chain")
        if p.node_port:
            t.maps["no-endpoint-nodeports"].append(
                f"{p.protocol} . {p.node_port} : goto reject-chain"
            )
        return
    t.maps["service-ips"].append(f"{p.cluster_ip} . {key} : goto {svc_chain}")
    if p.external_ips or p.node_port:
        # External traffic: always masqueraded (kube-proxy's Cluster policy).
        t.chains[ext_chain] = ["jump mark-for-masquerade", f"goto {svc_chain}"]
        for ip in p.external_ips:
            t.maps["service-ips"].append(f"{ip} . {key} : goto {ext_chain}")
        if p.node_port:
            t.maps["service-nodeports"].append(f"{p.protocol} . {p.node_port} : goto {ext_chain}")
    match = f"ip daddr {p.cluster_ip} {p.protocol} dport {p.port}"
    source = "" if masquerade_all else f" ip saddr != {pod_cidr}"
    rules = [f"{match}{source} jump mark-for-masquerade"]
    eps = [(b, _ep_base(p, b)) for b in p.backends]
    if p.affinity_timeout is not None:
        for _, ep in eps:
            t.sets[f"affinity-{ep}"] = p.affinity_timeout
            rules.append(f"ip saddr @affinity-{ep} goto endpoint-{ep}")
    picks = ", ".join(f"{i} : goto endpoint-{ep}" for i, (_, ep) in enumerate(eps))
    rules.append(f"numgen random mod {len(eps)} vmap {{ {picks} }}")
    t.chains[svc_chain] = rules
    for b, ep in eps:
        ep_rules = [f"ip saddr {b.ip} jump mark-for-masquerade"]  # hairpin
        if p.affinity_timeout is not None:
            ep_rules.append(f"update @affinity-{ep} {{ ip saddr }}")
        ep_rules.append(f"meta l4proto {p.protocol} dnat to {b}")
        t.chains[f"endpoint-{ep}"] = ep_rules


def _base_chains() -> list[str]:
    out = []
    for hook in ("input", "forward", "output"):
        out += _chain(
            f"filter-{hook}",
            [
                f"type filter hook {hook} priority {FILTER_PRIORITY}; policy accept;",
                "ct state new jump service-endpoints-check",
            ],
        )
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


def _chain(name: str, rules: list[str]) -> list[str]:
    return [f"\tchain {name} {{", *(f"\t\t{r}" for r in rules), "\t}"]


def _body(t: _Tables) -> str:
    lines = [f"table ip {TABLE} {{"]
    for name, elements in t.maps.items():
        key = _PORT_KEY if name.endswith("nodeports") else _IP_KEY
        lines += [f"\tmap {name} {{", f"\t\ttype {key}"]
        if elements:
            lines += ["\t\telements = {", *(f"\t\t\t{e}," for e in elements), "\t\t}"]
        lines.append("\t}")
    for name, timeout in sorted(t.sets.items()):
        # "dynamic" as the kernel would add it anyway (a later add must match).
        lines += [
            f"\tset {name} {{",
            "\t\ttype ipv4_addr",
            "\t\tflags dynamic,timeout",
            f"\t\ttimeout {timeout}s",
            "\t}",
        ]
    lines += _base_chains()
    for name, rules in t.chains.items():
        lines += _chain(name, rules)
    lines.append("}")
    return "\n".join(lines) + "\n"


def transaction(new: Ruleset, old: Ruleset | None) -> str:
    """One ``nft -f`` text loading ``new`` over ``old`` (what was loaded last,
    None when unknown: then the table is replaced whole)."""
    head = [f"table ip {TABLE}"]
    if old is None:
        head.append(f"delete table ip {TABLE}")
    else:
        head.append(f"flush table ip {TABLE}")  # every rule: nothing refers to a chain now
        head += [f"flush map ip {TABLE} {m}" for m in MAPS]
        gone = set(old.chains) - set(new.chains)
        head += [f"delete chain ip {TABLE} {c}" for c in old.chains if c in gone]
        kept = dict(new.sets)
        # A changed timeout cannot be altered in place: the set is made anew.
        head += [f"delete set ip {TABLE} {s}" for s, tmo in old.sets if kept.get(s) != tmo]
    return "\n".join(head) + "\n" + new.body
