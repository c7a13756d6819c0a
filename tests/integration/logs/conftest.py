"""Logs through a real podd: the test images from a real local registry."""

from __future__ import annotations

from tests.support.fixtures import registry, test_images  # noqa: F401
