"""podd's pod network in the service: build or adopt it before the pods
are, reconcile what a killed podd left, restart its slirp4netns when it
dies (host ports restored, a Node event said), stop it when no pod needs it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

from podd.config import Settings
from podd.controller.serviceproxy import ServiceProxy
from podd.dns.cluster import ClusterDNS, DNSConfig, host_upstreams
from podd.model.meta import ObjectMeta
from podd.network import conntrack
from podd.network.config import NetworkConfig
from podd.network.conntrack import StaleFlow
from podd.network.dnssockets import dns_sockets
from podd.network.holder import PodNetwork
from podd.pidwatch import PidWatcher, Watch
from podd.sandbox import SandboxEnv, SandboxError
from podd.store.events import EventRecorder
from podd.store.repository import Store

log = logging.getLogger("podd.network")


@dataclasses.dataclass
class _Node:
    """What an event about this node names (the kubelet's node events)."""

    metadata: ObjectMeta


def sandbox_uids(env: SandboxEnv) -> set[str]:
    """Pods whose sandbox was completed (a state file), from the runtime dir."""
    root = env.runtime_dir / "pods"
    with contextlib.suppress(FileNotFoundError):
        return {p.name for p in root.iterdir() if (p / "sandbox.json").exists()}
    return set()


async def start_pod_network(
    settings: Settings, env: SandboxEnv
) -> tuple[SandboxEnv, PodNetwork | None, str | None]:
    """The env with the pod network wired in, or the reason it cannot be."""
    nft = shutil.which("nft") or shutil.which("nft", path="/usr/sbin:/sbin")
    if nft is None:
        return env, None, "network=bridge needs nft (the nftables package)"
    net = PodNetwork(
        Path(settings.runtime_dir) / "network",
        pause=env.pause,
        slirp4netns=env.slirp4netns,
        nft_binary=Path(nft),
        id_mapping=env.id_mapping,
        id_tools=env.id_tools,
        config=NetworkConfig(pod_cidr=settings.pod_cidr, mtu=env.mtu),
        cgroup=env.cgroups.create_network() if env.cgroups is not None else None,
        start_timeout=env.start_timeout,
        stop_timeout=env.stop_timeout,
    )
    try:
        await net.start()
        cleaned = await net.reconcile(sandbox_uids(env))
    except (SandboxError, OSError) as exc:
        log.error("pod network unavailable", extra={"error": str(exc)})
        return env, None, f"pod network: {exc}"
    if cleaned:
        log.info("pod network: released what gone pods held", extra={"pods": cleaned})
    return dataclasses.replace(env, pod_network=net), net, None


async def start_cluster_dns(
    store: Store, net: PodNetwork, settings: Settings, env: SandboxEnv
) -> ClusterDNS | None:
    """Cluster DNS on the bridge's address, for pods with dnsPolicy
    ClusterFirst; upstream: the host's resolvers, asked from podd's own
    network namespace. None (pods keep slirp4netns's resolver) on failure."""
    try:
        udp, tcp = await dns_sockets(net)
    except (SandboxError, OSError) as exc:
        log.error("cluster DNS unavailable", extra={"error": str(exc)})
        return None
    gateway = net.config.gateway
    config = DNSConfig(
        dns_ip=gateway,
        pod_cidr=settings.pod_cidr,
        service_cidr=settings.service_cidr,
        upstreams=host_upstreams(env.host_resolv.nameservers, exclude=[gateway]),
    )
    dns = ClusterDNS(store, config)
    try:
        await dns.start(udp=[udp], tcp=[tcp])
    except BaseException:
        udp.close()
        tcp.close()
        raise
    net.cluster_dns = gateway
    return dns


async def start_service_proxy(
    store: Store, net: PodNetwork, env: SandboxEnv, service_cidr: str
) -> ServiceProxy:
    """Services' rules in the network's kernel, nodePorts on 127.0.0.1."""

    async def forget(flows: list[StaleFlow]) -> object:
        return await conntrack.forget(env.pause, net.holder_pid, flows)

    proxy = ServiceProxy(
        store,
        net.load_rules,
        pod_cidr=net.config.pod_cidr,
        service_cidr=service_cidr,
        forget_udp=forget,
        node_ports=net.host_ports.publish_node_ports,
    )
    await proxy.start()
    return proxy


class NetworkSupervisor:
    """Restarts the pod network's slirp4netns when it exits."""

    def __init__(
        self,
        net: PodNetwork,
        env: SandboxEnv,
        watcher: PidWatcher,
        events: EventRecorder,
        node_name: Callable[[], str],
        proxy: ServiceProxy | None = None,
        wake: Callable[[str], None] | None = None,
        dns: ClusterDNS | None = None,
    ) -> None:
        self._net = net
        self._dns = dns  # moved onto the new network's sockets when rebuilt
        self._wake = wake  # each pod re-checks its sandbox: a new holder orphans them
        self._proxy = proxy  # told to reload when the network was rebuilt
        self._env = env
        self._watcher = watcher
        self._events = events
        self._node_name = node_name
        self._watch: Watch | None = None
        self._task: asyncio.Task[None] | None = None

    def arm(self) -> None:
        self._watch = self._watcher.watch(self._net.slirp.ref, self._died)

    def _died(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._restore(), name="pod network")

    async def _restore(self) -> None:
        dead = self._net.slirp.pid
        node = _Node(ObjectMeta(name=self._node_name(), namespace="default"))
        holder = self._net.holder_pid
        try:
            await self._net.start()
            await self._net.reconcile(sandbox_uids(self._env))
            if self._net.holder_pid != holder:
                if self._proxy is not None:
                    self._proxy.reload()
                if self._dns is not None:
                    udp, tcp = await dns_sockets(self._net)
                    await self._dns.rebind([udp], [tcp])
                wake = self._wake
                if wake is not None:  # their namespaces hang off the old holder: rebuilt
                    for uid in sandbox_uids(self._env):
                        wake(uid)
        except (SandboxError, OSError) as exc:
            await self._events.record(
                node,
                "Warning",
                "NetworkNotRestored",
                f"Pod network not restored: {exc}",
                kind="Node",
            )
            return
        forwards = len(self._net.host_ports.table.load())
        await self._events.record(
            node,
            "Warning",
            "NetworkRestored",
            f"slirp4netns {dead} of the pod network died; restarted as {self._net.slirp.pid} "
            f"with {forwards} host port(s)",
            kind="Node",
        )
        self.arm()

    async def close(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if not sandbox_uids(self._env):  # no pod needs it any more
            await self._net.stop()
