"""Starting and stopping one container: image, create/start, postStart,
preStop, stop signal and grace period; events for each step."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import msgspec

from podd.controller.observed import ContainerRecord, Instance
from podd.controller.plan import KillAction
from podd.controller.port import ContainerConfigError, ContainerStartError, StartRequest
from podd.model.container import Container
from podd.model.pod import Pod

if TYPE_CHECKING:
    from podd.controller.worker import PodWorker

log = logging.getLogger("podd.controller")

CONFIG_RETRY = 10.0  # a CreateContainerConfigError is retried this often


def find_container(pod: Pod, name: str) -> tuple[Container, bool] | None:
    for kind, _, c in pod.spec.all_containers():
        if c.name == name:
            return c, kind == "initContainers"
    return None


def field_path(pod: Pod, name: str) -> str:
    for kind, _, c in pod.spec.all_containers():
        if c.name == name:
            return f"spec.{kind}{{{name}}}"
    return ""


async def start_container(worker: PodWorker, pod: Pod, name: str) -> bool:
    """Pull (in the background), create and start one container; True when
    it runs. Failures land in the container's record and events."""
    mgr = worker.mgr
    found = find_container(pod, name)
    if found is None or mgr.runtime is None or worker.state is None:
        return False
    c, init = found
    events = mgr.svc.events
    fp = field_path(pod, name)
    rec = worker.record(name)
    t0 = time.perf_counter()
    image, rec = await mgr.puller.ensure(worker, pod, c, rec)
    worker.put(rec)
    if image is None:
        return False
    attempt = rec.restart_count + 1 if rec.instance is not None else rec.restart_count
    req = StartRequest(
        pod=pod,
        container=c,
        init=init,
        attempt=attempt,
        sandbox=worker.state,
        image=image,
        lookups=await mgr.lookups(pod),
    )
    t1 = time.perf_counter()
    try:
        inst = await mgr.runtime.start(req)
    except ContainerConfigError as exc:
        await events.record(pod, "Warning", "Failed", f"Error: {exc}", field_path=fp)
        worker.put(
            msgspec.structs.replace(
                rec,
                waiting_reason=exc.reason,
                waiting_message=str(exc),
                retry_at=time.time() + CONFIG_RETRY,
            )
        )
        return False
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
        )
        worker.put(_next_run(rec, failed, attempt, image.id))
        return False
    worker.put(_next_run(rec, inst, attempt, image.id, started=c.startup_probe is None))
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
    mgr.container_started(worker, pod)
    hook = c.lifecycle.post_start if c.lifecycle else None
    if hook is not None:
        outcome = await mgr.run_hook(worker, pod, c, inst, hook, timeout=_grace(pod))
        if not outcome.success:
            message = f"PostStartHook failed: {outcome.message}"
            await events.record(pod, "Warning", "FailedPostStartHook", message, field_path=fp)
            worker._kill(
                pod,
                KillAction(name, "FailedPostStartHook", message, _grace(pod), run_pre_stop=False),
            )
    return True


def _next_run(
    rec: ContainerRecord, inst: Instance, attempt: int, image_id: str, started: bool = False
) -> ContainerRecord:
    """The record once a new run began: the old run becomes lastState, and a
    restart counts towards CrashLoopBackOff."""
    return ContainerRecord(
        name=rec.name,
        instance=inst,
        previous=rec.instance or rec.previous,
        restart_count=attempt,
        crash_count=rec.crash_count + (1 if rec.instance else 0),
        image_id=image_id,
        started=started,
    )


def _grace(pod: Pod) -> float:
    g = pod.spec.termination_grace_period_seconds
    return float(30 if g is None else g)


async def kill_container(
    worker: PodWorker, pod: Pod, rec: ContainerRecord, kill: KillAction
) -> None:
    """preStop (within the grace period), the stop signal, SIGKILL at the end
    of the grace period; the record gets the run's exit."""
    mgr = worker.mgr
    assert mgr.runtime is not None and rec.instance is not None
    found = find_container(pod, kill.name)
    events = mgr.svc.events
    fp = field_path(pod, kill.name)
    message = kill.message
    if kill.reason in ("Killing", "Completed", "DeadlineExceeded", "SandboxChanged"):
        message = f"Stopping container {kill.name}"
    await events.record(pod, "Normal", "Killing", message, field_path=fp)
    deadline = time.monotonic() + kill.grace
    c = found[0] if found else None
    hook = c.lifecycle.pre_stop if c is not None and c.lifecycle else None
    if hook is not None and kill.run_pre_stop and kill.grace > 0:
        outcome = await mgr.run_hook(worker, pod, c, rec.instance, hook, timeout=kill.grace)  # type: ignore[arg-type]
        if not outcome.success:
            await events.record(
                pod,
                "Warning",
                "FailedPreStopHook",
                f"PreStopHook failed: {outcome.message}",
                field_path=fp,
            )
    left = max(0.0, deadline - time.monotonic())
    signal = (
        c.lifecycle.stop_signal
        if c is not None and c.lifecycle and getattr(c.lifecycle, "stop_signal", None)
        else None
    )
    await mgr.runtime.stop(worker.uid, rec.instance.id, signal or "", left)
    inst = mgr.runtime.refresh(worker.uid, rec.instance)
    current = worker.record(kill.name)
    if current.instance is not None and current.instance.id == inst.id:
        ran = (inst.finished_at or time.time()) - (inst.started_at or time.time())
        crash = 0 if ran >= mgr.backoff.reset else current.crash_count
        worker.put(
            msgspec.structs.replace(current, instance=inst, crash_count=crash, started=False)
        )
