"""The pure planner: (pod, observed state, now, backoff) → PodActions.

No I/O and no calls into managers: everything the decision needs is in its
arguments, so every rule is a named table case (tests/unit/controller).
The rules follow the kubelet's computePodActions (Kubernetes 1.32).
"""

from __future__ import annotations

import msgspec

from podd.controller.backoff import BackoffPolicy
from podd.controller.observed import ContainerRecord, PodObservation, SandboxObservation
from podd.controller.spechash import container_hash
from podd.model.container import Container
from podd.model.pod import Pod
from podd.model.timeutil import parse_rfc3339

__all__ = ["CHANGED", "KillAction", "PodActions", "SandboxObservation", "inits_done", "plan_pod"]

CHANGED = "Changed"  # kill reason: the container's definition changed, restart it at once


class KillAction(msgspec.Struct, frozen=True):
    name: str
    reason: str  # Killing | Unhealthy | DeadlineExceeded | Completed | SandboxChanged | Changed
    message: str
    grace: float  # seconds left for preStop + stop signal before SIGKILL
    run_pre_stop: bool = True


class PodActions(msgspec.Struct, frozen=True, omit_defaults=True):
    """What one sync does, in the order the worker does it."""

    kill: tuple[KillAction, ...] = ()
    kill_sandbox: str | None = None  # deleted | died | terminal
    create_sandbox: bool = False
    start: tuple[str, ...] = ()  # containers to (re)start, in this order
    remove_pod: bool = False
    requeue_after: float | None = None
    deadline_exceeded: bool = False
    restore_network: bool = False  # slirp4netns died, the pause lives: start a new one

    def __repr__(self) -> str:  # one line, for logs
        parts = []
        for f in self.__struct_fields__:
            value = getattr(self, f)
            if value not in (None, False, ()):
                parts.append(f"{f}={value!r}")
        return "PodActions(" + ", ".join(parts) + ")"


def is_sidecar(c: Container) -> bool:
    return c.restart_policy == "Always"


def should_restart(policy: str, rec: ContainerRecord) -> bool:
    """An exited app container comes back per the pod's restartPolicy (or
    whatever it is, when podd stopped it to apply a changed definition)."""
    if policy == "Always" or rec.kill_reason == CHANGED:
        return True
    code = rec.instance.exit_code if rec.instance else None
    return policy == "OnFailure" and code != 0


def restart_at(rec: ContainerRecord, backoff: BackoffPolicy) -> float:
    """Epoch time before which a crashed container may not restart."""
    finished = rec.instance.finished_at if rec.instance and rec.instance.finished_at else 0.0
    return finished + backoff.delay(rec.crash_count)


def _epoch(ts: str | None) -> float | None:
    return parse_rfc3339(ts).timestamp() if ts else None


def inits_done(pod: Pod, records: dict[str, ContainerRecord]) -> bool:
    """Every regular init container exited 0 and every sidecar runs, started."""
    for c in pod.spec.init_containers or []:
        rec = records.get(c.name) or ContainerRecord(name=c.name)
        if is_sidecar(c):
            if not (rec.running and rec.started):
                return False
        elif not (rec.exited and rec.instance and rec.instance.exit_code == 0):
            return False
    return True


def changed(c: Container, rec: ContainerRecord, grace: float) -> KillAction | None:
    """The kubelet's containerChanged: a running container started from an
    older definition is stopped (with its grace period) and started again."""
    if not rec.running or rec.spec_hash is None or rec.spec_hash == container_hash(c):
        return None
    return KillAction(
        c.name, CHANGED, f"Container {c.name} definition changed, will be restarted", grace
    )


def terminal(pod: Pod) -> bool:
    return pod.status.phase in ("Succeeded", "Failed")


class _Plan:
    """Accumulates actions and the earliest time something must be re-checked."""

    def __init__(self, now: float) -> None:
        self.now = now
        self.kill: list[KillAction] = []
        self.start: list[str] = []
        self.wake_at: float | None = None

    def wake(self, at: float) -> None:
        if self.wake_at is None or at < self.wake_at:
            self.wake_at = at

    def requeue(self) -> float | None:
        return None if self.wake_at is None else max(0.05, self.wake_at - self.now)


