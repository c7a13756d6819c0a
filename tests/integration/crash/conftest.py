"""The containers tests' podd (a real local registry with the test images,
short restart backoffs so flapping containers come back within seconds)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.integration.containers.conftest import _podd, busybox  # noqa: F401
from tests.integration.crash.workload import FAKE_GPU, GPUS
from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry


@pytest.fixture
def podd(
    tmp_path_factory: pytest.TempPathFactory,
    registry: Registry,  # noqa: F811
) -> Iterator[PoddProcess]:
    """The containers tests' podd with a CDI spec of GPUS fake devices
    (``podd.test/gpu``, each the host's /dev/null) that some pods ask for."""
    spec_dir = tmp_path_factory.mktemp("cdi")
    devices = [
        {
            "name": str(i),
            "containerEdits": {
                "deviceNodes": [{"path": f"/dev/fakegpu{i}", "hostPath": "/dev/null"}]
            },
        }
        for i in range(GPUS)
    ]
    spec = {"cdiVersion": "0.6.0", "kind": FAKE_GPU, "devices": devices}
    (spec_dir / "gpus.json").write_text(json.dumps(spec))
    yield from _podd(tmp_path_factory, registry, "--cdi-spec-dir", str(spec_dir))
