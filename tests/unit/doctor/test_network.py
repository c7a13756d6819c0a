"""/dev/net/tun, slirp4netns, nft and low host ports."""

from __future__ import annotations

from podd.doctor import CommandResult, network

from .conftest import FakeHost


def test_tun_usable(host: FakeHost) -> None:
    found = network.tun(host.view(), host.distro())
    assert found.ok and found.detail == "/dev/net/tun is usable"


def test_tun_0600_names_mode_and_the_chmod_with_its_udev_rule(host: FakeHost) -> None:
    host.path("/dev/net/tun").chmod(0o600)
    found = network.tun(host.view(), host.distro())
    assert (found.ok, found.severity) == (False, "error")
    assert "/dev/net/tun is mode 0600" in found.detail and "alice cannot open it" in found.detail
    assert found.fix == (
        'sudo chmod 0666 /dev/net/tun && echo \'KERNEL=="tun", MODE="0666"\''
        " | sudo tee /etc/udev/rules.d/99-tun.rules"
    )


def test_tun_missing(host: FakeHost) -> None:
    host.path("/dev/net/tun").unlink()
    found = network.tun(host.view(), host.distro())
    assert not found.ok and found.fix is not None and found.fix.startswith("sudo modprobe tun")


def test_slirp4netns_version_and_features(host: FakeHost) -> None:
    found = network.slirp4netns(host.view(), host.distro())
    assert found.ok, found
    assert found.detail.startswith("/usr/bin/slirp4netns 1.2.0 (libslirp 4.7.0): sandbox, seccomp")
    assert ["/usr/bin/slirp4netns", "--help"] in [
        [a.removeprefix(str(host.root)) for a in argv] for argv in host.ran
    ]


def test_slirp4netns_missing_or_old(host: FakeHost) -> None:
    host.outputs[("slirp4netns", "--help")] = CommandResult(0, "--configure --mtu=MTU\n")
    found = network.slirp4netns(host.view(), host.distro())
    assert (found.ok, found.severity) == (False, "error")
    assert "no --api-socket" in found.detail
    host.outputs[("slirp4netns", "--help")] = CommandResult(0, "--api-socket --netns-type\n")
    found = network.slirp4netns(host.view(), host.distro())
    assert (found.ok, found.severity) == (False, "warning")
    assert "--enable-sandbox" in found.detail
    host.outputs[("slirp4netns", "--version")] = CommandResult(1, "Illegal instruction\n")
    found = network.slirp4netns(host.view(), host.distro())
    assert "--version failed: Illegal instruction" in found.detail
    host.path("/usr/bin/slirp4netns").unlink()
    found = network.slirp4netns(host.view(), host.distro())
    assert found.detail == "slirp4netns not found"
    assert found.fix == "sudo apt-get install -y slirp4netns"


def test_nft_needed_by_the_pod_network_only(host: FakeHost) -> None:
    found = network.nft(host.view(), host.distro())
    assert found.ok and found.detail == "/usr/bin/nft: nftables v1.0.6 (Lester Gooch #5)"
    host.path("/usr/bin/nft").unlink()
    found = network.nft(host.view(), host.distro())
    assert (found.ok, found.severity) == (False, "error")
    assert found.fix == "sudo apt-get install -y nftables"
    assert network.nft(host.view(network="slirp"), host.distro()).ok


def test_unprivileged_port_start_is_a_hint(host: FakeHost) -> None:
    found = network.unprivileged_ports(host.view(), host.distro())
    assert found.ok and "hostPorts below 1024 are refused" in found.detail
    assert found.fix is not None and "net.ipv4.ip_unprivileged_port_start=0" in found.fix
    host.sysctl("net.ipv4.ip_unprivileged_port_start", 0)
    found = network.unprivileged_ports(host.view(), host.distro())
    assert found.ok and found.fix is None
