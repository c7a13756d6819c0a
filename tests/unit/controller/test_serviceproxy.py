"""The Service proxy on a real store, fed by the real endpoints controller:
what it hands to ``load`` (the nft text) follows Services and pod readiness,
is loaded only when it changed, replaces the table whole on a first load and
after a failed one; UDP flows to removed endpoints are forgotten after."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path

import msgspec
import pytest

from podd.controller.endpoints import EndpointsController
from podd.controller.serviceproxy import ServiceProxy
from podd.model.pod import Pod
from podd.model.service import Service
from podd.network.conntrack import StaleFlow
from podd.network.proxyrules import TABLE
from podd.store import migrate
from podd.store.repository import Store
from tests.unit.controller.test_endpoints import NS, eventually, pod, service

CIDR = "10.88.0.0/16"


class Loads:
    """The ``load`` callable: records each text; can be told to fail once."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.fail_next = False

    async def __call__(self, text: str) -> None:
        self.texts.append(text)
        if self.fail_next:
            self.fail_next = False
            raise RuntimeError("nft -f failed (1): Error: No such file or directory")

    @property
    def last(self) -> str:
        return self.texts[-1]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    db = tmp_path / "podd.db"
    await asyncio.to_thread(migrate.upgrade, db)
    s = Store(db)
    await s.open()
    endpoints = EndpointsController(s)
    await endpoints.start()
    yield s
    await endpoints.stop()
    await s.close()


def dnat_targets(text: str) -> list[str]:
    return sorted(set(re.findall(r"dnat to (\S+)", text)))


def loaded(proxy: ServiceProxy) -> str:
    """The whole table as the proxy last loaded it."""
    return proxy.ruleset.body if proxy.ruleset is not None else ""


def is_full(text: str) -> bool:
    return text.startswith(f"table ip {TABLE}\ndelete table ip {TABLE}\n")


async def set_ready(store: Store, name: str, ready: bool) -> None:
    got = await store.get("Pod", NS, name)
    assert got is not None
    p = msgspec.json.decode(got.data, type=Pod)
    assert p.status.conditions is not None
    p.status.conditions[0].status = "True" if ready else "False"
    await store.update("Pod", p)


async def test_rules_follow_readiness_and_load_only_changes(store: Store) -> None:
    await store.create("Pod", pod("a", "10.88.0.2"))
    await store.create("Pod", pod("b", "10.88.0.3"))
    await store.create("Service", service(ports=[{"port": 80, "targetPort": 8080}]))
    loads = Loads()
    proxy = ServiceProxy(store, loads, pod_cidr=CIDR)

    async def two() -> bool:  # the endpoints controller wrote the slice
        got = await store.query("EndpointSlice")
        return bool(got[0]) and b"10.88.0.3" in got[0][0].data

    await eventually(two, "a slice with both pods")
    await proxy.start()
    try:
        assert len(loads.texts) == 1 and is_full(loads.last)  # first load: whole table
        assert dnat_targets(loads.last) == ["10.88.0.2:8080", "10.88.0.3:8080"]
        assert "10.96.0.50 . tcp . 80 : goto service-" in loads.last

        # b fails its readiness: one in-place load, a alone serves
        await set_ready(store, "b", False)

        async def only_a() -> bool:
            return dnat_targets(loaded(proxy)) == ["10.88.0.2:8080"]

        await eventually(only_a, "b's endpoint gone from the rules")
        # in place: the Service's chain refilled, b's endpoint chain deleted
        assert not is_full(loads.last) and loads.last.count("delete chain") == 1

        # a change that renders the same (a label) loads nothing
        await proxy.synced.wait()
        count = len(loads.texts)
        got = await store.get("Service", NS, "db")
        assert got is not None
        svc = msgspec.json.decode(got.data, type=Service)
        svc.metadata.labels = {"tier": "backend"}
        await store.update("Service", svc)
        await eventually(lambda: _is_set(proxy.synced), "the proxy settled")
        assert len(loads.texts) == count

        # nobody ready: the port is rejected instead
        await set_ready(store, "a", False)

        async def rejected() -> bool:
            return "10.96.0.50 . tcp . 80 : goto reject-chain" in loaded(proxy)

        await eventually(rejected, "no endpoints: reject")
        assert dnat_targets(loaded(proxy)) == []
        assert f"delete element ip {TABLE} service-ips {{ 10.96.0.50 . tcp . 80 }}" in loads.last
    finally:
        await proxy.stop()


async def test_a_failed_load_is_retried_as_a_whole_table(store: Store) -> None:
    await store.create("Service", service())
    loads = Loads()
    proxy = ServiceProxy(store, loads, pod_cidr=CIDR, retry=0.05)
    await proxy.start()
    try:
        loads.fail_next = True  # the next in-place load fails (the table was lost)
        await store.create("Pod", pod("a", "10.88.0.2"))

        async def reloaded() -> bool:
            return len(loads.texts) >= 3 and dnat_targets(loads.last) == ["10.88.0.2:80"]

        await eventually(reloaded, "the rules loaded again")
        failed, replaced = loads.texts[-2:]
        assert not is_full(failed) and is_full(replaced)
        assert proxy.loads == 2
    finally:
        await proxy.stop()


async def test_a_restarted_proxy_replaces_the_table_and_reload_forces_it(store: Store) -> None:
    await store.create("Pod", pod("a", "10.88.0.2"))
    await store.create("Service", service())
    first = Loads()
    proxy = ServiceProxy(store, first, pod_cidr=CIDR)
    await proxy.start()

    async def serving() -> bool:
        return dnat_targets(first.last) == ["10.88.0.2:80"]

    await eventually(serving, "a's endpoint in the rules")
    await proxy.stop()
    again = Loads()
    restarted = ServiceProxy(store, again, pod_cidr=CIDR)
    await restarted.start()
    try:
        assert is_full(again.texts[0]) and dnat_targets(again.texts[0]) == ["10.88.0.2:80"]
        restarted.reload()  # e.g. the network namespace was rebuilt
        await eventually(lambda: _count(again, 2), "a second load")
        assert is_full(again.last) and again.last == again.texts[0]
    finally:
        await restarted.stop()


async def _is_set(event: asyncio.Event) -> bool:
    return event.is_set()


async def _count(loads: Loads, n: int) -> bool:
    return len(loads.texts) >= n


async def test_udp_flows_to_a_removed_endpoint_are_forgotten_after_the_load(store: Store) -> None:
    await store.create("Pod", pod("a", "10.88.0.2"))
    await store.create("Pod", pod("b", "10.88.0.3"))
    udp = [{"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 5353}]
    await store.create("Service", service(ports=udp))
    loads = Loads()
    forgotten: list[list[StaleFlow]] = []

    async def forget(flows: list[StaleFlow]) -> None:
        assert loaded(proxy).count("dnat to") == 1  # the rules first, then the flows
        forgotten.append(flows)

    proxy = ServiceProxy(store, loads, pod_cidr=CIDR, forget_udp=forget)

    async def both() -> bool:
        return dnat_targets(loaded(proxy)) == ["10.88.0.2:5353", "10.88.0.3:5353"]

    await proxy.start()
    try:
        await eventually(both, "both endpoints in the rules")
        assert forgotten == []  # endpoints only came
        await set_ready(store, "b", False)
        await eventually(lambda: _count_flows(forgotten), "b's flows forgotten")
        assert forgotten == [[StaleFlow(53, "10.88.0.3", "10.96.0.50")]]
    finally:
        await proxy.stop()


async def _count_flows(forgotten: list[list[StaleFlow]]) -> bool:
    return bool(forgotten)
