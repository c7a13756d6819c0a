"""The pod network's ruleset text (loaded for real by the integration tests)."""

from __future__ import annotations

from podd.network import nft
from podd.network.config import NetworkConfig


def test_ruleset_replaces_podds_table_atomically_and_masquerades_pods() -> None:
    text = nft.ruleset(NetworkConfig(pod_cidr="10.77.0.0/16"))
    lines = [ln.strip() for ln in text.splitlines()]
    # create-then-delete-then-define: one transaction, no duplicate on reload
    assert lines[:3] == ["table ip podd", "delete table ip podd", "table ip podd {"]
    assert 'ip saddr 10.77.0.0/16 oifname "tap0" masquerade' in lines
    assert "type nat hook postrouting priority srcnat; policy accept;" in lines


def test_host_loopback_is_refused_to_all_but_the_allowed() -> None:
    closed = nft.ruleset(NetworkConfig())
    assert "set host_loopback { type ipv4_addr; }" in closed
    assert "ct state new ip daddr 10.0.2.2 ip saddr != @host_loopback reject" in closed
    opened = nft.ruleset(NetworkConfig(), ["10.88.0.9", "10.88.0.3"])
    assert "set host_loopback { type ipv4_addr; elements = { 10.88.0.3, 10.88.0.9 }; }" in opened
