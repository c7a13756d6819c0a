"""The JSON image index: names move between images, records persist."""

from __future__ import annotations

from pathlib import Path

from podd.images.manifest import ImageConfig
from podd.images.records import ImageIndex, ImageRecord, JsonImageIndex, LayerRecord


def _record(id_hex: str, names: list[str]) -> ImageRecord:
    return ImageRecord(
        id="sha256:" + id_hex * 64,
        names=names,
        manifest_digest="sha256:" + "f" * 64,
        manifest_media_type="application/vnd.oci.image.manifest.v1+json",
        config=ImageConfig(),
        layers=[LayerRecord("sha256:" + "e" * 64, "sha256:" + "d" * 64, 3, "x")],
    )


async def test_json_index_moves_names(tmp_path: Path) -> None:
    idx = JsonImageIndex(tmp_path / "images.json")
    assert isinstance(idx, ImageIndex)
    await idx.put(_record("a", ["r/x:1", "r/x:latest"]))
    await idx.put(_record("b", ["r/x:latest"]))
    a = await idx.get("sha256:" + "a" * 64)
    assert a is not None and a.names == ["r/x:1"]
    found = await idx.find("r/x:latest")
    assert found is not None and found.id == "sha256:" + "b" * 64
    again = JsonImageIndex(tmp_path / "images.json")  # persisted
    assert {r.id for r in await again.list()} == {a.id, found.id}
    await again.delete(a.id)
    await again.delete(a.id)
    assert [r.id for r in await again.list()] == [found.id]
    assert found.blobs == {found.id, found.manifest_digest, "sha256:" + "e" * 64}
