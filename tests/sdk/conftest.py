"""A live podd for the SDK's tests: its unix socket, HTTPS through the
kubeconfig ``podd kubeconfig`` writes, a local registry with the test images,
and a short watch history (so that a too old resourceVersion is reachable)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from podd_client import Podd

from tests.e2e.conftest import Kubeconfig, start_podd, stop_podd, write_kubeconfig
from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry

WATCH_HISTORY = 20


@dataclass(frozen=True)
class LivePodd:
    proc: PoddProcess
    kubeconfig: Kubeconfig
    image: str


@pytest.fixture(scope="package")
def live(
    tmp_path_factory: pytest.TempPathFactory,
    registry: Registry,  # noqa: F811
) -> Iterator[LivePodd]:
    base = tmp_path_factory.mktemp("podd-sdk")
    proc = start_podd(
        base,
        "--listen",
        "127.0.0.1:0",
        "--insecure-registry",
        registry.host,
        "--watch-history",
        str(WATCH_HISTORY),
    )
    try:
        kc = write_kubeconfig(proc, base / "kubeconfig")
        yield LivePodd(proc, kc, f"{registry.host}/library/busybox:1.36")
    finally:
        stop_podd(proc)


@pytest.fixture(params=["socket", "https"])
def podd(request: pytest.FixtureRequest, live: LivePodd) -> Iterator[Podd]:
    """The SDK over the unix socket, then over HTTPS with the kubeconfig."""
    if request.param == "socket":
        client = Podd(live.proc.socket)
    else:
        client = Podd(kubeconfig=live.kubeconfig.path)
    with client:
        yield client


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


def runtime_dir_for(proc: PoddProcess, where: Path) -> Path:
    """An XDG_RUNTIME_DIR whose podd/podd.sock is ``proc``'s socket (the SDK's default)."""
    where.mkdir(parents=True, exist_ok=True)
    (where / "podd").symlink_to(proc.socket.parent)
    return where
