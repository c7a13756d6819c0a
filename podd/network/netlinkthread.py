"""The one thread pyroute2 runs in (see links.py): its sync API runs an
event loop of its own, and a socket must keep a single IPRoute."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from podd.network import links

T = TypeVar("T")
NETLINK_TIMEOUT = 10.0


class NetlinkThread:
    def __init__(self, timeout: float = NETLINK_TIMEOUT) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="podd-netlink")
        self._timeout = timeout
        self._ipr: Any = None  # the network's IPRoute

    @property
    def ready(self) -> bool:
        return self._ipr is not None

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in the thread; LinkError when no answer comes in time."""
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self._timeout):
                return await loop.run_in_executor(self._pool, fn, *args)
        except TimeoutError as exc:
            raise links.LinkError(f"netlink: no answer within {self._timeout}s") from exc

    async def open(self, sock: socket.socket) -> None:
        """The network's netlink socket (consumed), replacing an earlier one."""
        await self.close()
        self._ipr = await self.run(links.iproute, sock)

    async def on_network(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(the network's IPRoute, *args)`` in the thread."""
        if self._ipr is None:
            raise links.LinkError("the pod network is not started")
        return await self.run(fn, self._ipr, *args)

    async def close(self) -> None:
        ipr, self._ipr = self._ipr, None
        if ipr is not None:
            with contextlib.suppress(Exception):
                await self.run(ipr.close)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False)
