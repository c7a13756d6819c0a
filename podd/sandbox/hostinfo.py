"""What this host offers the sandbox, gathered once for ``/podd/v1/info`` and
``podd doctor``."""

from __future__ import annotations

import os
import platform
import pwd
from pathlib import Path

import msgspec

from podd.sandbox import binaries
from podd.sandbox.cgroups import CgroupDiscovery, discover
from podd.sandbox.errors import SandboxError
from podd.sandbox.network import SlirpFeatures, detect_features
from podd.sandbox.pause import pause_version, start_pause, stop
from podd.sandbox.portfwd import unprivileged_port_start
from podd.sandbox.userns import (
    IdMapping,
    SubIdRange,
    find_id_map_tools,
    plan_mapping,
    read_subid,
    write_id_maps,
)


class ToolInfo(msgspec.Struct, frozen=True):
    """A helper program: where it is, and whether it can do its job."""

    path: str | None
    ok: bool
    detail: str | None = None


class SlirpInfo(msgspec.Struct, frozen=True):
    path: str | None
    features: SlirpFeatures | None = None
    error: str | None = None


class PauseInfo(msgspec.Struct, frozen=True):
    path: str | None
    version: str | None = None
    userns_ok: bool | None = None  # None: not probed
    error: str | None = None


class HostInfo(msgspec.Struct, frozen=True):
    kernel: str
    user: str | None
    uid: int
    gid: int
    subuid: list[SubIdRange]
    subgid: list[SubIdRange]
    newuidmap: ToolInfo
    newgidmap: ToolInfo
    id_mapping: IdMapping
    slirp4netns: SlirpInfo
    tun: ToolInfo
    cgroup: CgroupDiscovery
    apparmor_restrict_unprivileged_userns: int | None
    max_user_namespaces: int | None
    unprivileged_port_start: int
    pause: PauseInfo


def _read_int(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def _tun(path: str = "/dev/net/tun") -> ToolInfo:
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CLOEXEC))
    except OSError as exc:
        return ToolInfo(path, False, exc.strerror)
    return ToolInfo(path, True)


def _tool(path: str | None, ok: bool, name: str) -> ToolInfo:
    if path is None:
        return ToolInfo(None, False, f"{name} not found (install uidmap)")
    return ToolInfo(path, ok, None if ok else "neither setuid root nor file-capable")


async def _slirp(configured: str | None) -> SlirpInfo:
    try:
        path = binaries.find_tool("slirp4netns", configured)
        return SlirpInfo(str(path), await detect_features(path))
    except SandboxError as exc:
        return SlirpInfo(None, error=str(exc))


async def _pause(mapping: IdMapping, probe: bool, configured: str | Path | None) -> PauseInfo:
    try:
        path = Path(configured) if configured else binaries.find_pause()
    except SandboxError as exc:
        return PauseInfo(None, error=str(exc))
    version = pause_version(path)
    if not probe:
        return PauseInfo(str(path), version)
    tools = find_id_map_tools()

    async def on_userns(pid: int) -> None:
        await write_id_maps(pid, mapping, tools)

    try:
        holder = await start_pause(path, hostname="", on_userns=on_userns, mode="userns")
    except SandboxError as exc:
        return PauseInfo(str(path), version, False, str(exc))
    await stop(holder, timeout=2.0)
    return PauseInfo(str(path), version, True)


async def gather_host_info(
    *,
    pause: str | Path | None = None,
    slirp4netns: str | None = None,
    cgroup_root: str | Path | None = None,
    subuid: str | Path = "/etc/subuid",
    subgid: str | Path = "/etc/subgid",
    proc_sys: str | Path = "/proc/sys",
    probe_userns: bool = True,
) -> HostInfo:
    """Everything ``/podd/v1/info`` reports about the sandbox's host.

    With ``probe_userns`` a user-namespace-only pause is started and stopped,
    which proves that podd-pause may create namespaces here.
    """
    uid, gid = os.getuid(), os.getgid()
    try:
        user: str | None = pwd.getpwuid(uid).pw_name
    except KeyError:
        user = None
    subuids, subgids = read_subid(subuid, user, uid), read_subid(subgid, user, gid)
    tools = find_id_map_tools()
    mapping = plan_mapping(uid, gid, subuids, subgids, tools)
    sysdir = Path(proc_sys)
    return HostInfo(
        kernel=platform.release(),
        user=user,
        uid=uid,
        gid=gid,
        subuid=subuids,
        subgid=subgids,
        newuidmap=_tool(tools.newuidmap, tools.newuidmap_ok, "newuidmap"),
        newgidmap=_tool(tools.newgidmap, tools.newgidmap_ok, "newgidmap"),
        id_mapping=mapping,
        slirp4netns=await _slirp(slirp4netns),
        tun=_tun(),
        cgroup=discover(cgroup_root),
        apparmor_restrict_unprivileged_userns=_read_int(
            sysdir / "kernel" / "apparmor_restrict_unprivileged_userns"
        ),
        max_user_namespaces=_read_int(sysdir / "user" / "max_user_namespaces"),
        unprivileged_port_start=unprivileged_port_start(
            sysdir / "net" / "ipv4" / "ip_unprivileged_port_start"
        ),
        pause=await _pause(mapping, probe_userns, pause),
    )
