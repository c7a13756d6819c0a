"""Probe results: the kubelet's threshold logic (pure) and the results cache.

A probe's *result* only changes once ``successThreshold`` consecutive
successes or ``failureThreshold`` consecutive failures have been seen
(:func:`observe`). Before the first such run the result is the probe type's
initial value: readiness ``Failure`` (not ready until proven), liveness
``Success`` (healthy until proven otherwise), startup ``Unknown``.

:class:`ResultsCache` holds the published result per (pod uid, container,
probe type) and calls its change callback only when a result *changes* —
the controller wakes the pod's worker on that call and reads
:meth:`ResultsCache.pod_results` in its next sync.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, NamedTuple

import msgspec

from podd.controller.probes.outcome import Outcome
from podd.model.probe import Probe

__all__ = [
    "INITIAL_RESULT",
    "ProbeResult",
    "ProbeState",
    "ProbeTiming",
    "ProbeType",
    "Result",
    "ResultKey",
    "ResultsCache",
    "initial_state",
    "observe",
    "timing",
]

ProbeType = Literal["startup", "liveness", "readiness"]
Result = Literal["Success", "Failure", "Unknown"]

PROBE_TYPES: tuple[ProbeType, ...] = ("startup", "liveness", "readiness")
INITIAL_RESULT: dict[ProbeType, Result] = {
    "readiness": "Failure",
    "liveness": "Success",
    "startup": "Unknown",
}

# Kubernetes defaults (also applied by podd.model.defaults on admission).
DEFAULT_PERIOD = 10
DEFAULT_TIMEOUT = 1
DEFAULT_SUCCESS_THRESHOLD = 1
DEFAULT_FAILURE_THRESHOLD = 3


class ProbeTiming(msgspec.Struct, frozen=True):
    """A probe's timing and thresholds with the Kubernetes defaults filled in."""

    initial_delay: float = 0.0
    period: float = float(DEFAULT_PERIOD)
    timeout: float = float(DEFAULT_TIMEOUT)
    success_threshold: int = DEFAULT_SUCCESS_THRESHOLD
    failure_threshold: int = DEFAULT_FAILURE_THRESHOLD


def timing(probe: Probe) -> ProbeTiming:
    """The effective timing of ``probe`` (unset or 0 → the Kubernetes default)."""
    return ProbeTiming(
        initial_delay=float(max(probe.initial_delay_seconds or 0, 0)),
        period=float(probe.period_seconds or DEFAULT_PERIOD),
        timeout=float(probe.timeout_seconds or DEFAULT_TIMEOUT),
        success_threshold=max(probe.success_threshold or DEFAULT_SUCCESS_THRESHOLD, 1),
        failure_threshold=max(probe.failure_threshold or DEFAULT_FAILURE_THRESHOLD, 1),
    )


class ProbeState(msgspec.Struct, frozen=True):
    """A probe worker's running state: the published result and the current run.

    ``successes``/``failures`` count the consecutive outcomes of the current
    run (one of them is always 0); ``message``/``output`` are the last
    outcome's, whether or not it changed the result.
    """

    result: Result
    successes: int = 0
    failures: int = 0
    message: str = ""
    output: str = ""


def initial_state(probe_type: ProbeType) -> ProbeState:
    return ProbeState(result=INITIAL_RESULT[probe_type])


def observe(state: ProbeState, outcome: Outcome, probe: Probe) -> ProbeState:
    """Count one probe outcome; the result flips only at a threshold.

    As the kubelet's worker: a run of equal outcomes shorter than the
    threshold leaves the result as it was. An ``error`` outcome (the probe
    could not run) is not counted: only its message is kept.
    """
    if outcome.error:
        return msgspec.structs.replace(state, message=outcome.message, output=outcome.output)
    t = timing(probe)
    if outcome.success:
        successes, failures = state.successes + 1, 0
        result: Result = "Success" if successes >= t.success_threshold else state.result
    else:
        successes, failures = 0, state.failures + 1
        result = "Failure" if failures >= t.failure_threshold else state.result
    return ProbeState(result, successes, failures, outcome.message, outcome.output)


class ResultKey(NamedTuple):
    pod_uid: str
    container: str
    probe_type: ProbeType


class ProbeResult(msgspec.Struct, frozen=True):
    """A published result, for one container instance (runtime container id)."""

    result: Result
    container_id: str
    message: str = ""


ChangeFn = Callable[[ResultKey, ProbeResult], None]


class ResultsCache:
    """Latest result per (pod uid, container, probe type); calls ``on_change``
    only when the result value differs from the one stored before (a first
    value counts as a change unless set with ``notify=False``)."""

    def __init__(self, on_change: ChangeFn | None = None) -> None:
        self._on_change = on_change
        self._results: dict[ResultKey, ProbeResult] = {}

    def get(self, key: ResultKey) -> ProbeResult | None:
        return self._results.get(key)

    def set(self, key: ResultKey, value: ProbeResult, *, notify: bool = True) -> bool:
        """Store ``value``; returns whether the result changed (and was notified)."""
        old = self._results.get(key)
        self._results[key] = value
        changed = old is None or old.result != value.result
        if changed and notify and self._on_change is not None:
            self._on_change(key, value)
        return changed

    def remove(self, key: ResultKey) -> None:
        self._results.pop(key, None)

    def remove_pod(self, pod_uid: str) -> None:
        for key in [k for k in self._results if k.pod_uid == pod_uid]:
            del self._results[key]

    def pod_results(self, pod_uid: str) -> dict[tuple[str, ProbeType], ProbeResult]:
        """(container, probe type) → result for one pod."""
        return {
            (k.container, k.probe_type): v for k, v in self._results.items() if k.pod_uid == pod_uid
        }

    def __len__(self) -> int:
        return len(self._results)
