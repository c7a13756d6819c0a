"""Ephemeral containers in the plan and the status: started once, before the
others, never restarted, stopped with the pod, never counted as ready."""

from __future__ import annotations

from typing import Any

import msgspec

from podd.controller.backoff import BackoffPolicy
from podd.controller.ephemeral import plan_with_ephemeral, status_with_ephemeral
from podd.controller.observed import ContainerRecord, PodObservation, SandboxObservation
from podd.model.podstatus import (
    ContainerState,
    ContainerStateTerminated,
    ContainerStatus,
    PodStatus,
)
from podd.model.timeutil import now_rfc3339
from tests.unit.controller.cases import NOW, exited, obs, pod, running

B = BackoffPolicy(10, 300, 600)
DEBUG = {"name": "dbg", "image": "busybox", "targetContainerName": "app"}


def debug_pod(**spec: Any) -> Any:
    return pod(ephemeralContainers=[DEBUG], **spec)


def starts(p: Any, o: PodObservation, now: float = NOW) -> tuple[str, ...]:
    return plan_with_ephemeral(p, o, now, B).start


def status(p: Any, o: PodObservation) -> PodStatus:
    return status_with_ephemeral(p, o, host_ip="192.0.2.1", now=NOW, backoff=B)


def test_started_once_in_a_running_pod() -> None:
    assert starts(debug_pod(), obs(running("app"))) == ("dbg",)
    assert starts(debug_pod(), obs(running("app"), running("dbg"))) == ()


def test_started_first_even_while_the_pod_initializes() -> None:
    p = debug_pod(initContainers=[{"name": "init", "image": "busybox"}])
    assert starts(p, obs(initialized=False)) == ("dbg", "init")


def test_never_restarted_whatever_the_restart_policy() -> None:
    p = debug_pod(restartPolicy="Always")
    assert starts(p, obs(running("app"), exited("dbg", 1, finished_at=NOW - 1000))) == ()
    # A run from an earlier sandbox (the record keeps it as previous).
    gone = ContainerRecord(name="dbg", previous=exited("dbg", 0).instance, restart_count=1)
    assert starts(p, obs(running("app"), gone)) == ()


def test_not_started_again_when_only_the_stored_status_knows_it_ran() -> None:
    """A podd restarted after the sandbox went: no record, but the status shows the run."""
    p = debug_pod()
    term = ContainerStateTerminated(exit_code=0, reason="Completed")
    p.status.ephemeral_container_statuses = [
        ContainerStatus(name="dbg", state=ContainerState(terminated=term))
    ]
    assert starts(p, obs(running("app"))) == ()
    s = status(p, obs(running("app")))
    assert s.ephemeral_container_statuses[0].state.terminated == term  # type: ignore[index]


def test_a_held_start_waits_and_requeues() -> None:
    held = ContainerRecord(name="dbg", waiting_reason="ErrImagePull", retry_at=NOW + 7)
    actions = plan_with_ephemeral(debug_pod(), obs(running("app"), held), NOW, B)
    assert actions.start == () and actions.requeue_after == 7
    assert starts(debug_pod(), obs(running("app"), held), NOW + 8) == ("dbg",)


def test_not_started_without_a_sandbox_or_in_a_finished_or_deleted_pod() -> None:
    o = msgspec.structs.replace(obs(running("app")), sandbox=SandboxObservation())
    assert "dbg" not in starts(debug_pod(), o)
    done = debug_pod(restartPolicy="Never")
    done.status.phase = "Succeeded"
    assert starts(done, obs(exited("app", 0))) == ()
    deleting = debug_pod()
    deleting.metadata.deletion_timestamp = now_rfc3339()
    assert starts(deleting, obs(running("app"))) == ()


def test_stopped_with_the_pod() -> None:
    deleting = debug_pod()
    deleting.metadata.deletion_timestamp = now_rfc3339()
    deleting.metadata.deletion_grace_period_seconds = 30
    actions = plan_with_ephemeral(deleting, obs(running("app"), running("dbg")), NOW, B)
    assert {k.name for k in actions.kill} == {"app", "dbg"}


def test_status_waiting_running_terminated() -> None:
    p = debug_pod()
    waiting = status(p, obs(running("app"))).ephemeral_container_statuses
    assert waiting is not None and waiting[0].state.waiting is not None
    assert waiting[0].state.waiting.reason == "ContainerCreating"
    up = status(p, obs(running("app"), running("dbg"))).ephemeral_container_statuses
    assert up is not None and up[0].state.running is not None
    assert not up[0].ready and up[0].started is None and up[0].restart_count == 0
    ended = status(p, obs(running("app"), exited("dbg", 3))).ephemeral_container_statuses
    assert ended is not None and ended[0].state.terminated is not None
    assert ended[0].state.terminated.exit_code == 3
    assert ended[0].state.terminated.reason == "Error"
    assert ended[0].container_id == "runc://dbg-id"


def test_with_init_containers_it_waits_pod_initializing() -> None:
    p = debug_pod(initContainers=[{"name": "init", "image": "busybox"}])
    got = status(p, obs(initialized=False)).ephemeral_container_statuses
    assert got is not None and got[0].state.waiting is not None
    assert got[0].state.waiting.reason == "PodInitializing"


def test_not_counted_in_ready_or_phase() -> None:
    s = status(debug_pod(), obs(running("app"), exited("dbg", 1)))
    assert s.phase == "Running"
    ready = next(c for c in s.conditions or [] if c.type == "Ready")
    assert ready.status == "True"
    assert [c.name for c in s.container_statuses or []] == ["app"]


def test_no_ephemeral_containers_no_statuses() -> None:
    assert status(pod(), obs(running("app"))).ephemeral_container_statuses is None
