"""What a pod worker knows at the start of a sync: its sandbox, and for every
container the latest instance plus the bookkeeping the kubelet keeps
(restart count, crash-loop count, why it is waiting). Plain data, filled by
the worker from the runtime; read by the pure planner and status code."""

from __future__ import annotations

from typing import Literal

import msgspec

from podd.sandbox import SandboxHealth, SandboxState

ProbeResult = Literal["Success", "Failure", "Unknown"]


class SandboxObservation(msgspec.Struct, frozen=True):
    """The pod's sandbox at the start of a sync."""

    state: SandboxState | None = None
    health: SandboxHealth | None = None
    failures: int = 0  # consecutive failed creations
    last_error: str | None = None
    retry_at: float | None = None  # monotonic time of the next allowed attempt
    unavailable: str | None = None  # the host cannot build sandboxes at all


class Instance(msgspec.Struct, frozen=True):
    """One run of a container (a runtime container id)."""

    id: str
    running: bool
    started_at: float | None = None  # epoch seconds
    finished_at: float | None = None
    exit_code: int | None = None
    reason: str | None = None  # Completed | Error | OOMKilled | ContainerCannotRun …
    message: str | None = None
    signal: int | None = None
    runtime: str | None = None  # the containerID scheme: the runtime that ran it (crun, runc)


class ContainerRecord(msgspec.Struct, frozen=True):
    """A container of the pod, across its restarts."""

    name: str
    instance: Instance | None = None  # the latest run
    previous: Instance | None = None  # the run before it (lastState)
    restart_count: int = 0
    crash_count: int = 0  # restarts since the last clean stretch (CrashLoopBackOff)
    killing: bool = False  # a stop is under way
    kill_reason: str | None = None  # why the latest run was stopped by podd (plan.CHANGED …)
    waiting_reason: str | None = None  # ErrImagePull, CreateContainerConfigError, …
    waiting_message: str | None = None
    retry_at: float | None = None  # epoch: no new attempt before this (pull backoff)
    image_id: str | None = None
    started: bool = False  # the startup probe passed (or there is none)
    spec_hash: str | None = None  # of the spec the latest run started from (None: unknown)

    @property
    def running(self) -> bool:
        return self.instance is not None and self.instance.running

    @property
    def exited(self) -> bool:
        return self.instance is not None and not self.instance.running


class PodObservation(msgspec.Struct, frozen=True):
    sandbox: SandboxObservation = SandboxObservation()
    containers: dict[str, ContainerRecord] = {}
    initialized: bool = False  # init containers done since the sandbox was made
    # When the worker saw deletionTimestamp (epoch): the grace period counts
    # from here (the timestamp itself has only second precision).
    deleting_since: float | None = None
    # (container, probe type) → result, probe types: startup, liveness, readiness
    probes: dict[tuple[str, str], ProbeResult] = {}

    def record(self, name: str) -> ContainerRecord:
        return self.containers.get(name) or ContainerRecord(name=name)
