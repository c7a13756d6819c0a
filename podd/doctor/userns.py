"""Checks for user namespaces: subordinate ids, the id-map helpers, and the
kernel switches that allow (or restrict) unprivileged user namespaces."""

from __future__ import annotations

import shlex

from podd.doctor.distro import Distro, install, sysctl
from podd.doctor.finding import Finding, ok, problem
from podd.doctor.host import HostView
from podd.sandbox.userns import DEFAULT_SIZE, parse_subid, ranges_for

RESTRICT = "/proc/sys/kernel/apparmor_restrict_unprivileged_userns"
USERNS_CLONE = "/proc/sys/kernel/unprivileged_userns_clone"
MAX_USERNS = "/proc/sys/user/max_user_namespaces"
MIN_USERNS = 100  # one per pod, plus the image unpacker's


def _free_start(text: str) -> int:
    """The first id after every range in the file (100000 at the least)."""
    return max([100000, *(r.start + r.count for r in parse_subid(text))])


def _subid(view: HostView, kind: str) -> Finding:
    name, path = kind, f"/etc/{kind}"
    owner_id = view.uid if kind == "subuid" else view.gid
    text = view.read(path) or ""
    mine = ranges_for(parse_subid(text), view.user, owner_id)
    user = view.user or str(view.uid)
    start = _free_start(text)
    flag = "--add-subuids" if kind == "subuid" else "--add-subgids"
    fix = f"sudo usermod {flag} {start}-{start + DEFAULT_SIZE - 1} {user}"
    if view.uid == 0:
        return ok(name, "root maps every id: no subordinate range needed")
    if not mine:
        detail = (
            f"no {kind} range for {user} in {path}: pods get one id (only root exists"
            " inside; images that run as another user fail)"
        )
        return problem(name, "warning", detail, fix)
    best = max(mine, key=lambda r: r.count)
    ranges = ", ".join(f"{r.start}+{r.count}" for r in mine)
    if best.count < DEFAULT_SIZE:
        detail = (
            f"{user}'s {kind} ranges ({ranges}) hold fewer than {DEFAULT_SIZE} ids:"
            f" ids above {best.count} cannot exist in pods"
        )
        return problem(name, "warning", detail, fix)
    return ok(name, f"{user}: {ranges} in {path}")


def subuid(view: HostView, distro: Distro) -> Finding:
    return _subid(view, "subuid")


def subgid(view: HostView, distro: Distro) -> Finding:
    return _subid(view, "subgid")


def _id_helper(view: HostView, distro: Distro, tool: str) -> Finding:
    if view.uid == 0:
        return ok(tool, "root writes id maps itself")
    found = view.which(tool)
    if found is None:
        detail = f"{tool} not found: pods fall back to a single id"
        return problem(tool, "warning", detail, install([tool], distro))
    if not view.privileged_helper(found):
        detail = f"{found} is neither setuid root nor file-capable: it cannot write id maps"
        cap = "cap_setuid" if tool == "newuidmap" else "cap_setgid"
        fix = f"sudo setcap {cap}+ep {found}  (or: sudo chmod u+s {found})"
        return problem(tool, "warning", detail, fix)
    return ok(tool, f"{found} (setuid root or file capabilities)")


def newuidmap(view: HostView, distro: Distro) -> Finding:
    return _id_helper(view, distro, "newuidmap")


def newgidmap(view: HostView, distro: Distro) -> Finding:
    return _id_helper(view, distro, "newgidmap")


def userns_clone(view: HostView, distro: Distro) -> Finding:
    """Debian's (and older Ubuntu's) switch; upstream kernels have none."""
    name = "kernel.unprivileged_userns_clone"
    value = view.read_int(USERNS_CLONE)
    if value is None:
        return ok(name, "not present: this kernel does not restrict user namespaces this way")
    if value == 0:
        detail = "0: unprivileged users may not create user namespaces (podd-pause needs one)"
        return problem(name, "error", detail, sysctl(name, 1))
    return ok(name, f"{value}")


