"""The side effects: the live host view from podd's settings, and running
the few commands the checks read (``--version``, ``--help``)."""

from __future__ import annotations

import asyncio
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
    UsernsProbe,
    command_key,
    wanted_commands,
)
from podd.doctor.plan import diagnose
from podd.sandbox import binaries
from podd.sandbox.errors import SandboxError
from podd.sandbox.hostinfo import HostInfo, gather_host_info
from podd.sandbox.userns import IdMap, IdMapping

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


def _maps(mapping: IdMapping) -> str:
    def one(maps: list[IdMap]) -> str:
        return ", ".join(
            f"{m.container_id}->{m.host_id}" + (f"+{m.size}" if m.size > 1 else "") for m in maps
        )

    return f"uids {one(mapping.uid_maps)}; gids {one(mapping.gid_maps)}"


def userns_from(info: HostInfo) -> UsernsProbe | None:
    """The pause probe's result in ``info`` (None when it was not run)."""
    if info.pause.userns_ok is None:
        return None
    if info.pause.userns_ok:
        return UsernsProbe(True, _maps(info.id_mapping))
    return UsernsProbe(False, info.pause.error or "unknown error")


def probe_userns(view: HostView) -> UsernsProbe | None:
    """Start podd-pause in a user namespace with podd's mapping, then stop it."""
    if not view.live or view.pause is None:
        return None
    info = asyncio.run(gather_host_info(pause=view.pause, probe_userns=True))
    return userns_from(info)


def examine(
    settings: Settings, root: str = "/", *, probe: bool = True, host: HostInfo | None = None
) -> Report:
    """``podd doctor``'s report for these settings (blocking: runs programs).
    ``probe``: start podd-pause to prove user namespaces work, unless
    ``host`` (what podd gathered at start) holds that proof already."""
    view = with_commands(host_view(settings, root))
    userns = userns_from(host) if host is not None else probe_userns(view) if probe else None
    return diagnose(msgspec.structs.replace(view, userns_probe=userns))
