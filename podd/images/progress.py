"""Pull progress events and the handle of a running pull.

Events are msgspec Structs tagged by ``type`` — one NDJSON line each
(:func:`encode_event`)::

    {"type":"resolved","reference":…,"manifest_digest":…,"platform":…,"layers":2,"total":…}
    {"type":"layer","digest":"sha256:…","state":"downloading","current":1048576,"total":2211840}
    {"type":"complete","reference":…,"image_id":"sha256:…","manifest_digest":…,"size":…}
    {"type":"error","reference":…,"reason":"DigestMismatch","message":…,"retryable":true}

A pull runs as its own task (:class:`PullHandle`); consumers come and go
(:meth:`PullHandle.events`), and a consumer that disconnects does not stop
the pull. A late consumer first gets the latest state of every layer.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Literal

import msgspec

from podd.images.errors import ImageError
from podd.images.records import ImageRecord

LayerState = Literal["waiting", "downloading", "verifying", "extracting", "done", "exists", "error"]


class PullResolved(msgspec.Struct, tag="resolved", tag_field="type", omit_defaults=True):
    """The manifest is known: how many layers, how many bytes."""

    reference: str
    manifest_digest: str
    platform: str
    layers: int
    total: int


class LayerProgress(msgspec.Struct, tag="layer", tag_field="type", omit_defaults=True):
    """One layer's state; ``current``/``total`` in compressed bytes."""

    digest: str
    state: LayerState
    current: int = 0
    total: int = 0
    message: str | None = None


class PullComplete(msgspec.Struct, tag="complete", tag_field="type", omit_defaults=True):
    """The last event of a successful pull."""

    reference: str
    image_id: str
    manifest_digest: str
    size: int = 0


class PullFailed(msgspec.Struct, tag="error", tag_field="type", omit_defaults=True):
    """The last event of a failed pull."""

    reference: str
    reason: str
    message: str
    retryable: bool = False


PullEvent = PullResolved | LayerProgress | PullComplete | PullFailed
PullProgress = PullEvent  # the name the design notes use
ProgressCallback = Callable[[PullEvent], None]

_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(PullEvent)


def encode_event(event: PullEvent) -> bytes:
    """One NDJSON line (with the trailing newline)."""
    return _encoder.encode(event) + b"\n"


def decode_event(line: bytes) -> PullEvent:
    return _decoder.decode(line)


def failure_event(reference: str, exc: BaseException) -> PullFailed:
    if isinstance(exc, ImageError):
        return PullFailed(reference, exc.reason, exc.message, exc.retryable)
    return PullFailed(reference, "InternalError", f"{type(exc).__name__}: {exc}")


class PullHandle:
    """A pull in progress: its task, its listeners and the latest state."""

    def __init__(self, reference: str) -> None:
        self.reference = reference
        self.task: asyncio.Task[ImageRecord] | None = None
        self._listeners: list[ProgressCallback] = []
        self._resolved: PullResolved | None = None
        self._layers: dict[str, LayerProgress] = {}
        self._final: PullComplete | PullFailed | None = None

    def emit(self, event: PullEvent) -> None:
        if isinstance(event, PullResolved):
            self._resolved = event
        elif isinstance(event, LayerProgress):
            self._layers[event.digest] = event
        else:
            self._final = event
        for cb in list(self._listeners):
            with contextlib.suppress(Exception):
                cb(event)

    def snapshot(self) -> list[PullEvent]:
        out: list[PullEvent] = [self._resolved] if self._resolved else []
        out += list(self._layers.values())
        if self._final is not None:
            out.append(self._final)
        return out

    def subscribe(self, cb: ProgressCallback) -> Callable[[], None]:
        """Call ``cb`` for every later event; returns the unsubscribe function."""
        self._listeners.append(cb)

        def unsubscribe() -> None:
            if cb in self._listeners:
                self._listeners.remove(cb)

        return unsubscribe

    async def events(self) -> AsyncIterator[PullEvent]:
        """The snapshot, then live events, ending with complete or error."""
        queue: asyncio.Queue[PullEvent] = asyncio.Queue()
        for e in self.snapshot():
            queue.put_nowait(e)
        unsubscribe = self.subscribe(queue.put_nowait)
        try:
            for _ in range(1 << 30):
                event = await queue.get()
                yield event
                if isinstance(event, PullComplete | PullFailed):
                    return
        finally:
            unsubscribe()

    async def wait(self) -> ImageRecord:
        """The pulled record (raises the pull's error); cancelling this does not stop the pull."""
        assert self.task is not None
        return await asyncio.shield(self.task)
