"""Pulls from a real docker-registry on 127.0.0.1."""

from __future__ import annotations

import os

from podd.images.progress import LayerProgress, PullComplete, PullEvent, PullResolved
from tests.support.fixtures import ImageSet, MakeManager
from tests.support.registry import Registry


async def test_pull_by_tag(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet
) -> None:
    m = make_manager(registry.host)
    events: list[PullEvent] = []
    rec = await m.pull(f"{registry.host}/library/busybox:latest", progress=events.append)
    assert rec.id == test_images.busybox.id
    assert rec.manifest_digest == test_images.busybox.digest
    assert rec.names == [f"{registry.host}/library/busybox:latest"]
    assert isinstance(events[0], PullResolved)
    assert isinstance(events[-1], PullComplete) and events[-1].image_id == rec.id
    states = [e.state for e in events if isinstance(e, LayerProgress)]
    assert states[-1] == "done"
    layer = m.layer_dirs(rec)[0]
    assert os.path.islink(layer / "bin/sh")
    assert (layer / "var/www/index.html").read_text() == "hello from podd\n"
