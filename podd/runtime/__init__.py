"""Running a pod's containers: OCI spec, OCI runtime under conmon, exec.

The service builds one :class:`RuntimeEnv` at start (``RuntimeEnv.discover``,
blocking: run it in a thread) and calls, from its event loop::

    handle = await create_container(env, sandbox, pod, container, image_config,
                                    layer_dirs, sources=PodEnvSources(...),
                                    volumes={"html": VolumeSource(path)},
                                    log_path=..., restart_count=n)
    handle = await start_container(env, handle)          # runs; started_at set
    container_status(env, handle)      # created | running | exited | unknown
    async for cid in watch_exits(env.exits_dir): ...      # exits as they happen
    await exec_in_container(env, handle, ["cat", "/etc/hostname"])
    reopen_log(handle)                 # after renaming the log (rotation)
    await stop_container(env, handle, grace=30)  # stop signal → SIGKILL
    await remove_container(env, handle)          # forget it (rootfs kept)
    # deleting the pod: stop_all(...) and remove_container(...) for each, then
    await remove_pod_storage(env, pod_uid, sandbox)   # then destroy_sandbox

Containers must be stopped before the pod's cgroup is killed, or conmon dies
without writing their exit codes. After a podd restart,
``load_containers(sandbox)`` returns the persisted handles and
``container_status`` finds the processes again (pid + start time) and their
exit files. podd, the subreaper of conmon, must reap what it adopts (a
zombie in a container's PID namespace blocks that namespace's teardown).
Errors are :class:`ContainerError` subclasses carrying a Kubernetes
``reason`` (see :mod:`podd.runtime.errors`).
"""

from podd.runtime.container import create_container, remove_container, start_container
from podd.runtime.env import EnvInfo, RuntimeEnv
from podd.runtime.envvars import EnvSources, PodEnvSources
from podd.runtime.errors import ContainerError, CreateContainerConfigError, StartError
from podd.runtime.exec import ExecResult, exec_in_container
from podd.runtime.exits import ExitInfo, watch_exits
from podd.runtime.mounts import VolumeSource
from podd.runtime.oci import RuntimeInfo
from podd.runtime.pods import load_containers, remove_pod_storage, stop_all
from podd.runtime.rootfs import RootfsInfo
from podd.runtime.state import ContainerHandle
from podd.runtime.status import ContainerStatus, container_status
from podd.runtime.stop import reopen_log, stop_container

__all__ = [
    "ContainerError",
    "ContainerHandle",
    "ContainerStatus",
    "CreateContainerConfigError",
    "EnvInfo",
    "EnvSources",
    "ExecResult",
    "ExitInfo",
    "PodEnvSources",
    "RootfsInfo",
    "RuntimeEnv",
    "RuntimeInfo",
    "StartError",
    "VolumeSource",
    "container_status",
    "create_container",
    "exec_in_container",
    "load_containers",
    "remove_container",
    "remove_pod_storage",
    "reopen_log",
    "start_container",
    "stop_all",
    "stop_container",
    "watch_exits",
]
