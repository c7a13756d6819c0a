"""Remove and prune: untagging, in-use protection, garbage collection."""

from __future__ import annotations

import pytest

from podd.images.errors import ImageInUseError, ImageNotFoundError
from tests.support.fixtures import ImageSet, MakeManager
from tests.support.registry import Registry


async def test_remove_and_prune(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet
) -> None:
    m = make_manager(registry.host)
    used: set[str] = set()
    m._in_use = lambda image_id: image_id in used
    bb = await m.pull(f"{registry.host}/library/busybox:latest")
    await m.pull(f"{registry.host}/library/busybox:1.36")
    ml = await m.pull(f"{registry.host}/podd/multilayer:v1")
    shared = bb.layers[0]
    assert ml.layers[0] == shared

    # a name of an image with other names: untag only
    report = await m.remove(f"{registry.host}/library/busybox:1.36")
    assert report.untagged == [f"{registry.host}/library/busybox:1.36"] and not report.deleted
    assert (await m.inspect(f"{registry.host}/library/busybox:latest")).id == bb.id

    # in use: refused without force
    used.add(ml.id)
    with pytest.raises(ImageInUseError, match="used by a pod"):
        await m.remove(f"{registry.host}/podd/multilayer:v1")
    report = await m.remove(ml.id[7:19], force=True)
    assert report.deleted == [ml.id]
    assert report.layers_removed == 2 and report.blobs_removed == 4  # 2 layers, config, manifest
    assert report.bytes_freed > 0
    for layer in ml.layers[1:]:
        assert not m.store.has_blob(layer.digest) and not m.store.has_layer(layer.diff_id)
    # the layer shared with busybox stays
    assert m.store.has_blob(shared.digest) and m.store.has_layer(shared.diff_id)
    assert [p for p in m.store.layers_dir.iterdir() if p.name.startswith(".")] == []
    with pytest.raises(ImageNotFoundError):
        await m.inspect(f"{registry.host}/podd/multilayer:v1")
    with pytest.raises(ImageNotFoundError):
        await m.remove("nothing:here")

    # prune: only images without names, unless all=True; never images in use
    dig = await m.pull(f"{registry.host}/podd/multilayer@{test_images.multilayer.digest}")
    assert not dig.dangling
    assert (await m.prune()).deleted == []
    used.clear()
    used.add(bb.id)
    report = await m.prune(all=True)
    assert report.deleted == [dig.id]
    assert {r.id for r in await m.list_images()} == {bb.id}
    used.clear()
    report = await m.prune(all=True)
    assert report.deleted == [bb.id]
    assert m.store.list_blobs() == set() and m.store.list_layers() == set()
    assert list(m.store.layers_dir.iterdir()) == [] and list(m.store.tmp_dir.iterdir()) == []


async def test_remove_in_the_pods_user_namespace(
    registry: Registry, make_manager: MakeManager, pods_userns: object
) -> None:
    from podd.images.userns_holder import UsernsHolder

    assert isinstance(pods_userns, UsernsHolder)
    m = make_manager(registry.host, holder=pods_userns)
    rec = await m.pull(f"{registry.host}/podd/multilayer:v1")
    report = await m.remove(rec.id)
    assert report.layers_removed == 3
    assert list(m.store.layers_dir.iterdir()) == []  # subordinate-owned files removed too


async def test_cleanup_leftovers_after_a_crash(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet
) -> None:
    m = make_manager(registry.host)
    rec = await m.pull(f"{registry.host}/library/busybox:latest")
    (m.store.tmp_dir / "abc.partial").write_bytes(b"half a blob")
    half = m.store.layers_dir / ".tmp-deadbeef-1234"
    (half / "ro").mkdir(parents=True)
    (half / "ro").chmod(0o555)
    # content a crash left without a record (never flushed: not to be trusted)
    orphan = m.store.layers_dir / ("ab" * 32)
    orphan.mkdir()
    await m.store.put_bytes(b"orphan blob")
    assert await m.cleanup_leftovers() == 2
    assert list(m.store.tmp_dir.iterdir()) == []
    assert m.store.list_layers() == set(rec.diff_ids)
    assert m.store.list_blobs() == rec.blobs
    assert sorted(p.name for p in m.store.layers_dir.iterdir() if p.name.startswith(".")) == []
