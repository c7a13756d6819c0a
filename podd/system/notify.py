"""sd_notify: tell the service manager that podd is ready, what it is doing,
and that it is stopping (``Type=notify`` units).

The protocol (sd_notify(3), a stable interface) is one datagram of
newline-separated ``KEY=VALUE`` lines to the AF_UNIX socket named by
``$NOTIFY_SOCKET`` (a path, or ``@name`` in the abstract namespace): a few
lines of the stdlib. The Python bindings of libsystemd need a C toolchain
and libsystemd's headers, and the pure-Python ``sdnotify`` has had no
release since 2017.

``NOTIFY_SOCKET`` is taken out of podd's environment (as sd_notify's
``unset_environment``): children must not inherit it, runc would otherwise
make ``runc start`` wait for a READY=1 from the container itself.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import MutableMapping, Sequence
from typing import Protocol

log = logging.getLogger("podd.system")

READY_POLL = 0.01  # how often the started flags are looked at (seconds)


def socket_address(value: str) -> str | None:
    """The address to send to: a path, or an abstract name (``@`` → NUL)."""
    if value.startswith("@"):
        return "\0" + value[1:]
    if value.startswith("/"):
        return value
    return None  # vsock: or a relative path: podd's managers never give one


class Server(Protocol):
    """What readiness waits on: uvicorn's Server has both flags."""

    started: bool
    should_exit: bool


class Notifier:
    """Sends states to the service manager; does nothing without one."""

    def __init__(self, address: str | None) -> None:
        self.address = address
        self._ready: asyncio.Task[None] | None = None

    @classmethod
    def from_environ(cls, environ: MutableMapping[str, str] | None = None) -> Notifier:
        env = os.environ if environ is None else environ
        value = env.pop("NOTIFY_SOCKET", "")
        address = socket_address(value) if value else None
        if value and address is None:
            log.warning("NOTIFY_SOCKET not supported: no readiness sent", extra={"value": value})
        return cls(address)

    def notify(self, *lines: str) -> bool:
        """Send one datagram; never blocks the loop, never raises."""
        if self.address is None:
            return False
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
        try:
            sock.setblocking(False)
            sock.sendto("\n".join(lines).encode(), self.address)
        except OSError as exc:
            log.warning("sd_notify failed", extra={"state": lines[0], "error": str(exc)})
            return False
        finally:
            sock.close()
        return True

    def ready_when(self, servers: Sequence[Server], status: str) -> None:
        """READY=1 once every server accepts, unless one is told to exit first."""
        if self.address is None:
            return

        async def wait() -> None:
            while not all(s.started for s in servers):
                if any(s.should_exit for s in servers):
                    return
                await asyncio.sleep(READY_POLL)
            self.notify("READY=1", f"STATUS={status}")

        self._ready = asyncio.create_task(wait())  # held: the loop keeps weak references

    def stopping(self, why: str) -> None:
        self.notify("STOPPING=1", f"STATUS=stopping: {why}")
