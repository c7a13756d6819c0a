"""Images for containers, the kubelet's way: pull policy, pulls in the
background (a pod worker never blocks on a registry), ErrImagePull then
ImagePullBackOff, events Pulling / Pulled / Failed / BackOff; an image the
policy does not pull because it is there is one Pulled event per start
(``Container image "X" already present on machine``), as the kubelet's
``EnsureImageExists`` logs it.

A worker calls :meth:`ImagePuller.ensure` on each start attempt; when the
image must be pulled it gets its record back with the waiting reason, and
``on_done`` is called once the pull ends (the worker then records the result
and plans again)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import msgspec

from podd.controller.observed import ContainerRecord
from podd.images import ImageError, ImageManager, ImageRecord, PullBackoff, needs_pull
from podd.images.errors import ImageNeverPullError
from podd.model.container import Container
from podd.model.pod import Pod
from podd.store.events import EventRecorder


class PullDone(msgspec.Struct, frozen=True):
    """The end of a pull a worker waited for."""

    container: str
    image_id: str | None = None  # pulled
    message: str | None = None  # failed: why
    retry_at: float | None = None  # failed: epoch time of the next attempt


OnDone = Callable[[PullDone], None]
# (pod uid, container) whose start attempt pulled the image: the attempt after
# the pull finds it present and must not also say so. Bounded: a pod deleted
# in between leaves its key behind.
_PULLED_MAX = 1024


class ImagePuller:
    """Per-service: one backoff table and the running pulls, shared by pods."""

    def __init__(
        self, images: ImageManager, events: EventRecorder, backoff: PullBackoff | None = None
    ) -> None:
        self.images = images
        self.events = events
        self.backoff = backoff or PullBackoff()
        self.tasks: dict[str, asyncio.Task[ImageRecord]] = {}
        self.pulled: dict[tuple[str, str], None] = {}

    async def ensure(
        self, pod: Pod, c: Container, rec: ContainerRecord, on_done: OnDone
    ) -> tuple[ImageRecord | None, ContainerRecord]:
        """The image record when it can start now; otherwise the record
        updated with why it waits (and a pull running in the background)."""
        image = c.image or ""
        field = container_field_path(pod, c.name)
        try:
            present = await self.images.resolve(image)
            must_pull = needs_pull(c.image_pull_policy, image, present is not None)  # type: ignore[arg-type]
        except ImageNeverPullError as exc:
            await self.events.record(
                pod, "Warning", "ErrImageNeverPull", exc.message, field_path=field
            )
            return None, _waiting(rec, "ErrImageNeverPull", exc.message)
        except ImageError as exc:
            await self.events.record(pod, "Warning", "InspectFailed", exc.message, field_path=field)
            return None, _waiting(rec, "InvalidImageName", exc.message)
        # "Always" pulls once per container run, not on every sync.
        if present is not None and (not must_pull or rec.image_id == present.id):
            key = _key(pod, c)
            just_pulled = key in self.pulled
            self.pulled.pop(key, None)
            if not must_pull and not just_pulled:
                message = f'Container image "{image}" already present on machine'
                await self.events.record(pod, "Normal", "Pulled", message, field_path=field)
            return present, msgspec.structs.replace(rec, image_id=present.id)
        now = time.monotonic()
        if self.backoff.in_backoff(image, now):
            msg = f'Back-off pulling image "{image}"'
            if rec.waiting_reason != "ImagePullBackOff":
                await self.events.record(pod, "Normal", "BackOff", msg, field_path=field)
            retry = time.time() + self.backoff.remaining(image, now)
            return None, _waiting(rec, "ImagePullBackOff", msg, retry)
        task = self.tasks.get(image)
        if task is None:
            await self.events.record(
                pod, "Normal", "Pulling", f'Pulling image "{image}"', field_path=field
            )
            task = asyncio.ensure_future(self._pull(pod, c, image))
            self.tasks[image] = task
        task.add_done_callback(lambda t: on_done(self._done(c.name, image, t)))
        reason = rec.waiting_reason if rec.waiting_reason == "ErrImagePull" else "ContainerCreating"
        return None, _waiting(rec, reason, rec.waiting_message)

    def _done(self, name: str, image: str, task: asyncio.Task[ImageRecord]) -> PullDone:
        if task.cancelled():
            return PullDone(name, message="pull cancelled", retry_at=time.time())
        exc = task.exception()
        if exc is None:
            return PullDone(name, image_id=task.result().id)
        message = exc.message if isinstance(exc, ImageError) else str(exc)
        retry = time.time() + self.backoff.remaining(image, time.monotonic())
        return PullDone(name, message=f'Failed to pull image "{image}": {message}', retry_at=retry)

    async def _pull(self, pod: Pod, c: Container, image: str) -> ImageRecord:
        field = container_field_path(pod, c.name)
        started = time.monotonic()
        try:
            record = await self.images.pull(image)
        except ImageError as exc:
            self.backoff.failed(image, time.monotonic())
            message = f'Failed to pull image "{image}": {exc.message}'
            await self.events.record(pod, "Warning", "Failed", message, field_path=field)
            await self.events.record(
                pod, "Warning", "Failed", "Error: ErrImagePull", field_path=field
            )
            raise
        finally:
            self.tasks.pop(image, None)
        self.backoff.reset(image)
        self.pulled[_key(pod, c)] = None
        while len(self.pulled) > _PULLED_MAX:
            del self.pulled[next(iter(self.pulled))]
        took = time.monotonic() - started
        await self.events.record(
            pod,
            "Normal",
            "Pulled",
            f'Successfully pulled image "{image}" in {took:.3f}s. Image size: {record.size} bytes.',
            field_path=field,
        )
        return record

    def close(self) -> None:
        for task in self.tasks.values():
            task.cancel()


def _key(pod: Pod, c: Container) -> tuple[str, str]:
    return pod.metadata.uid or "", c.name


def _waiting(
    rec: ContainerRecord, reason: str | None, message: str | None, retry_at: float | None = None
) -> ContainerRecord:
    return msgspec.structs.replace(
        rec, waiting_reason=reason, waiting_message=message, retry_at=retry_at
    )


def container_field_path(pod: Pod, name: str) -> str:
    """``spec.containers{name}`` (or initContainers), as events name a container."""
    for kind, _, c in pod.spec.all_containers():
        if c.name == name:
            return f"spec.{kind}{{{name}}}"
    return ""
