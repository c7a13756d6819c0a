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