def max_user_namespaces(view: HostView, distro: Distro) -> Finding:
    name = "user.max_user_namespaces"
    value = view.read_int(MAX_USERNS)
    if value is None:
        return ok(name, "not present")
    if value == 0:
        return problem(name, "error", "0: user namespaces are disabled", sysctl(name, 28633))
    if value < MIN_USERNS:
        detail = f"{value}: each pod needs a user namespace, so few pods can run"
        return problem(name, "warning", detail, sysctl(name, 28633))
    return ok(name, str(value))


PROFILE = "/etc/apparmor.d/podd-pause"


def profile_lines(pause: str) -> list[str]:
    """An AppArmor profile that lets podd-pause create user namespaces."""
    return [
        "abi <abi/4.0>,",
        "include <tunables/global>",
        f"profile podd-pause {pause} flags=(unconfined) {{",
        "  userns,",
        "}",
    ]


def _write_profile(pause: str) -> str:
    """One line that writes the profile (printf: copied from a terminal, a
    heredoc's indented end marker would not end it)."""
    quoted = " ".join(shlex.quote(line) for line in profile_lines(pause))
    return f"printf '%s\\n' {quoted} | sudo tee {PROFILE}"


def apparmor_userns(view: HostView, distro: Distro) -> Finding:
    """Ubuntu 24.04+: unconfined programs get user namespaces without
    capabilities unless an AppArmor profile grants ``userns``. podd-pause is
    the one program that creates podd's user namespaces."""
    name = "kernel.apparmor_restrict_unprivileged_userns"
    value = view.read_int(RESTRICT)
    if not value:
        why = "not present" if value is None else "0"
        return ok(name, f"{why}: no AppArmor restriction on user namespaces")
    if view.uid == 0:
        return ok(name, "1, but root is not restricted")
    pause = view.pause or "/usr/local/bin/podd-pause"
    profile = PROFILE
    load = f"sudo apparmor_parser -r {profile}"
    write = f"{_write_profile(pause)} && {load}"
    loaded = view.read("/sys/kernel/security/apparmor/profiles") or ""
    text = view.read(profile) or ""
    if any(line.split(" (")[0].strip() == "podd-pause" for line in loaded.splitlines()):
        if text and pause not in text:
            detail = f"1, and the podd-pause profile in {profile} names another path than {pause}"
            return problem(name, "error", detail, write)
        return ok(name, f"1, and the podd-pause profile is loaded ({profile})")
    if text and "userns" in text and pause in text:
        return problem(name, "error", f"1, and {profile} exists but is not loaded", load)
    detail = (
        "1: user namespaces of unconfined programs have no capabilities, so"
        f" podd-pause ({pause}) cannot set up a pod; it needs an AppArmor profile"
        " that allows userns"
    )
    return problem(name, "error", detail, write)


def user_namespace(view: HostView, distro: Distro) -> Finding:
    """The proof: podd-pause made a user namespace with podd's id mapping."""
    name = "user-namespace"
    probe = view.userns_probe
    if probe is None:
        if view.pause is None:
            return ok(name, "not tried: no podd-pause (see podd-pause)")
        return ok(name, "not tried here (podd-pause is started on the live host only)")
    if probe.ok:
        return ok(name, f"podd-pause created one: {probe.detail}")
    causes = [
        f.name
        for f in (
            userns_clone(view, distro),
            max_user_namespaces(view, distro),
            apparmor_userns(view, distro),
            newuidmap(view, distro),
            newgidmap(view, distro),
        )
        if not f.ok
    ]
    fix = (
        f"see {', '.join(causes)} above"
        if causes
        else "check the kernel log (dmesg) for a denial; user namespaces may be blocked by a"
        " security module or a container this runs in"
    )
    return problem(name, "error", f"podd-pause could not create one: {probe.detail}", fix)
