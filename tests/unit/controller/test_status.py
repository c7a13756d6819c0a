"""pod_status as a table: phases, container states and conditions."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from podd.controller.backoff import BackoffPolicy
from podd.controller.observed import ContainerRecord, PodObservation
from podd.controller.plan import CHANGED
from podd.controller.status import pod_status
from podd.model.podstatus import PodStatus
from podd.sandbox import SandboxHealth
from tests.unit.controller.cases import NOW, exited, obs, pod, running

B = BackoffPolicy(10, 300, 600)


def status(p: Any, o: PodObservation, now: float = NOW) -> PodStatus:
    return pod_status(p, o, host_ip="192.0.2.1", now=now, backoff=B)


def cond(s: PodStatus, t: str) -> tuple[str, str | None]:
    c = next(c for c in s.conditions or [] if c.type == t)
    return c.status, c.reason


def test_running_and_ready() -> None:
    s = status(pod(), obs(running("app")))
    assert s.phase == "Running" and s.pod_ip == "10.0.2.100" and s.host_ip == "192.0.2.1"
    cs = s.container_statuses[0]  # type: ignore[index]
    assert cs.ready and cs.started and cs.state.running is not None
    assert cs.container_id == "runc://app-id"
    assert cond(s, "Ready") == ("True", None) and cond(s, "Initialized") == ("True", None)


def test_waiting_for_first_start() -> None:
    s = status(pod(), obs())
    assert s.phase == "Pending"
    assert s.container_statuses[0].state.waiting.reason == "ContainerCreating"  # type: ignore[index,union-attr]
    assert cond(s, "Ready") == ("False", "ContainersNotReady")


def test_readiness_probe_drives_ready() -> None:
    p = pod(
        containers=[
            {"name": "app", "image": "x", "readinessProbe": {"exec": {"command": ["true"]}}}
        ]
    )
    # No result yet (its worker has not run): not ready until proven.
    s = status(p, obs(running("app")))
    assert not s.container_statuses[0].ready  # type: ignore[index]
    assert cond(s, "Ready") == ("False", "ContainersNotReady")
    s = status(p, obs(running("app"), probes={("app", "readiness"): "Failure"}))
    assert not s.container_statuses[0].ready  # type: ignore[index]
    assert cond(s, "ContainersReady")[0] == "False"
    s = status(p, obs(running("app"), probes={("app", "readiness"): "Success"}))
    assert cond(s, "Ready")[0] == "True"


@pytest.mark.parametrize(
    ("policy", "code", "phase"),
    [
        ("Never", 0, "Succeeded"),
        ("Never", 3, "Failed"),
        ("OnFailure", 0, "Succeeded"),
        ("OnFailure", 1, "Running"),
        ("Always", 0, "Running"),
    ],
)
def test_phase_after_exit(policy: str, code: int, phase: str) -> None:
    s = status(pod(restartPolicy=policy), obs(exited("app", code, finished_at=NOW - 1000)))
    assert s.phase == phase


def test_exit_code_and_reason_recorded() -> None:
    s = status(pod(restartPolicy="Never"), obs(exited("app", 3)))
    term = s.container_statuses[0].state.terminated  # type: ignore[index]
    assert term is not None and term.exit_code == 3 and term.reason == "Error"
    assert cond(s, "Ready") == ("False", "PodCompleted")


def test_crash_loop_back_off() -> None:
    rec = exited("app", 1, finished_at=NOW, crash_count=2, restart_count=2)
    s = status(pod(), obs(rec))
    cs = s.container_statuses[0]  # type: ignore[index]
    assert cs.state.waiting is not None and cs.state.waiting.reason == "CrashLoopBackOff"
    assert cs.state.waiting.message == "back-off 20s restarting failed container=app pod=p"
    assert cs.last_state.terminated is not None and cs.last_state.terminated.exit_code == 1
    assert cs.restart_count == 2 and s.phase == "Running"


def test_image_pull_errors_show_as_waiting() -> None:
    rec = ContainerRecord(
        name="app", waiting_reason="ImagePullBackOff", waiting_message='Back-off pulling image "x"'
    )
    cs = status(pod(), obs(rec)).container_statuses[0]  # type: ignore[index]
    assert cs.state.waiting is not None and cs.state.waiting.reason == "ImagePullBackOff"


def test_init_in_progress() -> None:
    p = pod(initContainers=[{"name": "init1", "image": "x"}])
    s = status(p, obs(running("init1"), initialized=False))
    assert s.phase == "Pending"
    assert cond(s, "Initialized") == ("False", "ContainersNotInitialized")
    assert s.container_statuses[0].state.waiting.reason == "PodInitializing"  # type: ignore[index,union-attr]


def test_init_failure_with_never_fails_the_pod() -> None:
    p = pod(initContainers=[{"name": "init1", "image": "x"}], restartPolicy="Never")
    s = status(p, obs(exited("init1", 2), initialized=False))
    assert s.phase == "Failed"


def test_init_crash_loop() -> None:
    p = pod(initContainers=[{"name": "init1", "image": "x"}])
    s = status(p, obs(exited("init1", 1, finished_at=NOW, crash_count=1), initialized=False))
    w = s.init_container_statuses[0].state.waiting  # type: ignore[index]
    assert w is not None and w.reason == "CrashLoopBackOff" and s.phase == "Pending"


def test_deadline_exceeded() -> None:
    s = pod_status(
        pod(), obs(running("app")), host_ip="h", now=NOW, backoff=B, deadline_exceeded=True
    )
    assert s.phase == "Failed" and s.reason == "DeadlineExceeded"


def test_transition_time_moves_only_on_change() -> None:
    p = pod()
    first = status(p, obs(running("app")), now=NOW)
    p.status = first
    second = status(p, obs(running("app")), now=NOW + 100)
    assert first.conditions == second.conditions


def test_terminal_status_is_kept() -> None:
    p = pod(restartPolicy="Never")
    p.status = status(p, obs(exited("app", 0)))
    assert p.status.phase == "Succeeded"
    later = status(p, PodObservation())  # sandbox gone, nothing observed
    assert later.phase == "Succeeded"
    assert later.container_statuses == p.status.container_statuses


def test_pod_stays_running_until_sidecars_stop() -> None:
    p = pod(
        initContainers=[{"name": "side", "image": "x", "restartPolicy": "Always"}],
        restartPolicy="Never",
    )
    assert status(p, obs(running("side"), exited("app", 0))).phase == "Running"
    assert status(p, obs(exited("side", 0), exited("app", 0))).phase == "Succeeded"


def test_pod_with_a_dead_network_is_not_ready_while_it_is_restored() -> None:
    o = obs(running("app"))
    health = SandboxHealth(False, True, False, "slirp4netns 11 is gone")
    o = msgspec.structs.replace(o, sandbox=msgspec.structs.replace(o.sandbox, health=health))
    s = status(pod(), o)
    assert s.phase == "Running"
    assert cond(s, "ContainersReady") == ("True", None)
    assert cond(s, "Ready") == ("False", "NetworkUnavailable")


def test_container_stopped_for_a_changed_definition_is_no_crash_loop() -> None:
    rec = exited("app", 143, finished_at=NOW - 0.1, crash_count=3, kill_reason=CHANGED)
    s = status(pod(restartPolicy="Never"), obs(rec))
    assert s.phase == "Running"
    (cs,) = s.container_statuses or []
    assert cs.state.waiting is not None and cs.state.waiting.reason == "ContainerCreating"
