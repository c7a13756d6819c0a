"""A podd that can pull the test images from a real local registry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry


def _podd(tmp: pytest.TempPathFactory, registry: Registry, *extra: str) -> Iterator[PoddProcess]:  # noqa: F811
    proc = PoddProcess(
        tmp.mktemp("podd"),
        *extra,
        "--insecure-registry",
        registry.host,
        "--backoff-initial",
        "1",
        "--backoff-max",
        "4",
        "--backoff-reset",
        "5",
    )
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


@pytest.fixture
def podd(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[PoddProcess]:  # noqa: F811
    yield from _podd(tmp_path_factory, registry)


@pytest.fixture
def podd_slirp(
    tmp_path_factory: pytest.TempPathFactory,
    registry: Registry,  # noqa: F811
) -> Iterator[PoddProcess]:
    """A podd whose pods each get a slirp4netns of their own (--network slirp)."""
    yield from _podd(tmp_path_factory, registry, "--network", "slirp")


@pytest.fixture
def busybox(registry: Registry) -> str:  # noqa: F811
    return f"{registry.host}/library/busybox:1.36"
