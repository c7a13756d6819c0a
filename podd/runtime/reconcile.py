"""After a podd restart, the containers of one sandbox as the disk tells:
those that started are adopted; anything half made by a podd that was killed
(an intent without a created container, a container created but never
started, a cgroup leaf no container owns) is removed, so that the controller
never runs a second instance of a container beside an untracked one.

What is on disk, by the step it confirms (container.py writes them in order):

* ``<bundle>/`` and ``config.json`` only: nothing ran yet;
* ``intent.json``: conmon may be running, the runtime may have created it;
* ``container.json`` without ``started_at``: created — and started too when
  the runtime says it runs (a podd killed after ``<runtime> start`` and before
  it recorded the start): adopted then, with its creation time as start,
  else removed, never started;
* ``container.json`` with ``started_at``: started — adopted.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
from pathlib import Path

import msgspec

from podd.runtime import cgroupleaf
from podd.runtime.container import remove_container
from podd.runtime.env import RuntimeEnv
from podd.runtime.errors import ContainerError
from podd.runtime.monitor import end_unsupervised, unsupervised
from podd.runtime.nsjoin import run_joined
from podd.runtime.oci import delete_argv, state_argv
from podd.runtime.state import (
    ContainerHandle,
    ContainerIntent,
    StateError,
    anchor_pid,
    bundles,
    load_handle,
    load_intent,
    save_handle,
)
from podd.sandbox import SandboxState
from podd.sandbox.process import is_running

log = logging.getLogger("podd.runtime")


class Reconciled(msgspec.Struct, frozen=True):
    adopted: list[ContainerHandle]  # oldest first
    removed: list[str]  # what was cleaned up, for the log


async def reconcile_containers(env: RuntimeEnv, sandbox: SandboxState) -> Reconciled:
    adopted: list[ContainerHandle] = []
    removed: list[str] = []
    for bundle in bundles(sandbox.runtime_dir):
        try:
            handle: ContainerHandle | None = load_handle(bundle)
        except StateError:
            handle = None
        if handle is not None and handle.started_at is None and await _runs(env, handle):
            handle = msgspec.structs.replace(handle, started_at=handle.created_at)
            save_handle(handle)  # its start is recorded now; a second one would run it twice
            log.info(
                "started container adopted", extra={"container": handle.id, "pod": sandbox.uid}
            )
        if handle is not None and handle.started_at is not None:
            adopted.append(handle)
            if unsupervised(env, handle):  # its conmon died while podd was away
                with contextlib.suppress(ContainerError):
                    await end_unsupervised(env, handle)
                    removed.append(f"{handle.name} {handle.id[:12]}: stopped, its conmon died")
            continue
        try:
            if handle is not None:
                await remove_container(env, handle)
                removed.append(f"{handle.name} {handle.id[:12]}: created, never started")
            elif (intent := load_intent(bundle)) is not None:
                await _remove_intended(env, sandbox, intent)
                removed.append(f"{intent.name} {intent.id[:12]}: create cut short")
            else:
                shutil.rmtree(bundle, ignore_errors=True)
                removed.append(f"{bundle.name[:12]}: bundle only")
        except ContainerError as exc:
            log.warning(
                "half-made container not removed", extra={"bundle": str(bundle), "error": str(exc)}
            )
    removed += await _remove_stray_leaves(env, sandbox, adopted)
    adopted.sort(key=lambda h: (h.created_at, h.name, h.restart_count))
    if removed:
        log.info("containers cleaned up", extra={"pod": sandbox.uid, "removed": removed})
    return Reconciled(adopted, removed)


async def _runs(env: RuntimeEnv, handle: ContainerHandle) -> bool:
    """The runtime started it: ``<runtime> state`` says running (its init
    process left ``runtime init`` for the container's command)."""
    anchor = anchor_pid(handle, env.proc_root)
    if handle.init is None or not is_running(handle.init, env.proc_root) or anchor is None:
        return False
    argv = state_argv(handle.runtime_path, handle.runtime_root, handle.id)
    done = await run_joined(env.pause, anchor, argv, timeout=env.runtime_timeout)
    if done.returncode != 0:
        return False
    try:
        return bool(json.loads(done.stdout).get("status") == "running")
    except (ValueError, AttributeError):
        return False


async def _remove_intended(env: RuntimeEnv, sandbox: SandboxState, intent: ContainerIntent) -> None:
    """Undo a create that a killed podd left at any step after its intent."""
    if is_running(intent.pause, env.proc_root):
        argv = delete_argv(intent.runtime_path, intent.runtime_root, intent.id)
        await run_joined(env.pause, intent.pause.pid, argv, timeout=env.runtime_timeout)
    _kill_conmon(Path(intent.bundle) / "conmon.pid", intent.id, env.proc_root)
    if intent.cgroup:
        await cgroupleaf.remove_leaf(intent.cgroup, env.kill_timeout)
    shutil.rmtree(intent.bundle, ignore_errors=True)
    with contextlib.suppress(OSError):
        os.unlink(intent.exit_file)


def _kill_conmon(pidfile: Path, cid: str, proc_root: Path) -> None:
    """SIGKILL the conmon of ``cid`` when its pid file names one still there
    (its command line must carry the id: the pid may have been reused)."""
    with contextlib.suppress(OSError, ValueError):
        pid = int(pidfile.read_text().strip())
        if cid.encode() in (proc_root / str(pid) / "cmdline").read_bytes():
            os.kill(pid, 9)


async def _remove_stray_leaves(
    env: RuntimeEnv, sandbox: SandboxState, adopted: list[ContainerHandle]
) -> list[str]:
    """Leaves no adopted container owns (a create killed before its intent)."""
    if not sandbox.cgroup_path:
        return []
    owned = {h.cgroup for h in adopted if h.cgroup}
    removed = []
    with contextlib.suppress(FileNotFoundError):
        for entry in sorted(Path(sandbox.cgroup_path).iterdir()):
            if entry.name.startswith(cgroupleaf.PREFIX) and str(entry) not in owned:
                with contextlib.suppress(ContainerError):
                    await cgroupleaf.remove_leaf(entry, env.kill_timeout)
                    removed.append(f"cgroup {entry.name}")
    return removed
