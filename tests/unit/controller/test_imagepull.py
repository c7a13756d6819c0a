"""The image events of a container start, as the kubelet's EnsureImageExists
logs them: a pull is Pulling then "Successfully pulled"; an image the policy
leaves alone because it is there is one "already present on machine" Pulled
per start — never right after this start's own pull."""

from __future__ import annotations

import asyncio
from typing import Any

import msgspec
import pytest

from podd.controller.imagepull import ImagePuller, PullDone
from podd.controller.observed import ContainerRecord
from podd.model.defaults import default_pod
from podd.model.pod import Pod
from tests.unit.controller.fakes import FakeImages


class Events:
    def __init__(self) -> None:
        self.seen: list[tuple[str, str, str]] = []

    async def record(self, pod: Pod, type_: str, reason: str, message: str, **_: Any) -> None:
        self.seen.append((type_, reason, message))


def _pod(image: str, policy: str | None = None) -> Pod:
    c: dict[str, Any] = {"name": "app", "image": image}
    if policy:
        c["imagePullPolicy"] = policy
    raw = {
        "metadata": {"name": "web", "namespace": "default", "uid": "u-1"},
        "spec": {"containers": [c]},
    }
    return default_pod(msgspec.convert(raw, Pod))


async def _start(puller: ImagePuller, pod: Pod, rec: ContainerRecord) -> Any:
    """One start attempt, and the next ones after a background pull."""
    done: list[PullDone] = []
    for _ in range(3):
        image, rec = await puller.ensure(pod, pod.spec.containers[0], rec, done.append)
        if image is not None:
            return image, rec
        for task in list(puller.tasks.values()):
            await asyncio.gather(task, return_exceptions=True)
        await asyncio.sleep(0)
        if done and done[-1].image_id:
            rec = msgspec.structs.replace(rec, image_id=done[-1].image_id, waiting_reason=None)
    raise AssertionError("the image never became ready")


def _present(image: str) -> tuple[str, str, str]:
    return ("Normal", "Pulled", f'Container image "{image}" already present on machine')


@pytest.mark.parametrize("policy", ["IfNotPresent", "Never", None])
async def test_a_present_image_is_said_to_be_present_at_each_start(policy: str | None) -> None:
    events = Events()
    puller = ImagePuller(FakeImages("busybox:1"), events)  # type: ignore[arg-type]
    pod = _pod("busybox:1", policy)
    image, rec = await _start(puller, pod, ContainerRecord(name="app"))
    assert image is not None and rec.image_id == image.id
    await _start(puller, pod, rec)  # a restart
    assert events.seen == [_present("busybox:1"), _present("busybox:1")]


async def test_a_pull_is_not_followed_by_already_present() -> None:
    events = Events()
    images = FakeImages()
    puller = ImagePuller(images, events)  # type: ignore[arg-type]
    pod = _pod("busybox:2")
    _, rec = await _start(puller, pod, ContainerRecord(name="app"))
    assert images.pulls == ["busybox:2"]
    assert [(r, m.split(" in ")[0]) for _, r, m in events.seen] == [
        ("Pulling", 'Pulling image "busybox:2"'),
        ("Pulled", 'Successfully pulled image "busybox:2"'),
    ]
    events.seen.clear()
    await _start(puller, pod, rec)  # its restart finds it there
    assert events.seen == [_present("busybox:2")]
    assert puller.pulled == {}


async def test_always_pulls_and_never_says_present() -> None:
    events = Events()
    images = FakeImages("busybox:1")
    puller = ImagePuller(images, events)  # type: ignore[arg-type]
    await _start(puller, _pod("busybox:1", "Always"), ContainerRecord(name="app"))
    assert images.pulls == ["busybox:1"]
    assert [r for _, r, _ in events.seen] == ["Pulling", "Pulled"]
    assert "Successfully pulled" in events.seen[1][2]
