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
from podd.controller.worker import PodWorker
from podd.model.container import Container
from podd.model.pod import Pod
from podd.model.probe import LifecycleHandler
from podd.model.status import DeleteOptions
from podd.model.timeutil import now_rfc3339
from podd.sandbox import SandboxEnv, SandboxError, SandboxState, purge_sandbox
from podd.store.errors import ConflictError, NotFoundError

if TYPE_CHECKING:
    from podd.services import Services

log = logging.getLogger("podd.controller")


class HookOutcome(msgspec.Struct, frozen=True):
    success: bool
    message: str = ""


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
        pods, _, _ = await self.svc.store.query("Pod")
        workers = [self.ensure_worker(_pod_decoder.decode(s.data)) for s in pods]
        await self._purge_orphans({p.uid for p in pods})
        # Ready means reconciled: every pod synced once (re-adopted or rebuilt).
        waits = [asyncio.create_task(w.synced.wait()) for w in workers]
        if waits:
            _, pending = await asyncio.wait(waits, timeout=RECOVERY_TIMEOUT)
            for task in pending:
                task.cancel()

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
        return {}

    def probe_result(self, uid: str, container: str, kind: str) -> ProbeResult | None:
        return self.probe_results(uid).get((container, kind))

    def forget_probes(self, uid: str) -> None:
        return None

    def container_started(self, worker: PodWorker, pod: Pod) -> None:
        return None

    async def lookups(self, pod: Pod) -> Any:
        return None

    async def run_hook(
        self,
        worker: PodWorker,
        pod: Pod,
        c: Container,
        inst: Instance,
        hook: LifecycleHandler,
        timeout: float,
    ) -> HookOutcome:
        """postStart/preStop: exec in the container, or sleep."""
        if hook.sleep is not None:
            await asyncio.sleep(min(float(hook.sleep.seconds or 0), timeout))
            return HookOutcome(True)
        if hook.exec is not None and self.runtime is not None:
            try:
                res = await self.runtime.exec(
                    worker.uid, inst.id, list(hook.exec.command or []), timeout=timeout
                )
            except Exception as exc:
                return HookOutcome(False, str(exc))
            if res.exit_code == 0:
                return HookOutcome(True)
            return HookOutcome(
                False,
                f"command {hook.exec.command!r} exited with "
                f"{res.exit_code}: {res.stderr or res.stdout}",
            )
        return HookOutcome(False, "unsupported lifecycle handler")

    async def remove_pod_files(self, pod: Pod) -> None:
        return None

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
                "pods": len(self.workers),
                "pid": os.getpid(),
            }
        }
