"""ProbeManager on a fake clock with fake probes: workers follow sync_pod."""

from __future__ import annotations

import pytest

from podd.controller.probes import (
    ExecFn,
    ExecResult,
    ProbeEvent,
    ProbeManager,
    ProbeResult,
    ProbeTarget,
    ResultKey,
)
from podd.model.container import Container, ContainerPort
from podd.model.probe import ExecAction, Probe

from .fakes import FakeClock, settle


class Exec:
    """A fake runtime exec: ``check`` passes while ``healthy[container]``."""

    def __init__(self) -> None:
        self.healthy: dict[str, bool] = {}
        self.calls: list[str] = []

    def fn(self, name: str) -> ExecFn:
        async def run(cmd: list[str], timeout: float) -> ExecResult:
            self.calls.append(f"{name}:{cmd[0]}")
            ok = self.healthy.get(f"{name}:{cmd[0]}", True)
            return ExecResult(0 if ok else 1, b"" if ok else b"unhealthy")

        return run


def probe(kind: str, **kw: int) -> Probe:
    return Probe(exec=ExecAction(command=[kind]), **kw)  # type: ignore[arg-type]


Rig = tuple[ProbeManager, FakeClock, list[tuple[ResultKey, str]], list[ProbeEvent]]


@pytest.fixture
def rig() -> Rig:
    clock = FakeClock()
    changes: list[tuple[ResultKey, str]] = []
    events: list[ProbeEvent] = []
    mgr = ProbeManager(
        lambda key, value: changes.append((key, value.result)),
        on_event=events.append,
        clock=clock,
    )
    return mgr, clock, changes, events


def target(
    ex: Exec, name: str = "web", cid: str = "c1", started: float = 0.0, **probes: Probe
) -> ProbeTarget:
    return ProbeTarget(name=name, container_id=cid, started_at=started, exec=ex.fn(name), **probes)  # type: ignore[arg-type]


async def test_initial_results_and_startup_gating(rig: Rig) -> None:
    mgr, clock, changes, events = rig
    ex = Exec()
    ex.healthy["web:startup"] = False
    t = target(
        ex,
        started=clock.t,
        startup=probe("startup", period_seconds=1, failure_threshold=10),
        liveness=probe("liveness", period_seconds=1),
        readiness=probe("readiness", period_seconds=1),
    )
    await mgr.sync_pod("uid", [t])
    assert mgr.results("uid") == {
        ("web", "startup"): "Unknown",
        ("web", "liveness"): "Success",
        ("web", "readiness"): "Failure",
    }
    await clock.advance(5)
    assert set(ex.calls) == {"web:startup"}  # liveness and readiness wait for startup
    assert mgr.results("uid")[("web", "readiness")] == "Failure"
    ex.healthy["web:startup"] = True
    await clock.advance(1)
    assert mgr.result("uid", "web", "startup") == "Success"
    assert "web:liveness" in ex.calls and "web:readiness" in ex.calls
    assert mgr.results("uid")[("web", "readiness")] == "Success"
    assert [(k.probe_type, r) for k, r in changes] == [
        ("startup", "Success"),
        ("readiness", "Success"),
    ]
    startup_calls = ex.calls.count("web:startup")
    await clock.advance(5)
    assert ex.calls.count("web:startup") == startup_calls  # stopped after success
    assert (
        events[0].reason == "Unhealthy" and events[0].message == "Startup probe failed: unhealthy"
    )
    await mgr.close()


