"""Checks for the pods' network: /dev/net/tun, slirp4netns, nft, low ports."""

from __future__ import annotations

import stat

from podd.doctor.distro import Distro, install, sysctl
from podd.doctor.finding import Finding, ok, problem
from podd.doctor.host import HostView
from podd.sandbox.network import parse_features

TUN = "/dev/net/tun"
PORT_START = "/proc/sys/net/ipv4/ip_unprivileged_port_start"


def tun(view: HostView, distro: Distro) -> Finding:
    """slirp4netns opens /dev/net/tun for every pod (and the pod network)."""
    name = "tun"
    st = view.stat(TUN)
    if st is None:
        fix = "sudo modprobe tun && echo tun | sudo tee /etc/modules-load.d/tun.conf"
        return problem(name, "error", f"{TUN} does not exist", fix)
    if not view.can(TUN, 0o6):  # read and write
        mode = stat.S_IMODE(st.st_mode)
        detail = (
            f"{TUN} is mode {mode:04o} (owner uid {st.st_uid}): {view.user or view.uid}"
            " cannot open it, so slirp4netns cannot give pods a network"
        )
        fix = (
            f'sudo chmod 0666 {TUN} && echo \'KERNEL=="tun", MODE="0666"\''
            " | sudo tee /etc/udev/rules.d/99-tun.rules"
        )
        return problem(name, "error", detail, fix)
    return ok(name, f"{TUN} is usable")


def slirp4netns(view: HostView, distro: Distro) -> Finding:
    name = "slirp4netns"
    path = view.which(name)
    if path is None:
        return problem(name, "error", "slirp4netns not found", install([name], distro))
    version, helptext = view.output(path, "--version"), view.output(path, "--help")
    if version is None or version.returncode != 0:
        said = version.first_line if version else "not run"
        return problem(name, "error", f"{path} --version failed: {said}", install([name], distro))
    features = parse_features(version.output, helptext.output if helptext else "")
    have = [
        flag
        for flag, on in (
            ("sandbox", features.sandbox),
            ("seccomp", features.seccomp),
            ("api-socket", features.api_socket),
            ("netns-type", features.netns_type),
            ("disable-host-loopback", features.disable_host_loopback),
            ("ipv6", features.ipv6),
        )
        if on
    ]
    offers = ", ".join(have) or "no options podd uses"
    about = f"{path} {features.version} (libslirp {features.libslirp or '?'}): {offers}"
    upgrade = install([name], distro) + "  (version 1.0 or later)"
    if not features.api_socket:
        detail = f"{about}; it has no --api-socket, which podd needs to forward host ports"
        return problem(name, "error", detail, upgrade)
    if not (features.sandbox and features.seccomp):
        detail = f"{about}; without --enable-sandbox/--enable-seccomp it runs less confined"
        return problem(name, "warning", detail, upgrade)
    return ok(name, about)


def nft(view: HostView, distro: Distro) -> Finding:
    """The pod network's Services and rules are loaded with ``nft -f``."""
    name = "nft"
    path = view.which(name)
    needed = view.network == "bridge"
    if path is None:
        if not needed:
            return ok(name, "not found; not needed with network = slirp")
        detail = (
            "nft (nftables) not found: the pod network (network = bridge) loads its rules with it"
        )
        return problem(name, "error", detail, install([name], distro))
    version = view.output(path, "--version")
    if version is None or version.returncode != 0:
        said = version.first_line if version else "not run"
        return problem(
            name,
            "error" if needed else "warning",
            f"{path} --version failed: {said}",
            install([name], distro),
        )
    return ok(name, f"{path}: {version.first_line}")


def unprivileged_ports(view: HostView, distro: Distro) -> Finding:
    name = "net.ipv4.ip_unprivileged_port_start"
    value = view.read_int(PORT_START)
    if value is None:
        return ok(name, "not present: hostPorts below 1024 are refused")
    if value == 0 or view.uid == 0:
        return ok(name, f"{value}: any hostPort may be published")
    detail = f"{value}: hostPorts below {value} are refused (the Pod is rejected, naming the port)"
    return ok(name, detail, fix=f"to allow them: {sysctl(name, 0)}")
