"""Ephemeral containers (``kubectl debug``), as the kubelet runs them.

An ephemeral container is started once in a running pod (before init and app
containers, even while the pod initializes) and never again: not after it
exits, whatever the pod's restartPolicy, nor in a new sandbox, nor after a
podd restart — once a run of it is known (a record, or a status that shows
it ran) it is done. It does not count towards the pod's phase, READY or the
Ready condition; its status is ``status.ephemeralContainerStatuses``.

This module sits above the planner and the status code: it wraps
:func:`podd.controller.plan.plan_pod` and
:func:`podd.controller.status.pod_status`, which know nothing of it beyond
stopping ephemeral containers with the pod.
"""

from __future__ import annotations

import msgspec

from podd.controller.backoff import BackoffPolicy
from podd.controller.observed import ContainerRecord, PodObservation
from podd.controller.plan import PodActions, plan_pod, terminal
from podd.controller.status import container_status, pod_status
from podd.model.pod import Pod
from podd.model.podstatus import ContainerStatus, PodStatus

__all__ = ["ephemeral_starts", "ephemeral_statuses", "plan_with_ephemeral", "status_with_ephemeral"]


def has_run(status: ContainerStatus | None) -> bool:
    """The stored status shows a run (running or terminated): a podd that
    lost its records (the sandbox went while it was away) must not start it again."""
    if status is None:
        return False
    return status.state.running is not None or status.state.terminated is not None


def ephemeral_starts(pod: Pod, obs: PodObservation, now: float) -> tuple[list[str], float | None]:
    """Ephemeral containers to start now, and when to look again (an epoch
    time: a failed pull or configuration holds one back until then)."""
    stored = {s.name: s for s in pod.status.ephemeral_container_statuses or ()}
    starts: list[str] = []
    wake: float | None = None
    for c in pod.spec.ephemeral_containers or ():
        rec = obs.record(c.name)
        if rec.instance is not None or rec.previous is not None or rec.killing:
            continue
        if has_run(stored.get(c.name)):
            continue
        if rec.retry_at is not None and now < rec.retry_at:
            wake = rec.retry_at if wake is None else min(wake, rec.retry_at)
            continue
        starts.append(c.name)
    return starts, wake


def plan_with_ephemeral(
    pod: Pod, obs: PodObservation, now: float, backoff: BackoffPolicy, mono: float | None = None
) -> PodActions:
    """:func:`plan_pod`, plus the ephemeral containers to start: only in a
    live sandbox of a pod that is neither being deleted nor finished, and
    first (the kubelet starts them before init containers, so that those can
    be debugged too)."""
    actions = plan_pod(pod, obs, now, backoff, mono)
    if not pod.spec.ephemeral_containers or obs.sandbox.state is None:
        return actions
    if pod.metadata.deletion_timestamp or terminal(pod):
        return actions
    if (
        actions.kill_sandbox
        or actions.create_sandbox
        or actions.restore_network
        or actions.deadline_exceeded
        or actions.remove_pod
    ):
        return actions
    starts, wake = ephemeral_starts(pod, obs, now)
    requeue = actions.requeue_after
    if wake is not None:
        after = max(0.05, wake - now)
        requeue = after if requeue is None else min(requeue, after)
    if not starts and requeue == actions.requeue_after:
        return actions
    return msgspec.structs.replace(actions, start=(*starts, *actions.start), requeue_after=requeue)


def ephemeral_statuses(
    pod: Pod, obs: PodObservation, *, now: float, backoff: BackoffPolicy
) -> list[ContainerStatus] | None:
    """``status.ephemeralContainerStatuses``: waiting (ContainerCreating, or
    PodInitializing in a pod with init containers, or why it waits), running,
    terminated; never ready, never restarted."""
    ecs = pod.spec.ephemeral_containers or []
    if not ecs:
        return None
    stored = {s.name: s for s in pod.status.ephemeral_container_statuses or ()}
    waiting = "PodInitializing" if pod.spec.init_containers else "ContainerCreating"
    out: list[ContainerStatus] = []
    for c in ecs:
        rec = obs.record(c.name)
        if rec.instance is None and rec.previous is not None:
            # Its run ended with an earlier sandbox: that run is its state.
            rec = ContainerRecord(name=c.name, instance=rec.previous, image_id=rec.image_id)
        old = stored.get(c.name)
        if rec.instance is None and has_run(old):
            assert old is not None
            out.append(old)  # known from the stored status only
            continue
        status = container_status(
            c,
            rec,
            obs,
            restarts=False,
            waiting_reason=waiting,
            backoff=backoff,
            pod_name=pod.metadata.name or "",
            now=now,
        )
        # Probes never run on them: not ready, no started (as the kubelet reports).
        out.append(msgspec.structs.replace(status, ready=False, started=None, restart_count=0))
    return out


def status_with_ephemeral(
    pod: Pod,
    obs: PodObservation,
    *,
    host_ip: str,
    now: float,
    backoff: BackoffPolicy,
    sandbox_error: str | None = None,
    deadline_exceeded: bool = False,
) -> PodStatus:
    """:func:`pod_status` with the ephemeral containers' statuses."""
    status = pod_status(
        pod,
        obs,
        host_ip=host_ip,
        now=now,
        backoff=backoff,
        sandbox_error=sandbox_error,
        deadline_exceeded=deadline_exceeded,
    )
    status.ephemeral_container_statuses = ephemeral_statuses(pod, obs, now=now, backoff=backoff)
    return status
