"""Checks for cgroup v2: the hierarchy and the subtree delegated to the user."""

from __future__ import annotations

import os
from pathlib import Path

from podd.doctor.distro import UNIFIED_ARG, Distro, kernel_arg
from podd.doctor.finding import Finding, ok, problem
from podd.doctor.host import HostView
from podd.sandbox.cgroupdiscovery import CgroupMode, own_cgroup, parse_mountinfo

# What podd enforces: memory and cpu limits, cpu requests, pids; io is nice to have.
WANTED = ("cpu", "memory", "pids")
DELEGATE = "cpu cpuset io memory pids"


def delegate_fix(user_service: bool = True) -> str:
    """The systemd drop-in that delegates the controllers to user sessions."""
    return (
        "sudo mkdir -p /etc/systemd/system/user@.service.d && printf"
        f" '[Service]\\nDelegate={DELEGATE}\\n' | sudo tee"
        " /etc/systemd/system/user@.service.d/delegate.conf && sudo systemctl"
        " daemon-reload, then log in again"
        + (
            "; run podd as a user service (podd system install: Delegate=yes)"
            if user_service
            else ""
        )
    )


def _writable_cgroup(view: HostView, path: Path) -> bool:
    return view.can(path, os.W_OK | os.X_OK) and view.can(path / "cgroup.procs", os.W_OK)


def delegated_root(view: HostView) -> tuple[Path | None, str]:
    """The delegated cgroup (a host path) and how it was found, as podd finds
    it: the configured one, else the highest writable ancestor of our own."""
    info = parse_mountinfo(view.read("/proc/self/mountinfo") or "")
    if info.v2_mount is None:
        return None, "no cgroup v2 hierarchy"
    if view.cgroup_root:
        path = Path(view.cgroup_root)
        if _writable_cgroup(view, path):
            return path, f"configured cgroup_root {path}"
        return None, f"the configured cgroup_root {path} is not a writable cgroup v2 directory"
    mount = Path(info.v2_mount)
    current = own_cgroup(mount, view.path("/proc/self/cgroup"))  # a host path
    if current is None:
        return None, "this process is in no cgroup v2 group"
    if not _writable_cgroup(view, current):
        return (
            None,
            f"the cgroup podd runs in ({current}) is not writable by {view.user or view.uid}",
        )
    while current != mount and current.parent != mount and _writable_cgroup(view, current.parent):
        current = current.parent
    return current, "the writable subtree podd runs in"


def cgroup_v2(view: HostView, distro: Distro) -> Finding:
    name = "cgroup-v2"
    info = parse_mountinfo(view.read("/proc/self/mountinfo") or "")
    fix = kernel_arg(UNIFIED_ARG, distro)
    if info.mode is CgroupMode.UNIFIED:
        return ok(name, f"unified cgroup v2 at {info.v2_mount}")
    if info.mode is CgroupMode.HYBRID:
        detail = (
            f"hybrid: cgroup v2 at {info.v2_mount} beside v1 controllers, which v2 cannot"
            " use, so pod limits are mostly not enforced (events LimitNotEnforced),"
            " and crun refuses such hosts"
        )
        return problem(name, "warning", detail, fix)
    why = "only cgroup v1" if info.mode is CgroupMode.V1 else "no cgroup filesystem"
    detail = f"{why}: pods run without limits and without cgroup teardown"
    return problem(name, "warning", detail, fix)


def cgroup_delegation(view: HostView, distro: Distro) -> Finding:
    name = "cgroup-delegation"
    info = parse_mountinfo(view.read("/proc/self/mountinfo") or "")
    if info.v2_mount is None:
        return problem(name, "warning", "no cgroup v2: nothing can be delegated", None)
    root, how = delegated_root(view)
    hybrid = info.mode is CgroupMode.HYBRID  # v1 holds the controllers: unify first
    first = f"{kernel_arg(UNIFIED_ARG, distro)}; then " if hybrid else ""
    if root is None:
        detail = f"{how}: pods run without limits"
        return problem(name, "warning", detail, first + delegate_fix())
    controllers = (view.read(root / "cgroup.controllers") or "").split()
    missing = [c for c in WANTED if c not in controllers]
    offered = ", ".join(controllers) or "none"
    if missing:
        detail = (
            f"{root} ({how}) offers {offered}; not {', '.join(missing)}:"
            " those limits are not enforced"
        )
        return problem(name, "warning", detail, first + delegate_fix(user_service=False))
    return ok(name, f"{root} ({how}) offers {offered}")
