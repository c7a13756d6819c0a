"""One worker per pod: wakes on a trigger or a resync, observes, plans, acts.
It owns its pod's bookkeeping (sandbox state, a record per container; read by
others through :meth:`PodWorker.container` and ``state``), the rest is deps."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import msgspec

from podd.controller.deps import Containers, WorkerDeps
from podd.controller.deviceplan import scheduled, unschedulable_status
from podd.controller.devices import Admission
from podd.controller.ephemeral import plan_with_ephemeral, status_with_ephemeral
from podd.controller.hooks import probe_target
from podd.controller.imagepull import PullDone
from podd.controller.lifecycle import kill_container, start_container
from podd.controller.observed import ContainerRecord, PodObservation, SandboxObservation
from podd.controller.plan import KillAction, PodActions, inits_done
from podd.controller.podevents import backoff_events
from podd.controller.podsandbox import build_sandbox, restore_pod_network, tear_down
from podd.controller.records import BACKOFF_SHOWN_AFTER, adopt, progressed, refreshed
from podd.model.container import Container
from podd.model.pod import Pod
from podd.model.podstatus import PodStatus
from podd.sandbox import SandboxState

log = logging.getLogger("podd.controller")

RESYNC_SECONDS = 10.0
TEARDOWN_ON_STOP = 15.0  # how long a stopping podd waits for a teardown under way


class PodWorker:
    def __init__(self, deps: WorkerDeps, pod: Pod) -> None:
        self.deps = deps
        meta = pod.metadata
        self.ns, self.name, self.uid = meta.namespace or "default", meta.name or "", meta.uid or ""
        self.last_pod = pod
        self.state: SandboxState | None = deps.sandboxes.load(self.uid) if deps.sandboxes else None
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
        self._interrupted = False
        self._teardown_task: asyncio.Future[None] | None = None
        self._adopted = self.state is None  # a sandbox left running: adopt its containers first
        self.admission = Admission(deps.devices, deps.events)  # waits for devices

    # -- lifecycle ---------------------------------------------------------
    @property
    def key(self) -> str:
        return f"{self.ns}/{self.name}"

    def start(self) -> asyncio.Task[None]:
        self._wake.set()  # the first sync runs at once
        self._task = asyncio.create_task(self._run(), name=f"pod-worker {self.key}")
        return self._task

    def wake(self) -> None:
        self._wake.set()

    def interrupt(self) -> None:
        """The pod is being deleted: starts still queued in this sync are
        skipped (the one under way finishes), then the next sync stops it."""
        self._interrupted = True
        self._wake.set()

    async def stop(self) -> None:
        """podd is stopping: the pod keeps running (a teardown under way is
        finished first, bounded, not left for the next start)."""
        teardown = self._teardown_task
        if teardown is not None and not teardown.done():
            with contextlib.suppress(TimeoutError, Exception):
                await asyncio.wait_for(asyncio.shield(teardown), TEARDOWN_ON_STOP)
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

    # -- what the worker knows -------------------------------------------------
    def container(self, name: str) -> ContainerRecord | None:
        """A container's record, for readers (logs, exec): a frozen value."""
        return self.records.get(name)

    def record(self, name: str) -> ContainerRecord:
        return self.records.get(name) or ContainerRecord(name=name)

    def _pull_done(self, done: PullDone) -> None:
        rec = self.record(done.container)
        if done.image_id is not None:
            self.records[done.container] = msgspec.structs.replace(
                rec,
                image_id=done.image_id,
                waiting_reason=None,
                waiting_message=None,
                retry_at=None,
            )
            self.pull_failed_at.pop(done.container, None)
        else:
            self.records[done.container] = msgspec.structs.replace(
                rec,
                waiting_reason="ErrImagePull",
                waiting_message=done.message,
                retry_at=done.retry_at,
            )
            self.pull_failed_at[done.container] = time.time()
            # ErrImagePull shows for a moment, then ImagePullBackOff (next sync).
            asyncio.get_running_loop().call_later(BACKOFF_SHOWN_AFTER + 0.05, self.wake)
        self.wake()

    def _refresh(self, ctr: Containers | None) -> None:
        """Bring every container instance up to date (exit files, probes)."""
        results = ctr.probes.results(self.uid) if ctr else {}
        for name, rec in list(self.records.items()):
            if rec.running and ctr is not None and rec.instance is not None:
                inst = ctr.runtime.refresh(self.uid, rec.instance)
                rec = refreshed(rec, inst, self.deps.backoff.reset)
            self.records[name] = progressed(
                rec, self._container(name), results, self.pull_failed_at.get(name), time.time()
            )

    def _container(self, name: str) -> Container | None:
        for _, _, c in self.last_pod.spec.all_containers():
            if c.name == name:
                return c
        return None

    def observe(self) -> PodObservation:
        ctr = self.deps.containers
        sandboxes = self.deps.sandboxes
        health = sandboxes.check(self.state) if self.state and sandboxes else None
        sandbox = SandboxObservation(
            state=self.state,
            health=health,
            failures=self.failures,
            last_error=self.last_error,
            retry_at=self.retry_at,
            unavailable=self.deps.sandbox_unavailable,
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
            probes=ctr.probes.results(self.uid) if ctr else {},
        )

    # -- one sync ----------------------------------------------------------
    async def sync(self) -> float | None:
        """One sync of the pod; returns when to sync again at the latest.

        Step 1  read the pod (gone from the store: tear down and finish)
        Step 2  refresh container instances and probes, observe, plan
        Step 3  stop containers (background: preStop, signal, grace, SIGKILL)
        Step 4  destroy a sandbox that is deleted, died or no longer needed
        Step 5  create the sandbox
        Step 6  start containers, in order (pulling images in the background)
        Step 7  write the status if it changed
        Step 8  remove the pod from the store once nothing of it runs
        """
        deps, ctr = self.deps, self.deps.containers
        self._interrupted = False
        # Step 1
        pod = await deps.pods.load(self.ns, self.name, self.uid)
        if pod is None:
            await self._teardown(self.last_pod, "deleted", force=True)
            self._finish()
            return None
        self.last_pod = pod
        if not self._adopted:
            self._adopted = True
            if self.state is not None and ctr is not None:
                self.records = adopt(await ctr.runtime.recover(self.uid, self.state))
        if pod.metadata.deletion_timestamp and self.deleting_since is None:
            self.deleting_since = time.time()  # the grace period counts from here
        # Step 2
        self._refresh(ctr)
        if self.configs_dirty and ctr is not None and ctr.volumes is not None:
            self.configs_dirty = False
            await ctr.volumes.refresh(pod)
        if self.state is not None and ctr is not None:
            await self._sync_probes(ctr, pod)
        obs = self.observe()
        actions = plan_with_ephemeral(pod, obs, time.time(), deps.backoff, time.monotonic())
        if actions != PodActions():
            log.debug("sync", extra={"pod": self.key, "actions": repr(actions)})
        # Step 3
        for kill in actions.kill:
            self._kill(pod, kill)
        if actions.deadline_exceeded and not self.deadline_exceeded:
            self.deadline_exceeded = True
            await deps.events.record(
                pod,
                "Warning",
                "DeadlineExceeded",
                "Pod was active on the node longer than the specified deadline",
            )
        if actions.restore_network:
            await self._restore_network(pod)
        # Step 4
        if actions.kill_sandbox:
            await self._teardown(pod, actions.kill_sandbox)
        # Step 5
        if actions.create_sandbox and await self.admission.admit(pod):
            await self._create(pod)
        # Step 6
        if self.state is not None and actions.start and ctr is not None:
            await self._start_all(ctr, pod, actions.start)
        if self.state is not None and not self.initialized and inits_done(pod, self.records):
            self.initialized = True
        if deps.supervisor is not None:
            running = {
                n: r.instance.id for n, r in self.records.items() if r.running and r.instance
            }
            deps.supervisor.sync(self.uid, self.state, running)
        # Step 7
        if not actions.remove_pod:
            written = await deps.pods.write_status(pod, self._status)
            if written is not None:
                self.last_pod = written
                await backoff_events(deps.events, written)
            if deps.devices is not None and self.last_pod.status.phase in ("Succeeded", "Failed"):
                deps.devices.release(self.uid)  # an ended pod holds no device
        # Step 8
        if actions.remove_pod:
            if not actions.kill_sandbox:  # no sandbox known: still files, storage, leftovers
                await self._teardown(pod, "deleted")
            await deps.pods.remove(pod)
            self._finish()
            return None
        return actions.requeue_after

    def _finish(self) -> None:
        self.done = True
        if self.deps.devices is not None:
            self.deps.devices.release(self.uid)
        if self.deps.supervisor is not None:
            self.deps.supervisor.forget(self.uid)

    async def _sync_probes(self, ctr: Containers, pod: Pod) -> None:
        """Probe workers for exactly the running containers of the pod."""
        assert self.state is not None
        targets = []
        for _, _, c in pod.spec.all_containers():
            rec = self.records.get(c.name)
            if rec is not None and rec.running and rec.instance is not None:
                targets.append(probe_target(ctr.runtime, self.uid, c, rec.instance, self.state))
        await ctr.probes.sync_pod(
            self.uid, targets, terminating=bool(pod.metadata.deletion_timestamp)
        )

    def _status(self, pod: Pod) -> PodStatus:
        if self.admission.unschedulable is not None and self.state is None:
            return unschedulable_status(pod, self.admission.unschedulable, time.time())
        error = self.last_error if self.state is None else None
        if error is None and self.state is None and self.deps.sandbox_unavailable:
            error = f"pod sandboxes cannot be created on this host: {self.deps.sandbox_unavailable}"
        now = time.time()
        status = status_with_ephemeral(
            pod, self.observe(), host_ip=self.deps.host_ip, now=now, backoff=self.deps.backoff,
            sandbox_error=error, deadline_exceeded=self.deadline_exceeded,
        )  # fmt: skip
        return scheduled(status, now)

    # -- actions -----------------------------------------------------------
    def _kill(self, pod: Pod, kill: KillAction) -> None:
        ctr = self.deps.containers
        rec = self.record(kill.name)
        if kill.name in self.kills or not rec.running or ctr is None or rec.instance is None:
            return
        inst = rec.instance

        async def run() -> None:
            try:
                ended = await kill_container(self.deps, ctr, pod, self.state, inst, kill)
                current = self.record(kill.name)
                if current.instance is not None and current.instance.id == ended.id:
                    ran = (ended.finished_at or time.time()) - (ended.started_at or time.time())
                    crash = 0 if ran >= self.deps.backoff.reset else current.crash_count
                    self.records[kill.name] = msgspec.structs.replace(
                        current,
                        instance=ended,
                        crash_count=crash,
                        started=False,
                        kill_reason=kill.reason,
                    )
            finally:
                self.kills.pop(kill.name, None)
                self.wake()

        self.kills[kill.name] = asyncio.create_task(run(), name=f"kill {self.key}/{kill.name}")

    async def _start_all(self, ctr: Containers, pod: Pod, names: tuple[str, ...]) -> None:
        assert self.state is not None
        inits = {c.name for c in pod.spec.init_containers or []}
        for name in names:
            if self._interrupted:
                return
            outcome = await start_container(
                self.deps, ctr, pod, name, self.record(name), self.state, self._pull_done
            )
            self.records[name] = outcome.record
            if outcome.started:
                self.wake()  # the next sync arms its probes
            if outcome.kill is not None:
                self._kill(pod, outcome.kill)
            if not outcome.started and name in inits:
                break  # init containers are strictly ordered

    async def _create(self, pod: Pod) -> None:
        attempt = await build_sandbox(self.deps, pod)
        if attempt.state is None:
            self.failures += 1
            self.last_error = attempt.error
            self.retry_at = time.monotonic() + self.deps.sandbox_backoff.delay(self.failures)
            return
        self.state, self.failures, self.last_error, self.retry_at = attempt.state, 0, None, None
        self.initialized = False
        self.wake()  # plan again at once: containers can start now

    async def _restore_network(self, pod: Pod) -> None:
        assert self.state is not None
        self.state = await restore_pod_network(self.deps, pod, self.state)

    async def _teardown(self, pod: Pod, why: str, force: bool = False) -> None:
        running = [r.instance.id for r in self.records.values() if r.running and r.instance]
        task = asyncio.ensure_future(
            tear_down(self.deps, pod, self.state, running, why, force=force)
        )
        self._teardown_task = task
        await asyncio.shield(task)  # a stopping podd lets it finish (stop())
        if why in ("deleted", "died"):
            for name, rec in list(self.records.items()):
                # A new sandbox starts the containers again: their runs count as restarts.
                self.records[name] = ContainerRecord(
                    name=name,
                    previous=rec.instance or rec.previous,
                    restart_count=rec.restart_count + (1 if rec.instance else 0),
                    image_id=rec.image_id,
                )
        self.state = None
