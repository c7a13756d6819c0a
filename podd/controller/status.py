"""Pure status computation: phase, conditions and container statuses from
what the controller observed (the kubelet's generateAPIPodStatus/getPhase).
Only a changed status is written."""

from __future__ import annotations

from datetime import UTC, datetime

from podd.controller.backoff import BackoffPolicy
from podd.controller.observed import ContainerRecord, Instance, PodObservation
from podd.controller.plan import CHANGED, is_sidecar, restart_at, should_restart
from podd.model.container import Container
from podd.model.pod import Pod
from podd.model.podstatus import (
    ContainerState,
    ContainerStateRunning,
    ContainerStateTerminated,
    ContainerStateWaiting,
    ContainerStatus,
    HostIP,
    PodCondition,
    PodIP,
    PodStatus,
)

LIMITS_CONDITION = "podd.io/LimitsEnforced"
RUNTIME = "runc"


def rfc3339(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def set_condition(
    conditions: list[PodCondition],
    type_: str,
    status: str,
    now: str,
    reason: str | None = None,
    message: str | None = None,
) -> list[PodCondition]:
    """Conditions with ``type_`` set; lastTransitionTime moves only when the
    status does."""
    out: list[PodCondition] = []
    found = False
    for c in conditions:
        if c.type != type_:
            out.append(c)
            continue
        found = True
        since = c.last_transition_time if c.status == status else now
        out.append(
            PodCondition(
                type=type_,
                status=status,
                last_transition_time=since,
                reason=reason,
                message=message,
            )
        )
    if not found:
        out.append(
            PodCondition(
                type=type_, status=status, last_transition_time=now, reason=reason, message=message
            )
        )
    return out


def container_id(inst: Instance) -> str:
    """``<runtime>://<id>``, naming the runtime that ran it."""
    return f"{inst.runtime or RUNTIME}://{inst.id}"


def terminated_state(inst: Instance) -> ContainerStateTerminated:
    return ContainerStateTerminated(
        exit_code=inst.exit_code if inst.exit_code is not None else -1,
        signal=inst.signal,
        reason=inst.reason or ("Completed" if inst.exit_code == 0 else "Error"),
        message=inst.message,
        started_at=rfc3339(inst.started_at),
        finished_at=rfc3339(inst.finished_at),
        container_id=container_id(inst),
    )


def container_status(
    c: Container,
    rec: ContainerRecord,
    obs: PodObservation,
    *,
    restarts: bool,
    waiting_reason: str,
    backoff: BackoffPolicy,
    pod_name: str,
    now: float,
) -> ContainerStatus:
    inst = rec.instance
    last = ContainerState()
    if rec.previous is not None:
        last = ContainerState(terminated=terminated_state(rec.previous))
    state: ContainerState
    if inst is not None and inst.running:
        state = ContainerState(running=ContainerStateRunning(started_at=rfc3339(inst.started_at)))
    elif inst is not None and not restarts:
        state = ContainerState(terminated=terminated_state(inst))
    elif inst is not None:
        # Exited and coming back: waiting, with the run that ended as lastState.
        last = ContainerState(terminated=terminated_state(inst))
        if rec.waiting_reason:
            reason, message = rec.waiting_reason, rec.waiting_message
        elif rec.kill_reason != CHANGED and now < restart_at(rec, backoff):
            delay = int(backoff.delay(rec.crash_count))
            reason = "CrashLoopBackOff"
            message = f"back-off {delay}s restarting failed container={c.name} pod={pod_name}"
        else:
            reason, message = "ContainerCreating", None
        state = ContainerState(waiting=ContainerStateWaiting(reason=reason, message=message))
    else:
        reason = rec.waiting_reason or waiting_reason
        state = ContainerState(
            waiting=ContainerStateWaiting(reason=reason, message=rec.waiting_message)
        )
    running = inst is not None and inst.running
    started = running and rec.started
    # A readiness probe that has not reported yet counts as failing (the
    # kubelet's initial result): ready only once it has passed.
    readiness = obs.probes.get((c.name, "readiness"), "Failure")
    ready = started and (c.readiness_probe is None or readiness == "Success")
    return ContainerStatus(
        name=c.name,
        state=state,
        last_state=last,
        ready=ready,
        restart_count=rec.restart_count,
        image=c.image or "",
        image_id=rec.image_id or "",
        container_id=container_id(inst) if inst else None,
        started=started,
    )


def _phase(pod: Pod, statuses: list[ContainerStatus], init_failed: bool, changing: set[str]) -> str:
    """The kubelet's getPhase; ``changing``: containers stopped to apply a
    changed definition, which come back whatever the restart policy."""
    policy = pod.spec.restart_policy or "Always"
    if init_failed:
        return "Failed"
    running = waiting = stopped = succeeded = 0
    for s in statuses:
        if s.state.running is not None or s.name in changing:
            running += 1
        elif s.state.terminated is not None:
            stopped += 1
            succeeded += s.state.terminated.exit_code == 0
        elif s.last_state.terminated is not None:
            stopped += 1  # restarting
        else:
            waiting += 1
    if waiting:
        return "Pending"
    if running:
        return "Running"
    if stopped:
        if policy == "Always":
            return "Running"
        if stopped == succeeded:
            return "Succeeded"
        if policy == "Never":
            return "Failed"
        failed_final = any(
            s.state.terminated is not None and s.state.terminated.exit_code != 0 for s in statuses
        )
        return "Failed" if failed_final else "Running"
    return "Pending"


def pod_status(
    pod: Pod,
    obs: PodObservation,
    *,
    host_ip: str,
    now: float,
    backoff: BackoffPolicy,
    sandbox_error: str | None = None,
    deadline_exceeded: bool = False,
) -> PodStatus:
    """The whole PodStatus for this observation."""
    old = pod.status
    now_s = rfc3339(now) or ""
    spec = pod.spec
    name = pod.metadata.name or ""
    policy = spec.restart_policy or "Always"
    state = obs.sandbox.state
    conditions = list(old.conditions or [])
    status = PodStatus(
        phase=old.phase or "Pending",
        qos_class=old.qos_class,
        start_time=old.start_time,
        host_ip=old.host_ip,
        host_ips=old.host_ips,
        pod_ip=old.pod_ip,
        pod_ips=old.pod_ips,
    )
    # Sandbox.
    if state is not None:
        conditions = set_condition(conditions, "PodReadyToStartContainers", "True", now_s)
        status.pod_ip, status.pod_ips = state.pod_ip, [PodIP(ip=state.pod_ip)]
        status.host_ip, status.host_ips = host_ip, [HostIP(ip=host_ip)]
        status.start_time = old.start_time or now_s
        if state.not_enforced:
            why = "; ".join(
                f"{n.resource} ({n.controller}): {n.reason}" for n in state.not_enforced
            )
            conditions = set_condition(
                conditions, LIMITS_CONDITION, "False", now_s, "LimitNotEnforced", why
            )
    elif old.phase not in ("Succeeded", "Failed"):
        conditions = set_condition(
            conditions,
            "PodReadyToStartContainers",
            "False",
            now_s,
            "SandboxFailed" if sandbox_error else None,
            sandbox_error,
        )
        if sandbox_error:
            status.message = sandbox_error
    # Terminal pods keep their final container statuses and phase.
    if old.phase in ("Succeeded", "Failed"):
        status.phase, status.reason, status.message = old.phase, old.reason, old.message
        status.init_container_statuses = old.init_container_statuses
        status.container_statuses = old.container_statuses
        conditions = set_condition(
            conditions, "PodReadyToStartContainers", "True" if state else "False", now_s
        )
        status.conditions = conditions
        return status
    # Init containers.
    inits = spec.init_containers or []
    init_statuses: list[ContainerStatus] = []
    pending_init: list[str] = []
    init_failed = False
    for c in inits:
        rec = obs.record(c.name)
        sidecar = is_sidecar(c)
        done = rec.exited and rec.instance is not None and rec.instance.exit_code == 0
        restarts = sidecar or (not done and policy != "Never")
        init_statuses.append(
            container_status(
                c,
                rec,
                obs,
                restarts=restarts,
                waiting_reason="PodInitializing",
                backoff=backoff,
                pod_name=name,
                now=now,
            )
        )
        if sidecar and not (rec.running and rec.started) and not obs.initialized:
            pending_init.append(c.name)
        elif not sidecar and not done and not obs.initialized:
            pending_init.append(c.name)
            if rec.exited and policy == "Never":
                init_failed = True
    initialized = obs.initialized or not pending_init
    # App containers.
    app_statuses = []
    changing = {c.name for c in spec.containers if obs.record(c.name).kill_reason == CHANGED}
    for c in spec.containers:
        rec = obs.record(c.name)
        restarts = rec.instance is not None and not rec.running and should_restart(policy, rec)
        wait = "ContainerCreating" if initialized else "PodInitializing"
        app_statuses.append(
            container_status(
                c,
                rec,
                obs,
                restarts=restarts,
                waiting_reason=wait,
                backoff=backoff,
                pod_name=name,
                now=now,
            )
        )
    status.init_container_statuses = init_statuses or None
    status.container_statuses = app_statuses
    # Phase.
    status.phase = (
        _phase(pod, app_statuses, init_failed, changing)
        if initialized or init_failed
        else ("Pending")
    )
    sidecar_running = any(is_sidecar(c) and obs.record(c.name).running for c in inits)
    if status.phase in ("Succeeded", "Failed") and sidecar_running and not init_failed:
        status.phase = "Running"  # terminal once the sidecars have stopped too
    if deadline_exceeded:
        status.phase, status.reason = "Failed", "DeadlineExceeded"
        status.message = "Pod was active on the node longer than the specified deadline"
    elif sandbox_error is None:
        status.message = None
    # Conditions.
    if initialized:
        conditions = set_condition(conditions, "Initialized", "True", now_s)
    else:
        conditions = set_condition(
            conditions,
            "Initialized",
            "False",
            now_s,
            "ContainersNotInitialized",
            f"containers with incomplete status: [{' '.join(pending_init)}]",
        )
    unready = [s.name for s in app_statuses if not s.ready]
    unready += [
        s.name for s, c in zip(init_statuses, inits, strict=True) if is_sidecar(c) and not s.ready
    ]
    terminal = status.phase in ("Succeeded", "Failed")
    if terminal:
        reason, message = "PodCompleted", None
        ready = "False"
    elif unready:
        reason, message = (
            "ContainersNotReady",
            f"containers with unready status: [{' '.join(unready)}]",
        )
        ready = "False"
    else:
        reason, message, ready = None, None, "True"
    conditions = set_condition(conditions, "ContainersReady", ready, now_s, reason, message)
    gates = [g.condition_type for g in spec.readiness_gates or []]
    gate_ok = all(any(c.type == g and c.status == "True" for c in conditions) for g in gates)
    if ready == "True" and not gate_ok:
        missing = [
            g for g in gates if not any(c.type == g and c.status == "True" for c in conditions)
        ]
        conditions = set_condition(
            conditions,
            "Ready",
            "False",
            now_s,
            "ReadinessGatesNotReady",
            f'corresponding condition of pod readiness gate "{missing[0]}" does not exist.',
        )
    elif ready == "True" and network_down(obs):
        conditions = set_condition(
            conditions,
            "Ready",
            "False",
            now_s,
            "NetworkUnavailable",
            "the pod's network (slirp4netns) died and is being restored",
        )
    else:
        conditions = set_condition(conditions, "Ready", ready, now_s, reason, message)
    if terminal and state is None:
        conditions = set_condition(conditions, "PodReadyToStartContainers", "False", now_s)
    status.conditions = _ordered(conditions)
    return status


def network_down(obs: PodObservation) -> bool:
    """The pause lives but the pod's way out does not: containers keep
    running, the pod gets no traffic until its network is restored."""
    h = obs.sandbox.health
    return h is not None and h.pause_alive and not h.network_alive


_ORDER = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]


def _ordered(conditions: list[PodCondition]) -> list[PodCondition]:
    def key(c: PodCondition) -> tuple[int, str]:
        return (_ORDER.index(c.type) if c.type in _ORDER else len(_ORDER), c.type)

    return sorted(conditions, key=key)
