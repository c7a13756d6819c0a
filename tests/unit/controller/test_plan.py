"""plan_pod as a table: every rule of the controller, no runtime."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from podd.controller.backoff import BackoffPolicy
from podd.controller.observed import PodObservation, SandboxObservation
from podd.controller.plan import CHANGED, PodActions, plan_pod
from podd.controller.spechash import container_hash
from podd.sandbox import SandboxHealth
from tests.unit.controller.cases import NOW, exited, obs, pod, running

B = BackoffPolicy(initial=10, max=300, reset=600)

SIDECAR = {"name": "side", "image": "busybox", "restartPolicy": "Always"}
INIT1 = {"name": "init1", "image": "busybox"}
INIT2 = {"name": "init2", "image": "busybox"}


def plan(p: Any, o: PodObservation, now: float = NOW) -> PodActions:
    return plan_pod(p, o, now, B)


def test_new_pod_gets_a_sandbox() -> None:
    a = plan(pod(), PodObservation())
    assert a.create_sandbox and not a.start


def test_sandbox_retry_waits_for_its_backoff() -> None:
    o = PodObservation(sandbox=SandboxObservation(failures=1, retry_at=NOW + 5))
    a = plan(pod(), o)
    assert not a.create_sandbox and a.requeue_after == pytest.approx(5)


def test_no_sandbox_possible_on_this_host() -> None:
    a = plan(pod(), PodObservation(sandbox=SandboxObservation(unavailable="no pause")))
    assert a == PodActions()


def test_first_start_of_app_containers() -> None:
    p = pod(containers=[{"name": "a", "image": "x"}, {"name": "b", "image": "x"}])
    assert plan(p, obs()).start == ("a", "b")


@pytest.mark.parametrize(
    ("policy", "code", "restart"),
    [
        ("Always", 0, True),
        ("Always", 1, True),
        ("OnFailure", 0, False),
        ("OnFailure", 1, True),
        ("Never", 0, False),
        ("Never", 1, False),
    ],
)
def test_restart_policy(policy: str, code: int, restart: bool) -> None:
    a = plan(pod(restartPolicy=policy), obs(exited("app", code, finished_at=NOW - 1000)))
    assert (a.start == ("app",)) is restart


def test_first_restart_is_immediate_then_backoff_doubles() -> None:
    p = pod()
    assert plan(p, obs(exited("app", 1, crash_count=0))).start == ("app",)
    for crashes, delay in [(1, 10), (2, 20), (3, 40), (5, 160), (6, 300), (9, 300)]:
        rec = exited("app", 1, finished_at=NOW, crash_count=crashes)
        a = plan(p, obs(rec))
        assert a.start == () and a.requeue_after == pytest.approx(delay), crashes
        assert plan(p, obs(rec), now=NOW + delay).start == ("app",)


def test_image_pull_backoff_holds_the_start() -> None:
    from podd.controller.observed import ContainerRecord

    rec = ContainerRecord(name="app", waiting_reason="ImagePullBackOff", retry_at=NOW + 7)
    a = plan(pod(), obs(rec))
    assert a.start == () and a.requeue_after == pytest.approx(7)


def test_liveness_failure_kills_with_the_grace_period() -> None:
    p = pod(terminationGracePeriodSeconds=12)
    a = plan(p, obs(running("app"), probes={("app", "liveness"): "Failure"}))
    assert [(k.name, k.reason, k.grace) for k in a.kill] == [("app", "Unhealthy", 12.0)]


def test_liveness_success_does_nothing() -> None:
    a = plan(pod(), obs(running("app"), probes={("app", "liveness"): "Success"}))
    assert a == PodActions()


def test_init_containers_run_one_at_a_time_in_order() -> None:
    p = pod(initContainers=[INIT1, INIT2])
    assert plan(p, obs(initialized=False)).start == ("init1",)
    assert plan(p, obs(running("init1"), initialized=False)).start == ()
    a = plan(p, obs(exited("init1", 0), initialized=False))
    assert a.start == ("init2",)
    a = plan(p, obs(exited("init1", 0), exited("init2", 0), initialized=False))
    assert a.start == ("app",)


def test_failed_init_restarts_unless_never() -> None:
    p = pod(initContainers=[INIT1])
    rec = exited("init1", 1, finished_at=NOW - 100)
    assert plan(p, obs(rec, initialized=False)).start == ("init1",)
    assert (
        plan(pod(initContainers=[INIT1], restartPolicy="Never"), obs(rec, initialized=False)).start
        == ()
    )


def test_failed_init_blocks_app_containers() -> None:
    p = pod(initContainers=[INIT1])
    rec = exited("init1", 1, finished_at=NOW, crash_count=2)
    a = plan(p, obs(rec, initialized=False))
    assert "app" not in a.start


def test_sidecar_must_be_started_before_the_next_init() -> None:
    p = pod(initContainers=[SIDECAR, INIT1])
    assert plan(p, obs(initialized=False)).start == ("side",)
    not_started = running("side")
    not_started = type(not_started)(**{**_fields(not_started), "started": False})
    assert plan(p, obs(not_started, initialized=False)).start == ()
    assert plan(p, obs(running("side"), initialized=False)).start == ("init1",)


def test_sidecar_restarts_whatever_the_policy() -> None:
    p = pod(initContainers=[SIDECAR], restartPolicy="Never")
    a = plan(p, obs(exited("side", 0, finished_at=NOW - 1000), running("app")))
    assert a.start == ("side",)


def test_completed_app_stops_sidecars_in_reverse_order() -> None:
    side2 = {**SIDECAR, "name": "side2"}
    p = pod(initContainers=[SIDECAR, side2], restartPolicy="Never")
    o = obs(running("side"), running("side2"), exited("app", 0))
    a = plan(p, o)
    assert [k.name for k in a.kill] == ["side2"] and a.kill[0].reason == "Completed"
    o = obs(running("side"), exited("side2", 137), exited("app", 0))
    assert [k.name for k in plan(p, o).kill] == ["side"]


def test_deletion_stops_apps_then_sidecars_then_sandbox() -> None:
    p = pod(initContainers=[SIDECAR])
    p.metadata.deletion_timestamp = "2027-01-15T08:00:00Z"
    p.metadata.deletion_grace_period_seconds = 30
    t0 = 1_800_000_000.0  # 2027-01-15T08:00:00Z
    a = plan(p, obs(running("side"), running("app")), now=t0 + 10)
    assert [k.name for k in a.kill] == ["app"] and a.kill[0].grace == pytest.approx(20)
    a = plan(p, obs(running("side"), exited("app", 0)), now=t0 + 11)
    assert [k.name for k in a.kill] == ["side"]
    a = plan(p, obs(exited("side", 0), exited("app", 0)), now=t0 + 12)
    assert a.kill_sandbox == "deleted" and a.remove_pod


def test_deletion_does_not_kill_twice() -> None:
    p = pod()
    p.metadata.deletion_timestamp = "2027-01-15T08:00:00Z"
    p.metadata.deletion_grace_period_seconds = 30
    killing = running("app", killing=True)
    assert plan(p, obs(killing)).kill == ()


def test_dead_sandbox_stops_containers_then_is_rebuilt() -> None:
    a = plan(pod(), obs(running("app"), alive=False))
    assert [k.reason for k in a.kill] == ["SandboxChanged"] and not a.create_sandbox
    a = plan(pod(), obs(exited("app", 137), alive=False))
    assert a.kill_sandbox == "died" and a.create_sandbox


def test_active_deadline() -> None:
    p = pod(activeDeadlineSeconds=30)
    p.status.start_time = "2027-01-15T08:00:00Z"
    t0 = 1_800_000_000.0
    a = plan(p, obs(running("app")), now=t0 + 10)
    assert not a.deadline_exceeded and a.requeue_after == pytest.approx(20)
    a = plan(p, obs(running("app")), now=t0 + 31)
    assert a.deadline_exceeded and [k.reason for k in a.kill] == ["DeadlineExceeded"]


def test_terminal_pod_frees_its_sandbox() -> None:
    p = pod(restartPolicy="Never")
    p.status.phase = "Succeeded"
    assert plan(p, obs(exited("app", 0))).kill_sandbox == "terminal"


def _fields(rec: Any) -> dict[str, Any]:
    return {f: getattr(rec, f) for f in rec.__struct_fields__}


def test_startup_failure_kills() -> None:
    a = plan(pod(), obs(running("app"), probes={("app", "startup"): "Failure"}))
    assert [(k.name, k.reason) for k in a.kill] == [("app", "Unhealthy")]
    assert "startup" in a.kill[0].message


def test_stopped_sidecar_is_not_restarted_once_apps_are_done() -> None:
    side2 = {**SIDECAR, "name": "side2"}
    p = pod(initContainers=[SIDECAR, side2], restartPolicy="Never")
    a = plan(p, obs(running("side"), exited("side2", 0, finished_at=NOW - 100), exited("app", 0)))
    assert a.start == () and [k.name for k in a.kill] == ["side"]


def test_running_container_of_an_older_definition_is_stopped_to_restart() -> None:
    p = pod(terminationGracePeriodSeconds=7)
    a = plan(p, obs(running("app", spec_hash="stale")))
    (kill,) = a.kill
    assert (kill.name, kill.reason, kill.grace) == ("app", CHANGED, 7.0)
    assert kill.message == "Container app definition changed, will be restarted"


def test_matching_or_unknown_definition_keeps_running() -> None:
    p = pod()
    current = container_hash(p.spec.containers[0])
    assert plan(p, obs(running("app", spec_hash=current))).kill == ()
    assert plan(p, obs(running("app"))).kill == ()  # started before hashes were kept


@pytest.mark.parametrize("policy", ["Always", "OnFailure", "Never"])
def test_stopped_for_a_changed_definition_starts_at_once(policy: str) -> None:
    rec = exited("app", 143, finished_at=NOW - 0.1, crash_count=5, kill_reason=CHANGED)
    assert plan(pod(restartPolicy=policy), obs(rec)).start == ("app",)


def test_sidecar_of_an_older_definition_is_restarted() -> None:
    p = pod(initContainers=[SIDECAR])
    o = obs(running("side", spec_hash="stale"), running("app"), initialized=True)
    assert [(k.name, k.reason) for k in plan(p, o).kill] == [("side", CHANGED)]


def _network_down(o: PodObservation) -> PodObservation:
    sb = o.sandbox
    health = SandboxHealth(False, True, False, "slirp4netns 11 is gone")
    return msgspec.structs.replace(o, sandbox=msgspec.structs.replace(sb, health=health))


def test_dead_network_is_restored_and_containers_keep_running() -> None:
    a = plan(pod(), _network_down(obs(running("app"))))
    assert a.restore_network and a.kill == () and a.kill_sandbox is None


def test_dead_pause_still_rebuilds_the_sandbox() -> None:
    a = plan(pod(), obs(running("app"), alive=False))
    assert not a.restore_network and a.kill_sandbox == "died" and a.kill
