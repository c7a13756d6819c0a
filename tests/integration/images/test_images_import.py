"""Offline import gives the same image id as the registry pull of the same image."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podd.images.errors import ArchiveError, DigestMismatchError
from tests.support import oci_build as ob
from tests.support.fixtures import ImageSet, MakeManager
from tests.support.registry import Registry


async def test_docker_save_matches_the_pull(
    registry: Registry, make_manager: MakeManager, test_images: ImageSet, images_tmp: Path
) -> None:
    image = test_images.multilayer
    pulled = await make_manager(registry.host, name="pulled").pull(
        f"{registry.host}/podd/multilayer:v1"
    )
    archive = ob.write_docker_save(images_tmp / "save.tar", image, ["podd/multilayer:saved"])
    m = make_manager(name="imported")
    [rec] = await m.import_archive(archive)
    assert rec.id == pulled.id == image.id  # the config digest: the same image
    assert rec.manifest_digest != pulled.manifest_digest  # podd wrote its own manifest
    assert rec.diff_ids == pulled.diff_ids
    assert rec.names == ["docker.io/podd/multilayer:saved"] and rec.source == "import"
    assert [layer.media_type for layer in rec.layers] == [ob.LAYER_TYPES[("oci", "none")]] * 3
    assert [layer.digest for layer in rec.layers] == rec.diff_ids  # uncompressed blobs
    top = m.layer_dirs(rec)[0]
    assert (top / "opq/new.txt").read_text() == "new\n"
    assert (await m.inspect("podd/multilayer:saved")).id == rec.id
    # importing again is idempotent
    [again] = await m.import_archive(archive, tag="localhost/other:1")
    assert again.id == rec.id
    assert set(again.names) == {"docker.io/podd/multilayer:saved", "localhost/other:1"}


@pytest.mark.parametrize("as_tar", [False, True])
async def test_oci_layout_matches_the_pull(
    registry: Registry,
    make_manager: MakeManager,
    test_images: ImageSet,
    images_tmp: Path,
    as_tar: bool,
) -> None:
    index = test_images.multiarch
    pulled = await make_manager(registry.host, name="pulled").pull(
        f"{registry.host}/podd/multiarch:v1"
    )
    items: list[tuple[ob.Image | ob.Index, str | None]] = [
        (index, "example.com/podd/multiarch:v1"),
        (test_images.zstd, None),
    ]
    if as_tar:
        src = ob.write_oci_tar(images_tmp / "layout.tar", items)
    else:
        src = ob.write_oci_layout(images_tmp / "layout", items)
    m = make_manager(name="imported")
    recs = await m.import_archive(src)
    assert [r.id for r in recs] == [pulled.id, test_images.zstd.id]
    first = recs[0]
    assert first.manifest_digest == pulled.manifest_digest  # the registry's own manifest
    assert first.index_digest == index.digest
    assert first.names == ["example.com/podd/multiarch:v1"]
    assert recs[1].dangling  # no name in the layout for it
    assert (m.layer_dirs(first)[0] / "arch.txt").read_text() == f"{ob.host_arch()}\n"
    other = index.images[0]
    plat = f"linux/{other.arch}" + (f"/{other.variant}" if other.variant else "")
    recs = await m.import_archive(src, platform=plat)
    assert recs[0].id == other.id


async def test_bad_archives(make_manager: MakeManager, images_tmp: Path) -> None:
    m = make_manager(name="bad")
    junk = images_tmp / "junk.tar"
    junk.write_bytes(b"not a tar at all" * 100)
    with pytest.raises(ArchiveError, match="not a readable tar"):
        await m.import_archive(junk)
    empty = images_tmp / "empty"
    empty.mkdir()
    with pytest.raises(ArchiveError, match="neither"):
        await m.import_archive(empty)
    # a layout whose layer blob was altered
    image = ob.busybox_image()
    layout = ob.write_oci_layout(images_tmp / "tampered", [(image, "x/y:z")])
    blob = layout / "blobs/sha256" / image.layers[0].blob.digest[7:]
    data = bytearray(blob.read_bytes())
    data[100] ^= 1
    blob.write_bytes(bytes(data))
    with pytest.raises(DigestMismatchError):
        await m.import_archive(layout)
    assert not m.store.has_blob(image.layers[0].blob.digest)
    assert list(m.store.tmp_dir.iterdir()) == []
    # a docker save archive pointing outside itself
    evil = images_tmp / "evil"
    evil.mkdir()
    (evil / "manifest.json").write_text(
        json.dumps([{"Config": "../../etc/passwd", "Layers": [], "RepoTags": []}])
    )
    with pytest.raises(ArchiveError, match=r"'\.\.'"):
        await m.import_archive(evil)
