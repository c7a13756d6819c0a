"""Watch streams: newline-delimited ``{"type", "object"}`` events, Kubernetes style.

The subscription is taken before the initial state is read, so nothing
committed in between is missed; changes already sent are skipped by
resourceVersion. Selector-filtered watches turn an object that stops (or
starts) matching into DELETED (or ADDED), as the apiserver does. ``query``
checked the options: a resourceVersion is a uint64 (one at or past the
newest gets no replay), timeoutSeconds at most an hour.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

from podd.api.query import ListOptions
from podd.api.resources import ResourceType, matcher, name_from_field_selector
from podd.model import status as st
from podd.model.base import encode
from podd.services import Services
from podd.store.errors import ExpiredError
from podd.store.feed import Change

DEFAULT_TIMEOUT = 1800.0
BOOKMARK_EVERY = 60.0


def event_line(type_: str, data: bytes) -> bytes:
    return b'{"type":"' + type_.encode() + b'","object":' + data + b"}\n"


async def watch_stream(
    svc: Services, rt: ResourceType, ns: str | None, opts: ListOptions
) -> AsyncIterator[bytes]:
    store = svc.store
    sub = store.subscribe(rt.kind)
    match = matcher(rt, opts)
    only_name = name_from_field_selector(opts)
    matched: set[tuple[str, str]] = set()
    # Starting from a list, ``matched`` is complete; replaying from a version,
    # an object first seen in a MODIFIED change may have matched before.
    complete = not opts.resource_version
    last_rv = 0

    def wanted(c: Change) -> bool:
        return (ns is None or c.namespace == ns) and (only_name is None or c.name == only_name)

    def translate(c: Change) -> bytes | None:
        key = (c.namespace, c.name)
        if match is None:
            return event_line(c.type, c.data)
        now = c.type != "DELETED" and match(c.data)
        was = key in matched
        if now:
            matched.add(key)
            seen = was or (not complete and c.type == "MODIFIED")
            return event_line("MODIFIED" if seen else "ADDED", c.data)
        matched.discard(key)
        if was or (c.type == "DELETED" and match(c.data)):
            return event_line("DELETED", c.data)
        return None

    try:
        if not opts.resource_version:
            # No or "0" resourceVersion: the current state first, as ADDED.
            items, rv, _ = await store.query(rt.kind, ns, name=only_name)
            for obj in items:
                if match is None or match(obj.data):
                    matched.add((obj.namespace, obj.name))
                    yield event_line("ADDED", obj.data)
            last_rv = rv
        elif opts.resource_version >= store.resource_version:
            replay = []  # nothing after it yet (a uint64 past SQLite's integers never queries)
        else:
            try:
                replay = await store.changes_since(rt.kind, opts.resource_version)
            except ExpiredError as exc:
                yield event_line("ERROR", encode(st.gone(exc.message)))
                return
            last_rv = opts.resource_version
            for change in replay:
                last_rv = change.rv
                if wanted(change) and (line := translate(change)) is not None:
                    yield line
        timeout = float(opts.timeout_seconds) if opts.timeout_seconds else DEFAULT_TIMEOUT
        deadline = time.monotonic() + timeout
        next_bookmark = time.monotonic() + BOOKMARK_EVERY
        while True:
            now = time.monotonic()
            if now >= deadline:
                return
            wait = deadline - now
            if opts.allow_bookmarks:
                wait = min(wait, max(0.0, next_bookmark - now))
            try:
                item = await asyncio.wait_for(sub.queue.get(), timeout=wait)
            except TimeoutError:
                if opts.allow_bookmarks and time.monotonic() >= next_bookmark:
                    next_bookmark = time.monotonic() + BOOKMARK_EVERY
                    yield bookmark(rt, max(last_rv, store.resource_version))
                continue
            if item is None:  # the store closed, or this watcher fell behind
                return
            if item.rv <= last_rv:
                continue
            last_rv = item.rv
            if wanted(item) and (line := translate(item)) is not None:
                yield line
    finally:
        sub.close()


def bookmark(rt: ResourceType, rv: int) -> bytes:
    obj = {"kind": rt.kind, "apiVersion": rt.api_version, "metadata": {"resourceVersion": str(rv)}}
    return event_line("BOOKMARK", encode(obj))
