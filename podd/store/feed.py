"""The change feed: what the store publishes after each commit, and a
subscriber's queue of it (watches, the controller)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import msgspec


class Change(msgspec.Struct, frozen=True):
    rv: int
    kind: str
    namespace: str
    name: str
    type: str  # ADDED | MODIFIED | DELETED
    data: bytes
    origin: str = ""  # who wrote it, in-process only (the controller skips its own)


class Subscription:
    """A live feed of changes of some kinds, fed after each commit."""

    def __init__(
        self, kinds: tuple[str, ...], maxsize: int, unsubscribe: Callable[[Subscription], None]
    ) -> None:
        self._unsubscribe = unsubscribe
        self.kinds = kinds
        self.queue: asyncio.Queue[Change | None] = asyncio.Queue(maxsize)
        self.overflowed = False

    def offer(self, change: Change) -> None:
        try:
            self.queue.put_nowait(change)
        except asyncio.QueueFull:
            # A watcher that cannot keep up is ended, as the apiserver does;
            # the client re-lists and watches again.
            self.overflowed = True
            self._unsubscribe(self)

    def close(self) -> None:
        self._unsubscribe(self)
