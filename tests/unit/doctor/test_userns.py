"""subuid/subgid, newuidmap/newgidmap and the user-namespace switches."""

from __future__ import annotations

import msgspec

from podd.doctor import userns
from podd.doctor.host import Probe
from podd.doctor.probe import userns_from
from podd.sandbox.cgroupdiscovery import CgroupDiscovery, CgroupInfo, CgroupMode
from podd.sandbox.hostinfo import HostInfo, PauseInfo, SlirpInfo, ToolInfo
from podd.sandbox.userns import IdMap, IdMapping

from .conftest import PAUSE, UID, USER, FakeHost


def test_subid_ranges_of_the_user(host: FakeHost) -> None:
    view, distro = host.view(), host.distro()
    for check, kind in ((userns.subuid, "subuid"), (userns.subgid, "subgid")):
        found = check(view, distro)
        assert found.ok, found
        assert found.detail == f"{USER}: 165536+65536 in /etc/{kind}"


def test_no_subuid_entry_names_the_usermod_that_adds_one(host: FakeHost) -> None:
    host.write("/etc/subuid", "bob:100000:65536\ncarol:300000:65536\n")
    found = userns.subuid(host.view(), host.distro())
    assert not found.ok and found.severity == "warning"
    assert f"no subuid range for {USER} in /etc/subuid" in found.detail
    # The next free range, past every other user's.
    assert found.fix == f"sudo usermod --add-subuids 365536-431071 {USER}"
    assert userns.subgid(host.view(), host.distro()).ok


def test_a_range_by_uid_counts_and_a_small_one_is_a_warning(host: FakeHost) -> None:
    host.write("/etc/subgid", f"{UID}:200000:1000\n")
    found = userns.subgid(host.view(), host.distro())
    assert not found.ok and found.severity == "warning"
    assert "fewer than 65536" in found.detail and "200000+1000" in found.detail
    assert found.fix is not None and found.fix.startswith("sudo usermod --add-subgids 201000-")


def test_root_needs_no_subordinate_ids(host: FakeHost) -> None:
    host.write("/etc/subuid", "")
    assert userns.subuid(host.view(uid=0, user="root"), host.distro()).ok


def test_id_map_helpers_setuid(host: FakeHost) -> None:
    for check in (userns.newuidmap, userns.newgidmap):
        found = check(host.view(), host.distro())
        assert found.ok and "/usr/bin/new" in found.detail


def test_id_map_helper_missing_names_the_package(host: FakeHost) -> None:
    host.path("/usr/bin/newuidmap").unlink()
    found = userns.newuidmap(host.view(), host.distro())
    assert not found.ok and found.severity == "warning"
    assert found.fix == "sudo apt-get install -y uidmap"
    host.write("/etc/os-release", "ID=fedora\nVERSION_ID=40\n")
    assert userns.newuidmap(host.view(), host.distro()).fix == "sudo dnf install -y shadow-utils"
    host.write("/etc/os-release", "ID=arch\n")
    assert userns.newuidmap(host.view(), host.distro()).fix == "sudo pacman -S --needed shadow"


def test_id_map_helper_without_setuid_or_caps(host: FakeHost) -> None:
    host.program("/usr/bin/newgidmap")  # a plain 0755 file, owned by whoever runs this
    found = userns.newgidmap(host.view(), host.distro())
    assert not found.ok
    assert "neither setuid root nor file-capable" in found.detail
    assert found.fix is not None and "sudo setcap cap_setgid+ep /usr/bin/newgidmap" in found.fix


def test_unprivileged_userns_clone(host: FakeHost) -> None:
    name = "kernel.unprivileged_userns_clone"
    assert userns.userns_clone(host.view(), host.distro()).ok  # absent: upstream kernel
    host.sysctl(name, 1)
    assert userns.userns_clone(host.view(), host.distro()).ok
    host.sysctl(name, 0)
    found = userns.userns_clone(host.view(), host.distro())
    assert not found.ok and found.severity == "error"
    assert found.fix is not None
    assert found.fix.startswith(f"sudo sysctl -w {name}=1 && echo '{name} = 1'")


def test_max_user_namespaces(host: FakeHost) -> None:
    assert userns.max_user_namespaces(host.view(), host.distro()).ok
    host.sysctl("user.max_user_namespaces", 0)
    found = userns.max_user_namespaces(host.view(), host.distro())
    assert (found.ok, found.severity) == (False, "error")
    assert found.fix is not None and "user.max_user_namespaces=28633" in found.fix
    host.sysctl("user.max_user_namespaces", 10)
    found = userns.max_user_namespaces(host.view(), host.distro())
    assert (found.ok, found.severity) == (False, "warning")


UBUNTU = 'PRETTY_NAME="Ubuntu 24.04 LTS"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n'


