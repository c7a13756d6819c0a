"""prepare_pod_volumes / refresh_projections / remove_pod_volumes on real dirs."""

from __future__ import annotations

import os
from pathlib import Path

import msgspec
import pytest

from podd.model.configmap import ConfigMap, Secret
from podd.model.container import ObjectFieldSelector
from podd.model.meta import ObjectMeta
from podd.model.pod import Pod
from podd.model.volume import (
    ConfigMapVolumeSource,
    DownwardAPIVolumeFile,
    DownwardAPIVolumeSource,
    EmptyDirVolumeSource,
    HostPathVolumeSource,
    PersistentVolumeClaimVolumeSource,
    ProjectedVolumeSource,
    SecretProjection,
    SecretVolumeSource,
    Volume,
    VolumeProjection,
)
from podd.volumes.errors import ObjectNotFoundError, UnsupportedVolumeError, VolumeError
from podd.volumes.manager import (
    node_allocatable,
    prepare_pod_volumes,
    refresh_projections,
    remove_pod_volumes,
)
from podd.volumes.projection import StaticLookup
from podd.volumes.request import MountRequest, TmpfsMount
from tests.unit.volumes.conftest import make_pod

UID = "6f1c2d3e-0000-4000-8000-000000000001"


def _cm(data: dict[str, str]) -> ConfigMap:
    return ConfigMap(metadata=ObjectMeta(name="cfg", namespace="team"), data=data)


SECRET = Secret(metadata=ObjectMeta(name="creds", namespace="team"), data={"pw": b"s3cret"})


def _pod(host: Path) -> tuple[list[Volume], Pod]:
    volumes = [
        Volume(name="scratch", empty_dir=EmptyDirVolumeSource()),
        Volume(name="shm", empty_dir=EmptyDirVolumeSource(medium="Memory", size_limit="16Mi")),
        Volume(
            name="host", host_path=HostPathVolumeSource(path=str(host), type="DirectoryOrCreate")
        ),
        Volume(name="config", config_map=ConfigMapVolumeSource(name="cfg")),
        Volume(name="creds", secret=SecretVolumeSource(secret_name="creds")),
        Volume(
            name="info",
            downward_api=DownwardAPIVolumeSource(
                items=[
                    DownwardAPIVolumeFile(
                        path="labels", field_ref=ObjectFieldSelector(field_path="metadata.labels")
                    )
                ]
            ),
        ),
        Volume(
            name="mixed",
            projected=ProjectedVolumeSource(
                sources=[VolumeProjection(secret=SecretProjection(name="creds"))]
            ),
        ),
    ]
    return volumes, make_pod(*volumes)


def test_prepare_every_kind(tmp_path: Path) -> None:
    base, mem = tmp_path / "volumes", tmp_path / "run"
    _, pod = _pod(tmp_path / "host")
    lookup = StaticLookup([_cm({"a": "1"})], [SECRET])
    reqs = prepare_pod_volumes(pod, base, lookup, memory_dir=mem, allocatable={"memory": "1Gi"})
    assert list(reqs) == ["scratch", "shm", "host", "config", "creds", "info", "mixed"]
    assert reqs["scratch"] == MountRequest("scratch", "emptyDir", str(base / UID / "scratch"))
    assert reqs["shm"].tmpfs == TmpfsMount(size=16 << 20)
    assert reqs["host"] == MountRequest("host", "hostPath", str(tmp_path / "host"))
    assert (tmp_path / "host").is_dir()
    assert reqs["config"] == MountRequest("config", "configMap", str(base / UID / "config"), True)
    # secret-bearing volumes live in the memory dir, never on disk
    assert reqs["creds"].path == str(mem / UID / "creds") and reqs["creds"].read_only
    assert reqs["mixed"].path == str(mem / UID / "mixed")
    assert (Path(reqs["creds"].path) / "pw").read_bytes() == b"s3cret"
    assert (Path(reqs["config"].path) / "a").read_text() == "1"
    assert (Path(reqs["info"].path) / "labels").read_text() == 'app="web"\ntier="front"'
    assert not (base / UID / "creds").exists()
    # idempotent
    assert (
        prepare_pod_volumes(pod, base, lookup, memory_dir=mem, allocatable={"memory": "1Gi"})
        == reqs
    )
    # the requests are plain JSON for the runtime
    assert msgspec.json.decode(msgspec.json.encode(reqs["shm"]))["tmpfs"] == {
        "size": 16 << 20,
        "mode": 0o1777,
    }


