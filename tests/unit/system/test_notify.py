"""sd_notify datagrams, sent to a real AF_UNIX datagram socket the test binds."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from podd.system.notify import Notifier, socket_address


@pytest.fixture
def manager(tmp_path: Path) -> Iterator[socket.socket]:
    """What the service manager listens on."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(5)
    yield sock
    sock.close()


def test_socket_address() -> None:
    assert socket_address("/run/user/1000/systemd/notify") == "/run/user/1000/systemd/notify"
    assert socket_address("@abstract/name") == "\0abstract/name"
    assert socket_address("vsock:2:1234") is None


def test_from_environ_takes_the_variable_out(manager: socket.socket) -> None:
    env = {"NOTIFY_SOCKET": manager.getsockname(), "PATH": "/usr/bin"}
    notifier = Notifier.from_environ(env)
    assert env == {"PATH": "/usr/bin"}  # children never inherit it
    assert notifier.notify("READY=1", "STATUS=serving")
    assert manager.recv(4096) == b"READY=1\nSTATUS=serving"


def test_abstract_socket() -> None:
    name = f"podd-test-notify-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(5)
        notifier = Notifier.from_environ({"NOTIFY_SOCKET": "@" + name})
        notifier.stopping("SIGTERM")
        assert sock.recv(4096) == b"STOPPING=1\nSTATUS=stopping: SIGTERM"


def test_without_a_manager_nothing_is_sent(tmp_path: Path) -> None:
    assert not Notifier.from_environ({}).notify("READY=1")
    # A manager gone away: a warning, never an exception.
    assert not Notifier(str(tmp_path / "gone")).notify("READY=1")


@dataclass
class Server:
    started: bool = False
    should_exit: bool = False


async def test_ready_once_every_server_started(manager: socket.socket) -> None:
    servers = [Server(), Server()]
    notifier = Notifier(manager.getsockname())
    notifier.ready_when(servers, "serving on /s")
    servers[0].started = True
    await asyncio.sleep(0.05)
    manager.setblocking(False)
    with pytest.raises(BlockingIOError):
        manager.recv(4096)  # one server still starting: not ready
    manager.settimeout(5)
    servers[1].started = True
    data = await asyncio.to_thread(manager.recv, 4096)
    assert data == b"READY=1\nSTATUS=serving on /s"


async def test_no_ready_when_stopped_before_started(manager: socket.socket) -> None:
    servers = [Server()]
    notifier = Notifier(manager.getsockname())
    notifier.ready_when(servers, "serving")
    servers[0].should_exit = True
    assert notifier._ready is not None
    await asyncio.wait_for(notifier._ready, 5)
    manager.setblocking(False)
    with pytest.raises(BlockingIOError):
        manager.recv(4096)
