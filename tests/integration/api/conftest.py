"""Fixtures for API tests that need a registry and the test images."""

from tests.support.fixtures import registry, test_images  # noqa: F401