def _try_start(p: _Plan, rec: ContainerRecord, backoff: BackoffPolicy) -> bool:
    """Start (or restart) a container unless a backoff holds it; True if started."""
    if rec.retry_at is not None and p.now < rec.retry_at:
        p.wake(rec.retry_at)
        return False
    if rec.exited and rec.kill_reason != CHANGED:
        at = restart_at(rec, backoff)
        if p.now < at:
            p.wake(at)
            return False
    p.start.append(rec.name)
    return True


def _stop_all(
    pod: Pod, obs: PodObservation, p: _Plan, reason: str, message: str, grace: float
) -> bool:
    """App containers first (together), then sidecars one by one in reverse
    order, then regular init containers. True once nothing runs."""
    spec = pod.spec
    inits = spec.init_containers or []
    groups = [
        [*spec.containers, *(spec.ephemeral_containers or [])],  # ephemeral: with the apps
        *([c] for c in reversed([c for c in inits if is_sidecar(c)])),
        [c for c in inits if not is_sidecar(c)],
    ]
    for group in groups:
        alive = [obs.record(c.name) for c in group if obs.record(c.name).running]
        if not alive:
            continue
        for rec in alive:
            if not rec.killing:
                p.kill.append(KillAction(rec.name, reason, message, grace))
        return False
    return True


def plan_pod(
    pod: Pod, obs: PodObservation, now: float, backoff: BackoffPolicy, mono: float | None = None
) -> PodActions:
    """Decide the next step for one pod (``now`` is epoch seconds; ``mono``
    the monotonic clock the sandbox retry times use, default ``now``).

    1. Deletion: stop containers (apps, then sidecars in reverse), then the
       sandbox, then remove the pod.
    2. A dead sandbox: stop what is left, build a new one, start over.
    3. No sandbox: build it (respecting its creation backoff).
    4. activeDeadlineSeconds passed: stop everything, pod Failed.
    5. Init containers in order; a sidecar must be started before the next.
    6. App containers: start, restart per restartPolicy with CrashLoopBackOff,
       kill on a failed liveness probe.
    7. All app containers done for good: stop sidecars, then the sandbox.
    """
    mono = now if mono is None else mono
    p = _Plan(now)
    spec = pod.spec
    sandbox = obs.sandbox
    policy = spec.restart_policy or "Always"
    grace = float(spec.termination_grace_period_seconds or 0)

    # Step 1: deletion.
    meta = pod.metadata
    if meta.deletion_timestamp:
        since = obs.deleting_since or _epoch(meta.deletion_timestamp) or now
        deadline = since + (meta.deletion_grace_period_seconds or 0)
        left = max(0.0, deadline - now)
        if not _stop_all(pod, obs, p, "Killing", "Stopping container", left):
            return PodActions(kill=tuple(p.kill), requeue_after=max(0.05, min(left, 1.0)) or 1.0)
        return PodActions(kill_sandbox="deleted" if sandbox.state else None, remove_pod=True)

    # Step 2: the sandbox died (only its network: restore that, keep the containers).
    health = sandbox.health
    if sandbox.state is not None and health is not None and not health.alive:
        if health.pause_alive and not terminal(pod):
            return PodActions(restore_network=True, requeue_after=1.0)
        _stop_all(
            pod,
            obs,
            p,
            "SandboxChanged",
            "Pod sandbox changed, it will be killed and re-created.",
            0.0,
        )
        return PodActions(
            kill=tuple(p.kill),
            kill_sandbox="died",
            create_sandbox=sandbox.unavailable is None and not p.kill,
            requeue_after=0.05 if p.kill else None,
        )

    # A finished pod: stop what still runs (sidecars), then free the sandbox.
    if terminal(pod):
        if not _stop_all(pod, obs, p, "Completed", "Pod completed", grace):
            return PodActions(kill=tuple(p.kill), requeue_after=1.0)
        return PodActions(kill_sandbox="terminal" if sandbox.state else None)

    # Step 3: no sandbox yet.
    if sandbox.state is None:
        if sandbox.unavailable is not None:
            return PodActions()
        if sandbox.retry_at is not None and mono < sandbox.retry_at:
            return PodActions(requeue_after=sandbox.retry_at - mono)
        return PodActions(create_sandbox=True)

    # Step 4: activeDeadlineSeconds.
    started = _epoch(pod.status.start_time)
    if spec.active_deadline_seconds is not None and started is not None:
        if now >= started + spec.active_deadline_seconds:
            _stop_all(
                pod,
                obs,
                p,
                "DeadlineExceeded",
                "Pod was active on the node longer than the specified deadline",
                grace,
            )
            return PodActions(kill=tuple(p.kill), deadline_exceeded=True, requeue_after=1.0)
        p.wake(started + spec.active_deadline_seconds)

    # Step 5: init containers.
    if not obs.initialized:
        for c in spec.init_containers or []:
            rec = obs.record(c.name)
            if is_sidecar(c):
                if rec.running and rec.started:
                    continue
                if not rec.running and not rec.killing:
                    _try_start(p, rec, backoff)
                break
            if rec.exited and rec.instance and rec.instance.exit_code == 0:
                continue
            if rec.running or rec.killing:
                break
            if rec.exited and policy == "Never":
                break  # the pod fails (status)
            _try_start(p, rec, backoff)
            break
        else:  # every init container is done: app containers may start now
            return _apps(pod, obs, p, policy, backoff, grace, initializing=True)
        return PodActions(kill=tuple(p.kill), start=tuple(p.start), requeue_after=p.requeue())

    return _apps(pod, obs, p, policy, backoff, grace, initializing=False)


