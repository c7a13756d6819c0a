"""Who holds which pod IP: one file per allocated address, as CNI's
host-local IPAM keeps them.

Claiming is ``open(O_CREAT|O_EXCL)`` on the address's file, so two claims can
never both win, and the claim is on disk before any link carries the
address: a podd killed at any point leaves either no claim, or a claim that
the next start keeps (its pod's sandbox still runs) or releases (it does
not). Addresses are handed out round-robin after the last one given, so a
released address is not reused at once (a stale peer or conntrack entry
would reach the new pod).

No fsync: a podd killed by a signal loses nothing the kernel has (the page
cache outlives it), and a host crash ends every pod and the network's
namespace with them — there is no claim left to honour then. An fsync per
claim stalled podd's event loop for milliseconds per pod under load.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
from pathlib import Path

from podd.network.config import NetworkConfig
from podd.sandbox.errors import SandboxError

LAST_FILE = "last_reserved_ip"


class IPExhausted(SandboxError):  # a sandbox that cannot be wired fails as one
    """No free address in the pod CIDR."""


class IPAM:
    def __init__(self, directory: Path, config: NetworkConfig) -> None:
        self.dir = directory
        self.config = config
        self._last_given: int | None = None  # the hint file, read once

    def _path(self, ip: str) -> Path:
        return self.dir / ip

    def holders(self) -> dict[str, str]:
        """Every claimed address and the pod uid that holds it."""
        out: dict[str, str] = {}
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(self.dir):
                if entry.name == LAST_FILE or entry.name.startswith("."):
                    continue
                with contextlib.suppress(OSError):
                    out[entry.name] = Path(entry.path).read_text().strip()
        return out

    def held_by(self, uid: str) -> str | None:
        return next((ip for ip, who in self.holders().items() if who == uid), None)

    def claim(self, uid: str) -> str:
        """The address of pod ``uid``: the one it holds already, else a new one."""
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if (held := self.held_by(uid)) is not None:
            return held
        first, last = int(self.config.first_pod_ip()), int(self.config.last_pod_ip())
        size = last - first + 1
        start = self._last() + 1
        for step in range(size):
            ip = str(ipaddress.IPv4Address(first + (start - first + step) % size))
            try:
                fd = os.open(self._path(ip), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            try:
                os.write(fd, uid.encode())
            finally:
                os.close(fd)
            self._remember(ip)
            return ip
        raise IPExhausted(f"no free address left in the pod CIDR {self.config.pod_cidr}")

    def release(self, uid: str) -> str | None:
        """Release what ``uid`` holds; the address, or None."""
        released = None
        for ip, who in self.holders().items():
            if who == uid:
                with contextlib.suppress(FileNotFoundError):
                    self._path(ip).unlink()
                released = ip
        return released

    def _last(self) -> int:
        if self._last_given is not None:
            return self._last_given
        try:
            value = int(ipaddress.IPv4Address((self.dir / LAST_FILE).read_text().strip()))
        except (OSError, ValueError):
            return int(self.config.first_pod_ip()) - 1
        first, last = int(self.config.first_pod_ip()), int(self.config.last_pod_ip())
        return value if first <= value <= last else first - 1

    def _remember(self, ip: str) -> None:
        self._last_given = int(ipaddress.IPv4Address(ip))
        # Written in place (no rename): a torn hint reads as none, and the
        # next claim then starts from the CIDR's first address.
        try:
            (self.dir / LAST_FILE).write_text(ip)
        except OSError as exc:  # only a hint for the next claim
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
