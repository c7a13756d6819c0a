"""``Podd`` against a live podd, over its unix socket and over HTTPS with the
kubeconfig: create (dict, YAML, model), get, list with selectors, delete,
typed errors, image pull progress, wait, logs follow, exec and watch."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from podd_client import Podd, errors, models

from tests.sdk.conftest import WATCH_HISTORY, LivePodd, unique

pytestmark = pytest.mark.integration


def configmap(name: str, labels: dict[str, str]) -> dict[str, Any]:
    return {"metadata": {"name": name, "labels": labels}, "data": {"k": name}}


def test_configmaps_create_get_list_delete(podd: Podd) -> None:
    run = unique("run")
    a, b, c = unique("a"), unique("b"), unique("c")
    created = podd.configmaps.create(configmap(a, {"run": run, "tier": "web"}))
    assert isinstance(created, models.ConfigMap)
    assert created.metadata.name == a and created.metadata.uid
    podd.configmaps.create(f"metadata: {{name: {b}, labels: {{run: {run}, tier: db}}}}\n")
    model = models.ConfigMap.from_dict(configmap(c, {"run": run, "tier": "db"}))
    podd.configmaps.create(model)

    got = podd.configmaps.get(b)
    assert got.metadata.labels.to_dict() == {"run": run, "tier": "db"}
    assert podd.configmaps.get(a).to_dict()["data"] == {"k": a}

    def names(**selectors: str) -> list[str]:
        return sorted(cm.metadata.name for cm in podd.configmaps.list(**selectors).items)

    assert names(label_selector=f"run={run}") == sorted([a, b, c])
    assert names(label_selector=f"run={run},tier!=web") == sorted([b, c])
    assert names(label_selector=f"run={run},tier in (web)") == [a]
    assert names(field_selector=f"metadata.name={b}") == [b]
    listed = podd.configmaps.list(label_selector=f"run={run}")
    assert isinstance(listed, models.ConfigMapList) and listed.metadata.resource_version

    for name in (a, b, c):
        podd.configmaps.delete(name)
    assert names(label_selector=f"run={run}") == []


def test_errors_are_typed_and_carry_the_status(podd: Podd) -> None:
    missing = unique("missing")
    with pytest.raises(errors.NotFound) as nf:
        podd.pods.delete(missing)
    assert nf.value.code == 404 and nf.value.reason == "NotFound"
    assert missing in nf.value.message
    with pytest.raises(errors.NotFound):
        podd.configmaps.get(missing)

    name = unique("dup")
    podd.configmaps.create(configmap(name, {}))
    with pytest.raises(errors.AlreadyExists) as dup:
        podd.configmaps.create(configmap(name, {}))
    assert dup.value.code == 409 and isinstance(dup.value, errors.Conflict)
    podd.configmaps.delete(name)

    with pytest.raises(errors.Invalid) as invalid:
        podd.pods.create({"metadata": {"name": unique("p")}, "spec": {"containers": []}})
    assert invalid.value.code == 422 and invalid.value.reason == "Invalid"
    assert "spec.containers" in [cause.field for cause in invalid.value.causes]

    # Sent as written: podd's strict field validation names the unknown field.
    with pytest.raises(errors.BadRequest) as bad:
        podd.configmaps.create({"metadata": {"name": unique("u")}, "bogus": 1})
    assert "bogus" in bad.value.message


def test_images_pull_yields_typed_progress(podd: Podd, live: LivePodd) -> None:
    events = list(podd.images.pull(live.image))
    assert isinstance(events[-1], models.PullComplete), events
    assert events[-1].image_id.startswith("sha256:")
    assert any(isinstance(e, models.PullResolved) for e in events)
    assert all(isinstance(e, models.LayerProgress) for e in events[1:-1])
    record = podd.images.get(live.image)
    assert record.id == events[-1].image_id
    assert record.id in [i.id for i in podd.images.list().items]

    seen: list[Any] = []
    missing = live.image.rsplit("/", 1)[0] + "/nope:1"
    with pytest.raises(errors.PoddError) as failed:
        for event in podd.images.pull(missing):
            seen.append(event)
    assert isinstance(seen[-1], models.PullFailed)
    assert failed.value.reason == seen[-1].reason


def test_pod_wait_logs_exec_watch_delete(podd: Podd, live: LivePodd) -> None:
    name, run = unique("web"), unique("run")
    manifest = f"""
apiVersion: v1
kind: Pod
metadata: {{name: {name}, labels: {{run: {run}}}}}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: {live.image}
    command: [sh, -c, "echo one; echo two; sleep 3600"]
"""
    pod = podd.pods.create(manifest)
    assert isinstance(pod, models.Pod)
    try:
        ready = podd.pods.wait(name, "Ready", timeout=120)
        assert ready.status.phase == "Running"
        assert podd.pods.wait(name, phase="Running", timeout=5).metadata.uid == pod.metadata.uid
        with pytest.raises(errors.WaitTimeout):
            podd.pods.wait(name, "Ready=False", timeout=1)

        lines = []
        with contextlib.closing(podd.pods.logs(name, follow=True)) as follow:
            for line in follow:
                lines.append(line)
                if len(lines) == 2:
                    break
        assert lines == ["one", "two"]

        done = podd.pods.exec(name, ["sh", "-c", "echo out; echo err >&2; exit 3"])
        assert (done.exit_code, done.stdout, done.stderr) == (3, "out\n", "err\n")
        assert podd.pods.exec(name, ["cat"], stdin="in put").stdout == "in put"

        assert [p.metadata.name for p in podd.pods.list(label_selector=f"run={run}").items] == [
            name
        ]
        # From the version before the delete: the delete answers with the
        # DELETED version itself (a watch sends what comes after its version).
        before = podd.pods.get(name).metadata.resource_version
        assert podd.pods.delete(name, grace_period_seconds=0).metadata.name == name
        types = []
        for event in podd.pods.watch(
            label_selector=f"run={run}",
            resource_version=before,
            timeout_seconds=60,
        ):
            assert isinstance(event.object, models.Pod)
            assert event.object.metadata.name == name
            types.append(event.type)
            if event.type == "DELETED":
                break
        assert types[-1] == "DELETED" and set(types[:-1]) <= {"MODIFIED"}, types
    finally:
        with contextlib.suppress(errors.NotFound):
            podd.pods.delete(name, grace_period_seconds=0)


def test_watch_resumes_after_410_gone_by_listing_again(podd: Podd) -> None:
    run = unique("gone")
    old = podd.configmaps.list().metadata.resource_version
    # podd compacts its change log every WATCH_HISTORY writes, keeping the
    # last WATCH_HISTORY: twice as many writes drop `old` whatever the phase.
    names = [unique("g") for _ in range(2 * WATCH_HISTORY + 1)]
    for name in names:
        podd.configmaps.create(configmap(name, {"run": run}))
    try:
        with pytest.raises(errors.Gone) as gone:
            next(iter(podd.configmaps.watch(resource_version=old, relist_on_gone=False)))
        assert gone.value.code == 410

        seen = []
        for event in podd.configmaps.watch(
            label_selector=f"run={run}", resource_version=old, timeout_seconds=30
        ):
            assert event.type == "ADDED"  # the list again, as ADDED
            seen.append(event.object.metadata.name)
            if len(seen) == len(names):
                break
        assert sorted(seen) == sorted(names)
    finally:
        for name in names:
            podd.configmaps.delete(name)
