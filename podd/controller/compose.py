"""The composition root of the controller: find what this host offers
(sandboxes, an OCI runtime), build the workers' dependencies once, and start
the pod manager, the namespace controller and the exit watcher."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import resource
import socket
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from podd.config import Settings
from podd.controller.backoff import BackoffPolicy
from podd.controller.configs import PodConfigs, read_configs
from podd.controller.deps import Containers, WorkerDeps
from podd.controller.devices import DeviceAllocator, load_registry
from podd.controller.endpoints import EndpointsController
from podd.controller.hooks import HookRunner
from podd.controller.imagepull import ImagePuller
from podd.controller.leftovers import Leftovers
from podd.controller.manager import PodManager
from podd.controller.namespaces import NamespaceController
from podd.controller.podnetwork import (
    NetworkSupervisor,
    start_cluster_dns,
    start_pod_network,
    start_service_proxy,
)
from podd.controller.podstore import PodStore
from podd.controller.probes import ProbeEvent, ProbeManager
from podd.controller.runtime_adapter import PoddRuntime, watch_exits_forever
from podd.controller.sandbox_api import HostSandboxes
from podd.controller.supervisor import Supervisor
from podd.controller.volumes import PodVolumes
from podd.images import ImageManager
from podd.logs.paths import remove_pod_logs
from podd.logs.rotate import RotationPolicy
from podd.model.pod import Pod
from podd.nodeinfo import node_allocatable, primary_ip
from podd.pidwatch import PidWatcher
from podd.runtime import ContainerError, RuntimeEnv
from podd.sandbox import SandboxEnv, SandboxError
from podd.sandbox.cgrouplimits import CgroupPolicy
from podd.store.events import EventRecorder
from podd.store.repository import Store

log = logging.getLogger("podd.controller")


def raise_fd_limit() -> None:
    """The soft RLIMIT_NOFILE up to the hard one (1024 is the usual soft)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 1 << 20
    if soft < target:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


class _Relay:
    """Callbacks of parts built before the manager they report to."""

    def __init__(self) -> None:
        self.manager: PodManager | None = None

    def wake(self, uid: str) -> None:
        if self.manager is not None:
            self.manager.wake(uid)

    def probe_event(self, ev: ProbeEvent) -> None:
        if self.manager is not None:
            self.manager.probe_event(ev)

    def exited(self, container_id: str) -> None:
        if self.manager is not None:
            self.manager.container_exited(container_id)

    def report(self, uid: str, container: str, reason: str, message: str) -> None:
        if self.manager is not None:
            self.manager.container_event(uid, container, reason, message)


class Controller:
    """What the service holds: the manager and the parts it must close."""

    endpoints: EndpointsController | None = None  # keeps Services' Endpoints/EndpointSlices

    def __init__(
        self,
        manager: PodManager,
        env: SandboxEnv | None,
        info: dict[str, Any],
        closers: list[Any],
        tasks: list[asyncio.Task[None]],
    ) -> None:
        self.manager = manager
        self.env = env
        self._info = info
        self._closers = closers
        self._tasks = tasks

    @property
    def deps(self) -> WorkerDeps:
        return self.manager.deps

    async def stop(self) -> None:
        await self.manager.stop()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for closer in self._closers:
            result = closer()
            if asyncio.iscoroutine(result):
                await result

    def info(self) -> dict[str, Any]:
        deps, env = self.manager.deps, self.env
        return {
            "sandbox": {
                **self._info,
                "available": env is not None,
                "reason": deps.sandbox_unavailable,
                "pause": str(env.pause) if env else None,
                "cgroupRoot": str(env.cgroups.root) if env and env.cgroups else None,
                "cgroupReason": env.cgroup_reason if env else None,
                "hostIP": deps.host_ip,
                "pods": len(self.manager.workers),
            },
            **({"devices": deps.devices.info()} if deps.devices else {}),
        }


async def _discover_sandboxes(
    settings: Settings,
) -> tuple[SandboxEnv | None, str | None, list[str]]:
    try:
        env = await asyncio.to_thread(
            SandboxEnv.discover,
            Path(settings.runtime_dir),
            cgroup_root=settings.cgroup_root or None,
            cgroup_policy=CgroupPolicy(settings.memory_qos, settings.pod_pids_limit),
        )
    except SandboxError as exc:
        log.error("pod sandboxes unavailable", extra={"error": str(exc)})
        return None, str(exc), []
    warnings: list[str] = []
    if env.cgroups is not None:
        try:
            warnings = env.cgroups.setup_daemon()
        except (SandboxError, OSError) as exc:
            warnings = [f"podd could not move into its daemon cgroup: {exc}"]
    return env, None, warnings


async def _discover_runtime(
    settings: Settings, env: SandboxEnv, images: ImageManager
) -> tuple[RuntimeEnv | None, str | None]:
    try:
        renv = await asyncio.to_thread(
            RuntimeEnv.discover,
            exits_dir=Path(settings.runtime_dir) / "exits",
            storage_dir=settings.data_path / "storage" / "containers",
            runtime=settings.runtime,
            pause=env.pause,
            id_mapping=env.id_mapping,
            log_size_max=settings.log_max_size,
            memory_qos=settings.memory_qos,
            userns_join=images.holder.join_prefix if images.holder else None,
        )
    except ContainerError as exc:
        log.error("containers cannot run", extra={"error": str(exc)})
        return None, str(exc)
    return renv, None


