"""Every check, in the order they print, and the report they make (pure:
each check is a function of the :class:`HostView`)."""

from __future__ import annotations

from collections.abc import Callable

from podd.doctor import cgroup, files, network, runtime, userns
from podd.doctor.distro import Distro, parse_os_release
from podd.doctor.finding import Finding, Report, can_run
from podd.doctor.host import HostView

Check = Callable[[HostView, Distro], Finding]

CHECKS: tuple[Check, ...] = (
    userns.subuid,
    userns.subgid,
    userns.newuidmap,
    userns.newgidmap,
    userns.userns_clone,
    userns.max_user_namespaces,
    userns.apparmor_userns,
    runtime.pause,
    userns.user_namespace,
    network.tun,
    network.slirp4netns,
    network.nft,
    runtime.oci_runtime,
    runtime.conmon,
    cgroup.cgroup_v2,
    cgroup.cgroup_delegation,
    runtime.overlayfs,
    network.unprivileged_ports,
    files.disk,
    files.socket,
)


def distro_of(view: HostView) -> Distro:
    return parse_os_release(view.read("/etc/os-release") or view.read("/usr/lib/os-release"))


def diagnose(view: HostView, checks: tuple[Check, ...] = CHECKS) -> Report:
    distro = distro_of(view)
    findings = [check(view, distro) for check in checks]
    return Report(
        ok=can_run(findings), distribution=distro.pretty, user=view.user, findings=findings
    )
