"""The side effects: the live host view from podd's settings, and running
the few commands the checks read (``--version``, ``--help``)."""

from __future__ import annotations

import os
import pwd
import subprocess
from collections.abc import Callable, Sequence

import msgspec

from podd.config import Settings
from podd.doctor.finding import Report
from podd.doctor.host import (
    CommandResult,
    HostView,
    command_key,
    wanted_commands,
)
from podd.doctor.plan import diagnose
from podd.doctor.probe import live_probes, overlay_from, userns_from
from podd.runtime.rootfs import RootfsInfo
from podd.sandbox import binaries
from podd.sandbox.errors import SandboxError
from podd.sandbox.hostinfo import HostInfo

Runner = Callable[[Sequence[str]], CommandResult]


def run_command(argv: Sequence[str], timeout: float = 10.0) -> CommandResult:
    try:
        done = subprocess.run(
            list(argv), capture_output=True, text=True, timeout=timeout, check=False
        )
    except OSError as exc:
        return CommandResult(127, exc.strerror or str(exc))
    except subprocess.TimeoutExpired:
        return CommandResult(124, f"timed out after {timeout}s")
    return CommandResult(done.returncode, done.stdout + done.stderr)


def _user(uid: int) -> str | None:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return None


def host_view(settings: Settings, root: str = "/") -> HostView:
    """This process's host (or the tree at ``root``) with podd's settings."""
    uid = os.getuid()
    live = os.path.realpath(root) == "/"
    pause: str | None = None
    if live:  # where podd serve would find it
        try:
            pause = str(binaries.find_pause())
        except SandboxError:
            pause = None
    view = HostView(
        root=root,
        live=live,
        uid=uid,
        gid=os.getgid(),
        groups=os.getgroups(),
        user=_user(uid),
        path_dirs=[d for d in os.environ.get("PATH", "").split(":") if d],
        data_dir=settings.data_dir,
        runtime_dir=settings.runtime_dir,
        socket=settings.socket,
        xdg_runtime_dir=os.environ.get("XDG_RUNTIME_DIR") or None,
        runtime=settings.runtime,
        cgroup_root=settings.cgroup_root,
        network=settings.network,
        pause=pause,
    )
    if not live:  # a tree that imitates a host: its PATH only
        view = msgspec.structs.replace(view, pause=view.which(binaries.PAUSE_NAME))
    return view


def with_commands(view: HostView, runner: Runner = run_command) -> HostView:
    """The view with the output of every command the checks read."""
    results = {
        command_key(argv): runner([str(view.path(argv[0])), *argv[1:]])
        for argv in wanted_commands(view)
    }
    return msgspec.structs.replace(view, commands=results)


def examine(
    settings: Settings,
    root: str = "/",
    *,
    probe: bool = True,
    host: HostInfo | None = None,
    rootfs: RootfsInfo | None = None,
) -> Report:
    """``podd doctor``'s report for these settings (blocking: runs programs).
    ``probe``: start podd-pause to prove user namespaces and overlay work;
    a running podd passes what it found itself instead (``host``, ``rootfs``)."""
    view = with_commands(host_view(settings, root))
    if host is not None:
        userns, overlay = userns_from(host), overlay_from(rootfs)
    elif probe:
        userns, overlay = live_probes(view)
    else:
        userns = overlay = None
    return diagnose(msgspec.structs.replace(view, userns_probe=userns, overlay_probe=overlay))
