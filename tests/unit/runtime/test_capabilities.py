"""Capability math: default set, drop, add, ALL."""

from __future__ import annotations

import pytest

from podd.runtime.capabilities import (
    ALL_CAPABILITIES,
    DEFAULT_CAPABILITIES,
    compute_capabilities,
    normalize,
)
from podd.runtime.errors import CreateContainerError


def test_default_set() -> None:
    caps = compute_capabilities(None, None)
    assert sorted(caps) == sorted(DEFAULT_CAPABILITIES) and len(caps) == 14
    assert caps == sorted(caps, key=ALL_CAPABILITIES.index)  # kernel order


@pytest.mark.parametrize(
    ("add", "drop", "expected"),
    [
        ([], ["ALL"], []),
        (["NET_BIND_SERVICE"], ["ALL"], ["CAP_NET_BIND_SERVICE"]),
        (["ALL"], [], list(ALL_CAPABILITIES)),
        (["ALL"], ["CHOWN"], [c for c in ALL_CAPABILITIES if c != "CAP_CHOWN"]),
        (["ALL"], ["ALL"], []),
        (["sys_admin"], ["net_raw", "CAP_MKNOD"],
         sorted(set(DEFAULT_CAPABILITIES) - {"CAP_NET_RAW", "CAP_MKNOD"} | {"CAP_SYS_ADMIN"},
                key=ALL_CAPABILITIES.index)),
        (["CHOWN"], ["CHOWN"], sorted(set(DEFAULT_CAPABILITIES) - {"CAP_CHOWN"}, key=ALL_CAPABILITIES.index)),  # noqa: E501
    ],
)  # fmt: skip
def test_add_and_drop(add: list[str], drop: list[str], expected: list[str]) -> None:
    assert compute_capabilities(add, drop) == expected


def test_all_means_what_is_available() -> None:
    assert compute_capabilities(["ALL"], [], available=ALL_CAPABILITIES[:3]) == list(
        ALL_CAPABILITIES[:3]
    )


def test_unknown_names() -> None:
    with pytest.raises(CreateContainerError, match="unknown capability 'NOPE' to add"):
        compute_capabilities(["NOPE"], [])
    with pytest.raises(CreateContainerError, match="to drop"):
        compute_capabilities([], ["CAP_NOPE"])


def test_normalize() -> None:
    assert normalize("net_admin") == "CAP_NET_ADMIN" == normalize(" CAP_NET_ADMIN ")
    assert normalize("all") == "ALL"
