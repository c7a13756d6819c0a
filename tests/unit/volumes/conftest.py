"""Unit tests of podd.volumes: real temp dirs (removed after each test) and pod builders."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from podd.model.container import Container, ResourceRequirements
from podd.model.meta import ObjectMeta
from podd.model.pod import Pod, PodSpec
from podd.model.volume import Volume


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    """Like pytest's, but removed at once (pytest keeps its last runs)."""
    path = Path(tempfile.mkdtemp(prefix="podd-unit-volumes-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def make_pod(*volumes: Volume, limits: dict[str, str] | None = None) -> Pod:
    resources = ResourceRequirements(limits=dict(limits)) if limits else None
    return Pod(
        metadata=ObjectMeta(
            name="web",
            namespace="team",
            uid="6f1c2d3e-0000-4000-8000-000000000001",
            labels={"app": "web", "tier": "front"},
            annotations={"note": 'say "hi"\n', "build": "42"},
        ),
        spec=PodSpec(
            volumes=list(volumes),
            containers=[Container(name="app", image="busybox", resources=resources)],
        ),
    )
