"""The Services' nft table: exact rules for a few Service ports (kube-proxy's
nftables layout). How it is loaded (and checked with the real nft): see
test_proxyload.py."""

from __future__ import annotations

import re

import msgspec

from podd.network.proxyplan import Backend, PortPlan
from podd.network.proxyrules import Ruleset, render

CIDR = "10.88.0.0/16"
A, B = Backend("10.88.0.2", 8080), Backend("10.88.0.3", 8080)
WEB = PortPlan("default", "web", "", "tcp", "10.96.0.20", 80, backends=(A, B))
STICKY = PortPlan(
    "default", "db", "sql", "tcp", "10.96.0.21", 5432, affinity_timeout=60, backends=(A,)
)
EMPTY = PortPlan(
    "default", "none", "dns", "udp", "10.96.0.22", 53, node_port=30053, external_ips=("192.0.2.1",)
)
NODE = PortPlan("default", "np", "", "tcp", "10.96.0.23", 80, node_port=30080, backends=(B,))


def chains(text: str) -> dict[str, list[str]]:
    """Chain name → its lines, from a rendered body."""
    out: dict[str, list[str]] = {}
    for m in re.finditer(r"^\tchain (\S+) \{\n(.*?)^\t\}$", text, re.M | re.S):
        out[m.group(1)] = [ln.strip() for ln in m.group(2).splitlines()]
    return out


def map_elements(text: str, name: str) -> list[str]:
    m = re.search(rf"^\tmap {name} \{{\n(.*?)^\t\}}$", text, re.M | re.S)
    assert m, name
    return [ln.strip().rstrip(",") for ln in m.group(1).splitlines()[2:-1]]


def named(rules: Ruleset, prefix: str) -> list[str]:
    """The per-Service-port chains (their names carry a "/") of one kind."""
    return sorted(c for c in chains(rules.body) if c.startswith(prefix) and "/" in c)


def test_a_service_port_picks_one_of_its_endpoints_at_random() -> None:
    rules = render([WEB], pod_cidr=CIDR)
    got = chains(rules.body)
    (svc,) = named(rules, "service-")
    assert re.fullmatch(r"service-[A-Z2-7]{8}-default/web/tcp/", svc)
    ep_a, ep_b = (f"endpoint-{n.split('-', 1)[1]}" for n in named(rules, "endpoint-"))
    assert ep_a.endswith("default/web/tcp/__10.88.0.2/8080")
    assert ep_b.endswith("default/web/tcp/__10.88.0.3/8080")
    assert got[svc] == [
        "ip daddr 10.96.0.20 tcp dport 80 jump mark-for-masquerade",
        f"numgen random mod 2 vmap {{ 0 : goto {ep_a}, 1 : goto {ep_b} }}",
    ]
    assert got[ep_a] == [
        "ip saddr 10.88.0.2 jump mark-for-masquerade",
        "meta l4proto tcp dnat to 10.88.0.2:8080",
    ]
    assert map_elements(rules.body, "service-ips") == [f"10.96.0.20 . tcp . 80 : goto {svc}"]
    assert map_elements(rules.body, "no-endpoint-services") == []
    assert list(rules.chains) == [svc, ep_a, ep_b]
    assert rules.sets == {}


def test_hooks_masquerading_and_the_no_endpoint_check_are_kube_proxys() -> None:
    got = chains(render([], pod_cidr=CIDR).body)
    assert got["nat-prerouting"] == [
        "type nat hook prerouting priority -100; policy accept;",
        "jump services",
    ]
    assert got["nat-output"][1] == "jump services"
    assert got["nat-postrouting"] == [
        "type nat hook postrouting priority 100; policy accept;",
        "jump masquerading",
    ]
    for hook in ("input", "output"):
        assert got[f"filter-{hook}"] == [
            f"type filter hook {hook} priority -110; policy accept;",
            "ct state new jump service-endpoints-check",
        ]
    assert got["filter-forward"] == [
        "type filter hook forward priority -110; policy accept;",
        "ct state new jump service-endpoints-check",
        "ct state new jump cluster-ips-check",  # forwarded: DNATed already
    ]
    assert got["filter-output-post-dnat"] == [
        "type filter hook output priority -90; policy accept;",
        "ct state new jump cluster-ips-check",
    ]
    assert got["masquerading"] == [
        "meta mark & 0x4000 == 0 return",
        "meta mark set meta mark xor 0x4000",
        "masquerade fully-random",
    ]
    assert got["services"] == [
        "ip daddr . meta l4proto . th dport vmap @service-ips",
        'iifname "tap0" fib daddr type local meta l4proto . th dport vmap @service-nodeports',
    ]
    assert got["reject-chain"] == ["reject"]