def test_apparmor_restriction_needs_the_pause_profile(host: FakeHost) -> None:
    restrict = "kernel.apparmor_restrict_unprivileged_userns"
    assert userns.apparmor_userns(host.view(), host.distro()).ok  # absent
    host.write("/etc/os-release", UBUNTU)
    host.sysctl(restrict, 0)
    assert userns.apparmor_userns(host.view(), host.distro()).ok
    host.sysctl(restrict, 1)
    found = userns.apparmor_userns(host.view(), host.distro())
    assert (found.ok, found.severity) == (False, "error")
    assert f"podd-pause ({PAUSE}) cannot set up a pod" in found.detail
    assert found.fix is not None
    assert found.fix.startswith("printf '%s\\n' 'abi <abi/4.0>,' 'include <tunables/global>'")
    assert f"'profile podd-pause {PAUSE} flags=(unconfined) {{' '  userns,' '}}'" in found.fix
    profile = "/etc/apparmor.d/podd-pause"
    assert found.fix.endswith(f"| sudo tee {profile} && sudo apparmor_parser -r {profile}")
    # Written but not loaded: only the load is left.
    host.write("/etc/apparmor.d/podd-pause", "\n".join(userns.profile_lines(PAUSE)) + "\n")
    found = userns.apparmor_userns(host.view(), host.distro())
    assert not found.ok and found.fix == "sudo apparmor_parser -r /etc/apparmor.d/podd-pause"
    host.write(
        "/sys/kernel/security/apparmor/profiles", "podd-pause (unconfined)\nrunc (enforce)\n"
    )
    assert userns.apparmor_userns(host.view(), host.distro()).ok
    # A profile for another pause path does not help this one.
    moved = host.view(pause="/opt/podd/podd-pause")
    found = userns.apparmor_userns(moved, host.distro())
    assert not found.ok and "names another path" in found.detail


def test_apparmor_restriction_spares_root(host: FakeHost) -> None:
    host.sysctl("kernel.apparmor_restrict_unprivileged_userns", 1)
    view = msgspec.structs.replace(host.view(), uid=0, user="root")
    assert userns.apparmor_userns(view, host.distro()).ok


def test_user_namespace_probe(host: FakeHost) -> None:
    found = userns.user_namespace(host.view(), host.distro())
    assert found.ok and found.detail.startswith("not tried here")
    assert userns.user_namespace(host.view(pause=None), host.distro()).detail == (
        "not tried: no podd-pause (see podd-pause)"
    )
    made = Probe(True, "uids 0->4242, 1->165536+65536; gids 0->4242, 1->165536+65536")
    found = userns.user_namespace(host.view(userns_probe=made), host.distro())
    assert found.ok and found.detail == f"podd-pause created one: {made.detail}"


def test_a_failed_probe_points_at_the_cause(host: FakeHost) -> None:
    failed = Probe(False, "pause: unshare user: Operation not permitted")
    found = userns.user_namespace(host.view(userns_probe=failed), host.distro())
    assert (found.ok, found.severity) == (False, "error")
    assert found.detail.endswith("unshare user: Operation not permitted")
    assert found.fix is not None and found.fix.startswith("check the kernel log")
    host.sysctl("kernel.unprivileged_userns_clone", 0)
    found = userns.user_namespace(host.view(userns_probe=failed), host.distro())
    assert found.fix == "see kernel.unprivileged_userns_clone above"


_TOOL = ToolInfo("/usr/bin/x", True)
HOST = HostInfo(
    kernel="6.8",
    user="alice",
    uid=1001,
    gid=1001,
    subuid=[],
    subgid=[],
    newuidmap=_TOOL,
    newgidmap=_TOOL,
    id_mapping=IdMapping([], [], False),
    slirp4netns=SlirpInfo(None),
    tun=_TOOL,
    cgroup=CgroupDiscovery(CgroupInfo(CgroupMode.UNIFIED, "/sys/fs/cgroup")),
    apparmor_restrict_unprivileged_userns=None,
    max_user_namespaces=None,
    unprivileged_port_start=1024,
    pause=PauseInfo(None),
)


def test_probe_from_what_podd_gathered() -> None:
    mapping = IdMapping(
        uid_maps=[IdMap(0, 1001, 1), IdMap(1, 100000, 65536)],
        gid_maps=[IdMap(0, 1001, 1)],
        helpers=True,
    )

    def info(pause: PauseInfo) -> HostInfo:
        return msgspec.structs.replace(HOST, id_mapping=mapping, pause=pause)

    assert userns_from(info(PauseInfo("/p", "podd-pause 0.1.0"))) is None
    assert userns_from(info(PauseInfo("/p", "v", True))) == Probe(
        True, "uids 0->1001, 1->100000+65536; gids 0->1001"
    )
    assert userns_from(info(PauseInfo("/p", "v", False, "boom"))) == Probe(False, "boom")
