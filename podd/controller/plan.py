"""The pure planner: (pod, observed runtime state, now) → PodActions.

No I/O here and no calls into managers: everything the decision needs is
in its arguments, so every rule is a table test (tests/unit/controller).
"""

from __future__ import annotations

import msgspec

from podd.model.pod import Pod
from podd.sandbox import SandboxHealth, SandboxState


class SandboxObservation(msgspec.Struct, frozen=True):
    """What the worker knows of the pod's sandbox at the start of a sync."""

    state: SandboxState | None = None
    health: SandboxHealth | None = None
    failures: int = 0  # consecutive failed creations
    last_error: str | None = None
    retry_at: float | None = None  # monotonic time of the next allowed attempt
    unavailable: str | None = None  # the host cannot build sandboxes at all


class PodActions(msgspec.Struct, frozen=True, omit_defaults=True):
    """What one sync does, in the order the worker does it."""

    kill_sandbox: str | None = None  # why: "deleted" | "died"
    create_sandbox: bool = False
    remove_pod: bool = False
    requeue_after: float | None = None

    def __repr__(self) -> str:  # one line, for logs
        return (
            "PodActions("
            + ", ".join(
                f"{f}={getattr(self, f)!r}"
                for f in self.__struct_fields__
                if getattr(self, f) not in (None, False)
            )
            + ")"
        )


def plan_pod(pod: Pod, sandbox: SandboxObservation, now: float) -> PodActions:
    """Decide the next step for one pod.

    1. A pod being deleted loses its sandbox, then leaves the store.
    2. A sandbox whose pause or slirp4netns died is destroyed and rebuilt.
    3. A pod without a sandbox gets one, unless the last attempt failed and
       its backoff has not run out, or the host cannot build sandboxes.
    """
    if pod.metadata.deletion_timestamp:
        return PodActions(kill_sandbox="deleted" if sandbox.state else None, remove_pod=True)
    if sandbox.state is not None:
        if sandbox.health is not None and not sandbox.health.alive:
            return PodActions(kill_sandbox="died", create_sandbox=sandbox.unavailable is None)
        return PodActions()
    if sandbox.unavailable is not None:
        return PodActions()
    if sandbox.retry_at is not None and now < sandbox.retry_at:
        return PodActions(requeue_after=sandbox.retry_at - now)
    return PodActions(create_sandbox=True)
