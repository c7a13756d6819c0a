"""A fake clock for the probe workers, and a scripted probe handler."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Iterable

from podd.controller.probes import Outcome

SETTLE_ROUNDS = 50


async def settle() -> None:
    """Let every ready task run until it blocks again (bounded)."""
    for _ in range(SETTLE_ROUNDS):
        await asyncio.sleep(0)


class FakeClock:
    """Time only moves on :meth:`advance`; sleepers wake in order of their deadline."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.t = start
        self._seq = itertools.count()
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []

    def now(self) -> float:
        return self.t

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.t + max(seconds, 0.0), next(self._seq), fut))
        await fut

    @property
    def sleepers(self) -> int:
        return sum(1 for _, _, f in self._sleepers if not f.done())

    async def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds``, waking each sleeper at its deadline."""
        target = self.t + seconds
        await settle()
        while self._sleepers and self._sleepers[0][0] <= target:
            when, _, fut = heapq.heappop(self._sleepers)
            self.t = max(self.t, when)
            if not fut.done():
                fut.set_result(None)
                await settle()
        self.t = target
        await settle()


class Script:
    """A probe handler returning scripted outcomes; records the time of each call."""

    def __init__(self, clock: FakeClock, outcomes: Iterable[bool | Outcome] = ()) -> None:
        self.clock = clock
        self.queue: list[bool | Outcome] = list(outcomes)
        self.default: bool | Outcome = True
        self.calls: list[float] = []
        self.timeouts: list[float] = []
        self.hang = False

    async def __call__(self, timeout: float) -> Outcome:
        self.calls.append(self.clock.t)
        self.timeouts.append(timeout)
        if self.hang:
            await asyncio.Event().wait()  # never returns: the worker's timeout must act
        step = self.queue.pop(0) if self.queue else self.default
        if isinstance(step, Outcome):
            return step
        return Outcome.ok("ok") if step else Outcome.failed("boom")