def test_prepare_fails_on_missing_config_map(tmp_path: Path) -> None:
    _, pod = _pod(tmp_path / "host")
    with pytest.raises(ObjectNotFoundError) as err:
        prepare_pod_volumes(pod, tmp_path / "v", StaticLookup([], [SECRET]))
    assert err.value.volume == "config"
    assert err.value.event_message() == (
        'MountVolume.SetUp failed for volume "config" : configmap "cfg" not found'
    )


def test_unsupported_volume(tmp_path: Path) -> None:
    pvc = Volume(
        name="data", persistent_volume_claim=PersistentVolumeClaimVolumeSource(claim_name="c")
    )
    with pytest.raises(UnsupportedVolumeError, match="persistentVolumeClaim") as err:
        prepare_pod_volumes(make_pod(pvc), tmp_path, StaticLookup())
    assert err.value.volume == "data"


def test_refresh_projections(tmp_path: Path) -> None:
    base = tmp_path / "volumes"
    _, pod = _pod(tmp_path / "host")
    prepare_pod_volumes(pod, base, StaticLookup([_cm({"a": "1", "b": "2"})], [SECRET]))
    config = base / UID / "config"
    old_version = os.readlink(config / "..data")

    # nothing changed
    same = StaticLookup([_cm({"a": "1", "b": "2"})], [SECRET])
    assert refresh_projections(pod, base, same) == []

    # the ConfigMap changed: only its volume is rewritten, atomically
    changed = StaticLookup([_cm({"a": "10", "c": "3"})], [SECRET])
    assert refresh_projections(pod, base, changed) == ["config"]
    assert os.readlink(config / "..data") != old_version
    assert (config / "a").read_text() == "10" and (config / "c").read_text() == "3"
    assert not os.path.lexists(config / "b")

    # labels changed: the downward API volume follows
    pod.metadata.labels = {"app": "web", "tier": "back"}
    assert refresh_projections(pod, base, changed) == ["info"]
    assert (base / UID / "info" / "labels").read_text() == 'app="web"\ntier="back"'

    # the ConfigMap is gone: the files stay as they were, the error is reported
    errors: list[VolumeError] = []
    gone = StaticLookup([], [SECRET])
    assert refresh_projections(pod, base, gone, errors=errors) == []
    assert [type(e) for e in errors] == [ObjectNotFoundError]
    assert (config / "a").read_text() == "10"
    with pytest.raises(ObjectNotFoundError):
        refresh_projections(pod, base, gone)

    # a pod whose volumes were never prepared: nothing to refresh
    other = make_pod(Volume(name="config", config_map=ConfigMapVolumeSource(name="cfg")))
    other.metadata.uid = "another-uid"
    assert refresh_projections(other, base, changed) == []


async def test_remove_pod_volumes(tmp_path: Path) -> None:
    base, mem = tmp_path / "volumes", tmp_path / "run"
    host = tmp_path / "host"
    _, pod = _pod(host)
    prepare_pod_volumes(pod, base, StaticLookup([_cm({"a": "1"})], [SECRET]), memory_dir=mem)
    (host / "precious").write_text("hostPath content is never removed")
    (base / UID / "scratch" / "sub").mkdir()
    (base / UID / "scratch" / "sub" / "f").write_text("x")
    (base / UID / "scratch" / "link").symlink_to(host)  # a container's symlink out
    await remove_pod_volumes(UID, base, memory_dir=mem)
    assert not (base / UID).exists() and not (mem / UID).exists()
    assert (host / "precious").exists()
    await remove_pod_volumes(UID, base, memory_dir=mem)  # again: nothing to do
    with pytest.raises(VolumeError):
        await remove_pod_volumes("../escape", base)


def test_node_allocatable(tmp_path: Path) -> None:
    alloc = node_allocatable(tmp_path)
    assert int(alloc["cpu"]) >= 1 and int(alloc["memory"]) > 0
    assert int(alloc["ephemeral-storage"]) > 0
