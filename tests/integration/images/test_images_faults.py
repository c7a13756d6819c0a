"""A registry that lies or dies: the pull fails cleanly and the store keeps no trace."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest

from podd.images.errors import DigestMismatchError, RegistryUnavailableError
from podd.images.manager import ImageManager
from podd.images.progress import LayerProgress, PullEvent, PullFailed
from tests.support import oci_build as ob
from tests.support.fixtures import ImageSet, MakeManager
from tests.support.proxy import RegistryProxy
from tests.support.registry import Registry, run_registry


def assert_no_trace(m: ImageManager, digest: str) -> None:
    store = m.store
    assert not store.has_blob(digest)
    assert list(store.tmp_dir.iterdir()) == [], "no partial download left behind"
    assert [p for p in store.layers_dir.iterdir() if p.name.startswith(".")] == []


async def test_tampered_blob_is_refused(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet
) -> None:
    target = test_images.multilayer.layers[2].blob.digest
    with RegistryProxy(registry.host) as proxy:
        proxy.tamper.add(target)
        m = make_manager(proxy.host, max_attempts=2)
        events: list[PullEvent] = []
        with pytest.raises(DigestMismatchError) as e:
            await m.pull(f"{proxy.host}/podd/multilayer:v1", progress=events.append)
        assert e.value.expected == target and e.value.actual != target
        assert_no_trace(m, target)
        # nothing of the failed pull stays: not even the layers that were fine
        assert m.store.list_blobs() == set() and m.store.list_layers() == set()
        assert await m.list_images() == []
        assert isinstance(events[-1], PullFailed) and events[-1].reason == "DigestMismatch"
        assert any(isinstance(ev, LayerProgress) and ev.state == "error" for ev in events)
        # the honest registry behind it still works
        proxy.tamper.clear()
        rec = await m.pull(f"{proxy.host}/podd/multilayer:v1")
        assert rec.id == test_images.multilayer.id and m.store.has_blob(target)


@pytest.mark.parametrize("by", ["tag", "digest"])
async def test_tampered_manifest_is_refused(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet, by: str
) -> None:
    digest = test_images.busybox.digest
    target = "1.36" if by == "tag" else digest
    sep = ":" if by == "tag" else "@"
    with RegistryProxy(registry.host) as proxy:
        proxy.tamper_manifests.add(target)
        m = make_manager(proxy.host)
        with pytest.raises(DigestMismatchError, match="manifest"):
            await m.pull(f"{proxy.host}/library/busybox{sep}{target}")
        assert m.store.list_blobs() == set() and await m.list_images() == []


async def test_registry_killed_mid_pull(make_manager: MakeManager) -> None:
    image = ob.big_image(24)
    big = image.layers[1].blob
    root = Path(tempfile.mkdtemp(prefix="podd-registry-"))
    with run_registry(root) as reg, RegistryProxy(reg.host) as proxy:
        ob.push(reg.url, "podd/big", "v1", image)
        stall = proxy.stall(big.digest, after=4 << 20)
        m = make_manager(proxy.host, max_attempts=3)
        pull = asyncio.ensure_future(m.pull(f"{proxy.host}/podd/big:v1"))
        try:
            reached = await asyncio.to_thread(stall.reached.wait, 30)
            assert reached, "the download never reached the stall point"
            partials = [p for p in m.store.tmp_dir.iterdir() if p.name.startswith(big.digest[7:])]
            assert len(partials) == 1  # mid-download, in a temp file
            for _ in range(100):
                if partials[0].stat().st_size > 0:
                    break
                await asyncio.sleep(0.05)
            assert 0 < partials[0].stat().st_size < big.size
            reg.kill()
        finally:
            stall.release.set()
        with pytest.raises(RegistryUnavailableError, match=r"giving up|connection broke"):
            await pull
        assert_no_trace(m, big.digest)
        assert await m.list_images() == []
        # later, with the registry back, the same pull succeeds
        reg.start()
        rec = await m.pull(f"{proxy.host}/podd/big:v1")
        assert rec.id == image.id
        assert m.store.blob_path(big.digest).stat().st_size == big.size
        top = m.layer_dirs(rec)[0]
        assert (top / "blob/random.bin").stat().st_size == 24 << 20
        assert list(m.store.tmp_dir.iterdir()) == []


async def test_broken_download_resumes_with_range(
    registry: Registry, make_manager: MakeManager
) -> None:
    image = ob.big_image(8, seed=1)
    big = image.layers[1].blob
    ob.push(registry.url, "podd/big8", "v1", image)
    with RegistryProxy(registry.host) as proxy:
        stall = proxy.stall(big.digest, after=2 << 20)
        stall.release.set()  # do not wait: just cut the connection after 2 MiB
        m = make_manager(proxy.host)
        rec = await m.pull(f"{proxy.host}/podd/big8:v1")
        assert rec.id == image.id
        gets = [s for s in proxy.seen if s.path.endswith(f"/blobs/{big.digest}")]
        assert len(gets) == 2
        assert "range" not in gets[0].headers
        assert gets[1].headers["range"] == f"bytes={2 << 20}-" and gets[1].status == 206
        assert m.store.blob_path(big.digest).stat().st_size == big.size


async def test_unmapped_owner_fails_in_the_user_namespace(
    registry: Registry, make_manager: MakeManager, pods_userns: object
) -> None:
    from podd.images.errors import UnpackError
    from podd.images.userns_holder import UsernsHolder

    assert isinstance(pods_userns, UsernsHolder)
    layer = ob.make_layer([ob.file("far", "x", uid=70000, gid=70000)])
    image = ob.make_image([layer])
    ob.push(registry.url, "podd/unmapped", "v1", image)
    m = make_manager(registry.host, holder=pods_userns)
    with pytest.raises(UnpackError, match="owner 70000:70000"):
        await m.pull(f"{registry.host}/podd/unmapped:v1")
    assert not m.store.has_layer(layer.diff_id)
    assert [p for p in m.store.layers_dir.iterdir()] == []


async def test_diff_id_mismatch_fails_and_leaves_nothing(
    registry: Registry, make_manager: MakeManager
) -> None:
    from podd.images.errors import DiffIDMismatchError

    good = ob.make_layer([ob.file("a", "1")])
    liar = ob.Layer(good.blob, "sha256:" + "0" * 64, good.tar)  # the config lies
    image = ob.make_image([liar])
    ob.push(registry.url, "podd/liar", "v1", image)
    m = make_manager(registry.host)
    with pytest.raises(DiffIDMismatchError, match="differs from the config's diff_id"):
        await m.pull(f"{registry.host}/podd/liar:v1")
    assert m.store.list_blobs() == set() and m.store.list_layers() == set()
    assert list(m.store.layers_dir.iterdir()) == [] and list(m.store.tmp_dir.iterdir()) == []


def test_only_root_mapped_fallback(images_tmp: Path) -> None:
    """Without subordinate ids (one-id mapping) other owners become a note."""
    import json
    import os
    import subprocess
    import sys

    layer = ob.make_layer([ob.file("mine", "x", uid=101, gid=101), ob.file("root", "y")])
    blob = images_tmp / "blob"
    blob.write_bytes(layer.blob.data)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[3]))
    argv = [
        "unshare",
        "--user",
        "--map-root-user",
        sys.executable,
        "-m",
        "podd.images.unpack_helper",
        "extract",
        "--blob",
        str(blob),
        "--dest",
        str(images_tmp / "layer"),
        "--diff-id",
        layer.diff_id,
    ]
    out = subprocess.run(argv, capture_output=True, env=env, timeout=60, check=False)
    if out.returncode != 0 and b"unshare" in out.stderr:
        pytest.skip(f"no unprivileged user namespaces here: {out.stderr!r}")
    result = json.loads(out.stdout)
    assert result["ok"], result
    assert result["report"]["unowned"] == 1
    assert "only root is mapped" in result["report"]["notes"][0]
    assert (images_tmp / "layer" / "mine").stat().st_uid == os.getuid()
