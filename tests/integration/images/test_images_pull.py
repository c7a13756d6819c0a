"""Pulls from a real docker-registry on 127.0.0.1: tags, digests, platforms, zstd,
concurrency, and the user namespace's view of the unpacked layers."""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys

import pytest

from podd.images.errors import (
    PlatformNotFoundError,
    RegistryNotFoundError,
    RegistryUnavailableError,
)
from podd.images.progress import LayerProgress, PullComplete, PullEvent, PullResolved
from podd.images.userns_holder import UsernsHolder
from tests.support import oci_build as ob
from tests.support.fixtures import ImageSet, MakeManager
from tests.support.proxy import RegistryProxy
from tests.support.registry import Registry


async def test_pull_by_tag(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet
) -> None:
    m = make_manager(registry.host)
    events: list[PullEvent] = []
    ref = f"{registry.host}/library/busybox:latest"
    rec = await m.pull(ref, progress=events.append)
    assert rec.id == test_images.busybox.id
    assert rec.manifest_digest == test_images.busybox.digest
    assert rec.names == [ref]
    assert rec.digests == [f"{registry.host}/library/busybox@{test_images.busybox.digest}"]
    assert rec.config.config.cmd == ["sh"] and rec.config.config.labels == {
        "org.podd.test": "busybox"
    }
    assert rec.size == rec.layers[0].uncompressed_size > 1_000_000
    assert isinstance(events[0], PullResolved) and events[0].layers == 1
    assert isinstance(events[-1], PullComplete) and events[-1].image_id == rec.id
    states = [e.state for e in events if isinstance(e, LayerProgress)]
    assert states[0] == "waiting" and states[-1] == "done"
    assert {"downloading", "verifying", "extracting"} <= set(states)
    layer = m.layer_dirs(rec)[0]
    assert os.readlink(layer / "bin/sh") == "busybox"
    assert (layer / "bin/true").stat().st_ino == (layer / "bin/busybox").stat().st_ino
    assert (layer / "var/www/index.html").read_text() == "hello from podd\n"
    assert stat.S_IMODE((layer / "tmp").stat().st_mode) == 0o1777
    # the store: blobs by digest, nothing left in tmp
    assert m.store.has_blob(rec.id) and m.store.has_blob(rec.manifest_digest)
    assert list(m.store.tmp_dir.iterdir()) == []
    # pulling again finds everything present
    events.clear()
    again = await m.pull(ref, progress=events.append)
    assert again.id == rec.id
    assert [e.state for e in events if isinstance(e, LayerProgress)] == ["exists"]
    assert (await m.inspect(ref)).id == rec.id
    assert (await m.inspect(rec.id[7:19])).id == rec.id
    assert await m.is_present(ref)


async def test_pull_docker_schema2(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet
) -> None:
    m = make_manager(registry.host)
    rec = await m.pull(f"{registry.host}/podd/busybox-docker:v1")
    assert rec.id == test_images.busybox_docker.id
    assert rec.manifest_media_type == ob.DOCKER_MANIFEST
    assert rec.layers[0].media_type == "application/vnd.docker.image.rootfs.diff.tar.gzip"


async def test_pull_by_digest(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet
) -> None:
    m = make_manager(registry.host)
    digest = test_images.multilayer.digest
    rec = await m.pull(f"{registry.host}/podd/multilayer@{digest}")
    assert rec.manifest_digest == digest and rec.names == []
    assert rec.digests == [f"{registry.host}/podd/multilayer@{digest}"]
    assert (await m.inspect(f"{registry.host}/podd/multilayer@{digest}")).id == rec.id
    with pytest.raises(RegistryNotFoundError, match=r"MANIFEST_UNKNOWN|not found|unknown"):
        await m.pull(f"{registry.host}/podd/multilayer@sha256:{'0' * 64}")
    with pytest.raises(RegistryNotFoundError):
        await m.pull(f"{registry.host}/podd/nothing:here")


