"""Images for containers, the kubelet's way: pull policy, pulls in the
background (a pod worker never blocks on a registry), ErrImagePull then
ImagePullBackOff, events Pulling / Pulled / Failed / BackOff."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

import msgspec

from podd.controller.observed import ContainerRecord
from podd.images import ImageError, ImageRecord, PullBackoff, needs_pull
from podd.images.errors import ImageNeverPullError
from podd.model.container import Container
from podd.model.pod import Pod

if TYPE_CHECKING:
    from podd.controller.worker import PodWorker


class ImagePuller:
    """Per-service: one backoff table and the running pulls, shared by pods."""

    def __init__(self, backoff: PullBackoff | None = None) -> None:
        self.backoff = backoff or PullBackoff()
        self.tasks: dict[str, asyncio.Task[ImageRecord]] = {}

    async def ensure(
        self, worker: PodWorker, pod: Pod, c: Container, rec: ContainerRecord
    ) -> tuple[ImageRecord | None, ContainerRecord]:
        """The image record when it can start now; otherwise the record
        updated with why it waits (and a pull running in the background)."""
        images = worker.mgr.svc.images
        assert images is not None
        image = c.image or ""
        events = worker.mgr.svc.events
        field = _field_path(pod, c)
        try:
            present = await images.resolve(image)
            must_pull = needs_pull(c.image_pull_policy, image, present is not None)  # type: ignore[arg-type]
        except ImageNeverPullError as exc:
            await events.record(pod, "Warning", "ErrImageNeverPull", exc.message, field_path=field)
            return None, _waiting(rec, "ErrImageNeverPull", exc.message)
        except ImageError as exc:
            await events.record(pod, "Warning", "InspectFailed", exc.message, field_path=field)
            return None, _waiting(rec, "InvalidImageName", exc.message)
        # "Always" pulls once per container, not on every sync.
        if present is not None and (not must_pull or rec.image_id == present.id):
            return present, msgspec.structs.replace(rec, image_id=present.id)
        now = time.monotonic()
        key = image
        if self.backoff.in_backoff(key, now):
            msg = f'Back-off pulling image "{image}"'
            if rec.waiting_reason != "ImagePullBackOff":
                await events.record(pod, "Normal", "BackOff", msg, field_path=field)
            retry = time.time() + self.backoff.remaining(key, now)
            return None, _waiting(rec, "ImagePullBackOff", msg, retry)
        task = self.tasks.get(key)
        if task is None:
            await events.record(
                pod, "Normal", "Pulling", f'Pulling image "{image}"', field_path=field
            )
            task = asyncio.ensure_future(self._pull(worker, pod, c, key))
            self.tasks[key] = task
        task.add_done_callback(lambda _: worker.wake())
        return None, _waiting(
            rec,
            rec.waiting_reason if rec.waiting_reason == "ErrImagePull" else "ContainerCreating",
            rec.waiting_message,
        )

    async def _pull(self, worker: PodWorker, pod: Pod, c: Container, key: str) -> ImageRecord:
        images = worker.mgr.svc.images
        assert images is not None
        events = worker.mgr.svc.events
        field = _field_path(pod, c)
        started = time.monotonic()
        try:
            record = await images.pull(c.image or "")
        except ImageError as exc:
            delay = self.backoff.failed(key, time.monotonic())
            message = f'Failed to pull image "{c.image}": {exc.message}'
            await events.record(pod, "Warning", "Failed", message, field_path=field)
            await events.record(pod, "Warning", "Failed", "Error: ErrImagePull", field_path=field)
            worker.pull_failed(c.name, message, time.time() + delay)
            raise
        finally:
            self.tasks.pop(key, None)
        self.backoff.reset(key)
        took = time.monotonic() - started
        await events.record(
            pod,
            "Normal",
            "Pulled",
            f'Successfully pulled image "{c.image}" in {took:.3f}s. '
            f"Image size: {record.size} bytes.",
            field_path=field,
        )
        worker.pulled(c.name, record.id)
        return record


def _waiting(
    rec: ContainerRecord, reason: str | None, message: str | None, retry_at: float | None = None
) -> ContainerRecord:
    return msgspec.structs.replace(
        rec, waiting_reason=reason, waiting_message=message, retry_at=retry_at
    )


def _field_path(pod: Pod, c: Container) -> str:
    for kind, i, other in pod.spec.all_containers():
        if other.name == c.name:
            return f"spec.{kind}{{{c.name}}}" if i >= 0 else ""
    return ""