def _apps(
    pod: Pod,
    obs: PodObservation,
    p: _Plan,
    policy: str,
    backoff: BackoffPolicy,
    grace: float,
    *,
    initializing: bool,
) -> PodActions:
    """Step 6 and 7: app containers, and sidecars once initialized."""
    spec = pod.spec
    starts_before = len(p.start)
    done = True
    for c in spec.containers:
        rec = obs.record(c.name)
        if rec.killing:
            done = False
            continue
        if rec.running:
            done = False
            kill = changed(c, rec, grace)
            if kill is not None:
                p.kill.append(kill)
                continue
            failed = next(
                (t for t in ("startup", "liveness") if obs.probes.get((c.name, t)) == "Failure"),
                None,
            )
            if failed is not None:
                probe = c.startup_probe if failed == "startup" else c.liveness_probe
                probe_grace = probe.termination_grace_period_seconds if probe else None
                p.kill.append(
                    KillAction(
                        c.name,
                        "Unhealthy",
                        f"Container {c.name} failed {failed} probe, will be restarted",
                        float(probe_grace if probe_grace is not None else grace),
                    )
                )
            continue
        if rec.instance is None or should_restart(policy, rec):
            done = False
            _try_start(p, rec, backoff)
    if done and spec.containers:
        # Step 7: the pod is finished; sidecars stop in reverse order.
        _stop_all(pod, obs, p, "Completed", "Pod completed", grace)
    elif not initializing:
        # Sidecars are restarted whatever the pod's policy, while the pod lives
        # (before the app containers it may start in this sync).
        sidecars = []
        for c in spec.init_containers or []:
            rec = obs.record(c.name)
            kill = changed(c, rec, grace) if is_sidecar(c) and not rec.killing else None
            if kill is not None:
                p.kill.append(kill)
            if is_sidecar(c) and not rec.running and not rec.killing:
                q = _Plan(p.now)
                if _try_start(q, rec, backoff):
                    sidecars.append(c.name)
                elif q.wake_at is not None:
                    p.wake(q.wake_at)
        p.start[starts_before:starts_before] = sidecars
    return PodActions(kill=tuple(p.kill), start=tuple(p.start), requeue_after=p.requeue())
