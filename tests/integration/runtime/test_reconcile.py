"""What a podd killed between two steps of a container's start leaves, as the
next one reconciles it: started but not recorded (adopted, never run a
second time: an ephemeral container's command must not run twice), or
created and never started (removed)."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from podd.runtime import start_container
from podd.runtime.reconcile import reconcile_containers
from podd.runtime.state import load_handle, save_handle
from podd.sandbox.process import is_running
from tests.integration.crash.killpoints import left_runtime_init

from .conftest import Harness, make_pod

pytestmark = pytest.mark.integration


def _sleeper(name: str) -> dict[str, object]:
    return {"name": name, "image": "busybox", "command": ["sleep", "3600"]}


async def test_started_but_unrecorded_is_adopted_not_removed(harness: Harness) -> None:
    box = await harness.sandbox("unrecorded")
    pod = make_pod(box.uid, "unrecorded", [_sleeper("c")])
    created = await harness.create(box, pod, "c")
    assert not left_runtime_init(msgspec.to_builtins(created))  # the crash test's classifier
    started = await start_container(harness.rt, created)
    assert left_runtime_init(msgspec.to_builtins(started))
    harness.handles[harness.handles.index(created)] = started
    # The kill landed after `runc start`, before the start was written down.
    save_handle(msgspec.structs.replace(started, started_at=None))
    found = await reconcile_containers(harness.rt, box)
    assert [h.id for h in found.adopted] == [started.id]
    (adopted,) = found.adopted
    assert adopted.started_at == adopted.created_at  # the best known start
    assert load_handle(adopted.bundle).started_at == adopted.started_at
    assert started.init is not None and is_running(started.init, harness.rt.proc_root)
    assert found.removed == []


async def test_created_never_started_is_removed(harness: Harness) -> None:
    box = await harness.sandbox("unstarted")
    pod = make_pod(box.uid, "unstarted", [_sleeper("c")])
    created = await harness.create(box, pod, "c")
    found = await reconcile_containers(harness.rt, box)
    assert found.adopted == []
    assert any("created, never started" in r for r in found.removed), found.removed
    assert not Path(created.bundle).exists()
    assert created.init is not None and not is_running(created.init, harness.rt.proc_root)
