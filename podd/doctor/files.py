"""Checks for podd's own places: the data dir's disk and the API socket."""

from __future__ import annotations

import os
import stat

from podd.doctor.distro import Distro
from podd.doctor.finding import Finding, ok, problem
from podd.doctor.host import HostView
from podd.sandbox.network import MAX_SOCKET_PATH

MIB = 1 << 20
MIN_FREE = 256 * MIB  # below: image pulls and container logs fail soon
LOW_FREE = 2048 * MIB


def _size(n: int) -> str:
    return f"{n / (1 << 30):.1f} GiB" if n >= 1 << 30 else f"{n // MIB} MiB"


def disk(
    view: HostView, distro: Distro, min_free: int = MIN_FREE, low_free: int = LOW_FREE
) -> Finding:
    name = "disk"
    where = view.nearest_existing(view.data_dir)
    if not view.can(where, os.W_OK | os.X_OK):
        detail = f"data dir {view.data_dir}: {where} is not writable by {view.user or view.uid}"
        fix = (
            "choose a data dir you own (podd serve --data-dir DIR),"
            f" or: sudo chown {view.user or view.uid} {where}"
        )
        return problem(name, "error", detail, fix)
    try:
        st = os.statvfs(view.path(where))
    except OSError as exc:
        return problem(name, "error", f"data dir {view.data_dir}: {exc.strerror}", None)
    free = st.f_bavail * st.f_frsize
    inodes = st.f_favail
    detail = f"{_size(free)} free for {view.data_dir} (on {where})"
    fix = f"free space on the filesystem of {where}, or point --data-dir elsewhere"
    if free < min_free or (st.f_files and inodes < 1000):
        return problem(name, "error", f"{detail}: too little for images and logs", fix)
    if free < low_free:
        return problem(name, "warning", f"{detail}: image pulls may fill it", fix)
    return ok(name, detail)


def socket(view: HostView, distro: Distro) -> Finding:
    name = "socket"
    path = view.socket
    if len(path.encode()) > MAX_SOCKET_PATH:
        detail = f"{path} is {len(path.encode())} bytes: a unix socket path holds {MAX_SOCKET_PATH}"
        return problem(name, "error", detail, "choose a shorter path: podd serve --socket PATH")
    st = view.stat(path)
    if st is not None:
        if not stat.S_ISSOCK(st.st_mode):
            detail = f"{path} exists and is not a socket"
            return problem(name, "error", detail, f"remove it (rm {path}) or choose --socket PATH")
        return ok(name, f"{path} (exists: a podd serves it, or one left it)")
    parent = view.nearest_existing(os.path.dirname(path))
    if not view.can(parent, os.W_OK | os.X_OK):
        detail = f"{path}: {parent} is not writable by {view.user or view.uid}"
        fix = "choose a socket in a directory you own: podd serve --socket PATH"
        if view.xdg_runtime_dir is None:
            fix += " (XDG_RUNTIME_DIR is unset: log in through systemd-logind, or export it)"
        return problem(name, "error", detail, fix)
    note = "" if view.xdg_runtime_dir else " (XDG_RUNTIME_DIR is unset: a per-user dir in /tmp)"
    return ok(name, f"{path} can be created{note}")
