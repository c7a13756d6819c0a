"""Threshold logic and the results cache."""

from __future__ import annotations

import pytest

from podd.controller.probes import (
    INITIAL_RESULT,
    Outcome,
    ProbeResult,
    ProbeState,
    ResultKey,
    ResultsCache,
    initial_state,
    observe,
    timing,
)
from podd.model.probe import Probe

OK = Outcome.ok("fine")
BAD = Outcome.failed("down")
ERR = Outcome.errored("cannot run")


def run(probe_type: str, probe: Probe, outcomes: list[Outcome]) -> list[str]:
    state = initial_state(probe_type)  # type: ignore[arg-type]
    seen: list[str] = []
    for outcome in outcomes:
        state = observe(state, outcome, probe)
        seen.append(state.result)
    return seen


def test_initial_results_are_the_kubelets() -> None:
    assert INITIAL_RESULT == {"readiness": "Failure", "liveness": "Success", "startup": "Unknown"}
    assert initial_state("readiness") == ProbeState("Failure")
    assert initial_state("liveness").result == "Success"
    assert initial_state("startup").result == "Unknown"


CASES = [
    # name, probe type, thresholds (success, failure), outcomes, results after each
    (
        "liveness default fails on the 3rd failure",
        "liveness",
        (None, None),
        [BAD, BAD, BAD],
        ["Success", "Success", "Failure"],
    ),
    ("liveness failure threshold 1", "liveness", (1, 1), [BAD], ["Failure"]),
    (
        "a success breaks a failure run",
        "liveness",
        (1, 2),
        [BAD, OK, BAD, BAD],
        ["Success", "Success", "Success", "Failure"],
    ),
    ("readiness starts Failure, one success flips it", "readiness", (1, 3), [OK], ["Success"]),
    (
        "readiness success threshold 3",
        "readiness",
        (3, 3),
        [OK, OK, BAD, OK, OK, OK],
        ["Failure"] * 5 + ["Success"],
    ),
    (
        "readiness failure threshold 2 after success",
        "readiness",
        (1, 2),
        [OK, BAD, BAD, OK],
        ["Success", "Success", "Failure", "Success"],
    ),
    ("startup Unknown until a threshold", "startup", (1, 3), [BAD, BAD], ["Unknown", "Unknown"]),
    ("startup fails at its threshold", "startup", (1, 2), [BAD, BAD], ["Unknown", "Failure"]),
    ("startup succeeds at once", "startup", (1, 3), [BAD, OK], ["Unknown", "Success"]),
    (
        "errors are not counted",
        "liveness",
        (1, 2),
        [BAD, ERR, ERR, BAD],
        ["Success", "Success", "Success", "Failure"],
    ),
    (
        "warnings count as successes",
        "readiness",
        (2, 1),
        [Outcome(True, "redirect", warning=True), OK],
        ["Failure", "Success"],
    ),
]


@pytest.mark.parametrize(
    ("probe_type", "thresholds", "outcomes", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_thresholds(
    probe_type: str,
    thresholds: tuple[int | None, int | None],
    outcomes: list[Outcome],
    expected: list[str],
) -> None:
    probe = Probe(success_threshold=thresholds[0], failure_threshold=thresholds[1])
    assert run(probe_type, probe, outcomes) == expected


def test_counters_and_messages() -> None:
    probe = Probe(failure_threshold=3)
    state = observe(initial_state("liveness"), BAD, probe)
    state = observe(state, Outcome.failed("still down", "out"), probe)
    assert (state.successes, state.failures, state.message, state.output) == (
        0,
        2,
        "still down",
        "out",
    )
    state = observe(state, OK, probe)
    assert (state.successes, state.failures, state.message) == (1, 0, "fine")
    state = observe(state, ERR, probe)  # counters untouched, message kept
    assert (state.successes, state.failures, state.message) == (1, 0, "cannot run")


def test_timing_defaults() -> None:
    t = timing(Probe())
    assert (t.initial_delay, t.period, t.timeout, t.success_threshold, t.failure_threshold) == (
        0.0,
        10.0,
        1.0,
        1,
        3,
    )
    t = timing(
        Probe(
            initial_delay_seconds=5,
            period_seconds=2,
            timeout_seconds=3,
            success_threshold=2,
            failure_threshold=1,
        )
    )
    assert (t.initial_delay, t.period, t.timeout, t.success_threshold, t.failure_threshold) == (
        5.0,
        2.0,
        3.0,
        2,
        1,
    )
    assert timing(Probe(period_seconds=0, timeout_seconds=0)).period == 10.0


def test_cache_emits_only_on_change() -> None:
    seen: list[tuple[ResultKey, str]] = []
    cache = ResultsCache(lambda key, value: seen.append((key, value.result)))
    key = ResultKey("uid-1", "web", "readiness")
    assert cache.set(key, ProbeResult("Failure", "c1"), notify=False) is True
    assert seen == []  # an initial value set silently
    assert cache.set(key, ProbeResult("Failure", "c1", "again")) is False
    assert seen == [] and cache.get(key) == ProbeResult("Failure", "c1", "again")
    assert cache.set(key, ProbeResult("Success", "c1")) is True
    assert cache.set(key, ProbeResult("Success", "c1")) is False
    assert cache.set(key, ProbeResult("Failure", "c1")) is True
    assert seen == [(key, "Success"), (key, "Failure")]
    other = ResultKey("uid-1", "web", "liveness")
    cache.set(other, ProbeResult("Success", "c1"))  # a first value counts as a change
    assert seen[-1] == (other, "Success")


def test_cache_per_pod_and_removal() -> None:
    cache = ResultsCache()
    cache.set(ResultKey("a", "web", "liveness"), ProbeResult("Success", "c1"))
    cache.set(ResultKey("a", "db", "readiness"), ProbeResult("Failure", "c2"))
    cache.set(ResultKey("b", "web", "liveness"), ProbeResult("Failure", "c3"))
    assert set(cache.pod_results("a")) == {("web", "liveness"), ("db", "readiness")}
    cache.remove(ResultKey("a", "db", "readiness"))
    assert set(cache.pod_results("a")) == {("web", "liveness")}
    cache.remove_pod("a")
    assert cache.pod_results("a") == {} and len(cache) == 1
