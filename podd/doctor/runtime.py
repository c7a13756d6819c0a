"""Checks for what runs containers: the OCI runtime, conmon, podd-pause and
overlayfs in a user namespace."""

from __future__ import annotations

import re
from pathlib import Path

from podd.doctor.distro import Distro, install
from podd.doctor.finding import Finding, ok, problem
from podd.doctor.host import HostView
from podd.runtime.errors import RuntimeNotFoundError
from podd.runtime.oci import KNOWN, RuntimeCandidate, choose_runtime, probe_candidate
from podd.sandbox.cgroupdiscovery import parse_mountinfo


def _version(view: HostView, path: str) -> str | None:
    """The first line of ``--version`` (None when it failed), as oci does."""
    done = view.output(path, "--version")
    if done is None or done.returncode != 0:
        return None
    return done.first_line


def cgroup_mode(view: HostView) -> str:
    return parse_mountinfo(view.read("/proc/self/mountinfo") or "").mode.value


def oci_runtime(view: HostView, distro: Distro) -> Finding:
    """podd's own choice (crun, else runc; crun refuses hybrid cgroups)."""
    name = "oci-runtime"
    mode = cgroup_mode(view)
    found: list[tuple[str, str]] = [(n, p) for n in KNOWN if (p := view.which(n))]
    configured = view.runtime
    if configured and configured not in KNOWN and (path := view.which(configured)):
        found.append((Path(path).name, path))
        configured = path
    candidates: list[RuntimeCandidate] = [
        probe_candidate(n, p, _version(view, p), mode) for n, p in found
    ]
    wanted = ["runc"] if mode == "hybrid" else ["crun"]
    try:
        chosen = choose_runtime(configured, candidates)
    except RuntimeNotFoundError as exc:
        fix = install(wanted, distro)
        if mode == "hybrid":
            fix += "  (runc: crun refuses hybrid cgroup hosts)"
        return problem(name, "error", str(exc), fix)
    detail = f"{chosen.name} at {chosen.path} ({chosen.version}): {chosen.reason}"
    if mode == "hybrid" and not any(c.name == "crun" for c in candidates):
        detail += "; crun would be refused here (crun refuses hybrid cgroups)"
    picked = next(c for c in candidates if c.path == chosen.path)
    if not picked.usable:  # configured, though podd would not choose it
        return problem(name, "warning", detail, install(wanted, distro))
    return ok(name, detail)


def conmon(view: HostView, distro: Distro) -> Finding:
    name = "conmon"
    path = view.which(name)
    if path is None:
        return problem(name, "error", "conmon not found", install([name], distro))
    version = _version(view, path)
    if version is None:
        return problem(name, "error", f"{path} --version failed", install([name], distro))
    return ok(name, f"{path}: {version}")


def pause(view: HostView, distro: Distro) -> Finding:
    name = "podd-pause"
    fix = "make -C native/pause (in a checkout), or reinstall podd with pip"
    if view.pause is None:
        return problem(name, "error", "podd-pause not found", fix)
    done = view.output(view.pause, "-v")
    if done is None or done.returncode != 0:
        said = done.first_line if done else "not run"
        return problem(name, "error", f"{view.pause} -v failed: {said}", fix)
    return ok(name, f"{view.pause}: {done.first_line}")


def _kernel(release: str) -> tuple[int, int]:
    match = re.match(r"(\d+)\.(\d+)", release)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def overlayfs(view: HostView, distro: Distro) -> Finding:
    """The live probe when there is one; else the kernel: upstream mounts
    overlayfs in a user namespace since 5.11, Debian and Ubuntu patched
    older ones (permit_mounts_in_userns)."""
    name = "overlayfs"
    static = _overlay_by_kernel(view, distro)
    probe = view.overlay_probe
    if probe is None:
        return static
    if probe.ok:
        return ok(name, f"{probe.detail} (kernel {_release(view)})")
    detail = f"refused in a user namespace ({probe.detail}): {COPY}"
    return problem(name, "warning", detail, static.fix or UPGRADE)


COPY = "container rootfs are copied instead of mounted (slower starts, more disk)"
UPGRADE = "upgrade to a kernel >= 5.11"


def _release(view: HostView) -> str:
    return (view.read("/proc/sys/kernel/osrelease") or "").strip()


def _overlay_by_kernel(view: HostView, distro: Distro) -> Finding:
    name = "overlayfs"
    release = _release(view)
    filesystems = view.read("/proc/filesystems") or ""
    known = any(line.split()[-1:] == ["overlay"] for line in filesystems.splitlines())
    module = view.path(f"/lib/modules/{release}/kernel/fs/overlayfs").exists()
    if not known and not module:
        fix = "sudo modprobe overlay && echo overlay | sudo tee /etc/modules-load.d/overlay.conf"
        return problem(name, "warning", f"no overlay filesystem in this kernel: {COPY}", fix)
    permit = (view.read("/sys/module/overlay/parameters/permit_mounts_in_userns") or "").strip()
    if _kernel(release) >= (5, 11) or permit == "Y":
        return ok(name, f"kernel {release} mounts overlayfs in user namespaces")
    fix = UPGRADE
    if distro.family == "debian":
        fix += (
            " (or: echo 'options overlay permit_mounts_in_userns=1'"
            " | sudo tee /etc/modprobe.d/podd.conf && sudo modprobe -r overlay)"
        )
    return problem(name, "warning", f"kernel {release} is older than 5.11: {COPY}", fix)
