"""The Service proxy: keeps the pod network's ``podd-services`` nft table in
step with Services and EndpointSlices, as kube-proxy does on a node.

It follows the store's change feed (Services, EndpointSlices) into an
in-memory copy of both, and one worker renders the whole table
(:mod:`podd.network.proxyplan`, :mod:`podd.network.proxyrules`) a moment
after a change (changes arriving together make one load) and loads it with
the ``load`` callable it was given (``PodNetwork.load_rules``) only when the
text changed. A readiness change is thus one feed hop, a short debounce and
one ``nft -f`` away from the kernel.

The first load after start replaces the table whole, so a restarted podd
leaves no duplicate; later loads change only what changed
(:mod:`podd.network.proxyload`) and keep the ClientIP affinity sets. A load
that fails is retried as a whole-table replacement (the namespace may have
been rebuilt); :meth:`ServiceProxy.reload` asks for one explicitly (the
caller rebuilt the network). After a load, UDP flows still pointing at
removed endpoints are forgotten through ``forget_udp``
(:func:`podd.network.conntrack.forget`), as kube-proxy clears them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import msgspec

from podd.model.endpointslice import EndpointSlice
from podd.model.service import Service
from podd.network.conntrack import StaleFlow, stale_udp_flows
from podd.network.proxyload import transaction
from podd.network.proxyplan import PortPlan, plan
from podd.network.proxyrules import Ruleset, render
from podd.store.feed import Change, Subscription
from podd.store.repository import Store

__all__ = ["ServiceProxy"]

log = logging.getLogger("podd.controller.serviceproxy")

FEED_KINDS = ("Service", "EndpointSlice")
DEBOUNCE = 0.05  # seconds: a burst of changes (a slice rewrite, a rollout) makes one load
RETRY = 1.0  # seconds before a failed load is tried again

T = TypeVar("T")
Key = tuple[str, str]
Loader = Callable[[str], Awaitable[None]]
Forgetter = Callable[[list[StaleFlow]], Awaitable[object]]
NodePorts = Callable[[set[tuple[int, str]]], Awaitable[None]]


class ServiceProxy:
    def __init__(
        self,
        store: Store,
        load: Loader,
        *,
        pod_cidr: str,
        service_cidr: str = "",
        masquerade_all: bool = True,
        forget_udp: Forgetter | None = None,
        node_ports: NodePorts | None = None,
        debounce: float = DEBOUNCE,
        retry: float = RETRY,
    ) -> None:
        self._store = store
        self._load = load
        self._pod_cidr = pod_cidr
        self._service_cidr = service_cidr
        self._masquerade_all = masquerade_all
        self._forget_udp = forget_udp
        self._node_ports = node_ports  # publishes (nodePort, protocol) on the host
        self._published: set[tuple[int, str]] | None = None
        self._plans: list[PortPlan] = []  # what the loaded rules were rendered from
        self._debounce = debounce
        self._retry = retry
        self._services: dict[Key, Service] = {}
        self._slices: dict[Key, EndpointSlice] = {}
        self._loaded: Ruleset | None = None  # what the kernel has, None when unknown
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self.synced = asyncio.Event()  # set while the kernel has the latest rendering
        self.loads = 0  # rulesets loaded (tests read it)

    # -- lifecycle ---------------------------------------------------------
    async def start(self) -> None:
        """Subscribe, list, load once (the whole table), then follow."""
        sub = self._store.subscribe(*FEED_KINDS)  # before listing: nothing is missed
        await self._relist()
        await self._sync()
        self._tasks = [
            asyncio.create_task(self._follow(sub), name="service proxy feed"),
            asyncio.create_task(self._work(), name="service proxy sync"),
        ]

    async def stop(self) -> None:
        """Stop following; the table stays (traffic keeps flowing)."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []

    def reload(self) -> None:
        """Replace the whole table at the next sync (the network was rebuilt)."""
        self._loaded = None
        self._kick()

    @property
    def ruleset(self) -> Ruleset | None:
        return self._loaded

    # -- the feed ----------------------------------------------------------
    async def _relist(self) -> None:
        services, _, _ = await self._store.query("Service")
        slices, _, _ = await self._store.query("EndpointSlice")
        self._services = {(s.namespace, s.name): _decode(s.data, Service) for s in services}
        self._slices = {(s.namespace, s.name): _decode(s.data, EndpointSlice) for s in slices}

    async def _follow(self, sub: Subscription) -> None:
        while True:
            change = await sub.queue.get()
            if change is None:  # overflowed: resubscribe and list again
                log.warning("service proxy feed overflowed; relisting")
                sub = self._store.subscribe(*FEED_KINDS)
                await self._relist()
                self._kick()
                continue
            try:
                self._changed(change)
            except Exception:
                log.exception("service proxy: change not handled", extra={"kind": change.kind})

    def _changed(self, change: Change) -> None:
        key = (change.namespace, change.name)
        if change.kind == "Service":
            if change.type == "DELETED":
                self._services.pop(key, None)
            else:
                self._services[key] = _decode(change.data, Service)
        elif change.type == "DELETED":
            self._slices.pop(key, None)
        else:
            self._slices[key] = _decode(change.data, EndpointSlice)
        self._kick()

    def _kick(self) -> None:
        self.synced.clear()
        self._wake.set()

    # -- rendering and loading ---------------------------------------------
    async def _work(self) -> None:
        while True:
            await self._wake.wait()
            await asyncio.sleep(self._debounce)
            self._wake.clear()  # changes from here on wake the next round
            await self._sync()

    async def _sync(self) -> None:
        plans = plan(self._services.values(), self._slices.values())
        rules = render(
            plans,
            pod_cidr=self._pod_cidr,
            service_cidr=self._service_cidr,
            masquerade_all=self._masquerade_all,
        )
        await self._publish(plans)
        if self._loaded is not None and rules == self._loaded:
            self._settled()
            return
        try:
            await self._apply(rules)
        except Exception as exc:
            log.error("service rules not loaded; retrying: %s", exc)
            asyncio.get_running_loop().call_later(self._retry, self._kick)
            return
        stale = stale_udp_flows(self._plans, plans)
        self._plans = plans
        if stale and self._forget_udp is not None:
            try:  # the rules are right already: a failure here only delays UDP clients
                await self._forget_udp(stale)
            except Exception as exc:
                log.warning("UDP flows to removed endpoints not forgotten: %s", exc)
        self._settled()

    async def _publish(self, plans: list[PortPlan]) -> None:
        """nodePorts on the host's 127.0.0.1 (the rules take them from tap0)."""
        wanted = {(p.node_port, p.protocol.upper()) for p in plans if p.node_port}
        if self._node_ports is None or wanted == self._published:
            return
        try:
            await self._node_ports(wanted)
            self._published = wanted
        except Exception as exc:
            log.error("nodePorts not published; retrying: %s", exc)
            asyncio.get_running_loop().call_later(self._retry, self._kick)

    async def _apply(self, rules: Ruleset) -> None:
        old, self._loaded = self._loaded, None  # unknown until a load succeeds
        try:
            for text in transaction(rules, old):
                await self._load(text)
        except Exception:
            if old is None:
                raise
            # The table is not what we last loaded (or an old kernel refused an
            # in-place change): replace it whole.
            log.warning("in-place load of the service rules failed; replacing the table")
            for text in transaction(rules, None):
                await self._load(text)
        self.loads += 1
        self._loaded = rules

    def _settled(self) -> None:
        if not self._wake.is_set():
            self.synced.set()


def _decode(data: bytes, kind: type[T]) -> T:
    return msgspec.json.decode(data, type=kind)
