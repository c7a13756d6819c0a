"""The probe manager: keeps one worker per (pod, container, probe type) in
line with what the controller says is running, and owns the results cache
and the loopback forwards.

The controller calls :meth:`ProbeManager.sync_pod` on every pod sync with
the pod's *running* containers; workers are started for new containers,
reset for restarted ones (a new container id), and stopped (their results
dropped) for containers no longer listed. A result change calls
``on_change(key, result)``: the controller wakes that pod's worker, whose
next plan reads :meth:`ProbeManager.results`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

import msgspec

from podd.controller.probes.endpoint import ExecFn, HandlerContext
from podd.controller.probes.forward import POD_IP, PortForwarder
from podd.controller.probes.handlers import run_lifecycle_handler, run_probe
from podd.controller.probes.outcome import Outcome
from podd.controller.probes.results import (
    PROBE_TYPES,
    ChangeFn,
    ProbeResult,
    ProbeType,
    Result,
    ResultKey,
    ResultsCache,
)
from podd.controller.probes.worker import Clock, EventFn, ProbeWorker, RunFn
from podd.model.container import Container, ContainerPort
from podd.model.probe import LifecycleHandler, Probe

__all__ = ["ProbeManager", "ProbeTarget"]

log = logging.getLogger("podd.controller.probes")


class ProbeTarget(msgspec.Struct, frozen=True, kw_only=True):
    """A running container to probe, as the controller sees it in one sync."""

    name: str
    container_id: str
    started_at: float | None = None  # epoch seconds; None: now
    startup: Probe | None = None
    liveness: Probe | None = None
    readiness: Probe | None = None
    ports: Sequence[ContainerPort] = ()
    exec: ExecFn | None = None
    api_socket: str | None = None  # SandboxState.api_socket
    pod_ip: str = POD_IP

    @classmethod
    def for_container(
        cls,
        container: Container,
        *,
        container_id: str,
        started_at: float | None = None,
        exec: ExecFn | None = None,
        api_socket: str | None = None,
        pod_ip: str = POD_IP,
    ) -> ProbeTarget:
        return cls(
            name=container.name,
            container_id=container_id,
            started_at=started_at,
            startup=container.startup_probe,
            liveness=container.liveness_probe,
            readiness=container.readiness_probe,
            ports=tuple(container.ports or ()),
            exec=exec,
            api_socket=api_socket,
            pod_ip=pod_ip,
        )

    def probe(self, probe_type: ProbeType) -> Probe | None:
        return {"startup": self.startup, "liveness": self.liveness, "readiness": self.readiness}[
            probe_type
        ]


class _Gate:
    """Opens once the container instance has started (its startup probe passed)."""

    def __init__(self, container_id: str, has_startup: bool) -> None:
        self.container_id = container_id
        self.has_startup = has_startup
        self.event = asyncio.Event()
        if not has_startup:
            self.event.set()


class _Pod:
    def __init__(self) -> None:
        self.targets: dict[str, ProbeTarget] = {}
        self.workers: dict[tuple[str, ProbeType], ProbeWorker] = {}
        self.gates: dict[str, _Gate] = {}
        self.terminating = False


class ProbeManager:
    """Probe workers, results and port forwards of every pod."""

    def __init__(
        self,
        on_change: ChangeFn | None = None,
        *,
        on_event: EventFn | None = None,
        clock: Clock | None = None,
        forwarder: PortForwarder | None = None,
    ) -> None:
        self._on_change = on_change
        self._on_event = on_event
        self._clock = clock
        self.forwarder = forwarder or PortForwarder()
        self.cache = ResultsCache(self._changed)
        self._pods: dict[str, _Pod] = {}

    # -- what the controller reads ---------------------------------------------
    def results(self, pod_uid: str) -> dict[tuple[str, str], Result]:
        """(container, probe type) → "Success" | "Failure" | "Unknown"."""
        return {k: v.result for k, v in self.cache.pod_results(pod_uid).items()}

    def result(self, pod_uid: str, container: str, probe_type: ProbeType) -> Result | None:
        found = self.cache.get(ResultKey(pod_uid, container, probe_type))
        return None if found is None else found.result

    def details(self, pod_uid: str) -> dict[tuple[str, ProbeType], ProbeResult]:
        """The results with the container id they belong to and the last message."""
        return self.cache.pod_results(pod_uid)

    def workers(self, pod_uid: str) -> dict[tuple[str, ProbeType], ProbeWorker]:
        pod = self._pods.get(pod_uid)
        return {} if pod is None else dict(pod.workers)

    # -- what the controller does -----------------------------------------------
    async def sync_pod(
        self, pod_uid: str, containers: Sequence[ProbeTarget], *, terminating: bool = False
    ) -> None:
        """Match the workers to the pod's running containers.

        ``terminating``: the pod is being deleted; as in the kubelet, liveness
        and startup stop with a last result of Success (a quiet shutdown),
        readiness goes on.
        """
        pod = self._pods.setdefault(pod_uid, _Pod())
        pod.targets = {t.name: t for t in containers}
        wanted = {
            (t.name, kind): probe
            for t in containers
            for kind in PROBE_TYPES
            if (probe := t.probe(kind)) is not None
        }
        for key in [k for k in pod.workers if k not in wanted]:
            await pod.workers.pop(key).stop()
            self.cache.remove(ResultKey(pod_uid, *key))
        for name in [n for n in pod.gates if n not in pod.targets]:
            del pod.gates[name]
        for target in containers:
            gate = pod.gates.get(target.name)
            if gate is None or gate.container_id != target.container_id:
                gate = _Gate(target.container_id, target.startup is not None)
                pod.gates[target.name] = gate
        for (name, kind), probe in wanted.items():
            await self._sync_worker(pod_uid, pod, pod.targets[name], kind, probe)
        if terminating and not pod.terminating:
            pod.terminating = True
            for (_, kind), worker in pod.workers.items():
                if kind != "readiness":
                    await worker.stop()
                    worker.finish(ProbeResult("Success", worker.container_id))

    async def _sync_worker(
        self, pod_uid: str, pod: _Pod, target: ProbeTarget, kind: ProbeType, probe: Probe
    ) -> None:
        key = (target.name, kind)
        worker = pod.workers.get(key)
        gate = pod.gates[target.name].event
        if worker is not None and worker.probe == probe:
            if worker.container_id != target.container_id:
                await worker.reset(target.container_id, target.started_at, gate)
            return
        if worker is not None:  # the spec changed: a fresh worker
            await worker.stop()
        worker = ProbeWorker(
            ResultKey(pod_uid, target.name, kind),
            probe,
            self._runner(pod_uid, target.name, kind),
            self.cache,
            clock=self._clock,
            on_event=self._on_event,
        )
        pod.workers[key] = worker
        worker.start(target.container_id, target.started_at, gate)

    def _runner(self, pod_uid: str, name: str, kind: ProbeType) -> RunFn:
        async def run(timeout: float) -> Outcome:
            pod = self._pods.get(pod_uid)
            target = pod.targets.get(name) if pod else None
            probe = target.probe(kind) if target else None
            if target is None or probe is None:
                return Outcome.errored("container is gone")
            return await run_probe(probe, self.context(pod_uid, target), timeout)

        return run

    def context(self, pod_uid: str, target: ProbeTarget) -> HandlerContext:
        """What a handler needs to reach ``target`` (for hooks as for probes)."""
        return HandlerContext(
            pod_uid=pod_uid,
            pod_ip=target.pod_ip,
            api_socket=target.api_socket,
            ports=target.ports,
            exec=target.exec,
            forwarder=self.forwarder,
        )

    async def run_hook(
        self, pod_uid: str, target: ProbeTarget, handler: LifecycleHandler, timeout: float
    ) -> Outcome:
        """Run a postStart/preStop handler against the container within ``timeout``."""
        return await run_lifecycle_handler(handler, self.context(pod_uid, target), timeout)

    def _changed(self, key: ResultKey, value: ProbeResult) -> None:
        if key.probe_type == "startup" and value.result == "Success":
            pod = self._pods.get(key.pod_uid)
            gate = pod.gates.get(key.container) if pod else None
            if gate is not None and gate.container_id == value.container_id:
                gate.event.set()
        if self._on_change is not None:
            try:
                self._on_change(key, value)
            except Exception:  # the controller's bug must not stop the probe worker
                log.exception("probe result callback failed for %s", "/".join(key))

    async def remove_pod(self, pod_uid: str) -> None:
        """Stop the pod's workers, drop its results, remove its port forwards."""
        pod = self._pods.pop(pod_uid, None)
        if pod is not None:
            for worker in pod.workers.values():
                await worker.stop()
        self.cache.remove_pod(pod_uid)
        await self.forwarder.release_pod(pod_uid)

    async def close(self) -> None:
        for uid in list(self._pods):
            with contextlib.suppress(Exception):
                await self.remove_pod(uid)
        await self.forwarder.close()