async def build_controller(
    settings: Settings,
    store: Store,
    events: EventRecorder,
    images: ImageManager,
    namespaced_kinds: Mapping[str, type[Any]],
) -> Controller:
    """Everything the controller needs, then the manager started (every
    stored pod re-adopted or rebuilt before this returns)."""
    env, sandbox_unavailable, daemon_warnings = await _discover_sandboxes(settings)
    network = None
    if env is not None and settings.network == "bridge":
        # Before any pod: pods are built on it, and what a killed podd left
        # on it is reconciled against the sandboxes that still stand.
        env, network, why = await start_pod_network(settings, env)
        if why is not None:
            env, sandbox_unavailable = None, why
    allocatable = await asyncio.to_thread(node_allocatable, settings.data_path)
    registry = await asyncio.to_thread(load_registry, settings.cdi_spec_dirs, settings.cdi_nvidia)
    host_ip = await asyncio.to_thread(primary_ip)
    relay = _Relay()
    devices = DeviceAllocator(registry, settings.data_path / "devices.json", relay.wake)
    closers: list[Any] = []
    tasks: list[asyncio.Task[None]] = []

    async def configs(namespace: str) -> PodConfigs:
        return await read_configs(store, namespace)

    renv: RuntimeEnv | None = None
    runtime_unavailable = sandbox_unavailable or "no sandboxes"
    if env is not None:
        renv, why = await _discover_runtime(settings, env, images)
        runtime_unavailable = why or ""
    containers: Containers | None = None
    volumes: PodVolumes | None = None
    if env is not None and renv is not None:
        volumes = PodVolumes(
            configs,
            settings.data_path / "volumes",
            Path(settings.runtime_dir) / "volumes",
            env.pause,
            allocatable,
        )
        runtime = PoddRuntime(
            renv,
            images,
            settings.data_path,
            volumes.for_start,
            RotationPolicy(settings.log_max_size, settings.log_max_files),
            devices.edits,
        )
        probes = ProbeManager(lambda key, _res: relay.wake(key.pod_uid), on_event=relay.probe_event)
        puller = ImagePuller(images, events)
        containers = Containers(runtime, puller, probes, HookRunner(probes, runtime), volumes)
        closers += [puller.close, probes.close, runtime.close]
        tasks.append(
            asyncio.create_task(watch_exits_forever(renv, relay.exited), name="exit watcher")
        )

    async def remove_files(pod: Pod, pause_pid: int | None) -> None:
        """Logs and volumes go with the pod."""
        meta = pod.metadata
        await asyncio.to_thread(
            remove_pod_logs,
            settings.data_path,
            meta.namespace or "default",
            meta.name or "",
            meta.uid or "",
        )
        if volumes is not None:
            await volumes.remove(meta.uid or "", pause_pid)

    raise_fd_limit()  # a pidfd per watched process: thousands with many pods
    watcher = PidWatcher()
    supervisor = Supervisor(
        watcher, containers.runtime if containers else None, relay.wake, relay.report
    )
    closers += [supervisor.close, watcher.close]
    if network is not None and env is not None:
        proxy = await start_service_proxy(store, network, env, settings.service_cidr)
        closers.insert(0, proxy.stop)
        if (dns := await start_cluster_dns(store, network, settings, env)) is not None:
            closers.insert(0, dns.stop)
        net_supervisor = NetworkSupervisor(
            network, env, watcher, events, socket.gethostname, proxy, relay.wake, dns
        )
        net_supervisor.arm()
        # closed after the proxy (it may stop the network), as before
        closers.insert(closers.index(proxy.stop) + 1, net_supervisor.close)
    s = settings
    deps = WorkerDeps(
        events=events,
        pods=PodStore(store),
        configs=configs,
        remove_files=remove_files,
        backoff=BackoffPolicy(s.backoff_initial, s.backoff_max, s.backoff_reset),
        sandbox_backoff=BackoffPolicy(min(2.0, s.backoff_initial), 60.0, 600.0),
        sandboxes=HostSandboxes(env) if env is not None else None,
        sandbox_unavailable=sandbox_unavailable,
        containers=containers,
        supervisor=supervisor,
        host_ip=host_ip,
        allocatable={k: str(v) for k, v in allocatable.items()},
        allow_host_loopback=s.allow_host_loopback,
        devices=devices,
    )
    leftovers = Leftovers(
        settings.data_path,
        settings.data_path / "storage" / "containers",
        deps.sandboxes,
        containers.runtime if containers else None,
        volumes,
    )
    manager = PodManager(deps, store, NamespaceController(store, namespaced_kinds), leftovers)
    relay.manager = manager
    cgroup: dict[str, Any] | None = None  # what is enforced; podd's own settings warned once
    if env is not None:
        cgroup, own_warnings = env.cgroup_report(renv.cgroup_mode if renv else "unknown")
        daemon_warnings = daemon_warnings + own_warnings
    info = {
        "cgroup": cgroup,
        "daemonWarnings": daemon_warnings,
        "containers": renv.info() if renv else None,
        "containersUnavailable": runtime_unavailable if renv is None else None,
    }
    controller = Controller(manager, env, info, closers, tasks)
    # Services' endpoints follow pods whether or not this host can run them.
    controller.endpoints = EndpointsController(store)
    await controller.endpoints.start()
    closers.append(controller.endpoints.stop)
    await manager.start()
    return controller
