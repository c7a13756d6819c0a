"""The OCI runtime (crun refused on hybrid cgroups), conmon, podd-pause, overlayfs."""

from __future__ import annotations

from podd.doctor import CommandResult, runtime
from podd.doctor.host import Probe
from podd.doctor.probe import overlay_from
from podd.runtime.rootfs import RootfsInfo

from .conftest import MOUNTINFO_HYBRID, PAUSE, FakeHost


def test_runc_chosen(host: FakeHost) -> None:
    found = runtime.oci_runtime(host.view(), host.distro())
    assert found.ok
    assert found.detail == "runc at /usr/bin/runc (runc version 1.1.5): runc detected"


def test_crun_preferred_on_unified_refused_on_hybrid(host: FakeHost) -> None:
    host.program("/usr/bin/crun")
    host.outputs[("crun", "--version")] = CommandResult(0, "crun version 1.8.1\n")
    found = runtime.oci_runtime(host.view(), host.distro())
    assert found.ok and found.detail.startswith("crun at /usr/bin/crun")
    host.write("/proc/self/mountinfo", MOUNTINFO_HYBRID)
    found = runtime.oci_runtime(host.view(), host.distro())
    assert found.ok and found.detail.startswith("runc at /usr/bin/runc")
    assert "not crun: crun refuses hybrid cgroups" in found.detail


def test_only_crun_on_a_hybrid_host_is_an_error_that_says_why(host: FakeHost) -> None:
    host.path("/usr/bin/runc").unlink()
    host.program("/usr/bin/crun")
    host.outputs[("crun", "--version")] = CommandResult(0, "crun version 1.8.1\n")
    host.write("/proc/self/mountinfo", MOUNTINFO_HYBRID)
    found = runtime.oci_runtime(host.view(), host.distro())
    assert (found.ok, found.severity) == (False, "error")
    assert "crun refuses hybrid cgroups" in found.detail
    assert found.fix == "sudo apt-get install -y runc  (runc: crun refuses hybrid cgroup hosts)"


def test_configured_runtime_missing(host: FakeHost) -> None:
    found = runtime.oci_runtime(host.view(runtime="/opt/youki"), host.distro())
    assert not found.ok and "configured runtime '/opt/youki' is not installed" in found.detail


def test_conmon(host: FakeHost) -> None:
    found = runtime.conmon(host.view(), host.distro())
    assert found.ok and found.detail == "/usr/bin/conmon: conmon version 2.1.6"
    host.path("/usr/bin/conmon").unlink()
    host.write("/etc/os-release", "ID=fedora\n")
    found = runtime.conmon(host.view(), host.distro())
    assert (found.ok, found.severity, found.fix) == (False, "error", "sudo dnf install -y conmon")


def test_pause(host: FakeHost) -> None:
    found = runtime.pause(host.view(), host.distro())
    assert found.ok and found.detail == f"{PAUSE}: podd-pause 0.1.0"
    found = runtime.pause(host.view(pause=None), host.distro())
    assert not found.ok and found.fix is not None and "make -C native/pause" in found.fix


def test_overlayfs(host: FakeHost) -> None:
    found = runtime.overlayfs(host.view(), host.distro())
    assert found.ok and "6.8.0-1-amd64 mounts overlayfs in user namespaces" in found.detail
    host.write("/proc/sys/kernel/osrelease", "5.10.0-28-amd64\n")
    found = runtime.overlayfs(host.view(), host.distro())
    assert (found.ok, found.severity) == (False, "warning")
    assert "copied instead of mounted" in found.detail
    assert found.fix is not None and "permit_mounts_in_userns=1" in found.fix
    host.write("/sys/module/overlay/parameters/permit_mounts_in_userns", "Y\n")
    assert runtime.overlayfs(host.view(), host.distro()).ok
    host.write("/proc/filesystems", "nodev\tsysfs\n\text4\n")
    found = runtime.overlayfs(host.view(), host.distro())
    assert not found.ok and "no overlay filesystem" in found.detail


def test_configured_crun_on_a_hybrid_host_is_a_warning(host: FakeHost) -> None:
    host.program("/usr/bin/crun")
    host.outputs[("crun", "--version")] = CommandResult(0, "crun version 1.8.1\n")
    host.write("/proc/self/mountinfo", MOUNTINFO_HYBRID)
    found = runtime.oci_runtime(host.view(runtime="crun"), host.distro())
    assert (found.ok, found.severity) == (False, "warning")
    assert "configured runtime = 'crun' (warning: crun refuses hybrid cgroups" in found.detail
    assert found.fix == "sudo apt-get install -y runc"


def test_overlayfs_probe_wins_over_the_kernel_version(host: FakeHost) -> None:
    tried = Probe(True, "mounted and unmounted one on /home/alice/.local/share's filesystem")
    found = runtime.overlayfs(host.view(overlay_probe=tried), host.distro())
    assert found.ok and found.detail == f"{tried.detail} (kernel 6.8.0-1-amd64)"
    refused = Probe(False, "overlayfs refused in the user namespace: mount: permission denied")
    found = runtime.overlayfs(host.view(overlay_probe=refused), host.distro())
    assert (found.ok, found.severity) == (False, "warning")
    assert "mount: permission denied" in found.detail and "copied" in found.detail
    assert found.fix == "upgrade to a kernel >= 5.11"


def test_overlay_from_what_podd_found() -> None:
    assert overlay_from(None) is None and overlay_from(RootfsInfo()) is None
    assert overlay_from(RootfsInfo("overlay")) == Probe(
        True, "podd mounted one in a pod's user namespace"
    )
    assert overlay_from(RootfsInfo("copy", "no userxattr")) == Probe(False, "no userxattr")
