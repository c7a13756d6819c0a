"""``kubectl get pods``: NAME READY STATUS RESTARTS AGE, and IP NODE NOMINATED
NODE READINESS GATES with ``-o wide``.

STATUS is the apiserver printer's reading of the pod, the one kubectl users
know: the phase (or ``status.reason``), overridden by the first init container
that has not finished (``Init:1/2``, ``Init:CrashLoopBackOff``,
``Init:ExitCode:3``), then by the app containers' waiting or terminated
reasons (``ContainerCreating``, ``ErrImagePull``, ``Completed``,
``OOMKilled``, ``Signal:9``), ``Running``/``NotReady`` back when one still
runs, and ``Terminating`` once deletion started. RESTARTS adds the age of the
last termination (``3 (45s ago)``), as kubectl 1.27+ prints it.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from podd.api.tables.duration import human_duration, since
from podd.api.tables.printer import Printer, age_column, name_column
from podd.api.tables.table import Cell, TableColumnDefinition, TableRowCondition
from podd.model.pod import Pod
from podd.model.podstatus import ContainerStatus, PodStatus
from podd.model.timeutil import parse_rfc3339

__all__ = ["PRINTER", "PodSummary", "summarize"]

_NODE_LOST = "NodeLost"  # the node controller's reason for an unreachable node's pods

COLUMNS = (
    name_column(),
    TableColumnDefinition(
        "Ready", "string", "", "The aggregate readiness state of this pod for accepting traffic."
    ),
    TableColumnDefinition(
        "Status", "string", "", "The aggregate status of the containers in this pod."
    ),
    TableColumnDefinition(
        "Restarts",
        "string",
        "",
        "The number of times the containers in this pod have been restarted and when the last "
        "container in this pod has restarted.",
    ),
    age_column(),
    TableColumnDefinition(
        "IP",
        "string",
        "",
        "podIP address allocated to the pod. Routable at least within the cluster. Empty if not "
        "yet allocated.",
        1,
    ),
    TableColumnDefinition(
        "Node",
        "string",
        "",
        "NodeName indicates in which node this pod is scheduled. If empty, this pod is a "
        "candidate for scheduling by the scheduler defined in schedulerName. Once this field is "
        "set, the kubelet for this node becomes responsible for the lifecycle of this pod. This "
        "field should not be used to express a desire for the pod to be scheduled on a specific "
        "node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename",
        1,
    ),
    TableColumnDefinition(
        "Nominated Node",
        "string",
        "",
        "nominatedNodeName is set only when this pod preempts other pods on the node, but it "
        "cannot be scheduled right away as preemption victims receive their graceful "
        "termination periods. This field does not guarantee that the pod will be scheduled on "
        "this node. Scheduler may decide to place the pod elsewhere if other nodes become "
        "available sooner. Scheduler may also decide to give the resources on this node to a "
        "higher priority pod that is created after preemption. As a result, this field may be "
        "different than PodSpec.nodeName when the pod is scheduled.",
        1,
    ),
    TableColumnDefinition(
        "Readiness Gates",
        "string",
        "",
        "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready "
        "when all its containers are ready AND all conditions specified in the readiness gates "
        'have status equal to "True" More info: '
        "https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates",
        1,
    ),
)

_SUCCEEDED = [
    TableRowCondition(
        type="Completed",
        status="True",
        reason="Succeeded",
        message="The pod has completed successfully.",
    )
]
_FAILED = [
    TableRowCondition(type="Completed", status="True", reason="Failed", message="The pod failed.")
]


class PodSummary(msgspec.Struct, frozen=True):
    ready: int
    total: int
    status: str
    restarts: int
    last_restart: datetime | None  # when the last counted restart's container ended

    def restarts_cell(self, now: datetime) -> str:
        if self.restarts and self.last_restart is not None:
            return f"{self.restarts} ({human_duration(now - self.last_restart)} ago)"
        return str(self.restarts)


def _finished_at(cs: ContainerStatus) -> datetime | None:
    term = cs.last_state.terminated
    if term is None or not term.finished_at:
        return None
    try:
        return parse_rfc3339(term.finished_at)
    except ValueError:
        return None


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _condition_true(status: PodStatus, type_: str) -> bool:
    cond = status.condition(type_)
    return cond is not None and cond.status == "True"


def _init_reason(cs: ContainerStatus, index: int, count: int) -> str:
    """The STATUS for an init container that stopped the pod's initialization."""
    term, waiting = cs.state.terminated, cs.state.waiting
    if term is not None:
        if term.reason:
            return "Init:" + term.reason
        if term.signal:
            return f"Init:Signal:{term.signal}"
        return f"Init:ExitCode:{term.exit_code}"
    if waiting is not None and waiting.reason and waiting.reason != "PodInitializing":
        return "Init:" + waiting.reason
    return f"Init:{index}/{count}"