def test_client_ip_affinity_is_a_timeout_set_per_endpoint() -> None:
    rules = render([STICKY], pod_cidr=CIDR)
    (svc,) = named(rules, "service-")
    (ep,) = named(rules, "endpoint-")
    (aff,) = rules.sets
    # the endpoint's name, hashed with the timeout (a new timeout is a new set)
    assert aff.startswith("affinity-") and aff.endswith("-default/db/tcp/sql__10.88.0.2/8080")
    assert aff.split("-", 1)[1] != ep.split("-", 1)[1]
    got = chains(rules.body)
    assert got[svc] == [
        "ip daddr 10.96.0.21 tcp dport 5432 jump mark-for-masquerade",
        f"ip saddr @{aff} goto {ep}",
        f"numgen random mod 1 vmap {{ 0 : goto {ep} }}",
    ]
    assert got[ep] == [
        "ip saddr 10.88.0.2 jump mark-for-masquerade",
        f"update @{aff} {{ ip saddr }}",
        "meta l4proto tcp dnat to 10.88.0.2:8080",
    ]
    assert rules.sets == {aff: 60}
    assert f"\tset {aff} {{ type ipv4_addr; flags dynamic,timeout; timeout 60s; }}" in rules.body
    longer = render([msgspec.structs.replace(STICKY, affinity_timeout=120)], pod_cidr=CIDR)
    assert set(longer.sets) != set(rules.sets)


def test_no_endpoints_rejects_cluster_ip_external_ip_and_node_port() -> None:
    rules = render([EMPTY], pod_cidr=CIDR)
    assert map_elements(rules.body, "no-endpoint-services") == [
        "10.96.0.22 . udp . 53 : goto reject-chain",
        "192.0.2.1 . udp . 53 : goto reject-chain",
    ]
    assert map_elements(rules.body, "no-endpoint-nodeports") == ["udp . 30053 : goto reject-chain"]
    assert map_elements(rules.body, "service-ips") == []
    assert rules.chains == {}


def test_node_port_traffic_is_masqueraded_then_served_by_the_service_chain() -> None:
    rules = render([NODE], pod_cidr=CIDR)
    (svc,) = named(rules, "service-")
    (ext,) = named(rules, "external-")
    assert ext == "external-" + svc.split("-", 1)[1]
    assert chains(rules.body)[ext] == ["jump mark-for-masquerade", f"goto {svc}"]
    assert map_elements(rules.body, "service-nodeports") == [f"tcp . 30080 : goto {ext}"]


def test_without_masquerade_all_only_traffic_from_outside_the_pod_cidr_is() -> None:
    rules = render([WEB], pod_cidr=CIDR, masquerade_all=False)
    (svc,) = named(rules, "service-")
    assert chains(rules.body)[svc][0] == (
        "ip daddr 10.96.0.20 tcp dport 80 ip saddr != 10.88.0.0/16 jump mark-for-masquerade"
    )


def test_long_names_are_hashed_and_cut_to_nfts_limit() -> None:
    longest = PortPlan("n" * 63, "s" * 63, "p" * 15, "tcp", "10.96.0.9", 80, backends=(A,))
    rules = render([longest], pod_cidr=CIDR)  # what the apiserver allows: whole names
    assert not any(c.endswith("...") for c in rules.chains)
    longer = PortPlan("n" * 63, "s" * 63, "p" * 150, "tcp", "10.96.0.9", 80, backends=(A,))
    rules = render([longer], pod_cidr=CIDR)
    assert all(len(c) <= 256 and c.endswith("...") for c in rules.chains)


def test_what_no_service_port_took_is_rejected_on_a_cluster_ip_and_dropped_elsewhere() -> None:
    """kube-proxy's cluster-ips-check: a ClusterIP's other ports refuse at
    once; an unallocated service address is dropped rather than routed out
    through slirp4netns."""
    empty = PortPlan("default", "none", "", "tcp", "10.96.0.9", 80)
    rules = render([WEB, empty, STICKY], pod_cidr=CIDR, service_cidr="10.96.0.0/16")
    assert map_elements(rules.body, "cluster-ips") == [
        "10.96.0.9 : goto reject-chain",
        "10.96.0.20 : goto reject-chain",
        "10.96.0.21 : goto reject-chain",
    ]
    assert chains(rules.body)["cluster-ips-check"] == [
        "ip daddr vmap @cluster-ips",
        "ip daddr 10.96.0.0/16 drop",
    ]
    # Without a service CIDR (not known): only the ClusterIPs' other ports.
    assert chains(render([WEB], pod_cidr=CIDR).body)["cluster-ips-check"] == [
        "ip daddr vmap @cluster-ips"
    ]
