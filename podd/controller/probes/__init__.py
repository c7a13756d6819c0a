"""Probes and lifecycle hooks (the kubelet's prober and handler runner).

* ``results``  — threshold logic (pure) and the results cache (emits on change)
* ``handlers`` — exec, httpGet (``httpget``), tcpSocket, grpc (unsupported),
  lifecycle hooks; each returns an :class:`Outcome`
* ``forward``  — loopback forwards into the pod's netns through slirp4netns
* ``worker``   — one task per (pod, container, probe type)
* ``manager``  — :class:`ProbeManager`, what the controller drives

Usage by the controller::

    probes = ProbeManager(on_change=lambda key, res: wake(key.pod_uid), on_event=record)
    await probes.sync_pod(uid, [ProbeTarget.for_container(c, container_id=..., ...)])
    probes.results(uid)  # {(container, "liveness"): "Success", ...}
    await probes.run_hook(uid, target, container.lifecycle.post_start, timeout)
    await probes.remove_pod(uid)
"""

from podd.controller.probes.endpoint import (
    ExecFn,
    ExecResult,
    ExecRuntime,
    HandlerContext,
    PortError,
    resolve_port,
    runtime_exec,
)
from podd.controller.probes.forward import POD_IP, ForwardError, PortForwarder
from podd.controller.probes.handlers import (
    exec_action,
    grpc_probe,
    http_get,
    run_lifecycle_handler,
    run_probe,
    tcp_socket,
)
from podd.controller.probes.manager import ProbeManager, ProbeTarget
from podd.controller.probes.outcome import Outcome
from podd.controller.probes.results import (
    INITIAL_RESULT,
    ProbeResult,
    ProbeState,
    ProbeType,
    Result,
    ResultKey,
    ResultsCache,
    initial_state,
    observe,
    timing,
)
from podd.controller.probes.worker import Clock, ProbeEvent, ProbeWorker, RealClock

__all__ = [
    "INITIAL_RESULT",
    "POD_IP",
    "Clock",
    "ExecFn",
    "ExecResult",
    "ExecRuntime",
    "ForwardError",
    "HandlerContext",
    "Outcome",
    "PortError",
    "PortForwarder",
    "ProbeEvent",
    "ProbeManager",
    "ProbeResult",
    "ProbeState",
    "ProbeTarget",
    "ProbeType",
    "ProbeWorker",
    "RealClock",
    "Result",
    "ResultKey",
    "ResultsCache",
    "exec_action",
    "grpc_probe",
    "http_get",
    "initial_state",
    "observe",
    "resolve_port",
    "run_lifecycle_handler",
    "run_probe",
    "runtime_exec",
    "tcp_socket",
    "timing",
]
