"""Probe worker scheduling on a fake clock: no real waiting."""

from __future__ import annotations

import asyncio

from podd.controller.probes import (
    Outcome,
    ProbeEvent,
    ProbeResult,
    ProbeWorker,
    ResultKey,
    ResultsCache,
)
from podd.model.probe import Probe

from .fakes import FakeClock, Script, settle


class Rig:
    def __init__(self, probe_type: str = "liveness", **probe: int | None) -> None:
        self.clock = FakeClock()
        self.script = Script(self.clock)
        self.changes: list[str] = []
        self.events: list[ProbeEvent] = []
        self.cache = ResultsCache(lambda key, value: self.changes.append(value.result))
        self.key = ResultKey("uid", "web", probe_type)  # type: ignore[arg-type]
        self.worker = ProbeWorker(
            self.key,
            Probe(**probe),  # type: ignore[arg-type]
            self.script,
            self.cache,
            clock=self.clock,
            on_event=self.events.append,
        )

    @property
    def result(self) -> ProbeResult | None:
        return self.cache.get(self.key)

    def since_start(self, start: float) -> list[float]:
        return [round(t - start, 3) for t in self.script.calls]


async def test_initial_delay_then_every_period() -> None:
    rig = Rig(initial_delay_seconds=5, period_seconds=10)
    t0 = rig.clock.t
    rig.worker.start("c1", started_at=t0)
    await settle()
    assert rig.result == ProbeResult("Success", "c1") and rig.changes == []  # silent initial
    await rig.clock.advance(4.9)
    assert rig.script.calls == []
    await rig.clock.advance(0.1)
    assert rig.since_start(t0) == [5.0]
    await rig.clock.advance(30)
    assert rig.since_start(t0) == [5.0, 15.0, 25.0, 35.0]
    assert rig.script.timeouts == [1.0] * 4  # the default timeoutSeconds
    await rig.worker.stop()


async def test_initial_delay_counts_from_the_container_start() -> None:
    rig = Rig(initial_delay_seconds=5, period_seconds=10)
    t0 = rig.clock.t
    rig.worker.start("c1", started_at=t0 - 3)  # started 3 s before the worker
    await rig.clock.advance(1.9)
    assert rig.script.calls == []
    await rig.clock.advance(0.1)
    assert rig.since_start(t0) == [2.0]
    rig2 = Rig(initial_delay_seconds=5)
    rig2.worker.start("c1", started_at=rig2.clock.t - 60)  # long past: probe at once
    await settle()
    assert len(rig2.script.calls) == 1
    await rig.worker.stop()
    await rig2.worker.stop()


async def test_liveness_failure_threshold_then_on_hold() -> None:
    rig = Rig(period_seconds=2, failure_threshold=2)
    rig.script.default = False
    rig.worker.start("c1", started_at=rig.clock.t)
    await rig.clock.advance(0)
    assert rig.result is not None and rig.result.result == "Success"  # one failure only
    await rig.clock.advance(2)
    assert rig.result == ProbeResult("Failure", "c1", "boom")
    assert rig.changes == ["Failure"]
    await rig.clock.advance(20)
    assert len(rig.script.calls) == 2 and rig.worker.on_hold and not rig.worker.active
    assert [e.reason for e in rig.events] == ["Unhealthy", "Unhealthy"]
    assert rig.events[0].message == "Liveness probe failed: boom"
    assert rig.events[0].container_id == "c1" and rig.events[0].key == rig.key


async def test_reset_on_restart_starts_over() -> None:
    rig = Rig(period_seconds=2, failure_threshold=1, initial_delay_seconds=3)
    rig.script.default = False
    rig.worker.start("c1", started_at=rig.clock.t)
    await rig.clock.advance(3)
    assert rig.result == ProbeResult("Failure", "c1", "boom") and rig.worker.on_hold
    rig.script.default = True
    t1 = rig.clock.t
    await rig.worker.reset("c2", started_at=t1)
    assert rig.result == ProbeResult("Success", "c2")  # the initial value, for the new container
    assert not rig.worker.on_hold and rig.worker.runs == 0
    await rig.clock.advance(2.9)
    assert len(rig.script.calls) == 1  # initial delay again
    await rig.clock.advance(0.1)
    assert len(rig.script.calls) == 2 and rig.script.calls[-1] == t1 + 3
    await rig.worker.stop()


async def test_timeout_abandons_a_hanging_probe() -> None:
    rig = Rig(period_seconds=10, timeout_seconds=3, failure_threshold=1)
    rig.script.hang = True
    rig.worker.start("c1", started_at=rig.clock.t)
    await rig.clock.advance(3.4)
    assert rig.result is not None and rig.result.result == "Success"  # still within grace
    await rig.clock.advance(0.1)  # timeout + 0.5 s grace
    assert rig.result == ProbeResult("Failure", "c1", "probe timed out after 3s")
    assert rig.script.timeouts == [3.0]


