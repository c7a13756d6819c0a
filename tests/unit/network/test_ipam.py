"""IPAM on a real directory: claims are exclusive, stable, released, and
round-robin after the last one given."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path

import pytest

from podd.network.config import NetworkConfig, check_cidr, host_veth
from podd.network.ipam import IPAM, IPExhausted


def test_claims_are_distinct_stable_and_released(tmp_path: Path) -> None:
    ipam = IPAM(tmp_path / "ipam", NetworkConfig())
    a, b = ipam.claim("pod-a"), ipam.claim("pod-b")
    assert a == "10.88.0.2" and b == "10.88.0.3"  # .1 is the bridge
    assert ipam.claim("pod-a") == a  # a pod keeps its address
    assert ipam.holders() == {a: "pod-a", b: "pod-b"}
    assert ipam.release("pod-a") == a
    assert ipam.held_by("pod-a") is None
    # not handed out again at once: the next claim goes past the last one given
    assert ipam.claim("pod-c") == "10.88.0.4"
    # a second IPAM on the same directory (a restarted podd) sees the same
    again = IPAM(tmp_path / "ipam", NetworkConfig())
    assert again.held_by("pod-b") == b and again.claim("pod-d") == "10.88.0.5"


def test_wraps_around_and_reports_exhaustion(tmp_path: Path) -> None:
    config = NetworkConfig(pod_cidr="10.99.0.0/29")  # .2 … .6: five pods
    ipam = IPAM(tmp_path, config)
    got = [ipam.claim(f"p{i}") for i in range(5)]
    assert got == [f"10.99.0.{n}" for n in range(2, 7)]
    with pytest.raises(IPExhausted, match=re.escape("10.99.0.0/29")):
        ipam.claim("one-too-many")
    ipam.release("p1")
    assert ipam.claim("again") == "10.99.0.3"  # the only free one, after wrapping


def test_claim_file_is_exclusive(tmp_path: Path) -> None:
    ipam = IPAM(tmp_path, NetworkConfig())
    (tmp_path / "10.88.0.2").write_text("someone-else")  # taken by another claim
    assert ipam.claim("me") == "10.88.0.3"
    assert ipam.holders()["10.88.0.2"] == "someone-else"


def test_config_addresses_and_checks() -> None:
    config = NetworkConfig(pod_cidr="10.77.0.0/16")
    assert config.gateway == "10.77.0.1" and config.prefixlen == 16
    assert config.last_pod_ip() == ipaddress.IPv4Address("10.77.255.254")
    assert check_cidr("10.88.0.0/16") is None
    assert "overlaps" in (check_cidr("10.0.0.0/8") or "")
    assert "too few" in (check_cidr("10.88.0.0/30") or "")
    assert "10.88.0.1/16" in (check_cidr("10.88.0.1/16") or "")  # host bits set
    name = host_veth("0b7c6a52-5d0e-4c47-8b53-3e1f0d1c2b3a")
    assert len(name) <= 15 and name == host_veth("0b7c6a52-5d0e-4c47-8b53-3e1f0d1c2b3a")
