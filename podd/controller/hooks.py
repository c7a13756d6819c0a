"""How probes and lifecycle hooks reach a container of a pod: the target a
probe worker or hook handler runs against (``podd.controller.probes`` does
the probing itself)."""

from __future__ import annotations

import msgspec

from podd.controller.observed import Instance
from podd.controller.probes import ProbeManager, ProbeTarget, runtime_exec
from podd.controller.runtime_api import ContainerRuntime
from podd.model.container import Container
from podd.model.probe import LifecycleHandler
from podd.sandbox import SandboxState


class HookOutcome(msgspec.Struct, frozen=True):
    success: bool
    message: str = ""


def probe_target(
    runtime: ContainerRuntime, pod_uid: str, c: Container, inst: Instance, sandbox: SandboxState
) -> ProbeTarget:
    return ProbeTarget.for_container(
        c,
        container_id=inst.id,
        started_at=inst.started_at,
        exec=runtime_exec(runtime, pod_uid, inst.id),
        api_socket=sandbox.api_socket,
        pod_ip=sandbox.pod_ip,
    )


class HookRunner:
    """postStart/preStop through the probe handlers (exec, httpGet, sleep)."""

    def __init__(self, probes: ProbeManager, runtime: ContainerRuntime) -> None:
        self._probes = probes
        self._runtime = runtime

    async def run(
        self,
        pod_uid: str,
        sandbox: SandboxState | None,
        c: Container,
        inst: Instance,
        hook: LifecycleHandler,
        timeout: float,
    ) -> HookOutcome:
        if sandbox is None:
            return HookOutcome(False, "the pod's sandbox is gone")
        target = probe_target(self._runtime, pod_uid, c, inst, sandbox)
        outcome = await self._probes.run_hook(pod_uid, target, hook, timeout)
        return HookOutcome(outcome.success, outcome.message)
