"""PortForwarder against a fake slirp4netns API client."""

from __future__ import annotations

import asyncio

import pytest

from podd.controller.probes import ForwardError, PortForwarder
from podd.sandbox.errors import PortInUseError, SlirpAPIError


class FakeSlirp:
    """Records the API calls per socket; can be told to fail."""

    calls: list[tuple[str, str, tuple[object, ...]]]

    def __init__(self) -> None:
        self.calls = []
        self.next_id = 1
        self.taken = 0  # refuse this many adds as "port in use"
        self.dead: set[str] = set()

    def client(self, api_socket: str) -> FakeSlirp.Client:
        return FakeSlirp.Client(self, api_socket)

    class Client:
        def __init__(self, slirp: FakeSlirp, api_socket: str) -> None:
            self.slirp, self.api_socket = slirp, api_socket

        async def add_hostfwd(
            self, host: str, port: int, guest: str, guest_port: int, protocol: str = "TCP"
        ) -> int:
            s = self.slirp
            s.calls.append((self.api_socket, "add", (host, port, guest, guest_port)))
            await asyncio.sleep(0)
            if self.api_socket in s.dead:
                raise SlirpAPIError(f"slirp4netns API {self.api_socket}: connection refused")
            if s.taken:
                s.taken -= 1
                raise PortInUseError(f"127.0.0.1:{port}/TCP: address already in use")
            s.next_id += 1
            return s.next_id - 1

        async def remove_hostfwd(self, fwd_id: int) -> None:
            self.slirp.calls.append((self.api_socket, "remove", (fwd_id,)))
            if self.api_socket in self.slirp.dead:
                raise SlirpAPIError("gone")


def adds(slirp: FakeSlirp) -> list[tuple[str, int]]:
    return [(sock, args[3]) for sock, op, args in slirp.calls if op == "add"]  # type: ignore[misc]


async def test_one_forward_per_pod_and_port() -> None:
    slirp = FakeSlirp()
    fwd = PortForwarder(slirp.client)  # type: ignore[arg-type]
    ports = await asyncio.gather(*(fwd.host_port("pod-a", "/run/a.sock", 8080) for _ in range(5)))
    assert len(set(ports)) == 1 and adds(slirp) == [("/run/a.sock", 8080)]
    host, hp, guest, gp = slirp.calls[0][2]
    assert (host, hp, guest, gp) == ("127.0.0.1", ports[0], "10.0.2.100", 8080)
    await fwd.host_port("pod-a", "/run/a.sock", 9090)
    await fwd.host_port("pod-b", "/run/b.sock", 8080)
    assert fwd.forwards("pod-a") == {8080: ports[0], 9090: fwd.forwards("pod-a")[9090]}
    await fwd.release_pod("pod-a")
    removed = [(sock, args) for sock, op, args in slirp.calls if op == "remove"]
    assert removed == [("/run/a.sock", (1,)), ("/run/a.sock", (2,))]
    assert fwd.forwards("pod-a") == {} and fwd.forwards("pod-b") != {}
    await fwd.close()
    assert fwd.forwards("pod-b") == {}


async def test_a_taken_port_is_retried_with_another() -> None:
    slirp = FakeSlirp()
    slirp.taken = 2
    fwd = PortForwarder(slirp.client)  # type: ignore[arg-type]
    await fwd.host_port("pod", "/s", 80)
    assert len(adds(slirp)) == 3
    slirp.taken = 99
    with pytest.raises(ForwardError, match="address already in use"):
        await fwd.host_port("pod", "/s", 81)
    assert len(adds(slirp)) == 8  # 5 attempts, bounded


async def test_dead_slirp_is_a_forward_error_and_release_tolerates_it() -> None:
    slirp = FakeSlirp()
    fwd = PortForwarder(slirp.client)  # type: ignore[arg-type]
    await fwd.host_port("pod", "/s", 80)
    slirp.dead.add("/s")
    with pytest.raises(ForwardError, match="cannot forward a port to the pod"):
        await fwd.host_port("pod", "/s", 81)
    await fwd.release_pod("pod")  # remove fails quietly: the forward died with slirp4netns
    assert fwd.forwards("pod") == {}


async def test_new_sandbox_and_invalidate_make_a_new_forward() -> None:
    slirp = FakeSlirp()
    fwd = PortForwarder(slirp.client)  # type: ignore[arg-type]
    await fwd.host_port("pod", "/old", 80)
    await fwd.host_port("pod", "/new", 80)  # another API socket: a new sandbox
    await fwd.invalidate("pod", 80)
    await fwd.host_port("pod", "/new", 80)
    assert adds(slirp) == [("/old", 80), ("/new", 80), ("/new", 80)]
    assert ("/new", "remove", (2,)) in slirp.calls
