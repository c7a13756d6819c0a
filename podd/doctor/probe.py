"""The live proofs (side effects): podd-pause starts a user namespace with
podd's id mapping, then a sandbox in which one overlay mount is tried, the
way the first pod would; everything started is stopped and removed."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from pathlib import Path

from podd.doctor.host import HostView, Probe
from podd.runtime.rootfs import RootfsInfo, probe_overlay
from podd.sandbox.errors import SandboxError
from podd.sandbox.hostinfo import HostInfo, gather_host_info
from podd.sandbox.pause import start_pause, stop
from podd.sandbox.userns import IdMap, IdMapping, find_id_map_tools, write_id_maps


def _maps(mapping: IdMapping) -> str:
    def one(maps: list[IdMap]) -> str:
        return ", ".join(
            f"{m.container_id}->{m.host_id}" + (f"+{m.size}" if m.size > 1 else "") for m in maps
        )

    return f"uids {one(mapping.uid_maps)}; gids {one(mapping.gid_maps)}"


def userns_from(info: HostInfo) -> Probe | None:
    """The pause probe's result in ``info`` (None when it was not run)."""
    if info.pause.userns_ok is None:
        return None
    if info.pause.userns_ok:
        return Probe(True, _maps(info.id_mapping))
    return Probe(False, info.pause.error or "unknown error")


def overlay_from(rootfs: RootfsInfo | None) -> Probe | None:
    """What podd's own first-pod probe found (None before a pod ran)."""
    if rootfs is None or rootfs.mode == "unknown":
        return None
    if rootfs.mode == "overlay":
        return Probe(True, "podd mounted one in a pod's user namespace")
    return Probe(False, rootfs.reason or "refused")


async def _overlay(pause: Path, mapping: IdMapping, scratch_in: Path) -> Probe:
    tools = find_id_map_tools()

    async def on_userns(pid: int) -> None:
        await write_id_maps(pid, mapping, tools)

    try:
        holder = await start_pause(pause, hostname="podd-doctor", on_userns=on_userns)
    except SandboxError as exc:
        return Probe(False, f"no sandbox to try it in: {exc}")
    try:
        with tempfile.TemporaryDirectory(prefix=".podd-doctor-", dir=scratch_in) as tmp:
            found = await probe_overlay(pause, holder.pid, Path(tmp) / "s", Path(tmp) / "m")
    finally:
        await stop(holder, timeout=2.0)
    if found.mode == "overlay":
        return Probe(True, f"mounted and unmounted one on {scratch_in}'s filesystem")
    return Probe(False, found.reason or "refused")


async def _live(view: HostView) -> tuple[Probe | None, Probe | None]:
    assert view.pause is not None
    info = await gather_host_info(pause=view.pause, probe_userns=True)
    userns = userns_from(info)
    if userns is None or not userns.ok:
        return userns, None
    scratch_in = view.path(view.nearest_existing(view.data_dir))
    overlay: Probe | None = None
    with contextlib.suppress(OSError):
        overlay = await _overlay(Path(view.pause), info.id_mapping, scratch_in)
    return userns, overlay


def live_probes(view: HostView) -> tuple[Probe | None, Probe | None]:
    """(user namespace, overlay) proofs on the live host; None: not tried."""
    if not view.live or view.pause is None:
        return None, None
    return asyncio.run(_live(view))
