"""Image records and the narrow storage protocol the service implements.

An :class:`ImageRecord` is what podd knows about one image (one config
digest = one image id): its names, the manifest it came from, the parsed
config and the layer chain. Records live in an :class:`ImageIndex`; podd's
service implements it on SQLite, :class:`JsonImageIndex` is a small JSON-file
implementation used by the tests and by tools.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

import msgspec

from podd.images.manifest import ImageConfig


class LayerRecord(msgspec.Struct, frozen=True):
    """One layer: compressed blob digest, diff_id (= its unpacked dir), sizes."""

    digest: str
    diff_id: str
    size: int
    media_type: str
    uncompressed_size: int = 0


class ImageRecord(msgspec.Struct, kw_only=True):
    """Everything podd stores about an image.

    * ``id`` — the config digest (the image id, as in Docker and podman);
    * ``names`` — canonical tagged references (``docker.io/library/busybox:latest``),
      each belonging to at most one image;
    * ``digests`` — canonical repo digests (``docker.io/library/busybox@sha256:…``):
      the digest the image was pulled by (the index's for a multi-arch image);
    * ``manifest_digest`` — the platform manifest (a blob in the store);
      for a ``docker save`` import it is the manifest podd wrote;
    * ``index_digest`` — the multi-arch index it was chosen from, if any;
    * ``layers`` — bottom first; ``size`` — sum of uncompressed layer sizes.
    """

    id: str
    names: list[str] = msgspec.field(default_factory=list)
    digests: list[str] = msgspec.field(default_factory=list)
    manifest_digest: str
    manifest_media_type: str
    index_digest: str | None = None
    config: ImageConfig
    layers: list[LayerRecord] = msgspec.field(default_factory=list)
    size: int = 0
    created: str | None = None
    stored_at: str = ""
    source: Literal["pull", "import"] = "pull"
    platform: str = ""

    @property
    def blobs(self) -> set[str]:
        """Every blob digest this image keeps alive."""
        out = {self.id, self.manifest_digest, *(layer.digest for layer in self.layers)}
        if self.index_digest:
            out.add(self.index_digest)
        return out

    @property
    def diff_ids(self) -> list[str]:
        return [layer.diff_id for layer in self.layers]

    @property
    def dangling(self) -> bool:
        """No name and no repo digest: only reachable by id."""
        return not self.names and not self.digests


@runtime_checkable
class ImageIndex(Protocol):
    """Where image records live. Five async methods, all the service implements.

    * ``get(image_id)`` — the record with that id (``sha256:<hex>``) or None.
    * ``find(name)`` — the record holding ``name`` in its ``names`` or its
      ``digests`` (exact canonical string), or None.
    * ``put(record)`` — insert or replace the record with ``record.id``,
      *atomically* taking each of ``record.names`` away from any other record
      that holds it (a tag moves to the newly pulled image; the other
      record keeps its remaining names). ``digests`` are not exclusive.
    * ``delete(image_id)`` — remove the record (no error if absent).
    * ``list()`` — all records, in any order.

    On SQLite: an ``images`` table (id primary key, the record as msgspec
    JSON, ``created``) and an ``image_names`` table (name primary key,
    image_id, kind tag|digest) kept in step inside one transaction by
    ``put``.
    """

    async def get(self, image_id: str) -> ImageRecord | None: ...

    async def find(self, name: str) -> ImageRecord | None: ...

    async def put(self, record: ImageRecord) -> None: ...

    async def delete(self, image_id: str) -> None: ...

    async def list(self) -> list[ImageRecord]: ...


_records_decoder = msgspec.json.Decoder(list[ImageRecord])
_record_decoder = msgspec.json.Decoder(ImageRecord)
_encoder = msgspec.json.Encoder()


def _copy(r: ImageRecord) -> ImageRecord:
    return _record_decoder.decode(_encoder.encode(r))


class JsonImageIndex:
    """An :class:`ImageIndex` in one JSON file (atomic replace on each write)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = asyncio.Lock()
        self._records: dict[str, ImageRecord] | None = None

    def _load(self) -> dict[str, ImageRecord]:
        if self._records is None:
            try:
                data = self.path.read_bytes()
            except FileNotFoundError:
                data = b"[]"
            self._records = {r.id: r for r in _records_decoder.decode(data)}
        return self._records

    async def _save(self) -> None:
        records = list(self._load().values())
        data = _encoder.encode(records)
        tmp = self.path.with_name(self.path.name + ".tmp")

        def write() -> None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)

        await asyncio.to_thread(write)

    async def get(self, image_id: str) -> ImageRecord | None:
        async with self._lock:
            r = self._load().get(image_id)
            return _copy(r) if r is not None else None

    async def find(self, name: str) -> ImageRecord | None:
        async with self._lock:
            for r in self._load().values():
                if name in r.names or name in r.digests:
                    return _copy(r)
            return None

    async def put(self, record: ImageRecord) -> None:
        async with self._lock:
            records = self._load()
            taken = set(record.names)
            for other in records.values():
                if other.id != record.id and taken.intersection(other.names):
                    other.names = [n for n in other.names if n not in taken]
            records[record.id] = _copy(record)
            await self._save()

    async def delete(self, image_id: str) -> None:
        async with self._lock:
            if self._load().pop(image_id, None) is not None:
                await self._save()

    async def list(self) -> list[ImageRecord]:
        async with self._lock:
            return [_copy(r) for r in self._load().values()]
