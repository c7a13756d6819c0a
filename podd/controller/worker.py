"""One worker per pod: wakes on a trigger or a resync, observes, plans, acts."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import TYPE_CHECKING

import msgspec

from podd.controller.lifecycle import kill_container, start_container
from podd.controller.observed import (
    ContainerRecord,
    PodObservation,
    SandboxObservation,
)
from podd.controller.plan import KillAction, PodActions, inits_done, plan_pod
from podd.controller.podevents import backoff_events
from podd.controller.podspec import sandbox_spec
from podd.controller.status import pod_status
from podd.model.container import Container
from podd.model.pod import Pod
from podd.model.podstatus import PodStatus
from podd.sandbox import (
    SandboxError,
    SandboxState,
    check_sandbox,
    create_sandbox,
    destroy_sandbox,
    load_state,
)

if TYPE_CHECKING:
    from podd.controller.manager import PodManager

log = logging.getLogger("podd.controller")

RESYNC_SECONDS = 10.0
BACKOFF_SHOWN_AFTER = 2.0  # ErrImagePull shows this long before ImagePullBackOff


class PodWorker:
    def __init__(self, mgr: PodManager, pod: Pod) -> None:
        self.mgr = mgr
        meta = pod.metadata
        self.ns, self.name, self.uid = meta.namespace or "default", meta.name or "", meta.uid or ""
        self.last_pod = pod
        self.state: SandboxState | None = load_state(mgr.env, self.uid) if mgr.env else None
        self.failures = 0
        self.last_error: str | None = None
        self.retry_at: float | None = None
        self.records: dict[str, ContainerRecord] = {}
        self.initialized = any(
            c.type == "Initialized" and c.status == "True" for c in pod.status.conditions or []
        )
        self.deadline_exceeded = pod.status.reason == "DeadlineExceeded"
        self.kills: dict[str, asyncio.Task[None]] = {}
        self.pull_failed_at: dict[str, float] = {}
        self.done = False
        self.deleting_since: float | None = None  # when this worker saw the deletion
        self.configs_dirty = False  # a ConfigMap/Secret of the namespace changed
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.synced = asyncio.Event()  # set after the first sync, whatever its outcome
        if self.state is not None and mgr.runtime is not None:
            self._recover()

    # -- lifecycle ---------------------------------------------------------
    @property
    def key(self) -> str:
        return f"{self.ns}/{self.name}"

    def start(self) -> None:
        self._wake.set()  # the first sync runs at once
        self._task = asyncio.create_task(self._run(), name=f"pod-worker {self.key}")

    def wake(self) -> None:
        self._wake.set()

    async def stop(self) -> None:
        """Stop working on the pod (podd is stopping); the pod keeps running."""
        for task in [*self.kills.values(), *([self._task] if self._task else [])]:
            task.cancel()
        await asyncio.gather(*self.kills.values(), return_exceptions=True)
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        requeue: float | None = None
        while not self.done:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=requeue or RESYNC_SECONDS)
            self._wake.clear()
            try:
                requeue = await self.sync()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("sync failed", extra={"pod": self.key})
                requeue = 5.0
            self.synced.set()
        self.mgr.forget(self)

    # -- what the worker knows -------------------------------------------------
    def _recover(self) -> None:
        """Containers found on disk after a podd restart: re-adopted, not restarted."""
        assert self.mgr.runtime is not None
        assert self.state is not None
        for found in self.mgr.runtime.recover(self.uid, self.state):
            old = self.records.get(found.name)
            self.records[found.name] = ContainerRecord(
                name=found.name,
                instance=found.instance,
                previous=old.instance if old else None,
                restart_count=found.attempt,
                crash_count=old.crash_count + 1 if old else 0,
                image_id=found.image_id,
                started=found.instance.running,
            )

    def record(self, name: str) -> ContainerRecord:
        return self.records.get(name) or ContainerRecord(name=name)

    def put(self, rec: ContainerRecord) -> None:
        self.records[rec.name] = rec

    def pulled(self, name: str, image_id: str) -> None:
        self.put(
            msgspec.structs.replace(
                self.record(name),
                image_id=image_id,
                waiting_reason=None,
                waiting_message=None,
                retry_at=None,
            )
        )
        self.pull_failed_at.pop(name, None)

    def pull_failed(self, name: str, message: str, retry_at: float) -> None:
        self.put(
            msgspec.structs.replace(
                self.record(name),
                waiting_reason="ErrImagePull",
                waiting_message=message,
                retry_at=retry_at,
            )
        )
        self.pull_failed_at[name] = time.time()
        # ErrImagePull shows for a moment, then ImagePullBackOff (next sync).
        asyncio.get_running_loop().call_later(BACKOFF_SHOWN_AFTER + 0.05, self.wake)

    def _refresh(self) -> None:
        """Bring every container instance up to date (exit files)."""
        runtime = self.mgr.runtime
        now = time.time()
        reset = self.mgr.backoff.reset
        for name, rec in list(self.records.items()):
            if rec.running and runtime is not None:
                inst = runtime.refresh(self.uid, rec.instance)  # type: ignore[arg-type]
                if not inst.running:
                    ran = (inst.finished_at or now) - (inst.started_at or now)
                    crash = 0 if ran >= reset else rec.crash_count
                    rec = msgspec.structs.replace(
                        rec, instance=inst, crash_count=crash, started=False
                    )
            if rec.running and not rec.started and not self._has_startup_probe(name):
                rec = msgspec.structs.replace(rec, started=True)
            if rec.running and self._has_startup_probe(name):
                started = self.mgr.probe_result(self.uid, name, "startup") == "Success"
                rec = msgspec.structs.replace(rec, started=rec.started or started)
            failed_at = self.pull_failed_at.get(name)
            if (
                rec.waiting_reason == "ErrImagePull"
                and failed_at is not None
                and now - failed_at >= BACKOFF_SHOWN_AFTER
                and rec.retry_at
                and now < rec.retry_at
            ):
                image = self._container(name)
                rec = msgspec.structs.replace(
                    rec,
                    waiting_reason="ImagePullBackOff",
                    waiting_message=f'Back-off pulling image "{image.image if image else ""}"',
                )
            self.records[name] = rec

    def _container(self, name: str) -> Container | None:
        for _, _, c in self.last_pod.spec.all_containers():
            if c.name == name:
                return c
        return None

    def _has_startup_probe(self, name: str) -> bool:
        c = self._container(name)
        return c is not None and c.startup_probe is not None

    def observe(self) -> PodObservation:
        health = check_sandbox(self.state, self.mgr.proc_root) if self.state else None
        sandbox = SandboxObservation(
            state=self.state,
            health=health,
            failures=self.failures,
            last_error=self.last_error,
            retry_at=self.retry_at,
            unavailable=self.mgr.unavailable,
        )
        records = {
            name: msgspec.structs.replace(rec, killing=name in self.kills)
            for name, rec in self.records.items()
        }
        return PodObservation(
            deleting_since=self.deleting_since,
            sandbox=sandbox,
            containers=records,
            initialized=self.initialized,
            probes=self.mgr.probe_results(self.uid),
        )

    # -- one sync ----------------------------------------------------------
    async def sync(self) -> float | None:
        """One sync of the pod; returns when to sync again at the latest.

        Step 1  read the pod (gone from the store: tear down and finish)
        Step 2  refresh container instances, observe, plan
        Step 3  stop containers (background: preStop, signal, grace, SIGKILL)
        Step 4  destroy a sandbox that is deleted, died or no longer needed
        Step 5  create the sandbox
        Step 6  start containers, in order (pulling images in the background)
        Step 7  write the status if it changed
        Step 8  remove the pod from the store once nothing of it runs
        """
        # Step 1
        pod = await self.mgr.load_pod(self.ns, self.name, self.uid)
        if pod is None:
            await self._teardown(self.last_pod, "deleted", force=True)
            self.done = True
            return None
        self.last_pod = pod
        if pod.metadata.deletion_timestamp and self.deleting_since is None:
            self.deleting_since = time.time()  # the grace period counts from here
        # Step 2
        self._refresh()
        if self.configs_dirty and self.mgr.volumes is not None:
            self.configs_dirty = False
            await self.mgr.volumes.refresh(pod)
        if self.state is not None:
            await self.mgr.sync_probes(self, pod, bool(pod.metadata.deletion_timestamp))
        obs = self.observe()
        now = time.time()
        actions = plan_pod(pod, obs, now, self.mgr.backoff, time.monotonic())
        if actions != PodActions():
            log.debug("sync", extra={"pod": self.key, "actions": repr(actions)})
        # Step 3
        for kill in actions.kill:
            self._kill(pod, kill)
        if actions.deadline_exceeded and not self.deadline_exceeded:
            self.deadline_exceeded = True
            await self.mgr.svc.events.record(
                pod,
                "Warning",
                "DeadlineExceeded",
                "Pod was active on the node longer than the specified deadline",
            )
        # Step 4
        if actions.kill_sandbox:
            await self._teardown(pod, actions.kill_sandbox)
        # Step 5
        if actions.create_sandbox:
            await self._create(pod)
        # Step 6
        if self.state is not None and actions.start:
            await self._start_all(pod, actions.start)
        if self.state is not None and not self.initialized and inits_done(pod, self.records):
            self.initialized = True
        # Step 7
        if not actions.remove_pod:
            written = await self.mgr.write_status(pod, self._status)
            if written is not None:
                self.last_pod = written
                await backoff_events(self.mgr.svc.events, written)
        # Step 8
        if actions.remove_pod:
            await self.mgr.remove_pod(pod)
            self.done = True
            return None
        return actions.requeue_after

    def _status(self, pod: Pod) -> PodStatus:
        error = self.last_error if self.state is None else None
        if error is None and self.state is None and self.mgr.unavailable:
            error = f"pod sandboxes cannot be created on this host: {self.mgr.unavailable}"
        return pod_status(
            pod,
            self.observe(),
            host_ip=self.mgr.host_ip,
            now=time.time(),
            backoff=self.mgr.backoff,
            sandbox_error=error,
            deadline_exceeded=self.deadline_exceeded,
        )

    # -- actions -----------------------------------------------------------
    def _kill(self, pod: Pod, kill: KillAction) -> None:
        if kill.name in self.kills:
            return
        rec = self.record(kill.name)
        if not rec.running or self.mgr.runtime is None:
            return

        async def run() -> None:
            try:
                await kill_container(self, pod, rec, kill)
            finally:
                self.kills.pop(kill.name, None)
                self.wake()

        self.kills[kill.name] = asyncio.create_task(run(), name=f"kill {self.key}/{kill.name}")

    async def _start_all(self, pod: Pod, names: tuple[str, ...]) -> None:
        inits = {c.name for c in pod.spec.init_containers or []}
        for name in names:
            started = await start_container(self, pod, name)
            if not started and name in inits:
                break  # init containers are strictly ordered

    async def _create(self, pod: Pod) -> None:
        env = self.mgr.env
        assert env is not None
        events = self.mgr.svc.events
        t0 = time.monotonic()
        try:
            state = await create_sandbox(sandbox_spec(pod, self.mgr.allow_host_loopback), env)
        except SandboxError as exc:
            self.failures += 1
            self.last_error = str(exc)
            self.retry_at = time.monotonic() + self.mgr.sandbox_backoff.delay(self.failures)
            log.warning("sandbox failed", extra={"pod": self.key, "error": str(exc)})
            await events.record(
                pod, "Warning", "SandboxFailed", f"Failed to create pod sandbox: {exc}"
            )
            return
        self.state, self.failures, self.last_error, self.retry_at = state, 0, None, None
        self.initialized = False
        self.wake()  # plan again at once: containers can start now
        await events.record(
            pod,
            "Normal",
            "SandboxCreated",
            f"Created pod sandbox: pause pid {state.pause.pid}, pod IP {state.pod_ip} "
            f"({(time.monotonic() - t0) * 1000:.0f} ms)",
        )
        for warning in state.warnings:
            await events.record(pod, "Warning", "SandboxWarning", warning)
        for n in state.not_enforced:
            await events.record(
                pod,
                "Warning",
                "LimitNotEnforced",
                f"{n.resource} limit {n.value} is not enforced ({n.controller}): {n.reason}",
            )

    async def _teardown(self, pod: Pod, why: str, force: bool = False) -> None:
        """Containers (force: SIGKILL now), their storage, then the sandbox."""
        runtime = self.mgr.runtime
        if force and runtime is not None:
            for rec in self.records.values():
                if rec.running and rec.instance is not None:
                    with contextlib.suppress(Exception):
                        await runtime.stop(self.uid, rec.instance.id, "SIGKILL", 0)
        if why == "died" and self.state is not None:
            health = check_sandbox(self.state, self.mgr.proc_root)
            await self.mgr.svc.events.record(
                pod,
                "Warning",
                "SandboxDied",
                f"Pod sandbox died ({health.reason or 'unknown'}); it will be re-created",
            )
        if runtime is not None and (why != "terminal" or self.state is not None):
            try:
                await runtime.remove_pod(self.uid, self.state)
            except Exception as exc:
                log.warning(
                    "container cleanup incomplete", extra={"pod": self.key, "error": str(exc)}
                )
        if why in ("deleted", "died"):
            for name, rec in list(self.records.items()):
                # A new sandbox starts the containers again: their runs count as restarts.
                prev = rec.instance or rec.previous
                self.records[name] = ContainerRecord(
                    name=name,
                    previous=prev,
                    restart_count=rec.restart_count + (1 if rec.instance else 0),
                    image_id=rec.image_id,
                )
        await self.mgr.forget_probes(self.uid)
        if why == "deleted":  # volumes may need the pod's user namespace to go
            await self.mgr.remove_pod_files(pod, self.state.pause.pid if self.state else None)
        if self.state is not None and self.mgr.env is not None:
            try:
                await destroy_sandbox(self.state, self.mgr.env)
            except SandboxError as exc:
                log.warning(
                    "sandbox teardown incomplete", extra={"pod": self.key, "error": str(exc)}
                )
        self.state = None
