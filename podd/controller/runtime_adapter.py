"""The runtime port on ``podd.runtime`` (conmon + runc/crun), with pod
volumes from ``podd.volumes`` and log paths from ``podd.logs``.

It owns the rotation of container logs: conmon cuts each log at the
policy's size, and the :class:`~podd.logs.rotation_watcher.RotationWatcher`
it runs keeps ``max_files`` of them, for the containers it starts and those
it re-adopts after a podd restart (adopting what conmon rotated meanwhile).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path

from podd.cdi.spec import CDIError, ContainerEdits
from podd.controller.observed import Instance
from podd.controller.runtime_api import (
    ContainerConfigError,
    ContainerStartError,
    ExecResult,
    Recovered,
    StartRequest,
)
from podd.images import ImageManager
from podd.logs.paths import container_log_path, pod_log_dir, prune_instances
from podd.logs.rotate import RotationPolicy, prepare_log
from podd.logs.rotation_watcher import RotationWatcher
from podd.model.container import Container, EphemeralContainer
from podd.model.pod import Pod
from podd.model.timeutil import parse_rfc3339
from podd.runtime import (
    ContainerError,
    ContainerHandle,
    CreateContainerConfigError,
    RuntimeEnv,
    VolumeSource,
    container_status,
    create_container,
    exec_in_container,
    load_containers,
    remove_container,
    remove_pod_storage,
    start_container,
    stop_all,
    stop_container,
)
from podd.runtime.errors import ContainerNotRunningError
from podd.runtime.monitor import LOST_MESSAGE, end_unsupervised, monitor_lost, unsupervised
from podd.runtime.reconcile import reconcile_containers
from podd.sandbox import SandboxState
from podd.sandbox.process import ProcessRef, is_running

log = logging.getLogger("podd.runtime")

IMAGES_FILE = "images.json"  # container id → image id, for status after a restart
HASHES_FILE = "spechash.json"  # container id → spec hash, for restarts on change after one

VolumesFn = Callable[[StartRequest], Awaitable[Mapping[str, VolumeSource]]]
DevicesFn = Callable[[Pod, str], ContainerEdits | None]  # raises CDIError


def _epoch(ts: str | None) -> float | None:
    return parse_rfc3339(ts).timestamp() if ts else None


class PoddRuntime:
    """Implements :class:`podd.controller.runtime_api.ContainerRuntime`."""

    def __init__(
        self,
        env: RuntimeEnv,
        images: ImageManager,
        data_dir: Path,
        volumes: VolumesFn,
        rotation: RotationPolicy | None = None,
        devices: DevicesFn | None = None,
    ) -> None:
        self.env = env
        self.devices = devices
        self.rotation = RotationWatcher(rotation)
        self._rotation_task: asyncio.Task[None] | None = None
        self.images = images
        self.data_dir = data_dir
        self.volumes = volumes
        self.handles: dict[tuple[str, str], ContainerHandle] = {}

    # -- start -------------------------------------------------------------
    async def start(self, req: StartRequest) -> Instance:
        pod, c, sandbox = req.pod, req.container, req.sandbox
        meta = pod.metadata
        uid = meta.uid or ""
        logs = pod_log_dir(self.data_dir, meta.namespace or "default", meta.name or "", uid)
        log_path = container_log_path(logs, c.name, req.attempt)
        pid_namespace = self._target_pid_namespace(uid, pod, c)
        t0 = time.perf_counter()
        await self._forget_old(uid, c.name, req.attempt)
        volumes = await self.volumes(req)
        try:
            devices = self.devices(pod, c.name) if self.devices is not None else None
        except CDIError as exc:  # as CRI-O words it: the container is not created
            raise ContainerConfigError(f"CDI device injection failed: {exc}") from exc
        # conmon cuts the log at the size limit; podd keeps the rotated files.
        await asyncio.to_thread(prepare_log, log_path)
        if req.attempt > 1:
            await asyncio.to_thread(prune_instances, log_path.parent, req.attempt - 1)
        self._watch_log(log_path)
        try:
            handle = await create_container(
                self.env,
                sandbox,
                pod,
                c,
                req.image.config,
                self.images.layer_dirs(req.image),
                sources=req.lookups,
                log_path=log_path,
                volumes=volumes,
                restart_count=req.attempt,
                pid_namespace=pid_namespace,
                devices=devices,
            )
        except CreateContainerConfigError as exc:
            await self._unwatch_logs([log_path])
            raise ContainerConfigError(str(exc)) from exc
        except ContainerError as exc:
            await self._unwatch_logs([log_path])
            tried = self.env.runtime_for(pod.spec.runtime_class_name).id_prefix
            raise ContainerStartError(str(exc), tried) from exc
        self.handles[(uid, handle.id)] = handle
        self._remember(sandbox, IMAGES_FILE, handle.id, req.image.id)
        self._remember(sandbox, HASHES_FILE, handle.id, req.spec_hash)
        t1 = time.perf_counter()
        try:
            handle = await start_container(self.env, handle)
        except ContainerError as exc:
            with contextlib.suppress(ContainerError):
                await remove_container(self.env, handle)
            self.handles.pop((uid, handle.id), None)
            await self._unwatch_logs([log_path])
            raise ContainerStartError(str(exc), handle.runtime) from exc
        self.handles[(uid, handle.id)] = handle
        t2 = time.perf_counter()
        log.debug(
            "container started",
            extra={
                "container": f"{meta.name}/{c.name}",
                "create_ms": round((t1 - t0) * 1000, 1),
                "start_ms": round((t2 - t1) * 1000, 1),
            },
        )
        return Instance(
            id=handle.id,
            running=True,
            started_at=_epoch(handle.started_at),
            runtime=handle.runtime,
        )

    def _target_pid_namespace(self, uid: str, pod: Pod, c: Container) -> str | None:
        """An ephemeral container with ``targetContainerName`` joins that
        container's PID namespace (the kubelet's NamespaceMode TARGET); in a
        pod sharing one PID namespace that is the pod's anyway."""
        target = c.target_container_name if isinstance(c, EphemeralContainer) else None
        if not target or pod.spec.share_process_namespace:
            return None
        runs = [h for (u, _), h in self.handles.items() if u == uid and h.name == target]
        for h in sorted(runs, key=lambda h: h.restart_count, reverse=True):
            if h.init is not None and is_running(h.init, self.env.proc_root):
                return f"{self.env.proc_root}/{h.init.pid}/ns/pid"
        # The kubelet's words (getTargetID), a CreateContainerConfigError retried later.
        raise ContainerConfigError(f"unable to find target container {target}")

    async def _forget_old(self, uid: str, name: str, attempt: int) -> None:
        """Keep the previous run (its exit and logs); remove older ones."""
        gone = []
        for (pod_uid, cid), h in list(self.handles.items()):
            if pod_uid == uid and h.name == name and h.restart_count < attempt - 1:
                with contextlib.suppress(ContainerError):
                    await remove_container(self.env, h)
                del self.handles[(pod_uid, cid)]
                gone.append(Path(h.log_path))
        await self._unwatch_logs(gone)  # their files are pruned next

    def _remember(self, sandbox: SandboxState, name: str, cid: str, value: str) -> None:
        path = Path(sandbox.runtime_dir) / name
        try:
            known = json.loads(path.read_text())
        except (OSError, ValueError):
            known = {}
        known[cid] = value
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(known))
        tmp.replace(path)

    # -- observe -----------------------------------------------------------
    def refresh(self, pod_uid: str, instance: Instance) -> Instance:
        handle = self.handles.get((pod_uid, instance.id))
        if handle is None:
            return instance
        return self._instance(handle)

    def _instance(self, handle: ContainerHandle) -> Instance:
        st = container_status(self.env, handle)
        started = _epoch(st.started_at or handle.started_at)
        if st.state in ("running", "created"):
            return Instance(id=handle.id, running=True, started_at=started, runtime=handle.runtime)
        if st.state == "exited":
            code = st.exit_code if st.exit_code is not None else -1
            reason = "OOMKilled" if st.oom_killed else ("Completed" if code == 0 else "Error")
            message = None
            if monitor_lost(handle):
                reason, message = "ContainerStatusUnknown", LOST_MESSAGE
            signal = code - 128 if code > 128 else None
            return Instance(
                id=handle.id,
                runtime=handle.runtime,
                running=False,
                started_at=started,
                finished_at=_epoch(st.finished_at),
                exit_code=code,
                reason=reason,
                message=message,
                signal=signal,
            )
        return Instance(
            id=handle.id,
            runtime=handle.runtime,
            running=False,
            started_at=started,
            exit_code=137,
            reason="ContainerStatusUnknown",
            message=st.message or "The container could not be located",
        )

    async def recover(self, pod_uid: str, sandbox: SandboxState) -> list[Recovered]:
        """Adopt what started; remove what a killed podd left half made."""
        images = _read_map(Path(sandbox.runtime_dir) / IMAGES_FILE)
        hashes = _read_map(Path(sandbox.runtime_dir) / HASHES_FILE)
        found = await reconcile_containers(self.env, sandbox)
        out = []
        for handle in found.adopted:
            self.handles[(pod_uid, handle.id)] = handle
            self._watch_log(Path(handle.log_path))
            out.append(
                Recovered(
                    handle.name,
                    handle.restart_count,
                    self._instance(handle),
                    images.get(handle.id),
                    hashes.get(handle.id),
                )
            )
        return out

    # -- supervision -------------------------------------------------------
    def monitor(self, pod_uid: str, container_id: str) -> ProcessRef | None:
        """The conmon of a known container instance (to watch for its death)."""
        handle = self.handles.get((pod_uid, container_id))
        return handle.conmon if handle is not None else None

    async def monitor_died(self, pod_uid: str, container_id: str) -> bool:
        """Its conmon died: end the container if it now runs unsupervised
        (True), as opposed to conmon exiting after recording the exit."""
        handle = self.handles.get((pod_uid, container_id))
        if handle is None or not unsupervised(self.env, handle):
            return False
        await end_unsupervised(self.env, handle)
        return True

    # -- stop, exec, remove -------------------------------------------------
    async def stop(self, pod_uid: str, container_id: str, signal: str, grace: float) -> None:
        handle = self.handles.get((pod_uid, container_id))
        if handle is not None:
            await stop_container(self.env, handle, grace, signal or None)

    async def exec(
        self,
        pod_uid: str,
        container_id: str,
        command: list[str],
        *,
        stdin: bytes | None = None,
        timeout: float = 60.0,
    ) -> ExecResult:
        handle = self.handles.get((pod_uid, container_id))
        if handle is None:
            raise ContainerNotRunningError(f"container {container_id} is not known")
        res = await exec_in_container(self.env, handle, command, stdin=stdin, timeout=timeout)
        return ExecResult(exit_code=res.exit_code, stdout=res.stdout, stderr=res.stderr)

    async def remove_pod(self, pod_uid: str, sandbox: SandboxState | None) -> None:
        """Stop (SIGKILL: the worker already ran the graceful stops) and remove
        every container, then the pod's rootfs and storage."""
        mine = {k: h for k, h in self.handles.items() if k[0] == pod_uid}
        if sandbox is not None:
            for h in load_containers(sandbox):
                mine.setdefault((pod_uid, h.id), h)
        await stop_all(self.env, list(mine.values()), 0.0)
        await self._unwatch_logs([Path(h.log_path) for h in mine.values()])
        for key, handle in mine.items():
            try:
                await remove_container(self.env, handle)
            except ContainerError as exc:
                log.warning(
                    "container not removed", extra={"container": handle.id, "error": str(exc)}
                )
            self.handles.pop(key, None)
        await remove_pod_storage(self.env, pod_uid, sandbox)

    def pod_of(self, container_id: str) -> str | None:
        for pod_uid, cid in self.handles:
            if cid == container_id:
                return pod_uid
        return None

    # -- log rotation ------------------------------------------------------
    def _watch_log(self, log_path: Path) -> None:
        """Keep ``log_path`` rotated from now on (synced once at once)."""
        try:
            self.rotation.add(log_path)
        except OSError as exc:
            log.warning(
                "container log not rotated", extra={"log": str(log_path), "error": str(exc)}
            )
            return
        if self._rotation_task is None:
            self._rotation_task = asyncio.create_task(
                rotate_logs_forever(self.rotation), name="log rotation"
            )

    async def _unwatch_logs(self, log_paths: list[Path]) -> None:
        """Stop rotating these logs; returns once no sync of them runs."""
        for log_path in log_paths:
            self.rotation.remove(log_path)
        if log_paths:
            await self.rotation.wait_idle()

    async def close(self) -> None:
        """End the log rotation (conmon keeps cutting; the next podd adopts)."""
        task, self._rotation_task = self._rotation_task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        self.rotation.close()


def _read_map(path: Path) -> dict[str, str]:
    try:
        found = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


async def rotate_logs_forever(watcher: RotationWatcher) -> None:
    """Run the rotation watcher; a failure restarts it (every log is synced again)."""
    while True:
        try:
            await watcher.run()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("log rotation failed; restarting it")
            await asyncio.sleep(1.0)
            for log_path in watcher.logs():
                watcher.add(log_path)


async def watch_exits_forever(env: RuntimeEnv, on_exit: Callable[[str], None]) -> None:
    """Wake pod workers as exit files appear (inotify, no polling)."""
    from podd.runtime import watch_exits

    env.exits_dir.mkdir(parents=True, exist_ok=True)
    while True:
        try:
            async for cid in watch_exits(env.exits_dir, existing=False):
                on_exit(cid)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("exit watcher failed; restarting it")
            await asyncio.sleep(1.0)
