import asyncio
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from podd.sandbox.errors import (
    PortForwardError,
    PortInUseError,
    PortPrivilegedError,
    SlirpAPIError,
)
from podd.sandbox.portfwd import (
    HostFwd,
    SlirpClient,
    check_host_port,
    endpoint,
    port_error,
    unprivileged_port_start,
)


def test_endpoint() -> None:
    assert endpoint("127.0.0.1", 8080, "tcp") == "127.0.0.1:8080/TCP"
    assert endpoint("::1", 53, "UDP") == "[::1]:53/UDP"


def test_unprivileged_port_start(tmp_path: Path) -> None:
    f = tmp_path / "start"
    f.write_text("80\n")
    assert unprivileged_port_start(f) == 80
    assert unprivileged_port_start(tmp_path / "missing") == 1024


@pytest.fixture
def taken_tcp() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


def test_check_tcp_port_in_use(taken_tcp: int) -> None:
    with pytest.raises(PortInUseError) as info:
        check_host_port("127.0.0.1", taken_tcp, "TCP", unprivileged_start=1024)
    assert str(info.value) == f"127.0.0.1:{taken_tcp}/TCP: address already in use"


def test_check_udp_port_in_use() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        with pytest.raises(PortInUseError, match=f"127.0.0.1:{port}/UDP: address already in use"):
            check_host_port("127.0.0.1", port, "UDP", unprivileged_start=1024)


def test_check_free_port_passes() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    check_host_port("127.0.0.1", port, "TCP", unprivileged_start=1024)


def test_check_privileged_and_out_of_range() -> None:
    with pytest.raises(PortPrivilegedError, match=r"127.0.0.1:80/TCP: port is privileged"):
        check_host_port("127.0.0.1", 80, "TCP", unprivileged_start=1024)
    with pytest.raises(PortForwardError, match="out of range"):
        check_host_port("127.0.0.1", 70000, "TCP", unprivileged_start=0)


def test_port_error_mapping() -> None:
    import errno

    assert isinstance(port_error("x", errno.EADDRINUSE), PortInUseError)
    assert isinstance(port_error("x", errno.EACCES), PortPrivilegedError)
    assert "not available" in str(port_error("x", errno.EADDRNOTAVAIL))
    assert "EINVAL" in str(port_error("x", errno.EINVAL))


class FakeSlirpAPI:
    """Speaks the slirp4netns API wire protocol (request to EOF, reply, close)."""

    def __init__(self, replies: list[bytes]) -> None:
        self.replies = replies
        self.requests: list[dict[str, object]] = []

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.requests.append(json.loads(await reader.read()))
        writer.write(self.replies.pop(0))
        await writer.drain()
        writer.close()


async def _serve(tmp_path: Path, replies: list[bytes]) -> tuple[FakeSlirpAPI, asyncio.Server]:
    api = FakeSlirpAPI(replies)
    server = await asyncio.start_unix_server(api.handle, path=str(tmp_path / "api.sock"))
    return api, server


async def test_client_round_trips(tmp_path: Path) -> None:
    api, server = await _serve(
        tmp_path,
        [
            b'{"return":{"id":7}}',
            b'{"entries":[{"id":7,"proto":"tcp","host_addr":"127.0.0.1","host_port":8080,'
            b'"guest_addr":"10.0.2.100","guest_port":80}]}',
            b'{"return":{}}',
        ],
    )
    async with server:
        client = SlirpClient(tmp_path / "api.sock")
        assert await client.add_hostfwd("127.0.0.1", 8080, "10.0.2.100", 80) == 7
        assert await client.list_hostfwd() == [
            HostFwd(7, "tcp", "127.0.0.1", 8080, "10.0.2.100", 80)
        ]
        await client.remove_hostfwd(7)
    assert api.requests == [
        {
            "execute": "add_hostfwd",
            "arguments": {
                "proto": "tcp",
                "host_addr": "127.0.0.1",
                "host_port": 8080,
                "guest_addr": "10.0.2.100",
                "guest_port": 80,
            },
        },
        {"execute": "list_hostfwd"},
        {"execute": "remove_hostfwd", "arguments": {"id": 7}},
    ]


async def test_generic_failure_becomes_port_in_use(tmp_path: Path, taken_tcp: int) -> None:
    _, server = await _serve(
        tmp_path, [b'{"error":{"desc":"bad request: add_hostfwd: slirp_add_hostfwd failed"}}']
    )
    async with server:
        client = SlirpClient(tmp_path / "api.sock")
        with pytest.raises(
            PortInUseError, match=f"127.0.0.1:{taken_tcp}/TCP: address already in use"
        ):
            await client.add_hostfwd("127.0.0.1", taken_tcp, "10.0.2.100", 80)


async def test_other_errors_and_bad_replies(tmp_path: Path) -> None:
    _, server = await _serve(tmp_path, [b'{"error":{"desc":"bad request: unknown"}}', b"not json"])
    async with server:
        client = SlirpClient(tmp_path / "api.sock")
        with pytest.raises(SlirpAPIError, match="unknown"):
            await client.list_hostfwd()
        with pytest.raises(SlirpAPIError, match="bad reply"):
            await client.list_hostfwd()
    with pytest.raises(SlirpAPIError):
        await SlirpClient(tmp_path / "gone.sock").list_hostfwd()
