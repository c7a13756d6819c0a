"""Fixtures for the volume integration tests (shared ones live in tests/support)."""

from tests.support.fixtures import pods_userns  # noqa: F401
