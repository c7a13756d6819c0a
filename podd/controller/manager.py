"""The pod manager: a worker per pod, recovery at start, deletion, status writes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from podd.controller.backoff import BackoffPolicy
from podd.controller.imagepull import ImagePuller
from podd.controller.observed import Instance, ProbeResult
from podd.controller.port import RuntimePort
from podd.controller.probes import ProbeEvent, ProbeManager
from podd.controller.probing import HookOutcome, Probing
from podd.controller.runtime_adapter import PoddRuntime, watch_exits_forever
from podd.controller.sources import decode_data, node_allocatable
from podd.controller.volumes import PodVolumes
from podd.controller.worker import PodWorker
from podd.logs.paths import remove_pod_logs
from podd.logs.rotate import RotationWatcher
from podd.model.container import Container
from podd.model.pod import Pod
from podd.model.probe import LifecycleHandler
from podd.model.status import DeleteOptions
from podd.model.timeutil import now_rfc3339
from podd.runtime import ContainerError, PodEnvSources, RuntimeEnv
from podd.sandbox import SandboxEnv, SandboxError, SandboxState, purge_sandbox
from podd.store.errors import ConflictError, NotFoundError

if TYPE_CHECKING:
    from podd.services import Services

log = logging.getLogger("podd.controller")


_pod_decoder = msgspec.json.Decoder(Pod)
RECOVERY_TIMEOUT = 60.0


def primary_ip() -> str:
    """The host's address for ``status.hostIP``: the first global IPv4 one."""
    from pyroute2 import IPRoute

    try:
        with IPRoute() as ipr:
            for msg in ipr.get_addr(family=socket.AF_INET):
                addr = msg.get_attr("IFA_ADDRESS")
                if addr and not addr.startswith("127."):
                    return str(addr)
    except Exception:
        pass
    return "127.0.0.1"


