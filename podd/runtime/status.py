"""What the runtime observes of a container: no helper process, just /proc
and files — cheap enough for every relist."""

from __future__ import annotations

from typing import Literal

import msgspec

from podd.runtime import exits
from podd.runtime.env import RuntimeEnv
from podd.runtime.state import ContainerHandle
from podd.sandbox.process import is_running, reap_if_exited

__all__ = ["ContainerStatus", "State", "container_status"]

State = Literal["created", "running", "exited", "unknown"]


class ContainerStatus(msgspec.Struct, frozen=True):
    """What the runtime observes of one container.

    ``created``: exists, not started; ``running``: its process runs (or it
    just ended and conmon is writing the exit); ``exited``: the exit file is
    there; ``unknown``: no process and no exit file (conmon was killed with
    it — the controller reports ``ContainerStatusUnknown``).
    """

    state: State
    pid: int | None = None
    started_at: str | None = None
    exit_code: int | None = None
    finished_at: str | None = None
    oom_killed: bool = False
    message: str | None = None


def container_status(env: RuntimeEnv, handle: ContainerHandle) -> ContainerStatus:
    """Observe the container (cheap: a few /proc and file reads; no helper)."""
    proc = env.proc_root
    if handle.conmon is not None:
        reap_if_exited(handle.conmon, proc)  # ours while podd is its subreaper
    info = exits.read_exit(handle.exit_file, handle.bundle, handle.cgroup)
    if info is not None:
        return ContainerStatus(
            "exited",
            started_at=handle.started_at,
            exit_code=info.exit_code,
            finished_at=info.finished_at,
            oom_killed=info.oom_killed,
        )
    init_alive = handle.init is not None and is_running(handle.init, proc)
    conmon_alive = handle.conmon is not None and is_running(handle.conmon, proc)
    if init_alive or conmon_alive:
        state: State = "running" if handle.started_at else "created"
        return ContainerStatus(state, handle.init.pid if handle.init else None, handle.started_at)
    return ContainerStatus(
        "unknown",
        started_at=handle.started_at,
        message="the container and its conmon are gone without an exit code",
    )
