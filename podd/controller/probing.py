"""The controller's side of probes and lifecycle hooks: which containers
are probed, and how a hook reaches a container (``podd.controller.probes``
does the probing itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from podd.controller.observed import Instance, ProbeResult
from podd.controller.port import RuntimePort
from podd.controller.probes import ProbeManager, ProbeTarget, runtime_exec
from podd.model.container import Container
from podd.model.pod import Pod
from podd.model.probe import LifecycleHandler
from podd.sandbox import SandboxState

if TYPE_CHECKING:
    from podd.controller.worker import PodWorker


class HookOutcome(msgspec.Struct, frozen=True):
    success: bool
    message: str = ""


class Probing:
    def __init__(self, probes: ProbeManager, runtime: RuntimePort) -> None:
        self.probes = probes
        self.runtime = runtime

    def _target(self, uid: str, c: Container, inst: Instance, state: SandboxState) -> ProbeTarget:
        return ProbeTarget.for_container(
            c,
            container_id=inst.id,
            started_at=inst.started_at,
            exec=runtime_exec(self.runtime, uid, inst.id),
            api_socket=state.api_socket,
            pod_ip=state.pod_ip,
        )

    def results(self, uid: str) -> dict[tuple[str, str], ProbeResult]:
        return self.probes.results(uid)

    async def sync(self, worker: PodWorker, pod: Pod, terminating: bool) -> None:
        """Probe workers for exactly the running containers of the pod."""
        if worker.state is None:
            return
        targets = []
        for _, _, c in pod.spec.all_containers():
            rec = worker.records.get(c.name)
            if rec is not None and rec.running and rec.instance is not None:
                targets.append(self._target(worker.uid, c, rec.instance, worker.state))
        await self.probes.sync_pod(worker.uid, targets, terminating=terminating)

    async def forget(self, uid: str) -> None:
        await self.probes.remove_pod(uid)

    async def run_hook(
        self,
        worker: PodWorker,
        c: Container,
        inst: Instance,
        hook: LifecycleHandler,
        timeout: float,
    ) -> HookOutcome:
        """postStart/preStop through the probe handlers (exec, httpGet, sleep)."""
        if worker.state is None:
            return HookOutcome(False, "the pod's sandbox is gone")
        target = self._target(worker.uid, c, inst, worker.state)
        outcome = await self.probes.run_hook(worker.uid, target, hook, timeout)
        return HookOutcome(outcome.success, outcome.message)

    async def close(self) -> None:
        await self.probes.close()
