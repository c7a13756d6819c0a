"""One worker per pod: wakes on a trigger or a resync, observes, plans, acts."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import TYPE_CHECKING

from podd.controller.plan import PodActions, SandboxObservation, plan_pod
from podd.controller.podspec import sandbox_spec
from podd.controller.status import sandbox_status
from podd.model.pod import Pod
from podd.model.timeutil import now_rfc3339
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
        self.done = False
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.synced = asyncio.Event()  # set after the first sync, whatever its outcome

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
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def wait_done(self) -> None:
        if self._task is not None:
            await asyncio.shield(self._task)

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

    def observe(self) -> SandboxObservation:
        health = check_sandbox(self.state, self.mgr.proc_root) if self.state else None
        return SandboxObservation(
            state=self.state,
            health=health,
            failures=self.failures,
            last_error=self.last_error,
            retry_at=self.retry_at,
            unavailable=self.mgr.unavailable,
        )

    async def sync(self) -> float | None:
        """One sync of the pod; returns when to sync again at the latest.

        Step 1  read the pod (gone from the store: tear down and finish)
        Step 2  observe the sandbox, plan
        Step 3  destroy a sandbox that is deleted or died
        Step 4  create the sandbox
        Step 5  write the status if it changed
        Step 6  remove the pod from the store once nothing of it runs
        """
        # Step 1
        pod = await self.mgr.load_pod(self.ns, self.name, self.uid)
        if pod is None:
            await self._destroy(self.last_pod, "deleted")
            self.done = True
            return None
        self.last_pod = pod
        # Step 2
        actions = plan_pod(pod, self.observe(), time.monotonic())
        log.debug("sync", extra={"pod": self.key, "actions": repr(actions)})
        # Step 3
        if actions.kill_sandbox:
            await self._destroy(pod, actions.kill_sandbox)
        # Step 4
        if actions.create_sandbox:
            await self._create(pod)
        # Step 5
        if not actions.remove_pod:
            await self.mgr.write_status(pod, self._status)
        # Step 6
        if actions.remove_pod:
            await self.mgr.remove_pod(pod)
            self.done = True
            return None
        return _requeue(actions, self.retry_at)

    def _status(self, pod: Pod) -> object:
        error = self.last_error if self.state is None else None
        if error is None and self.mgr.unavailable:
            error = f"pod sandboxes cannot be created on this host: {self.mgr.unavailable}"
        return sandbox_status(pod, self.state, error, self.mgr.host_ip, now_rfc3339())

    async def _create(self, pod: Pod) -> None:
        env = self.mgr.env
        assert env is not None
        events = self.mgr.svc.events
        started = time.monotonic()
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
        took = (time.monotonic() - started) * 1000
        await events.record(
            pod,
            "Normal",
            "SandboxCreated",
            f"Created pod sandbox: pause pid {state.pause.pid}, pod IP {state.pod_ip} "
            f"({took:.0f} ms)",
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

    async def _destroy(self, pod: Pod, why: str) -> None:
        if self.state is None:
            return
        env = self.mgr.env
        if why == "died":
            health = check_sandbox(self.state, self.mgr.proc_root)
            await self.mgr.svc.events.record(
                pod,
                "Warning",
                "SandboxDied",
                f"Pod sandbox died ({health.reason or 'unknown'}); it will be re-created",
            )
        if env is not None:
            try:
                await destroy_sandbox(self.state, env)
            except SandboxError as exc:
                log.warning(
                    "sandbox teardown incomplete", extra={"pod": self.key, "error": str(exc)}
                )
        self.state = None


def _requeue(actions: PodActions, retry_at: float | None) -> float | None:
    if actions.requeue_after is not None:
        return max(0.05, actions.requeue_after)
    if retry_at is not None:
        return max(0.05, retry_at - time.monotonic())
    return None
