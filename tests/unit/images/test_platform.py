"""Platforms: the host's, parsed from strings, normalized as containerd does."""

from __future__ import annotations

import pytest

from podd.images.errors import InvalidReferenceError
from podd.images.platform import Platform, host_platform, normalize, parse_platform


@pytest.mark.parametrize(
    ("machine", "expected"),
    [
        ("x86_64", "linux/amd64"),
        ("aarch64", "linux/arm64/v8"),
        ("armv7l", "linux/arm/v7"),
        ("armv6l", "linux/arm/v6"),
        ("i686", "linux/386"),
        ("ppc64le", "linux/ppc64le"),
        ("s390x", "linux/s390x"),
        ("riscv64", "linux/riscv64"),
    ],
)
def test_host_platform_mapping(machine: str, expected: str) -> None:
    assert str(normalize(Platform(machine))) == expected


def test_host_platform_is_normalized() -> None:
    assert host_platform() == normalize(host_platform())


def test_parse_platform() -> None:
    assert parse_platform("linux/arm64") == Platform("arm64", variant="v8")
    assert parse_platform("arm64") == Platform("arm64", variant="v8")
    assert parse_platform("linux/arm/7") == Platform("arm", variant="v7")
    assert parse_platform("linux/amd64") == Platform("amd64")
    for bad in ("", "a/b/c/d", "linux//x"):
        with pytest.raises(InvalidReferenceError):
            parse_platform(bad)
