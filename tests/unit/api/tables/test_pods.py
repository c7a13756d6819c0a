"""The pod printer: READY, STATUS (the apiserver's reading of a pod, as
kubectl users know it), RESTARTS with the last restart's age, and the wide
columns — each a named case built from one base pod."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import msgspec
import pytest

from podd.api.tables.pods import PRINTER, summarize
from podd.model.pod import Pod

NOW = datetime(2026, 12, 1, 12, 0, 0, tzinfo=UTC)
CREATED = "2026-12-01T11:00:00Z"  # one hour before NOW
T45 = "2026-12-01T11:59:15Z"  # 45 s before NOW
T200 = "2026-12-01T11:56:40Z"  # 3m20s before NOW


def base() -> dict[str, Any]:
    return {
        "metadata": {"name": "web", "namespace": "default", "creationTimestamp": CREATED},
        "spec": {"containers": [{"name": "app", "image": "busybox"}], "nodeName": "node1"},
        "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "True"}]},
    }


def running(name: str, *, ready: bool = True, restarts: int = 0, ended: str = "") -> dict[str, Any]:
    cs: dict[str, Any] = {
        "name": name,
        "ready": ready,
        "restartCount": restarts,
        "started": True,
        "state": {"running": {"startedAt": CREATED}},
    }
    if ended:
        cs["lastState"] = {"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": ended}}
    return cs


def waiting(name: str, reason: str, *, restarts: int = 0, ended: str = "") -> dict[str, Any]:
    cs = running(name, ready=False, restarts=restarts, ended=ended)
    cs["state"] = {"waiting": {"reason": reason}}
    cs["started"] = False
    return cs


def terminated(
    name: str, exit_code: int = 0, reason: str | None = None, signal: int | None = None
) -> dict[str, Any]:
    cs = running(name, ready=False)
    term: dict[str, Any] = {"exitCode": exit_code, "finishedAt": T200}
    if reason:
        term["reason"] = reason
    if signal:
        term["signal"] = signal
    cs["state"] = {"terminated": term}
    cs["started"] = False
    return cs


def pod(
    *,
    phase: str = "Running",
    containers: list[dict[str, Any]] | None = None,
    app: tuple[str, ...] = ("app",),
    init: tuple[str, ...] = (),
    sidecars: tuple[str, ...] = (),
    init_statuses: list[dict[str, Any]] | None = None,
    conditions: dict[str, str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    p = base()
    spec, status = p["spec"], p["status"]
    spec["containers"] = [{"name": n, "image": "busybox"} for n in app]
    inits = [{"name": n, "image": "busybox"} for n in init]
    inits += [{"name": n, "image": "busybox", "restartPolicy": "Always"} for n in sidecars]
    if inits:
        spec["initContainers"] = inits
    status["phase"] = phase
    if containers is not None:
        status["containerStatuses"] = containers
    if init_statuses is not None:
        status["initContainerStatuses"] = init_statuses
    for type_, value in (conditions or {}).items():
        status["conditions"].append({"type": type_, "status": value})
    for key, value in extra.items():
        section, _, field = key.partition("__")
        p[section][field] = value
    return p


def decode(p: dict[str, Any]) -> Pod:
    return msgspec.convert(copy.deepcopy(p), Pod)


DELETED: dict[str, Any] = {"metadata__deletionTimestamp": "2026-12-01T11:59:50Z"}

CASES = [
    # (id, pod, READY, STATUS, RESTARTS)
    ("pending-no-statuses", pod(phase="Pending"), "0/1", "Pending", "0"),
    (
        "container-creating",
        pod(phase="Pending", containers=[waiting("app", "ContainerCreating")]),
        "0/1",
        "ContainerCreating",
        "0",
    ),
    (
        "err-image-pull",
        pod(phase="Pending", containers=[waiting("app", "ErrImagePull")]),
        "0/1",
        "ErrImagePull",
        "0",
    ),
    (
        "image-pull-backoff",
        pod(phase="Pending", containers=[waiting("app", "ImagePullBackOff")]),
        "0/1",
        "ImagePullBackOff",
        "0",
    ),
    (
        "crash-loop-backoff",
        pod(containers=[waiting("app", "CrashLoopBackOff", restarts=3, ended=T45)]),
        "0/1",
        "CrashLoopBackOff",
        "3 (45s ago)",
    ),
    ("running", pod(containers=[running("app")]), "1/1", "Running", "0"),
    ("running-not-ready", pod(containers=[running("app", ready=False)]), "0/1", "Running", "0"),
    (
        "running-after-restarts",
        pod(containers=[running("app", restarts=2, ended=T200)]),
        "1/1",
        "Running",
        "2 (3m20s ago)",
    ),
    (
        "completed",
        pod(phase="Succeeded", containers=[terminated("app", 0, "Completed")]),
        "0/1",
        "Completed",
        "0",
    ),
    (
        "error",
        pod(phase="Failed", containers=[terminated("app", 1, "Error")]),
        "0/1",
        "Error",
        "0",
    ),
    (
        "oom-killed",
        pod(phase="Failed", containers=[terminated("app", 137, "OOMKilled")]),
        "0/1",
        "OOMKilled",
        "0",
    ),
    (
        "signal-without-reason",
        pod(phase="Failed", containers=[terminated("app", 137, signal=9)]),
        "0/1",
        "Signal:9",
        "0",
    ),
    (
        "exit-code-without-reason",
        pod(phase="Failed", containers=[terminated("app", 3)]),
        "0/1",
        "ExitCode:3",
        "0",
    ),
    (
        "first-container-wins",
        pod(app=("a", "b"), containers=[waiting("a", "ErrImagePull"), running("b")]),
        "1/2",
        "ErrImagePull",
        "0",
    ),
    (
        "completed-beside-running-is-running",
        pod(
            app=("a", "b"),
            containers=[terminated("a", 0, "Completed"), running("b")],
            conditions={"Ready": "True"},
        ),
        "1/2",
        "Running",
        "0",
    ),
    (
        "completed-beside-running-not-ready",
        pod(
            app=("a", "b"),
            sidecars=("proxy",),
            init_statuses=[running("proxy")],
            containers=[terminated("a", 0, "Completed"), running("b")],
            conditions={"Initialized": "True", "Ready": "False"},
        ),
        "2/3",
        "NotReady",
        "0",
    ),
    (
        "terminating",
        pod(containers=[running("app")], **DELETED),
        "1/1",
        "Terminating",
        "0",
    ),
    (
        "terminating-pending",
        pod(phase="Pending", containers=[waiting("app", "ErrImagePull")], **DELETED),
        "0/1",
        "Terminating",
        "0",
    ),
    (
        "deleted-but-terminal-keeps-its-status",
        pod(phase="Succeeded", containers=[terminated("app", 0, "Completed")], **DELETED),
        "0/1",
        "Completed",
        "0",
    ),
    (
        "node-lost",
        pod(containers=[running("app")], status__reason="NodeLost", **DELETED),
        "1/1",
        "Unknown",
        "0",
    ),
    (
        "status-reason",
        pod(phase="Failed", status__reason="Evicted"),
        "0/1",
        "Evicted",
        "0",
    ),
    (
        "scheduling-gated",
        pod(
            phase="Pending",
            status__conditions=[
                {"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}
            ],
        ),
        "0/1",
        "SchedulingGated",
        "0",
    ),
    (
        "init-0-of-2",
        pod(
            phase="Pending",
            init=("i1", "i2"),
            init_statuses=[waiting("i1", "PodInitializing"), waiting("i2", "PodInitializing")],
            containers=[waiting("app", "PodInitializing")],
        ),
        "0/1",
        "Init:0/2",
        "0",
    ),
    (
        "init-1-of-2",
        pod(
            phase="Pending",
            init=("i1", "i2"),
            init_statuses=[terminated("i1", 0, "Completed"), running("i2", ready=False)],
            containers=[waiting("app", "PodInitializing")],
        ),
        "0/1",
        "Init:1/2",
        "0",
    ),
    (
        "init-crash-loop",
        pod(
            phase="Pending",
            init=("i1",),
            init_statuses=[waiting("i1", "CrashLoopBackOff", restarts=5, ended=T45)],
            containers=[waiting("app", "PodInitializing")],
        ),
        "0/1",
        "Init:CrashLoopBackOff",
        "5 (45s ago)",
    ),
    (
        "init-error",
        pod(
            phase="Failed",
            init=("i1",),
            init_statuses=[terminated("i1", 1, "Error")],
            containers=[waiting("app", "PodInitializing")],
        ),
        "0/1",
        "Init:Error",
        "0",
    ),
    (
        "init-exit-code",
        pod(phase="Pending", init=("i1",), init_statuses=[terminated("i1", 2)]),
        "0/1",
        "Init:ExitCode:2",
        "0",
    ),
    (
        "init-signal",
        pod(phase="Pending", init=("i1",), init_statuses=[terminated("i1", 143, signal=15)]),
        "0/1",
        "Init:Signal:15",
        "0",
    ),
    (
        "pod-initializing",
        pod(
            phase="Pending",
            init=("i1",),
            init_statuses=[terminated("i1", 0, "Completed")],
            containers=[waiting("app", "PodInitializing")],
            conditions={"Initialized": "True"},
        ),
        "0/1",
        "PodInitializing",
        "0",
    ),
    (
        "sidecar-counts-as-a-container",
        pod(
            sidecars=("proxy",),
            init_statuses=[running("proxy")],
            containers=[running("app")],
            conditions={"Initialized": "True", "Ready": "True"},
        ),
        "2/2",
        "Running",
        "0",
    ),
    (
        "sidecar-restarts-count-init-restarts-do-not",
        pod(
            init=("setup",),
            sidecars=("proxy",),
            init_statuses=[
                {**terminated("setup", 0, "Completed"), "restartCount": 4},
                running("proxy", restarts=2, ended=T45),
            ],
            containers=[running("app", restarts=1, ended=T200)],
            conditions={"Initialized": "True", "Ready": "True"},
        ),
        "2/2",
        "Running",
        "3 (45s ago)",
    ),
    (
        "sidecar-not-started-holds-initialization",
        pod(
            phase="Pending",
            sidecars=("proxy",),
            init_statuses=[waiting("proxy", "ContainerCreating")],
            containers=[waiting("app", "PodInitializing")],
        ),
        "0/2",
        "Init:ContainerCreating",
        "0",
    ),
]


@pytest.mark.parametrize(
    ("p", "ready", "status", "restarts"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_ready_status_restarts(p: dict[str, Any], ready: str, status: str, restarts: str) -> None:
    cells = PRINTER.cells(decode(p), NOW)
    assert cells[1:4] == [ready, status, restarts]
    assert cells[0] == "web" and cells[4] == "60m"


def test_summary_keeps_the_last_restart_time() -> None:
    s = summarize(decode(pod(containers=[running("app", restarts=2, ended=T200)])))
    assert (s.ready, s.total, s.status, s.restarts) == (1, 1, "Running", 2)
    assert s.last_restart == datetime(2026, 12, 1, 11, 56, 40, tzinfo=UTC)


def test_restarts_without_a_termination_time_have_no_age() -> None:
    cs = running("app", restarts=2)
    assert PRINTER.cells(decode(pod(containers=[cs])), NOW)[3] == "2"


@pytest.mark.parametrize(
    ("p", "wide"),
    [
        pytest.param(pod(), ["<none>", "node1", "<none>", "<none>"], id="nothing-yet"),
        pytest.param(
            pod(
                status__podIP="10.0.2.100",
                status__podIPs=[{"ip": "10.0.2.100"}, {"ip": "fd00::64"}],
                status__nominatedNodeName="node2",
            ),
            ["10.0.2.100", "node1", "node2", "<none>"],
            id="first-pod-ip-and-nominated-node",
        ),
        pytest.param(
            pod(
                spec__readinessGates=[
                    {"conditionType": "example.com/lb"},
                    {"conditionType": "example.com/dns"},
                ],
                conditions={"example.com/lb": "True", "example.com/dns": "False"},
            ),
            ["<none>", "node1", "<none>", "1/2"],
            id="readiness-gates",
        ),
        pytest.param(
            pod(spec__nodeName=None),
            ["<none>", "<none>", "<none>", "<none>"],
            id="no-node",
        ),
    ],
)
def test_wide_cells(p: dict[str, Any], wide: list[str]) -> None:
    if p["spec"].get("nodeName") is None:
        p["spec"].pop("nodeName", None)
    assert PRINTER.cells(decode(p), NOW)[5:] == wide


@pytest.mark.parametrize(
    ("phase", "conditions"),
    [
        pytest.param(
            "Succeeded",
            [("Completed", "True", "Succeeded", "The pod has completed successfully.")],
            id="succeeded",
        ),
        pytest.param("Failed", [("Completed", "True", "Failed", "The pod failed.")], id="failed"),
        pytest.param("Running", None, id="running"),
        pytest.param("Pending", None, id="pending"),
    ],
)
def test_row_conditions(phase: str, conditions: list[tuple[str, ...]] | None) -> None:
    got = PRINTER.conditions(decode(pod(phase=phase)))
    if conditions is None:
        assert got is None
    else:
        assert got is not None
        assert [(c.type, c.status, c.reason, c.message) for c in got] == conditions


def test_columns_as_the_apiserver_declares_them() -> None:
    cols = [(c.name, c.type, c.format, c.priority) for c in PRINTER.columns]
    assert cols == [
        ("Name", "string", "name", 0),
        ("Ready", "string", "", 0),
        ("Status", "string", "", 0),
        ("Restarts", "string", "", 0),
        ("Age", "string", "", 0),
        ("IP", "string", "", 1),
        ("Node", "string", "", 1),
        ("Nominated Node", "string", "", 1),
        ("Readiness Gates", "string", "", 1),
    ]
    assert all(c.description for c in PRINTER.columns)
    assert PRINTER.columns[4].description.startswith("CreationTimestamp is a timestamp")
