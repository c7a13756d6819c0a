"""Pure status computation: the pod's conditions and addresses from what the
controller observed. Only a changed status is written."""

from __future__ import annotations

from podd.model.pod import Pod
from podd.model.podstatus import HostIP, PodCondition, PodIP, PodStatus
from podd.sandbox import SandboxState

LIMITS_CONDITION = "podd.io/LimitsEnforced"


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


def sandbox_status(
    pod: Pod, state: SandboxState | None, error: str | None, host_ip: str, now: str
) -> PodStatus:
    """The pod status for what the sandbox layer knows (containers come later)."""
    old = pod.status
    conditions = list(old.conditions or [])
    status = PodStatus(
        phase=old.phase or "Pending",
        conditions=conditions,
        qos_class=old.qos_class,
        start_time=old.start_time,
        init_container_statuses=old.init_container_statuses,
        container_statuses=old.container_statuses,
        message=old.message,
        reason=old.reason,
    )
    if state is not None:
        status.conditions = set_condition(conditions, "PodReadyToStartContainers", "True", now)
        status.pod_ip, status.pod_ips = state.pod_ip, [PodIP(ip=state.pod_ip)]
        status.host_ip, status.host_ips = host_ip, [HostIP(ip=host_ip)]
        status.start_time = old.start_time or now
        status.message = status.reason = None
        if state.not_enforced:
            why = "; ".join(
                f"{n.resource} ({n.controller}): {n.reason}" for n in state.not_enforced
            )
            status.conditions = set_condition(
                status.conditions, LIMITS_CONDITION, "False", now, "LimitNotEnforced", why
            )
    else:
        status.conditions = set_condition(
            conditions,
            "PodReadyToStartContainers",
            "False",
            now,
            "SandboxFailed" if error else None,
            error,
        )
        status.pod_ip = status.pod_ips = None
        if error:
            status.message = error
    return status