async def test_stop_is_safe_twice_and_before_start() -> None:
    rig = Rig()
    await rig.worker.stop()
    rig.worker.start("c1", started_at=rig.clock.t)
    await settle()
    await rig.worker.stop()
    await rig.worker.stop()
    assert not rig.worker.active
    calls = len(rig.script.calls)
    await rig.clock.advance(100)
    assert len(rig.script.calls) == calls
    assert rig.clock.sleepers == 0


async def test_stop_during_a_probe_cancels_it() -> None:
    rig = Rig()
    rig.script.hang = True
    rig.worker.start("c1", started_at=rig.clock.t)
    await settle()
    assert len(rig.script.calls) == 1
    await asyncio.wait_for(rig.worker.stop(), 5)
    assert not rig.worker.active and rig.clock.sleepers == 0


async def test_startup_stops_after_success() -> None:
    rig = Rig("startup", period_seconds=1, failure_threshold=30)
    rig.script.queue = [False, False, True]
    rig.worker.start("c1", started_at=rig.clock.t)
    await rig.clock.advance(1)
    assert rig.result is not None and rig.result.result == "Unknown"
    await rig.clock.advance(1)
    assert rig.result is not None and rig.result.result == "Success"
    await rig.clock.advance(10)
    assert len(rig.script.calls) == 3 and rig.worker.on_hold
    assert rig.changes == ["Success"]


async def test_startup_failure_threshold_holds() -> None:
    rig = Rig("startup", period_seconds=1, failure_threshold=3)
    rig.script.default = False
    rig.worker.start("c1", started_at=rig.clock.t)
    await rig.clock.advance(10)
    assert rig.result is not None and rig.result.result == "Failure"
    assert len(rig.script.calls) == 3 and rig.worker.on_hold


async def test_readiness_keeps_probing_and_flips_both_ways() -> None:
    rig = Rig("readiness", period_seconds=1, failure_threshold=2)
    rig.script.queue = [True, False, False, True, True]
    rig.worker.start("c1", started_at=rig.clock.t)
    await rig.clock.advance(6)
    assert rig.changes == ["Success", "Failure", "Success"]
    assert len(rig.script.calls) == 7 and rig.worker.active
    await rig.worker.stop()


async def test_gate_holds_liveness_until_started() -> None:
    rig = Rig(period_seconds=5, initial_delay_seconds=1)
    gate = asyncio.Event()
    t0 = rig.clock.t
    rig.worker.start("c1", started_at=t0, gate=gate)
    await rig.clock.advance(30)
    assert rig.script.calls == []
    gate.set()
    await settle()
    assert rig.since_start(t0) == [30.0]  # at once when the gate opens
    await rig.clock.advance(5)
    assert rig.since_start(t0) == [30.0, 35.0]
    await rig.worker.stop()


async def test_startup_ignores_the_gate() -> None:
    rig = Rig("startup", period_seconds=5)
    rig.worker.start("c1", started_at=rig.clock.t, gate=asyncio.Event())
    await settle()
    assert len(rig.script.calls) == 1
    await rig.worker.stop()


async def test_slow_probe_is_followed_at_once() -> None:
    rig = Rig(period_seconds=2, timeout_seconds=10)
    t0 = rig.clock.t

    async def slow(timeout: float) -> Outcome:
        rig.script.calls.append(rig.clock.t)
        await rig.clock.sleep(3)  # longer than the period
        return Outcome.ok()

    rig.worker._run_probe = slow
    rig.worker.start("c1", started_at=t0)
    await rig.clock.advance(6)
    assert rig.since_start(t0) == [0.0, 3.0, 6.0]
    await rig.worker.stop()


async def test_errors_and_warnings_are_reported_not_counted() -> None:
    rig = Rig("readiness", period_seconds=1, failure_threshold=1)
    rig.script.queue = [
        Outcome.errored("port 'http' not found"),
        Outcome(True, "Probe terminated redirects", warning=True),
    ]
    rig.worker.start("c1", started_at=rig.clock.t)
    await rig.clock.advance(0)
    assert rig.result is not None and rig.result.result == "Failure"  # unchanged by the error
    assert rig.result.message == "port 'http' not found"
    await rig.clock.advance(1)
    assert rig.result is not None and rig.result.result == "Success"
    assert [(e.reason, e.message) for e in rig.events] == [
        ("Unhealthy", "Readiness probe errored: port 'http' not found"),
        ("ProbeWarning", "Readiness probe warning: Probe terminated redirects"),
    ]
    await rig.worker.stop()


async def test_a_raising_handler_is_an_error_not_a_crash() -> None:
    rig = Rig(period_seconds=1, failure_threshold=1)

    async def broken(timeout: float) -> Outcome:
        raise RuntimeError("bug")

    rig.worker._run_probe = broken
    rig.worker.start("c1", started_at=rig.clock.t)
    await rig.clock.advance(2)
    assert rig.result is not None and rig.result.result == "Success"
    assert rig.worker.runs == 3 and rig.worker.active
    await rig.worker.stop()
