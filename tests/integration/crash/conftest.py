"""The containers tests' podd (a real local registry with the test images,
short restart backoffs so flapping containers come back within seconds)."""

from __future__ import annotations

from tests.integration.containers.conftest import busybox, podd  # noqa: F401
from tests.support.fixtures import registry, test_images  # noqa: F401
