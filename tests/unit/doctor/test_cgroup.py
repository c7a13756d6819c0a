"""cgroup v2 and the controllers delegated to the user."""

from __future__ import annotations

from pathlib import Path

from podd.doctor import cgroup

from .conftest import CG, DELEGATED, MOUNTINFO_HYBRID, FakeHost

UNIFIED = f"{CG}/unified"


def test_unified_hierarchy(host: FakeHost) -> None:
    found = cgroup.cgroup_v2(host.view(), host.distro())
    assert found.ok and found.detail == "unified cgroup v2 at /sys/fs/cgroup"


def test_hybrid_names_the_kernel_argument_per_distribution(host: FakeHost) -> None:
    host.write("/proc/self/mountinfo", MOUNTINFO_HYBRID)
    found = cgroup.cgroup_v2(host.view(), host.distro())
    assert (found.ok, found.severity) == (False, "warning")
    assert "hybrid" in found.detail and "crun refuses" in found.detail
    assert found.fix is not None and "systemd.unified_cgroup_hierarchy=1" in found.fix
    assert "update-grub" in found.fix
    host.write("/etc/os-release", "ID=fedora\n")
    found = cgroup.cgroup_v2(host.view(), host.distro())
    assert found.fix == (
        'sudo grubby --update-kernel=ALL --args="systemd.unified_cgroup_hierarchy=1" && sudo reboot'
    )


def test_v1_only(host: FakeHost) -> None:
    host.write("/proc/self/mountinfo", "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw\n")
    found = cgroup.cgroup_v2(host.view(), host.distro())
    assert not found.ok and found.detail.startswith("only cgroup v1")
    assert not cgroup.cgroup_delegation(host.view(), host.distro()).ok


def test_delegated_subtree_is_the_highest_writable_ancestor(host: FakeHost) -> None:
    root, how = cgroup.delegated_root(host.view())
    assert root == Path(DELEGATED) and how == "the writable subtree podd runs in"
    found = cgroup.cgroup_delegation(host.view(), host.distro())
    assert found.ok and found.detail.endswith("offers cpuset, cpu, io, memory, pids")


def test_missing_controllers_name_the_delegate_drop_in(host: FakeHost) -> None:
    host.write(f"{DELEGATED}/cgroup.controllers", "cpuset pids\n")
    found = cgroup.cgroup_delegation(host.view(), host.distro())
    assert (found.ok, found.severity) == (False, "warning")
    assert "offers cpuset, pids; not cpu, memory" in found.detail
    assert found.fix is not None
    assert "/etc/systemd/system/user@.service.d/delegate.conf" in found.fix
    assert "Delegate=cpu cpuset io memory pids" in found.fix
    assert "systemctl daemon-reload" in found.fix


def test_not_delegated(host: FakeHost) -> None:
    leaf = f"{DELEGATED}/app.slice/podd.scope"
    host.path(f"{leaf}/cgroup.procs").chmod(0o644)
    found = cgroup.cgroup_delegation(host.view(), host.distro())
    assert not found.ok
    assert f"the cgroup podd runs in ({leaf}) is not writable by alice" in found.detail
    assert found.fix is not None and "Delegate=" in found.fix and "podd system install" in found.fix


def test_configured_root(host: FakeHost) -> None:
    view = host.view(cgroup_root=f"{DELEGATED}/app.slice")
    root, how = cgroup.delegated_root(view)
    assert root == Path(f"{DELEGATED}/app.slice") and how.startswith("configured cgroup_root")
    root, how = cgroup.delegated_root(host.view(cgroup_root=CG))
    assert root is None and "is not a writable cgroup v2 directory" in how


def test_hybrid_delegation_without_controllers(host: FakeHost) -> None:
    """This machine's shape: v2 beside v1, a delegated dir offering hugetlb only."""
    host.write("/proc/self/mountinfo", MOUNTINFO_HYBRID)
    host.write("/proc/self/cgroup", "0::/podd.alice/session.1\n")
    host.cgroup(UNIFIED, "hugetlb", writable=False)
    host.cgroup(f"{UNIFIED}/podd.alice", "hugetlb", writable=True)
    host.cgroup(f"{UNIFIED}/podd.alice/session.1", "", writable=True)
    found = cgroup.cgroup_delegation(host.view(), host.distro())
    assert not found.ok and found.detail.startswith(f"{UNIFIED}/podd.alice ")
    assert "offers hugetlb; not cpu, memory, pids" in found.detail
    assert found.fix is not None and found.fix.index("unified_cgroup_hierarchy") < found.fix.index(
        "Delegate="
    )


def test_hybrid_and_not_delegated_unifies_first(host: FakeHost) -> None:
    host.write("/proc/self/mountinfo", MOUNTINFO_HYBRID)
    host.write("/proc/self/cgroup", "0::/\n")
    host.cgroup(UNIFIED, "hugetlb", writable=False)
    found = cgroup.cgroup_delegation(host.view(), host.distro())
    assert not found.ok and found.detail.startswith(f"the cgroup podd runs in ({UNIFIED})")
    assert found.fix is not None and found.fix.startswith("sudo sed -i")
    assert "; then sudo mkdir -p /etc/systemd/system/user@.service.d" in found.fix
