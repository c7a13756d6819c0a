"""Fixtures for the image integration tests (shared ones live in tests/support)."""

from tests.support.fixtures import (  # noqa: F401
    images_tmp,
    make_manager,
    pods_userns,
    registry,
    test_images,
)