async def test_restart_resets_and_removal_stops(rig: Rig) -> None:
    mgr, clock, changes, _ = rig
    ex = Exec()
    ex.healthy["web:liveness"] = False
    live = probe("liveness", period_seconds=1, failure_threshold=2)
    await mgr.sync_pod("uid", [target(ex, started=clock.t, liveness=live)])
    await clock.advance(1)
    assert mgr.result("uid", "web", "liveness") == "Failure"
    assert changes == [(ResultKey("uid", "web", "liveness"), "Failure")]
    worker = mgr.workers("uid")[("web", "liveness")]
    assert worker.on_hold
    # The controller restarted the container: a new id.
    ex.healthy["web:liveness"] = True
    await mgr.sync_pod("uid", [target(ex, cid="c2", started=clock.t, liveness=live)])
    assert mgr.workers("uid")[("web", "liveness")] is worker and not worker.on_hold
    assert mgr.details("uid")[("web", "liveness")] == ProbeResult("Success", "c2")
    await clock.advance(3)
    assert mgr.result("uid", "web", "liveness") == "Success" and worker.active
    # The same sync again changes nothing.
    await mgr.sync_pod("uid", [target(ex, cid="c2", started=clock.t, liveness=live)])
    assert mgr.workers("uid")[("web", "liveness")] is worker
    # The container is no longer running: its worker stops, its results go.
    await mgr.sync_pod("uid", [])
    assert mgr.results("uid") == {} and not worker.active and mgr.workers("uid") == {}
    calls = len(ex.calls)
    await clock.advance(10)
    assert len(ex.calls) == calls


async def test_spec_change_makes_a_new_worker(rig: Rig) -> None:
    mgr, _, _, _ = rig
    ex = Exec()
    await mgr.sync_pod("uid", [target(ex, readiness=probe("readiness", period_seconds=1))])
    first = mgr.workers("uid")[("web", "readiness")]
    await mgr.sync_pod("uid", [target(ex, readiness=probe("readiness", period_seconds=2))])
    second = mgr.workers("uid")[("web", "readiness")]
    assert second is not first and not first.active and second.active
    await mgr.remove_pod("uid")
    assert not second.active and mgr.results("uid") == {}


async def test_terminating_quiets_liveness_and_startup(rig: Rig) -> None:
    mgr, clock, _, _ = rig
    ex = Exec()
    ex.healthy["web:liveness"] = False
    t = target(
        ex,
        started=clock.t,
        liveness=probe("liveness", period_seconds=1),
        readiness=probe("readiness", period_seconds=1),
    )
    await mgr.sync_pod("uid", [t])
    await clock.advance(1)
    await mgr.sync_pod("uid", [t], terminating=True)
    workers = mgr.workers("uid")
    assert not workers[("web", "liveness")].active and workers[("web", "readiness")].active
    assert mgr.result("uid", "web", "liveness") == "Success"
    await clock.advance(10)
    assert mgr.result("uid", "web", "liveness") == "Success"
    await mgr.close()


async def test_targets_from_containers_and_several_pods(rig: Rig) -> None:
    mgr, clock, _, _ = rig
    ex = Exec()
    c = Container(
        name="app",
        ports=[ContainerPort(name="http", container_port=8080)],
        readiness_probe=probe("readiness", period_seconds=1),
    )
    t = ProbeTarget.for_container(
        c, container_id="x", started_at=clock.t, exec=ex.fn("app"), api_socket="/run/slirp.sock"
    )
    assert t.readiness is c.readiness_probe and t.ports == (c.ports[0],)  # type: ignore[index]
    await mgr.sync_pod("a", [t])
    await mgr.sync_pod("b", [t])
    await settle()
    assert mgr.results("a") == mgr.results("b") == {("app", "readiness"): "Success"}
    await mgr.remove_pod("a")
    assert mgr.results("a") == {} and mgr.results("b") != {}
    await mgr.close()
    assert mgr.results("b") == {}


async def test_a_failing_callback_does_not_stop_probing() -> None:
    clock = FakeClock()

    def broken(key: ResultKey, value: ProbeResult) -> None:
        raise RuntimeError("controller bug")

    mgr = ProbeManager(broken, clock=clock)
    ex = Exec()
    await mgr.sync_pod("uid", [target(ex, readiness=probe("readiness", period_seconds=1))])
    await clock.advance(3)
    assert mgr.result("uid", "web", "readiness") == "Success"
    assert ex.calls.count("web:readiness") == 4 and mgr.workers("uid")[("web", "readiness")].active
    await mgr.close()
