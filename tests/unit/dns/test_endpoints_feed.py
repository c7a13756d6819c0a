"""Cluster DNS following the real endpoints controller: Services and pods
written to a real Store, EndpointSlices made by podd's controller, answers
changing with pod readiness."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import dns.message
import dns.rcode
import pytest

from podd.controller.endpoints import EndpointsController
from podd.dns.records import Resolver
from podd.dns.source import DNSSource
from podd.model.container import Container
from podd.model.meta import ObjectMeta
from podd.model.namespace import Namespace
from podd.model.pod import Pod, PodSpec
from podd.model.podstatus import PodCondition, PodIP, PodStatus
from podd.model.service import Service, ServicePort, ServiceSpec, default_service
from podd.store import migrate
from podd.store.repository import Store

WAIT = 5.0


@pytest.fixture
async def feeds(tmp_path: Path) -> AsyncIterator[tuple[Store, DNSSource]]:
    db = tmp_path / "podd.db"
    await asyncio.to_thread(migrate.upgrade, db)
    store = Store(db)
    await store.open()
    await store.create("Namespace", Namespace(metadata=ObjectMeta(name="default")))
    controller = EndpointsController(store)
    await controller.start()
    source = DNSSource(store, Resolver())
    await source.start()
    yield store, source
    await source.stop()
    await controller.stop()
    await store.close()


def pod(name: str, ip: str, ready: bool, **spec: str) -> Pod:
    return Pod(
        metadata=ObjectMeta(name=name, namespace="default", labels={"app": "db"}),
        spec=PodSpec(containers=[Container(name="c", image="busybox")], **spec),  # type: ignore[arg-type]
        status=PodStatus(
            phase="Running",
            pod_ip=ip,
            pod_ips=[PodIP(ip=ip)],
            conditions=[PodCondition(type="Ready", status="True" if ready else "False")],
        ),
    )


def service(name: str, cluster_ip: str | None) -> Service:
    spec = ServiceSpec(selector={"app": "db"}, ports=[ServicePort(port=80)], cluster_ip=cluster_ip)
    return default_service(Service(metadata=ObjectMeta(name=name, namespace="default"), spec=spec))


def answer(source: DNSSource, name: str) -> tuple[int, list[str]]:
    reply = source.resolver.answer(dns.message.make_query(name, "A"))
    assert reply is not None
    return reply.rcode(), sorted(rd.to_text() for rrset in reply.answer for rd in rrset)


async def until(source: DNSSource, name: str, expected: tuple[int, list[str]]) -> None:
    """Wait (bounded) for the answer; the controller writes in its own time."""
    async with asyncio.timeout(WAIT):
        while answer(source, name) != expected:
            await source.wait_for(source.generation)


async def test_headless_service_follows_readiness(feeds: tuple[Store, DNSSource]) -> None:
    store, source = feeds
    await store.create("Service", service("db", "None"))
    name = "db.default.svc.cluster.local."
    await until(source, name, (dns.rcode.NXDOMAIN, []))
    a = pod("db-0", "10.88.0.5", True, hostname="db-0", subdomain="db")
    await store.create("Pod", a)
    await store.create("Pod", pod("db-1", "10.88.0.6", False))
    await until(source, name, (dns.rcode.NOERROR, ["10.88.0.5"]))
    await until(source, "db-0.db.default.svc.cluster.local.", (dns.rcode.NOERROR, ["10.88.0.5"]))
    b = pod("db-1", "10.88.0.6", True)
    await store.update("Pod", b)
    await until(source, name, (dns.rcode.NOERROR, ["10.88.0.5", "10.88.0.6"]))
    a.status.conditions = [PodCondition(type="Ready", status="False")]
    await store.update("Pod", a)
    await until(source, name, (dns.rcode.NOERROR, ["10.88.0.6"]))


async def test_clusterip_service_answers_its_ip(feeds: tuple[Store, DNSSource]) -> None:
    store, source = feeds
    stored = await store.create("Service", service("web", "10.96.0.42"))
    await until(source, "web.default.svc.cluster.local.", (dns.rcode.NOERROR, ["10.96.0.42"]))
    svc = service("web", "10.96.0.42")
    await store.delete("Service", svc, expected_uid=stored.uid)
    await until(source, "web.default.svc.cluster.local.", (dns.rcode.NXDOMAIN, []))
