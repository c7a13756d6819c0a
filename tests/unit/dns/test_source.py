"""The DNS view follows the store: a real Store (SQLite), its change feed,
and the resolver's answers after each change."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import dns.message
import dns.rcode
import msgspec
import pytest

from podd.dns.records import Resolver
from podd.dns.source import DNSSource
from podd.model.meta import ObjectMeta
from podd.model.namespace import Namespace
from podd.model.pod import Pod
from podd.model.podstatus import PodIP, PodStatus
from podd.store import migrate
from podd.store.repository import Store

WAIT = 5.0


class Raw(msgspec.Struct, rename="camel", omit_defaults=True):
    """A Service/EndpointSlice in its wire form, for the store."""

    api_version: str
    kind: str
    metadata: ObjectMeta
    spec: dict[str, Any] | None = None
    address_type: str | None = None
    endpoints: list[dict[str, Any]] | None = None
    ports: list[dict[str, Any]] | None = None


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    db = tmp_path / "podd.db"
    await asyncio.to_thread(migrate.upgrade, db)
    s = Store(db)
    await s.open()
    yield s
    await s.close()


@pytest.fixture
async def source(store: Store) -> AsyncIterator[DNSSource]:
    src = DNSSource(store, Resolver(), clock=lambda: 1234.0)
    await src.start()
    yield src
    await src.stop()


def pod(name: str, ip: str | None, ns: str = "default") -> Pod:
    status = PodStatus(phase="Running", pod_ip=ip, pod_ips=[PodIP(ip=ip)] if ip else None)
    return Pod(metadata=ObjectMeta(name=name, namespace=ns), status=status)


def headless(name: str) -> Raw:
    return Raw(
        "v1",
        "Service",
        ObjectMeta(name=name, namespace="default"),
        spec={"clusterIP": "None", "clusterIPs": ["None"], "ports": [{"port": 80}]},
    )


def endpoint_slice(service: str, *ips: str) -> Raw:
    meta = ObjectMeta(
        name=f"{service}-x1", namespace="default", labels={"kubernetes.io/service-name": service}
    )
    return Raw(
        "discovery.k8s.io/v1",
        "EndpointSlice",
        meta,
        address_type="IPv4",
        endpoints=[{"addresses": [ip], "conditions": {"ready": True}} for ip in ips],
        ports=[{"name": "", "port": 80, "protocol": "TCP"}],
    )


def ask(source: DNSSource, name: str) -> tuple[int, list[str]]:
    reply = source.resolver.answer(dns.message.make_query(name, "A"))
    assert reply is not None
    return reply.rcode(), sorted(rd.to_text() for rrset in reply.answer for rd in rrset)


async def changed(source: DNSSource, generation: int) -> None:
    await asyncio.wait_for(source.wait_for(generation), WAIT)


async def test_start_lists_what_is_stored(store: Store) -> None:
    await store.create("Namespace", Namespace(metadata=ObjectMeta(name="team")))
    await store.create("Pod", pod("a", "10.88.0.5", "team"))
    src = DNSSource(store, Resolver(), clock=lambda: 99.0)
    await src.start()
    try:
        assert ask(src, "10-88-0-5.team.pod.cluster.local.") == (dns.rcode.NOERROR, ["10.88.0.5"])
        assert src.resolver.index.snapshot.serial == 99
    finally:
        await src.stop()


async def test_pods_and_services_followed(store: Store, source: DNSSource) -> None:
    gen = source.generation
    await store.create("Namespace", Namespace(metadata=ObjectMeta(name="default")))
    await changed(source, gen)
    name = "10-88-0-5.default.pod.cluster.local."
    assert ask(source, name)[0] == dns.rcode.NXDOMAIN

    gen = source.generation
    stored = await store.create("Pod", pod("a", "10.88.0.5"))
    await changed(source, gen)
    assert ask(source, name) == (dns.rcode.NOERROR, ["10.88.0.5"])

    gen = source.generation
    await store.create("Service", headless("web"))
    await store.create("EndpointSlice", endpoint_slice("web", "10.88.0.5", "10.88.0.6"))
    await changed(source, gen)
    for _ in range(2):  # the two creates may land in one snapshot or two
        if ask(source, "web.default.svc.cluster.local.")[1]:
            break
        await changed(source, source.generation)
    assert ask(source, "web.default.svc.cluster.local.") == (
        dns.rcode.NOERROR,
        ["10.88.0.5", "10.88.0.6"],
    )

    gen = source.generation
    await store.update("EndpointSlice", endpoint_slice("web", "10.88.0.6"))
    await changed(source, gen)
    assert ask(source, "web.default.svc.cluster.local.")[1] == ["10.88.0.6"]

    gen = source.generation
    await store.delete("Pod", pod("a", "10.88.0.5"), expected_uid=stored.uid)
    await changed(source, gen)
    assert ask(source, name)[0] == dns.rcode.NXDOMAIN


async def test_status_writes_that_change_nothing_build_no_snapshot(
    store: Store, source: DNSSource
) -> None:
    gen = source.generation
    p = pod("a", "10.88.0.5")
    await store.create("Pod", p)
    await changed(source, gen)
    gen = source.generation
    p.status.conditions = []  # nothing DNS reads
    await store.update("Pod", p)
    p.status.pod_ip = "10.88.0.9"  # the marker: this one matters
    p.status.pod_ips = [PodIP(ip="10.88.0.9")]
    await store.update("Pod", p)
    await changed(source, gen)
    assert source.generation == gen + 1
    assert ask(source, "10-88-0-9.default.pod.cluster.local.")[1] == ["10.88.0.9"]


async def test_an_overflowed_feed_relists(store: Store, source: DNSSource) -> None:
    sub = next(iter(store._subs["Pod"]))
    gen = source.generation
    store.unsubscribe(sub)  # what an overflow does: the queue ends with None
    await store.create("Pod", pod("late", "10.88.0.7"))
    await changed(source, gen)
    for _ in range(2):
        if ask(source, "10-88-0-7.default.pod.cluster.local.")[1]:
            break
        await changed(source, source.generation)
    assert ask(source, "10-88-0-7.default.pod.cluster.local.")[1] == ["10.88.0.7"]


async def test_a_failing_relist_is_tried_again(
    store: Store, source: DNSSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    import podd.dns.source as source_module

    monkeypatch.setattr(source_module, "RETRY", 0.01)
    real_query = store.query
    failures = [RuntimeError("database is locked"), RuntimeError("again")]

    async def flaky(*args: Any, **kwargs: Any) -> Any:
        if failures:
            raise failures.pop(0)
        return await real_query(*args, **kwargs)

    monkeypatch.setattr(store, "query", flaky)
    gen = source.generation
    store.unsubscribe(next(iter(store._subs["Pod"])))  # an overflow: relist
    await store.create("Pod", pod("after", "10.88.0.8"))
    async with asyncio.timeout(WAIT):
        while not ask(source, "10-88-0-8.default.pod.cluster.local.")[1]:
            await source.wait_for(gen)
            gen = source.generation
    assert failures == []
