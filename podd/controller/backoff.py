"""Exponential backoff, as the kubelet's: an initial delay doubling to a
maximum, forgotten after a clean stretch. Pure: time is passed in."""

from __future__ import annotations

import msgspec


class BackoffPolicy(msgspec.Struct, frozen=True):
    initial: float = 10.0
    max: float = 300.0
    reset: float = 600.0

    def delay(self, failures: int) -> float:
        """Delay before the next attempt after ``failures`` consecutive failures."""
        if failures <= 0:
            return 0.0
        return float(min(self.initial * 2 ** (failures - 1), self.max))