@pytest.mark.parametrize("repo", ["podd/multiarch", "podd/multiarch-docker"])
async def test_multiarch_platforms(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet, repo: str
) -> None:
    m = make_manager(registry.host)
    index = test_images.multiarch if repo == "podd/multiarch" else test_images.multiarch_docker
    other, host = index.images
    rec = await m.pull(f"{registry.host}/{repo}:v1")
    assert rec.id == host.id and rec.index_digest == index.digest
    assert rec.digests == [f"{registry.host}/{repo}@{index.digest}"]
    top = m.layer_dirs(rec)[0]
    assert (top / "arch.txt").read_text() == f"{ob.host_arch()}\n"
    plat = "linux/arm64/v8" if other.arch == "arm64" else "linux/amd64"
    rec2 = await m.pull(f"{registry.host}/{repo}:v1", platform=plat)
    assert rec2.id == other.id and rec2.platform.startswith(f"linux/{other.arch}")
    assert (m.layer_dirs(rec2)[0] / "arch.txt").read_text() == f"{other.arch}\n"
    # one tag, two platforms: the name stays with the last pull
    assert (await m.inspect(f"{registry.host}/{repo}:v1")).id == other.id
    with pytest.raises(PlatformNotFoundError, match=r"s390x.*available"):
        await m.pull(f"{registry.host}/{repo}:v1", platform="linux/s390x")
    with pytest.raises(PlatformNotFoundError, match="not for the requested"):
        await m.pull(f"{registry.host}/library/busybox:latest", platform="linux/s390x")


async def test_zstd_layer(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet
) -> None:
    m = make_manager(registry.host)
    rec = await m.pull(f"{registry.host}/podd/zstd:v1")
    assert rec.layers[0].media_type == "application/vnd.oci.image.layer.v1.tar+zstd"
    assert rec.layers[0].diff_id == test_images.zstd.layers[0].diff_id
    assert m.store.layer_report(rec.layers[0].diff_id).compression == "zstd"  # type: ignore[union-attr]
    assert (m.layer_dirs(rec)[0] / "bin/busybox").stat().st_size == ob.BUSYBOX.stat().st_size


async def test_concurrent_pulls_download_each_blob_once(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet
) -> None:
    proxy = RegistryProxy(registry.host)
    try:
        m = make_manager(proxy.host)
        a = f"{proxy.host}/podd/multilayer:v1"
        b = f"{proxy.host}/library/busybox:1.36"
        results = await asyncio.gather(m.pull(a), m.pull(a), m.pull(b), m.pull(a))
        assert len({r.id for r in results}) == 2
        shared = test_images.busybox.layers[0].blob.digest
        assert test_images.multilayer.layers[0].blob.digest == shared
        for blob in test_images.multilayer.blobs() + test_images.busybox.blobs():
            assert proxy.blob_gets(blob.digest) == 1, blob.digest
        assert m.store.downloads == 3  # the three layer blobs
    finally:
        proxy.close()


async def test_pull_survives_its_consumer(registry: Registry, make_manager: MakeManager) -> None:
    m = make_manager(registry.host)
    handle = m.start_pull(f"{registry.host}/podd/multilayer:v1")
    async for event in handle.events():
        if isinstance(event, LayerProgress):
            break  # the client goes away
    rec = await handle.wait()
    assert all(m.store.has_layer(d) for d in rec.diff_ids)
    # a late consumer gets the snapshot and the final line
    late = [e async for e in handle.events()]
    assert isinstance(late[-1], PullComplete) and late[-1].image_id == rec.id


