"""The endpoints controller on a real store: Endpoints and EndpointSlices
follow pod readiness and labels, go with their Service, and what a killed
podd left behind is cleaned up at start."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from podd.controller.endpoints import EndpointsController
from podd.model.endpoints import Endpoints
from podd.model.endpointslice import EndpointSlice
from podd.model.pod import Pod
from podd.model.service import Service, default_service
from podd.store import migrate
from podd.store.repository import Store

NS = "default"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    db = tmp_path / "podd.db"
    await asyncio.to_thread(migrate.upgrade, db)
    s = Store(db)
    await s.open()
    yield s
    await s.close()


@pytest.fixture
async def controller(store: Store) -> AsyncIterator[EndpointsController]:
    c = EndpointsController(store)
    await c.start()
    yield c
    await c.stop()


async def eventually(check: Callable[[], Awaitable[Any]], what: str) -> Any:
    """Poll ``check`` until it returns something truthy (bounded: 10 s)."""
    for _ in range(200):
        got = await check()
        if got:
            return got
        await asyncio.sleep(0.05)
    raise AssertionError(f"never: {what}")


def service(name: str = "db", **spec: Any) -> Service:
    spec.setdefault("selector", {"app": "db"})
    spec.setdefault("ports", [{"port": 80}])
    spec.setdefault("clusterIP", "10.96.0.50")
    return default_service(
        msgspec.convert({"metadata": {"name": name, "namespace": NS}, "spec": spec}, Service)
    )


def pod(name: str, ip: str, *, ready: bool = True, app: str = "db") -> Pod:
    body = {
        "metadata": {"name": name, "namespace": NS, "labels": {"app": app}},
        "spec": {"containers": [{"name": "c", "image": "busybox"}]},
        "status": {
            "phase": "Running",
            "podIP": ip,
            "conditions": [{"type": "Ready", "status": "True" if ready else "False"}],
        },
    }
    return msgspec.convert(body, Pod)


async def endpoints(store: Store, name: str = "db") -> Endpoints | None:
    got = await store.get("Endpoints", NS, name)
    return msgspec.json.decode(got.data, type=Endpoints) if got else None


async def slices(store: Store) -> list[EndpointSlice]:
    items, _, _ = await store.query("EndpointSlice", NS)
    return [msgspec.json.decode(i.data, type=EndpointSlice) for i in items]


def ready_ips(ep: Endpoints | None) -> list[str]:
    return [a.ip for s in (ep.subsets or []) if ep for a in s.addresses or []] if ep else []


def not_ready_ips(ep: Endpoints | None) -> list[str]:
    return [a.ip for s in (ep.subsets or []) for a in s.not_ready_addresses or []] if ep else []


async def test_endpoints_follow_readiness_labels_and_the_service(
    store: Store, controller: EndpointsController
) -> None:
    await store.create("Pod", pod("a", "10.88.0.2"))
    await store.create("Pod", pod("b", "10.88.0.3", ready=False))
    await store.create("Pod", pod("web", "10.88.0.4", app="web"))
    svc = await store.create("Service", service())

    async def both() -> Any:
        ep = await endpoints(store)
        return ready_ips(ep) == ["10.88.0.2"] and not_ready_ips(ep) == ["10.88.0.3"]

    await eventually(both, "a ready, b not")
    (es,) = await eventually(lambda: slices(store), "a slice")
    assert es.metadata.owner_references and es.metadata.owner_references[0].uid == svc.uid
    assert {tuple(e.addresses): e.conditions.ready for e in es.endpoints or []} == {
        ("10.88.0.2",): True,
        ("10.88.0.3",): False,
    }

    # b becomes ready: the same slice is rewritten
    b = msgspec.json.decode((await store.get("Pod", NS, "b")).data, type=Pod)  # type: ignore[union-attr]
    assert b.status.conditions is not None
    b.status.conditions[0].status = "True"
    await store.update("Pod", b)

    async def both_ready() -> Any:
        return ready_ips(await endpoints(store)) == ["10.88.0.2", "10.88.0.3"]

    await eventually(both_ready, "b ready")
    (again,) = await eventually(lambda: _all_ready(store), "slice endpoints all ready")
    assert again.metadata.name == es.metadata.name

    # a relabelled out of the selector, then deleted: gone from the endpoints
    a = msgspec.json.decode((await store.get("Pod", NS, "a")).data, type=Pod)  # type: ignore[union-attr]
    a.metadata.labels = {"app": "other"}
    await store.update("Pod", a)

    async def only_b() -> Any:
        return ready_ips(await endpoints(store)) == ["10.88.0.3"]

    await eventually(only_b, "a relabelled away")

    # the Service goes: its Endpoints and slices with it
    current = msgspec.json.decode((await store.get("Service", NS, "db")).data, type=Service)  # type: ignore[union-attr]
    await store.delete("Service", current)

    async def gone() -> Any:
        return await endpoints(store) is None and await slices(store) == []

    await eventually(gone, "endpoints removed with the service")


async def _all_ready(store: Store) -> list[EndpointSlice]:
    got = await slices(store)
    if got and all(e.conditions.ready for s in got for e in s.endpoints or []):
        return got
    return []


async def test_start_removes_what_no_service_owns(store: Store) -> None:
    first = EndpointsController(store)
    await first.start()
    await store.create("Pod", pod("a", "10.88.0.2"))
    svc = service()
    await store.create("Service", svc)
    await eventually(lambda: slices(store), "a slice")
    await first.stop()  # as if killed: the Service goes while no controller runs
    current = msgspec.json.decode((await store.get("Service", NS, "db")).data, type=Service)  # type: ignore[union-attr]
    await store.delete("Service", current)
    assert await endpoints(store) is not None
    second = EndpointsController(store)
    await second.start()
    try:
        assert await endpoints(store) is None
        assert await slices(store) == []
    finally:
        await second.stop()


async def test_selectorless_service_keeps_client_endpoints(
    store: Store, controller: EndpointsController
) -> None:
    body = {
        "metadata": {"name": "ext", "namespace": NS},
        "subsets": [{"addresses": [{"ip": "192.0.2.1"}], "ports": [{"port": 80}]}],
    }
    await store.create("Endpoints", msgspec.convert(body, Endpoints))
    await store.create("Service", service("ext", selector=None))
    await store.create("Pod", pod("a", "10.88.0.2"))
    controller.synced.clear()
    await store.create("Service", service("db", clusterIP="10.96.0.51"))
    await eventually(lambda: endpoints(store, "db"), "db endpoints")
    assert ready_ips(await endpoints(store, "ext")) == ["192.0.2.1"]


async def test_client_endpoints_of_a_selectorless_service_are_mirrored(
    store: Store, controller: EndpointsController
) -> None:
    body: dict[str, Any] = {
        "metadata": {"name": "ext", "namespace": NS, "labels": {"team": "a"}},
        "subsets": [
            {
                "addresses": [{"ip": "192.0.2.1"}],
                "notReadyAddresses": [{"ip": "192.0.2.2"}],
                "ports": [{"name": "http", "port": 80}],
            }
        ],
    }
    # the Endpoints first, as a manifest may list them: kept, mirrored once the Service comes
    stored_ep = await store.create("Endpoints", msgspec.convert(body, Endpoints))
    await store.create(
        "Service", service("ext", selector=None, ports=[{"name": "http", "port": 80}])
    )

    async def mirrored() -> list[EndpointSlice]:
        return [s for s in await slices(store) if s.metadata.labels and "team" in s.metadata.labels]

    (es,) = await eventually(mirrored, "a mirrored slice")
    assert es.metadata.labels == {
        "team": "a",
        "kubernetes.io/service-name": "ext",
        "endpointslice.kubernetes.io/managed-by": "endpointslicemirroring-controller.k8s.io",
    }
    owner = (es.metadata.owner_references or [])[0]
    assert (owner.kind, owner.uid) == ("Endpoints", stored_ep.uid)
    assert {e.addresses[0]: e.conditions.ready for e in es.endpoints or []} == {
        "192.0.2.1": True,
        "192.0.2.2": False,
    }
    assert [(p.name, p.port) for p in es.ports or []] == [("http", 80)]

    # the client changes its Endpoints: the mirror follows, under the same name
    ep = await endpoints(store, "ext")
    assert ep is not None and ep.subsets
    ep.subsets[0].not_ready_addresses = None
    await store.update("Endpoints", ep)

    async def one_address() -> list[EndpointSlice]:
        got = await mirrored()
        return got if got and len(got[0].endpoints or []) == 1 else []

    (again,) = await eventually(one_address, "the mirror updated")
    assert again.metadata.name == es.metadata.name

    # skip-mirror: no mirror
    ep = await endpoints(store, "ext")
    assert ep is not None
    ep.metadata.labels = {"endpointslice.kubernetes.io/skip-mirror": "true"}
    await store.update("Endpoints", ep)

    async def no_mirror() -> bool:
        return not [s for s in await slices(store) if s.metadata.name == es.metadata.name]

    await eventually(no_mirror, "the mirror removed")