def summarize(pod: Pod) -> PodSummary:
    """READY, STATUS and RESTARTS of a pod, as the apiserver's pod printer."""
    spec, status = pod.spec, pod.status
    reason = status.reason or status.phase or ""
    for cond in status.conditions or ():
        if cond.type == "PodScheduled" and cond.reason == "SchedulingGated":
            reason = "SchedulingGated"

    # Native sidecars (init containers with restartPolicy Always) count as containers.
    init_specs = {c.name: c for c in spec.init_containers or ()}
    sidecars = {name for name, c in init_specs.items() if c.restart_policy == "Always"}
    total = len(spec.containers) + len(sidecars)
    ready = restarts = sidecar_restarts = 0
    last: datetime | None = None
    sidecar_last: datetime | None = None

    initializing = False
    init_count = len(spec.init_containers or ())
    for i, cs in enumerate(status.init_container_statuses or ()):
        restarts += cs.restart_count
        last = _later(last, _finished_at(cs))
        sidecar = cs.name in sidecars
        if sidecar:
            sidecar_restarts += cs.restart_count
            sidecar_last = _later(sidecar_last, _finished_at(cs))
        term = cs.state.terminated
        if term is not None and term.exit_code == 0:
            continue
        if sidecar and cs.started:
            ready += 1 if cs.ready else 0
            continue
        reason = _init_reason(cs, i, init_count)
        initializing = True
        break

    if not initializing or _condition_true(status, "Initialized"):
        # Only sidecar restarts count beside the app containers'.
        restarts, last = sidecar_restarts, sidecar_last
        running = False
        for cs in reversed(status.container_statuses or ()):
            restarts += cs.restart_count
            last = _later(last, _finished_at(cs))
            term, waiting = cs.state.terminated, cs.state.waiting
            if waiting is not None and waiting.reason:
                reason = waiting.reason
            elif term is not None and term.reason:
                reason = term.reason
            elif term is not None:
                reason = f"Signal:{term.signal}" if term.signal else f"ExitCode:{term.exit_code}"
            elif cs.ready and cs.state.running is not None:
                running = True
                ready += 1
        # A container still running makes a "Completed" pod Running (or NotReady).
        if reason == "Completed" and running:
            reason = "Running" if _condition_true(status, "Ready") else "NotReady"

    if pod.metadata.deletion_timestamp is not None:
        if status.reason == _NODE_LOST:
            reason = "Unknown"
        elif status.phase not in ("Succeeded", "Failed"):
            reason = "Terminating"
    return PodSummary(ready, total, reason, restarts, last)


def _readiness_gates(pod: Pod) -> str:
    gates = pod.spec.readiness_gates or []
    if not gates:
        return "<none>"
    true = sum(1 for g in gates if _condition_true(pod.status, g.condition_type))
    return f"{true}/{len(gates)}"


def _cells(pod: Pod, now: datetime) -> list[Cell]:
    s = summarize(pod)
    ips = pod.status.pod_ips or []
    return [
        pod.metadata.name or "",
        f"{s.ready}/{s.total}",
        s.status,
        s.restarts_cell(now),
        since(pod.metadata.creation_timestamp, now),
        (ips[0].ip if ips else "") or "<none>",
        pod.spec.node_name or "<none>",
        pod.status.nominated_node_name or "<none>",
        _readiness_gates(pod),
    ]


def _conditions(pod: Pod) -> list[TableRowCondition] | None:
    if pod.status.phase == "Succeeded":
        return _SUCCEEDED
    if pod.status.phase == "Failed":
        return _FAILED
    return None


PRINTER: Printer[Pod] = Printer(Pod, COLUMNS, _cells, _conditions)
