"""Links and addresses inside a pod's network namespace, read with pyroute2.

podd never enters a namespace itself (a threaded process cannot setns into a
user namespace), so :func:`read_netinfo` runs this module as a helper::

    podd-pause --join PAUSE --ns user,net -- python -m podd.sandbox.netinfo

which prints one JSON :class:`NetInfo` on stdout. Reading needs no privilege;
joining the user namespace first is what allows joining its network
namespace.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import msgspec

from podd import spawn
from podd.sandbox.errors import NetInfoError
from podd.sandbox.pause import join_argv

_PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the directory holding podd/


class Interface(msgspec.Struct, frozen=True):
    """One link: name, flags and its addresses as ``addr/prefixlen``."""

    name: str
    index: int
    up: bool
    mtu: int
    addresses: list[str] = []


class NetInfo(msgspec.Struct, frozen=True):
    """The links of one network namespace."""

    interfaces: list[Interface]

    def interface(self, name: str) -> Interface | None:
        return next((i for i in self.interfaces if i.name == name), None)

    def ipv4(self, name: str) -> str | None:
        """The first IPv4 address of ``name``, without the prefix length."""
        iface = self.interface(name)
        for cidr in iface.addresses if iface else []:
            addr = cidr.split("/")[0]
            if ":" not in addr:
                return addr
        return None


_decoder = msgspec.json.Decoder(NetInfo)


def collect() -> NetInfo:
    """Read links and addresses of the current network namespace (pyroute2)."""
    from pyroute2 import IPRoute

    iff_up = 0x1
    with IPRoute() as ipr:
        addrs: dict[int, list[str]] = {}
        for msg in ipr.get_addr():
            addr = msg.get_attr("IFA_ADDRESS")
            if addr:
                addrs.setdefault(msg["index"], []).append(f"{addr}/{msg['prefixlen']}")
        links = [
            Interface(
                name=link.get_attr("IFLA_IFNAME"),
                index=link["index"],
                up=bool(link["flags"] & iff_up),
                mtu=link.get_attr("IFLA_MTU") or 0,
                addresses=addrs.get(link["index"], []),
            )
            for link in ipr.get_links()
        ]
    return NetInfo(interfaces=links)


def helper_argv(pause: str | Path, pause_pid: int, python: str | None = None) -> list[str]:
    """The command that prints the pod netns's :class:`NetInfo` as JSON."""
    command = [python or sys.executable, "-m", "podd.sandbox.netinfo"]
    return join_argv(pause, pause_pid, ["user", "net"], command)


async def read_netinfo(pause: str | Path, pause_pid: int, timeout: float = 10.0) -> NetInfo:
    """Run the helper in the pause's user+net namespaces and decode its output."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PACKAGE_ROOT), env.get("PYTHONPATH")]))
    try:
        # vfork-based spawn: uvloop's fork would stall the loop ~9 ms (podd.spawn).
        done = await spawn.run(helper_argv(pause, pause_pid), env=env, timeout=timeout)
    except TimeoutError as exc:  # killed and reaped
        raise NetInfoError(f"netinfo helper for pause {pause_pid} timed out") from exc
    out = done.stdout
    if done.returncode != 0:
        text = done.stderr.decode(errors="replace").strip().splitlines()
        raise NetInfoError(f"netinfo helper failed: {text[-1] if text else done.returncode}")
    try:
        return _decoder.decode(out)
    except msgspec.DecodeError as exc:
        raise NetInfoError(f"netinfo helper: bad output {out[:200]!r}") from exc


async def pod_ip(pause: str | Path, pause_pid: int, interface: str = "tap0") -> str:
    """The IPv4 address of ``interface`` in the pause's network namespace."""
    info = await read_netinfo(pause, pause_pid)
    addr = info.ipv4(interface)
    if addr is None:
        raise NetInfoError(f"{interface} has no IPv4 address in the netns of pause {pause_pid}")
    return addr


def main() -> None:
    sys.stdout.buffer.write(msgspec.json.encode(collect()) + b"\n")


if __name__ == "__main__":
    main()
