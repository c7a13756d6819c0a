"""A container whose conmon died is unsupervised: its exit would never be
recorded and its log never written. podd ends it (as the kubelet ends a
container it can no longer account for) and marks why, so its status says
so and the restart policy decides what comes next."""

from __future__ import annotations

from pathlib import Path

from podd.runtime.env import RuntimeEnv
from podd.runtime.state import ContainerHandle
from podd.runtime.status import ContainerStatus
from podd.runtime.stop import stop_container
from podd.sandbox.process import is_running

LOST_FILE = "monitor-lost"  # in the bundle: conmon died before the container
LOST_MESSAGE = "the container's monitor (conmon) died; podd stopped the unsupervised container"


def unsupervised(env: RuntimeEnv, handle: ContainerHandle) -> bool:
    """Its conmon is gone, no exit is recorded, and it was started."""
    return (
        handle.started_at is not None
        and handle.conmon is not None
        and not is_running(handle.conmon, env.proc_root)
        and not Path(handle.exit_file).exists()
    )


def monitor_lost(handle: ContainerHandle) -> bool:
    return (Path(handle.bundle) / LOST_FILE).exists()


async def end_unsupervised(env: RuntimeEnv, handle: ContainerHandle) -> ContainerStatus:
    """SIGKILL it (its cgroup leaf takes strays), record exit 137 and why."""
    (Path(handle.bundle) / LOST_FILE).write_text(f"{handle.conmon.pid if handle.conmon else ''}\n")
    return await stop_container(env, handle, 0.0, "SIGKILL")