class PodManager:
    def __init__(self, svc: Services) -> None:
        self.svc = svc
        self.env: SandboxEnv | None = None
        self.unavailable: str | None = None
        self.proc_root = Path("/proc")
        self.host_ip = "127.0.0.1"
        self.allow_host_loopback = svc.settings.allow_host_loopback
        s = svc.settings
        # CrashLoopBackOff (settings, so tests can shrink it) and sandbox retries.
        self.backoff = BackoffPolicy(s.backoff_initial, s.backoff_max, s.backoff_reset)
        self.sandbox_backoff = BackoffPolicy(min(2.0, s.backoff_initial), 60.0, 600.0)
        self.workers: dict[str, PodWorker] = {}
        self.daemon_warnings: list[str] = []
        self.runtime: RuntimePort | None = None
        self.runtime_env: RuntimeEnv | None = None
        self.runtime_unavailable: str | None = None
        self.volumes: PodVolumes | None = None
        self.probing: Probing | None = None
        self._exit_watcher: asyncio.Task[None] | None = None
        self._rotation_task: asyncio.Task[None] | None = None
        self.rotation: RotationWatcher | None = None
        self.puller = ImagePuller()

    # -- lifecycle -------------------------------------------------------
    async def start(self) -> None:
        """Find what sandboxes need, then a worker for every stored pod: running
        sandboxes are re-adopted from their state files, not re-created."""
        settings = self.svc.settings
        try:
            self.env = await asyncio.to_thread(
                SandboxEnv.discover,
                Path(settings.runtime_dir),
                cgroup_root=settings.cgroup_root or None,
            )
        except SandboxError as exc:
            self.unavailable = str(exc)
            log.error("pod sandboxes unavailable", extra={"error": str(exc)})
        if self.env is not None and self.env.cgroups is not None:
            try:
                self.daemon_warnings = self.env.cgroups.setup_daemon()
            except (SandboxError, OSError) as exc:
                self.daemon_warnings = [f"podd could not move into its daemon cgroup: {exc}"]
        self.host_ip = await asyncio.to_thread(primary_ip)
        await self._start_runtime()
        pods, _, _ = await self.svc.store.query("Pod")
        workers = [self.ensure_worker(_pod_decoder.decode(s.data)) for s in pods]
        await self._purge_orphans({p.uid for p in pods})
        # Ready means reconciled: every pod synced once (re-adopted or rebuilt).
        waits = [asyncio.create_task(w.synced.wait()) for w in workers]
        if waits:
            _, pending = await asyncio.wait(waits, timeout=RECOVERY_TIMEOUT)
            for task in pending:
                task.cancel()

    async def _start_runtime(self) -> None:
        """The OCI runtime under conmon, pod volumes, probes, the exit watcher."""
        settings, env = self.svc.settings, self.env
        if env is None or self.svc.images is None:
            self.runtime_unavailable = self.unavailable or "no image store"
            return
        try:
            renv = await asyncio.to_thread(
                RuntimeEnv.discover,
                exits_dir=Path(settings.runtime_dir) / "exits",
                storage_dir=settings.data_path / "storage" / "containers",
                runtime=settings.runtime,
                pause=env.pause,
                id_mapping=env.id_mapping,
                log_size_max=settings.log_max_size,
                userns_join=self.svc.images.holder.join_prefix if self.svc.images.holder else None,
            )
        except ContainerError as exc:
            self.runtime_unavailable = str(exc)
            log.error("containers cannot run", extra={"error": str(exc)})
            return
        self.runtime_env = renv
        self.volumes = PodVolumes(
            self.svc.store,
            settings.data_path / "volumes",
            Path(settings.runtime_dir) / "volumes",
            env.pause,
        )
        self.runtime = PoddRuntime(
            renv, self.svc.images, settings.data_path, self.volumes.for_start
        )
        probes = ProbeManager(
            on_change=lambda key, _res: self.wake(key.pod_uid), on_event=self._probe_event
        )
        self.probing = Probing(probes, self.runtime)
        self._exit_watcher = asyncio.create_task(
            watch_exits_forever(renv, self._container_exited), name="exit watcher"
        )

    def _container_exited(self, container_id: str) -> None:
        uid = self.runtime.pod_of(container_id) if isinstance(self.runtime, PoddRuntime) else None
        if uid is not None:
            self.wake(uid)

    def _probe_event(self, ev: ProbeEvent) -> None:
        worker = self.workers.get(ev.key.pod_uid)
        if worker is None:
            return
        self.svc.spawn(
            self.svc.events.record(
                worker.last_pod,
                "Warning",
                ev.reason,
                ev.message,
                field_path=f"spec.containers{{{ev.key.container}}}",
            ),
            "probe event",
        )

    async def _purge_orphans(self, known: set[str]) -> None:
        """Sandboxes of pods that are no longer stored (podd died mid-delete)."""
        if self.env is None:
            return
        base = self.env.runtime_dir / "pods"
        for entry in sorted(base.iterdir()) if base.is_dir() else []:
            if entry.name in known:
                continue
            log.info("removing orphaned sandbox", extra={"uid": entry.name})
            try:
                await purge_sandbox(entry.name, self.env)
            except (SandboxError, OSError) as exc:
                log.warning("orphan not removed", extra={"uid": entry.name, "error": str(exc)})
                shutil.rmtree(entry, ignore_errors=True)

    async def stop(self) -> None:
        """Stop the workers; every pod keeps running (podd may be upgraded)."""
        await asyncio.gather(*(w.stop() for w in list(self.workers.values())))
        self.workers.clear()
        for task in (self._exit_watcher, self._rotation_task):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        if self.rotation is not None:
            self.rotation.close()
        if self.probing is not None:
            await self.probing.close()

    # -- workers ---------------------------------------------------------
    def ensure_worker(self, pod: Pod) -> PodWorker:
        uid = pod.metadata.uid or ""
        worker = self.workers.get(uid)
        if worker is None:
            worker = PodWorker(self, pod)
            self.workers[uid] = worker
            worker.start()
        return worker

    def forget(self, worker: PodWorker) -> None:
        if self.workers.get(worker.uid) is worker:
            del self.workers[worker.uid]

    def configs_changed(self, namespace: str) -> None:
        """A ConfigMap or Secret changed: pods of its namespace re-project."""
        for worker in self.workers.values():
            if worker.ns == namespace:
                worker.configs_dirty = True
                worker.wake()

    def wake(self, uid: str) -> None:
        worker = self.workers.get(uid)
        if worker is not None:
            worker.wake()

    # -- store access for workers ------------------------------------------
    async def load_pod(self, ns: str, name: str, uid: str) -> Pod | None:
        stored = await self.svc.store.get("Pod", ns, name)
        if stored is None or stored.uid != uid:
            return None
        return _pod_decoder.decode(stored.data)

    async def write_status(self, pod: Pod, compute: Callable[[Pod], Any]) -> Pod | None:
        """Write ``compute(pod)`` as the status if it differs; re-read and retry
        when the pod changed underneath (an API update)."""
        for _ in range(5):
            status = compute(pod)
            if status == pod.status:
                return pod
            pod.status = status
            try:
                stored = await self.svc.store.update(
                    "Pod", pod, expected_rv=int(pod.metadata.resource_version or 0)
                )
                return _pod_decoder.decode(stored.data)
            except ConflictError:
                fresh = await self.load_pod(
                    pod.metadata.namespace or "", pod.metadata.name or "", pod.metadata.uid or ""
                )
                if fresh is None:
                    return None
                pod = fresh
            except NotFoundError:
                return None
        return None

    async def remove_pod(self, pod: Pod) -> None:
        with contextlib.suppress(NotFoundError):
            await self.svc.store.delete("Pod", pod, expected_uid=pod.metadata.uid)

    # -- API hooks ---------------------------------------------------------
    async def pod_created(self, pod: Pod) -> None:
        self.ensure_worker(pod)

    async def delete_pod(self, pod: Pod, opts: DeleteOptions) -> tuple[Pod, bool]:
        """Graceful deletion: mark the pod, let its worker stop everything, and
        remove it then. A grace period of 0 removes it from the store at once
        (the worker still tears down what runs)."""
        grace = opts.grace_period_seconds
        if grace is None:
            grace = pod.spec.termination_grace_period_seconds
        if grace is None:
            grace = 30
        uid = pod.metadata.uid or ""
        if grace <= 0 or uid not in self.workers:
            stored = await self.svc.store.delete("Pod", pod, expected_uid=uid)
            self.wake(uid)
            return _pod_decoder.decode(stored.data), True
        meta = pod.metadata
        if meta.deletion_timestamp is None or (meta.deletion_grace_period_seconds or 0) > grace:
            meta.deletion_timestamp = meta.deletion_timestamp or now_rfc3339()
            meta.deletion_grace_period_seconds = max(grace, 0)
            stored = await self.svc.store.update("Pod", pod, expected_uid=uid)
            pod = _pod_decoder.decode(stored.data)
        self.wake(uid)
        return pod, False

    # -- hooks for workers (probes, env data, hooks, files) ------------------------
    def probe_results(self, uid: str) -> dict[tuple[str, str], ProbeResult]:
        return self.probing.results(uid) if self.probing else {}

    def probe_result(self, uid: str, container: str, kind: str) -> ProbeResult | None:
        return self.probe_results(uid).get((container, kind))

    async def sync_probes(self, worker: PodWorker, pod: Pod, terminating: bool) -> None:
        if self.probing is not None:
            await self.probing.sync(worker, pod, terminating)

    async def forget_probes(self, uid: str) -> None:
        if self.probing is not None:
            await self.probing.forget(uid)

    def container_started(self, worker: PodWorker, pod: Pod) -> None:
        worker.wake()  # the next sync arms its probes

    async def lookups(self, pod: Pod) -> PodEnvSources:
        """ConfigMaps and Secrets of the pod's namespace, for env and volumes."""
        ns = pod.metadata.namespace or "default"
        config_maps: dict[str, dict[str, str]] = {}
        secrets: dict[str, dict[str, str]] = {}
        for kind, into in (("ConfigMap", config_maps), ("Secret", secrets)):
            items, _, _ = await self.svc.store.query(kind, ns)
            for item in items:
                into[item.name] = decode_data(kind, item.data)
        state = (
            self.workers[pod.metadata.uid or ""].state
            if (pod.metadata.uid in self.workers)
            else None
        )
        return PodEnvSources(
            pod=pod,
            pod_ip=state.pod_ip if state else "",
            host_ip=self.host_ip,
            config_maps=config_maps,
            secrets=secrets,
            allocatable=node_allocatable(),
        )

    async def run_hook(
        self,
        worker: PodWorker,
        pod: Pod,
        c: Container,
        inst: Instance,
        hook: LifecycleHandler,
        timeout: float,
    ) -> HookOutcome:
        if self.probing is None:
            return HookOutcome(False, "containers cannot run on this host")
        return await self.probing.run_hook(worker, c, inst, hook, timeout)

    async def remove_pod_files(self, pod: Pod, pause_pid: int | None) -> None:
        """Logs and volumes go with the pod."""
        meta = pod.metadata
        await asyncio.to_thread(
            remove_pod_logs,
            self.svc.settings.data_path,
            meta.namespace or "default",
            meta.name or "",
            meta.uid or "",
        )
        if self.volumes is not None:
            await self.volumes.remove(meta.uid or "", pause_pid)

    def sandbox_state(self, uid: str) -> SandboxState | None:
        worker = self.workers.get(uid)
        return worker.state if worker else None

    def info(self) -> dict[str, Any]:
        env = self.env
        return {
            "sandbox": {
                "available": env is not None,
                "reason": self.unavailable,
                "pause": str(env.pause) if env else None,
                "cgroupRoot": str(env.cgroups.root) if env and env.cgroups else None,
                "cgroupReason": env.cgroup_reason if env else None,
                "daemonWarnings": self.daemon_warnings,
                "hostIP": self.host_ip,
                "containers": self.runtime_env.info() if self.runtime_env else None,
                "containersUnavailable": self.runtime_unavailable,
                "pods": len(self.workers),
                "pid": os.getpid(),
            }
        }
