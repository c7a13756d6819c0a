"""A podd that pulls the test images from a real local registry, with short
restart backoffs (flapping containers come back within seconds)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry


@pytest.fixture
def podd(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[PoddProcess]:  # noqa: F811
    proc = PoddProcess(
        tmp_path_factory.mktemp("podd"),
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
