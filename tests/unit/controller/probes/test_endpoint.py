"""Probe ports: by number or by the container port's name."""

from __future__ import annotations

import pytest

from podd.controller.probes.endpoint import PortError, resolve_port
from podd.model.container import ContainerPort

PORTS = [ContainerPort(name="http", container_port=8080), ContainerPort(container_port=9090)]


@pytest.mark.parametrize(
    ("port", "expected"),
    [(8080, 8080), ("http", 8080), ("9090", 9090), (1, 1), (65535, 65535)],
)
def test_resolve_port(port: int | str, expected: int) -> None:
    assert resolve_port(port, PORTS) == expected


@pytest.mark.parametrize(
    ("port", "message"),
    [
        ("metrics", "port 'metrics' not found in the container's ports"),
        (0, "invalid port number: 0"),
        (70000, "invalid port number: 70000"),
        ("-1", "invalid port number: -1"),
    ],
)
def test_resolve_port_errors(port: int | str, message: str) -> None:
    with pytest.raises(PortError) as info:
        resolve_port(port, PORTS)
    assert str(info.value) == message
