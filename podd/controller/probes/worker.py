"""One probe worker: a task per (pod, container, probe type), as the kubelet's.

The worker probes one container instance (a runtime container id):

1. it publishes the probe type's initial result (silently: the caller knows);
2. waits until ``initialDelaySeconds`` after the container started;
3. liveness and readiness then wait for the container to have *started*
   (the ``gate``: the startup probe passed; no gate without a startup probe);
4. probes every ``periodSeconds`` (a fixed cadence from each probe's start;
   a probe longer than the period is followed at once by the next), each
   run bounded by ``timeoutSeconds``;
5. counts outcomes against the thresholds (``results.observe``) and
   publishes the result; a change calls the cache's change callback.

It goes *on hold* (stops probing until :meth:`ProbeWorker.reset` with a new
container) after a liveness failure (the container is to be restarted) and
after the startup probe's final result, success or failure. Time and sleep
come from an injectable :class:`Clock`, so tests run on a fake clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

import msgspec

from podd.controller.probes.outcome import Outcome
from podd.controller.probes.results import (
    ProbeResult,
    ProbeType,
    ResultKey,
    ResultsCache,
    initial_state,
    observe,
    timing,
)
from podd.model.probe import Probe

__all__ = ["Clock", "ProbeEvent", "ProbeWorker", "RealClock", "RunFn"]

log = logging.getLogger("podd.controller.probes")

TIMEOUT_GRACE = 0.5  # beyond timeoutSeconds before the worker abandons a handler

# timeout (seconds) → outcome of one run of the probe's handler
RunFn = Callable[[float], Awaitable[Outcome]]


class Clock(Protocol):
    def now(self) -> float:
        """Wall-clock seconds (the time base of container start times)."""

    def monotonic(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class RealClock:
    def now(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class ProbeEvent(msgspec.Struct, frozen=True):
    """An event for the pod's container: ``Unhealthy`` or ``ProbeWarning``."""

    key: ResultKey
    container_id: str
    reason: str
    message: str


EventFn = Callable[[ProbeEvent], None]
_TITLE: dict[ProbeType, str] = {
    "startup": "Startup",
    "liveness": "Liveness",
    "readiness": "Readiness",
}


class ProbeWorker:
    """Probes one container instance; :meth:`reset` moves it to a new one."""

    def __init__(
        self,
        key: ResultKey,
        probe: Probe,
        run: RunFn,
        cache: ResultsCache,
        *,
        clock: Clock | None = None,
        on_event: EventFn | None = None,
    ) -> None:
        self.key = key
        self.probe = probe
        self._run_probe = run
        self._cache = cache
        self._clock: Clock = clock or RealClock()
        self._on_event = on_event
        self.container_id = ""
        self.state = initial_state(key.probe_type)
        self.runs = 0  # probes run for the current container
        self.on_hold = False
        self._task: asyncio.Task[None] | None = None

    @property
    def active(self) -> bool:
        """The task is alive (waiting or probing)."""
        return self._task is not None and not self._task.done()

    def start(
        self, container_id: str, started_at: float | None, gate: asyncio.Event | None = None
    ) -> None:
        """Begin probing ``container_id`` (started at ``started_at``, epoch seconds)."""
        if self._task is not None:
            raise RuntimeError("worker already started; use reset()")
        self.container_id = container_id
        self.state = initial_state(self.key.probe_type)
        self.runs = 0
        self.on_hold = False
        self._publish(notify=False)
        start = self._clock.now() if started_at is None else started_at
        self._task = asyncio.create_task(
            self._loop(start, gate), name=f"probe {'/'.join(self.key)}"
        )

    async def reset(
        self, container_id: str, started_at: float | None, gate: asyncio.Event | None = None
    ) -> None:
        """A new container instance (restart): start over from the initial result."""
        await self.stop()
        self._task = None
        self.start(container_id, started_at, gate)

    async def stop(self) -> None:
        """Stop probing; safe to call any number of times."""
        task = self._task
        if task is None or task.done():
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    def finish(self, result: ProbeResult) -> None:
        """Publish a last result without probing (pod terminating); callers stop first."""
        self.on_hold = True
        self._cache.set(self.key, result, notify=False)

    # -- the task ------------------------------------------------------------
    async def _loop(self, started_at: float, gate: asyncio.Event | None) -> None:
        t = timing(self.probe)
        delay = started_at + t.initial_delay - self._clock.now()
        if delay > 0:
            await self._clock.sleep(delay)
        if gate is not None and self.key.probe_type != "startup":
            await gate.wait()
        while True:
            began = self._clock.monotonic()
            outcome = await self._probe_once(t.timeout)
            self.runs += 1
            if not self._record(outcome):
                self.on_hold = True
                return
            wait = began + t.period - self._clock.monotonic()
            if wait > 0:
                await self._clock.sleep(wait)

    async def _probe_once(self, timeout: float) -> Outcome:
        """One run of the handler, abandoned ``TIMEOUT_GRACE`` after its timeout."""
        run = asyncio.ensure_future(self._run_probe(timeout))
        timer = asyncio.ensure_future(self._clock.sleep(timeout + TIMEOUT_GRACE))
        try:
            await asyncio.wait({run, timer}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            timer.cancel()
            if not run.done():
                run.cancel()
            await asyncio.gather(run, timer, return_exceptions=True)
        if run.cancelled():
            return Outcome.failed(f"probe timed out after {timeout:g}s")
        exc = run.exception()
        if exc is not None:  # handlers do not raise; this is a bug, not a failure
            log.error("probe %s raised", "/".join(self.key), exc_info=exc)
            return Outcome.errored(f"probe error: {exc!r}")
        return run.result()

    def _record(self, outcome: Outcome) -> bool:
        """Count the outcome, publish, report; False to go on hold."""
        self._report(outcome)
        self.state = observe(self.state, outcome, self.probe)
        self._publish(notify=True)
        if outcome.error:
            return True
        t = timing(self.probe)
        reached = (
            self.state.successes >= t.success_threshold
            if outcome.success
            else self.state.failures >= t.failure_threshold
        )
        kind = self.key.probe_type
        if kind == "liveness" and reached and not outcome.success:
            return False  # the container will be restarted: wait for the new one
        return not (kind == "startup" and reached)

    def _publish(self, *, notify: bool) -> None:
        value = ProbeResult(self.state.result, self.container_id, self.state.message)
        self._cache.set(self.key, value, notify=notify)

    def _report(self, outcome: Outcome) -> None:
        if self._on_event is None or (outcome.success and not outcome.warning):
            return
        title = _TITLE[self.key.probe_type]
        if outcome.error:
            reason, message = "Unhealthy", f"{title} probe errored: {outcome.message}"
        elif outcome.warning:
            reason, message = "ProbeWarning", f"{title} probe warning: {outcome.message}"
        else:
            reason, message = "Unhealthy", f"{title} probe failed: {outcome.message}"
        self._on_event(ProbeEvent(self.key, self.container_id, reason, message))
