"""A pod's sandbox from the worker's side: build it (with its events), and
tear down what a pod has on the host (containers, files, sandbox)."""

from __future__ import annotations

import contextlib
import logging
import time

import msgspec

from podd.controller.deps import WorkerDeps
from podd.controller.podspec import sandbox_spec
from podd.model.pod import Pod
from podd.sandbox import SandboxError, SandboxState

log = logging.getLogger("podd.controller")


class SandboxAttempt(msgspec.Struct, frozen=True):
    state: SandboxState | None = None  # built
    error: str | None = None  # failed: why


async def build_sandbox(deps: WorkerDeps, pod: Pod) -> SandboxAttempt:
    """Create the sandbox; events SandboxCreated (with warnings and limits
    that cannot be enforced) or SandboxFailed."""
    assert deps.sandboxes is not None
    events = deps.events
    t0 = time.monotonic()
    try:
        state = await deps.sandboxes.create(sandbox_spec(pod, deps.allow_host_loopback))
    except SandboxError as exc:
        log.warning("sandbox failed", extra={"pod": pod.metadata.name, "error": str(exc)})
        await events.record(pod, "Warning", "SandboxFailed", f"Failed to create pod sandbox: {exc}")
        return SandboxAttempt(error=str(exc))
    await events.record(
        pod,
        "Normal",
        "SandboxCreated",
        f"Created pod sandbox: pause pid {state.pause.pid}, pod IP {state.pod_ip} "
        f"({(time.monotonic() - t0) * 1000:.0f} ms)",
    )
    for warning in state.warnings:
        await events.record(pod, "Warning", "SandboxWarning", warning)
    for n in state.not_enforced:
        await events.record(
            pod,
            "Warning",
            "LimitNotEnforced",
            f"{n.resource} limit {n.value} is not enforced ({n.controller}): {n.reason}",
        )
    return SandboxAttempt(state=state)


async def tear_down(
    deps: WorkerDeps,
    pod: Pod,
    state: SandboxState | None,
    running: list[str],
    why: str,
    force: bool = False,
) -> None:
    """Containers (force: SIGKILL the ``running`` container ids now), their
    storage, the pod's files when it is deleted, then the sandbox."""
    uid = pod.metadata.uid or ""
    ctr = deps.containers
    if force and ctr is not None:
        for cid in running:
            with contextlib.suppress(Exception):
                await ctr.runtime.stop(uid, cid, "SIGKILL", 0)
    if why == "died" and state is not None and deps.sandboxes is not None:
        health = deps.sandboxes.check(state)
        await deps.events.record(
            pod,
            "Warning",
            "SandboxDied",
            f"Pod sandbox died ({health.reason or 'unknown'}); it will be re-created",
        )
    if ctr is not None and (why != "terminal" or state is not None):
        try:
            await ctr.runtime.remove_pod(uid, state)
        except Exception as exc:
            log.warning(
                "container cleanup incomplete",
                extra={"pod": pod.metadata.name, "error": str(exc)},
            )
    if ctr is not None:
        await ctr.probes.remove_pod(uid)
    if why == "deleted":  # volumes may need the pod's user namespace to go
        await deps.remove_files(pod, state.pause.pid if state else None)
    sandboxes = deps.sandboxes
    try:
        if state is not None and sandboxes is not None:
            await sandboxes.destroy(state)
        elif sandboxes is not None and uid in sandboxes.known():
            # A podd killed mid-teardown left part of it (its state file
            # already gone): remove whatever is left by uid.
            await sandboxes.purge(uid)
    except (SandboxError, OSError, TimeoutError) as exc:
        log.warning(
            "sandbox teardown incomplete", extra={"pod": pod.metadata.name, "error": str(exc)}
        )


async def restore_pod_network(deps: WorkerDeps, pod: Pod, state: SandboxState) -> SandboxState:
    """The pod's slirp4netns died: a new one, with the same forwards; the
    containers keep running (the pod is not Ready meanwhile). Returns the
    sandbox as it is now."""
    assert deps.sandboxes is not None
    if state.slirp is None:  # on the pod network: nothing of the pod's own to restore
        return state
    dead = state.slirp.pid
    try:
        state = await deps.sandboxes.restore_network(state)
    except SandboxError as exc:
        await deps.events.record(
            pod, "Warning", "NetworkNotRestored", f"Pod network not restored: {exc}"
        )
        return state
    await deps.events.record(
        pod,
        "Warning",
        "NetworkRestored",
        f"slirp4netns {dead} of the pod died; restarted as "
        f"{state.slirp.pid if state.slirp else '?'} "
        f"with {len(state.forwards)} port forward(s)",
    )
    return state
