"""The data dir's disk and the API socket's path."""

from __future__ import annotations

import socket as sockets

from podd.doctor import files

from .conftest import UID, FakeHost


def test_disk_free(host: FakeHost) -> None:
    found = files.disk(host.view(), host.distro(), min_free=0, low_free=0)
    assert found.ok and "free for /home/alice/.local/share/podd" in found.detail
    assert found.detail.endswith("(on /home/alice/.local/share)")


def test_disk_too_full(host: FakeHost) -> None:
    found = files.disk(host.view(), host.distro(), min_free=1 << 62)
    assert (found.ok, found.severity) == (False, "error")
    assert "too little for images and logs" in found.detail
    found = files.disk(host.view(), host.distro(), min_free=0, low_free=1 << 62)
    assert (found.ok, found.severity) == (False, "warning")


def test_data_dir_not_writable(host: FakeHost) -> None:
    host.path("/home/alice/.local/share").chmod(0o755)
    found = files.disk(host.view(), host.distro(), min_free=0, low_free=0)
    assert not found.ok and "/home/alice/.local/share is not writable by alice" in found.detail
    assert found.fix is not None and "--data-dir" in found.fix


def test_socket_can_be_created(host: FakeHost) -> None:
    found = files.socket(host.view(), host.distro())
    assert found.ok and found.detail == f"/run/user/{UID}/podd/podd.sock can be created"


def test_socket_dir_not_writable_and_no_xdg_runtime_dir(host: FakeHost) -> None:
    view = host.view(socket="/run/podd/podd.sock", xdg_runtime_dir=None)
    host.mkdir("/run", 0o755)
    found = files.socket(view, host.distro())
    assert (found.ok, found.severity) == (False, "error")
    assert "/run is not writable by alice" in found.detail
    assert found.fix is not None and "XDG_RUNTIME_DIR is unset" in found.fix


def test_socket_path_too_long(host: FakeHost) -> None:
    long = "/run/user/4242/" + "d" * 100 + "/podd.sock"
    found = files.socket(host.view(socket=long), host.distro())
    assert not found.ok and "a unix socket path holds 107" in found.detail


def test_socket_path_taken(host: FakeHost) -> None:
    host.write(f"/run/user/{UID}/podd/podd.sock", "not a socket")
    found = files.socket(host.view(), host.distro())
    assert not found.ok and found.detail.endswith("exists and is not a socket")
    host.path(f"/run/user/{UID}/podd/podd.sock").unlink()
    with sockets.socket(sockets.AF_UNIX) as s:
        s.bind(str(host.path(f"/run/user/{UID}/podd/podd.sock")))
        found = files.socket(host.view(), host.distro())
    assert found.ok and "exists" in found.detail