async def test_retries_503_with_retry_after(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet
) -> None:
    proxy = RegistryProxy(registry.host)
    try:
        proxy.fail_blobs = 2
        m = make_manager(proxy.host, max_attempts=4)
        rec = await m.pull(f"{proxy.host}/library/busybox:latest")
        assert rec.id == test_images.busybox.id
        assert [s.status for s in proxy.seen if "/blobs/" in s.path][:2] == [503, 503]
        proxy.fail_blobs = 10
        m2 = make_manager(proxy.host, name="other", max_attempts=2)
        with pytest.raises(RegistryUnavailableError, match="giving up after 2 attempts: 503"):
            await m2.pull(f"{proxy.host}/library/busybox:latest")
        assert list(m2.store.tmp_dir.iterdir()) == [] and not m2.store.list_blobs() - {
            test_images.busybox.id
        }
    finally:
        proxy.close()


async def test_plain_http_only_for_insecure_registries(
    registry: Registry, make_manager: MakeManager
) -> None:
    m = make_manager(max_attempts=1)  # nothing listed as insecure: https is tried
    before = len(registry.requests())
    with pytest.raises(RegistryUnavailableError):
        await m.pull(f"{registry.host}/library/busybox:latest")
    assert len(registry.requests()) == before  # no plain http request was made


def _in_userns(holder: UsernsHolder, *cmd: str) -> str:
    assert holder.pid is not None
    from podd.sandbox.binaries import find_pause

    argv = [str(find_pause()), "--join", str(holder.pid), "--ns", "user", "--", *cmd]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout


async def test_layers_seen_from_the_pods_user_namespace(
    registry: Registry,
    make_manager: MakeManager,
    test_images: ImageSet,
    pods_userns: UsernsHolder,
) -> None:
    m = make_manager(registry.host, holder=pods_userns)
    rec = await m.pull(f"{registry.host}/podd/multilayer:v1")
    top, _middle, base = m.layer_dirs(rec)
    # outside: uid 101 of the image is the subordinate id 100000 + 100
    mapping = pods_userns._mapping
    assert mapping is not None and len(mapping.uid_maps) == 2
    sub = mapping.uid_maps[1].host_id
    owned = top / "home/app/owned.txt"
    app = (top / "home/app").stat()  # mode 750: its content is not ours to read
    assert (app.st_uid, app.st_gid) == (sub + 100, mapping.gid_maps[1].host_id + 100)
    assert (base / "bin/busybox").stat().st_uid == os.getuid()  # image root = the user
    # inside the pods' namespace: uid 101, the whiteout device, the opaque marker
    out = _in_userns(
        pods_userns,
        "stat",
        "-c",
        "%n %u %g %a %F %t:%T",
        str(owned),
        str(top / "home/app"),
        str(top / "data/old.txt"),
    )
    lines = out.splitlines()
    assert lines[0].endswith("owned.txt 101 101 640 regular file 0:0")
    assert " 101 101 750 directory" in lines[1]
    assert lines[2].endswith("character special file 0:0")
    assert os.getxattr(top / "opq", "user.overlay.opaque") == b"y"
    code = f"import os; print(os.getxattr({str(owned)!r}, 'user.podd').decode())"
    assert _in_userns(pods_userns, sys.executable, "-c", code) == "yes\n"
    # and the merged view, as a pod's overlay shows it
    merged = m.data_dir / "merged"
    merged.mkdir()
    lower = ":".join(str(p) for p in m.layer_dirs(rec))
    script = (
        f"mount -t overlay overlay -o lowerdir={lower},userxattr {merged} && "
        f"ls {merged}/data && ls {merged}/opq && stat -c '%u:%g' {merged}/home/app/owned.txt && "
        f"umount {merged}"
    )
    out = _in_userns(pods_userns, "unshare", "-m", "sh", "-c", script)
    assert out.split() == ["keep.txt", "new.txt", "101:101"]


async def test_the_pull_policy_helpers_with_a_store(
    registry: Registry, make_manager: MakeManager
) -> None:
    from podd.images.puller import needs_pull

    m = make_manager(registry.host)
    ref = f"{registry.host}/library/busybox:1.36"
    assert needs_pull(None, ref, await m.is_present(ref)) is True
    await m.pull(ref)
    assert needs_pull(None, ref, await m.is_present(ref)) is False
    assert needs_pull("Always", ref, await m.is_present(ref)) is True
