"""Starting and stopping one container: image, create/start, postStart,
preStop, stop signal and grace period; events for each step. Each returns
what happened; the worker applies it to its records."""

from __future__ import annotations

import logging
import time

import msgspec

from podd.controller.deps import Containers, WorkerDeps
from podd.controller.imagepull import OnDone, container_field_path
from podd.controller.observed import ContainerRecord, Instance
from podd.controller.plan import CHANGED, KillAction
from podd.controller.runtime_api import ContainerConfigError, ContainerStartError, StartRequest
from podd.controller.spechash import container_hash
from podd.model.container import Container
from podd.model.pod import Pod
from podd.sandbox import SandboxState

log = logging.getLogger("podd.controller")

CONFIG_RETRY = 10.0  # a CreateContainerConfigError is retried this often


class StartOutcome(msgspec.Struct, frozen=True):
    record: ContainerRecord  # the container's record after the attempt
    started: bool = False
    kill: KillAction | None = None  # postStart failed: stop it again


def find_container(pod: Pod, name: str) -> tuple[Container, bool] | None:
    for kind, _, c in pod.spec.all_containers():
        if c.name == name:
            return c, kind == "initContainers"
    return None


def grace_of(pod: Pod) -> float:
    g = pod.spec.termination_grace_period_seconds
    return float(30 if g is None else g)


async def start_container(
    deps: WorkerDeps,
    ctr: Containers,
    pod: Pod,
    name: str,
    rec: ContainerRecord,
    sandbox: SandboxState,
    on_pulled: OnDone,
) -> StartOutcome:
    """Pull (in the background), create and start one container. Failures
    land in the returned record and in events."""
    found = find_container(pod, name)
    if found is None:
        return StartOutcome(rec)
    c, init = found
    events = deps.events
    fp = container_field_path(pod, name)
    t0 = time.perf_counter()
    image, rec = await ctr.images.ensure(pod, c, rec, on_pulled)
    if image is None:
        return StartOutcome(rec)
    attempt = rec.restart_count + 1 if rec.instance is not None else rec.restart_count
    configs = await deps.configs(pod.metadata.namespace or "default")
    spec_hash = container_hash(c)
    req = StartRequest(
        pod=pod,
        container=c,
        init=init,
        attempt=attempt,
        sandbox=sandbox,
        image=image,
        configs=configs,
        lookups=configs.env_sources(pod, sandbox.pod_ip, deps.host_ip, deps.allocatable),
        spec_hash=spec_hash,
    )
    t1 = time.perf_counter()
    try:
        inst = await ctr.runtime.start(req)
    except ContainerConfigError as exc:
        await events.record(pod, "Warning", "Failed", f"Error: {exc}", field_path=fp)
        waiting = msgspec.structs.replace(
            rec,
            waiting_reason=exc.reason,
            waiting_message=str(exc),
            retry_at=time.time() + CONFIG_RETRY,
        )
        return StartOutcome(waiting)
    except ContainerStartError as exc:
        # A run that never started still counts as a failed run (StartError).
        await events.record(pod, "Warning", "Failed", f"Error: {exc}", field_path=fp)
        now = time.time()
        failed = Instance(
            id=f"failed-{attempt}",
            running=False,
            started_at=now,
            finished_at=now,
            exit_code=128,
            reason="StartError",
            message=str(exc),
            runtime=exc.runtime,
        )
        return StartOutcome(next_run(rec, failed, attempt, image.id, spec_hash))
    started = next_run(rec, inst, attempt, image.id, spec_hash, started=c.startup_probe is None)
    log.debug(
        "start prepared",
        extra={
            "container": f"{pod.metadata.name}/{name}",
            "image_and_lookups_ms": round((t1 - t0) * 1000, 1),
            "runtime_ms": round((time.perf_counter() - t1) * 1000, 1),
        },
    )
    await events.record(pod, "Normal", "Created", f"Created container {name}", field_path=fp)
    await events.record(pod, "Normal", "Started", f"Started container {name}", field_path=fp)
    hook = c.lifecycle.post_start if c.lifecycle else None
    if hook is not None:
        uid = pod.metadata.uid or ""
        outcome = await ctr.hooks.run(uid, sandbox, c, inst, hook, timeout=grace_of(pod))
        if not outcome.success:
            message = f"PostStartHook failed: {outcome.message}"
            await events.record(pod, "Warning", "FailedPostStartHook", message, field_path=fp)
            kill = KillAction(name, "FailedPostStartHook", message, grace_of(pod), False)
            return StartOutcome(started, True, kill)
    return StartOutcome(started, True)


def next_run(
    rec: ContainerRecord,
    inst: Instance,
    attempt: int,
    image_id: str,
    spec_hash: str,
    started: bool = False,
) -> ContainerRecord:
    """The record once a new run began: the old run becomes lastState, and a
    restart counts towards CrashLoopBackOff (unless the container was
    stopped to apply a changed definition)."""
    crashed = rec.instance is not None and rec.kill_reason != CHANGED
    return ContainerRecord(
        name=rec.name,
        instance=inst,
        previous=rec.instance or rec.previous,
        restart_count=attempt,
        crash_count=rec.crash_count + (1 if crashed else 0),
        image_id=image_id,
        started=started,
        spec_hash=spec_hash,
    )


KILL_MESSAGES = {"Killing", "Completed", "DeadlineExceeded", "SandboxChanged"}


async def kill_container(
    deps: WorkerDeps,
    ctr: Containers,
    pod: Pod,
    sandbox: SandboxState | None,
    inst: Instance,
    kill: KillAction,
) -> Instance:
    """preStop (within the grace period), the stop signal, SIGKILL at the end
    of the grace period; returns the run as it ended."""
    uid = pod.metadata.uid or ""
    found = find_container(pod, kill.name)
    fp = container_field_path(pod, kill.name)
    message = f"Stopping container {kill.name}" if kill.reason in KILL_MESSAGES else kill.message
    await deps.events.record(pod, "Normal", "Killing", message, field_path=fp)
    deadline = time.monotonic() + kill.grace
    c = found[0] if found else None
    hook = c.lifecycle.pre_stop if c is not None and c.lifecycle else None
    if c is not None and hook is not None and kill.run_pre_stop and kill.grace > 0:
        outcome = await ctr.hooks.run(uid, sandbox, c, inst, hook, timeout=kill.grace)
        if not outcome.success:
            await deps.events.record(
                pod,
                "Warning",
                "FailedPreStopHook",
                f"PreStopHook failed: {outcome.message}",
                field_path=fp,
            )
    left = max(0.0, deadline - time.monotonic())
    signal = c.lifecycle.stop_signal if c is not None and c.lifecycle else None
    await ctr.runtime.stop(uid, inst.id, signal or "", left)
    return ctr.runtime.refresh(uid, inst)
