"""Offline import: an OCI image layout (directory or tar) or a ``docker save`` tar.

Both end in the same content store and produce the same image id — the
config digest — as a registry pull of the same image:

* **OCI layout** (``oci-layout``, ``index.json``, ``blobs/sha256/…``): the
  blobs are the registry's own, so the manifest digest is the same too. An
  index entry that is itself an index yields the host's (or the given)
  platform. Names come from the ``io.containerd.image.name`` annotation, or
  ``org.opencontainers.image.ref.name`` when it is a full reference.
* **docker save** (``manifest.json`` with ``Config``/``RepoTags``/``Layers``):
  Docker stores layers uncompressed, so podd writes an OCI manifest for them
  (media type ``…layer.v1.tar``); the config is byte-identical, hence the same
  image id, but that manifest's digest differs from the registry's. Archives
  with only the pre-1.10 ``repositories`` file are refused.

A tar that holds both (Docker ≥ 25) is imported as an OCI layout. Every
blob is verified; every path read from the archive is checked.
"""

from __future__ import annotations

import asyncio
import contextlib
import tarfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import IO, Protocol

import msgspec

from podd.images.digest import digest_hex, is_digest, sha256_digest
from podd.images.errors import ArchiveError, ImageError, InvalidReferenceError
from podd.images.manifest import (
    INDEX_TYPES,
    OCI_CONFIG,
    OCI_INDEX,
    OCI_LAYER,
    OCI_LAYER_GZIP,
    OCI_LAYER_ZSTD,
    OCI_MANIFEST,
    Descriptor,
    Index,
    Manifest,
    check_layers,
    encode,
    parse_image_config,
    parse_manifest,
    select_manifest,
)
from podd.images.platform import Platform
from podd.images.puller import build_record, ensure_layer
from podd.images.records import ImageRecord
from podd.images.reference import parse_reference
from podd.images.store import ContentStore
from podd.images.unpack import detect_compression
from podd.images.unpacker import LayerUnpacker

MAX_METADATA = 16 << 20
MAX_IMAGES = 256
NAME_ANNOTATION = "io.containerd.image.name"
REF_ANNOTATION = "org.opencontainers.image.ref.name"


class _Archive(Protocol):
    def exists(self, name: str) -> bool: ...
    def opener(self, name: str) -> Callable[[], IO[bytes]]: ...
    def close(self) -> None: ...


def _clean(name: str) -> str:
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if name.startswith("/") or ".." in parts or not parts:
        raise ArchiveError(f"archive path {name!r} is absolute, empty or has '..'")
    return "/".join(parts)


class _DirArchive:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, name: str) -> Path:
        p = (self.root / _clean(name)).resolve()
        if not p.is_relative_to(self.root):
            raise ArchiveError(f"archive path {name!r} leaves the layout directory")
        return p

    def exists(self, name: str) -> bool:
        return self._path(name).is_file()

    def opener(self, name: str) -> Callable[[], IO[bytes]]:
        p = self._path(name)
        return lambda: open(p, "rb")

    def close(self) -> None:
        pass


class _TarArchive:
    def __init__(self, path: Path) -> None:
        try:
            self.tf = tarfile.open(path, "r:*")  # noqa: SIM115 (closed by close())
            members = self.tf.getmembers()
        except (tarfile.TarError, OSError) as e:
            raise ArchiveError(f"{path}: not a readable tar archive: {e}") from None
        self.members: dict[str, tarfile.TarInfo] = {}
        for m in members:
            with contextlib.suppress(ArchiveError):
                self.members[_clean(m.name)] = m

    def exists(self, name: str) -> bool:
        m = self.members.get(_clean(name))
        return m is not None and (m.isfile() or m.issym() or m.islnk())

    def opener(self, name: str) -> Callable[[], IO[bytes]]:
        m = self.members.get(_clean(name))
        if m is None:
            raise ArchiveError(f"archive has no {name!r}")

        def open_member() -> IO[bytes]:
            try:
                f = self.tf.extractfile(m)
            except (tarfile.TarError, KeyError) as e:
                raise ArchiveError(f"cannot read {name!r} from the archive: {e}") from None
            if f is None:
                raise ArchiveError(f"{name!r} in the archive is not a file")
            return f

        return open_member

    def close(self) -> None:
        self.tf.close()


def _read(archive: _Archive, name: str, limit: int = MAX_METADATA) -> bytes:
    if not archive.exists(name):
        raise ArchiveError(f"archive has no {name!r}")
    with archive.opener(name)() as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ArchiveError(f"{name!r} is larger than {limit} bytes")
    return data


def _blob_name(digest: str) -> str:
    if not is_digest(digest):
        raise ArchiveError(f"unsupported digest {digest!r} in the layout")
    return f"blobs/sha256/{digest_hex(digest)}"


class _Found(msgspec.Struct):
    """One image found in an archive, before it is stored."""

    manifest_bytes: bytes
    manifest: Manifest
    config_bytes: bytes
    names: list[str]
    layer_openers: list[tuple[Descriptor, str]]
    index_bytes: bytes | None = None


def _names_from(annotations: dict[str, str] | None) -> list[str]:
    ann = annotations or {}
    for key in (NAME_ANNOTATION, REF_ANNOTATION):
        value = ann.get(key)
        if value and (key == NAME_ANNOTATION or any(c in value for c in "/:@")):
            with contextlib.suppress(InvalidReferenceError):
                ref = parse_reference(value)
                if ref.tag and not ref.digest:
                    return [ref.canonical()]
    return []


def _scan_oci(archive: _Archive, platform: Platform | None) -> list[_Found]:
    try:
        index = parse_manifest(_read(archive, "index.json"), OCI_INDEX)
    except ImageError as e:
        raise ArchiveError(f"index.json: {e.message}") from None
    if not isinstance(index, Index) or not index.manifests:
        raise ArchiveError("index.json lists no images")
    out: list[_Found] = []
    for entry in index.manifests[:MAX_IMAGES]:
        names = _names_from(entry.annotations)
        data = _read(archive, _blob_name(entry.digest))
        if sha256_digest(data) != entry.digest:
            raise ArchiveError(f"blob {entry.digest} in the layout does not match its digest")
        parsed = parse_manifest(data, entry.media_type)
        index_bytes = None
        if isinstance(parsed, Index) or entry.media_type in INDEX_TYPES:
            if not isinstance(parsed, Index):
                raise ArchiveError(f"{entry.digest} is not an index")
            index_bytes = data
            child = select_manifest(parsed, platform)
            data = _read(archive, _blob_name(child.digest))
            if sha256_digest(data) != child.digest:
                raise ArchiveError(f"blob {child.digest} in the layout does not match its digest")
            parsed = parse_manifest(data, child.media_type)
        if not isinstance(parsed, Manifest):
            raise ArchiveError(f"{entry.digest}: indexes nested too deep")
        config_bytes = _read(archive, _blob_name(parsed.config.digest))
        layers = [(d, _blob_name(d.digest)) for d in parsed.layers]
        out.append(_Found(data, parsed, config_bytes, names, layers, index_bytes))
    return out


class _SaveEntry(msgspec.Struct, rename="pascal"):
    config: str
    layers: list[str]
    repo_tags: list[str] | None = None


async def _scan_docker(archive: _Archive, store: ContentStore, pins: list[str]) -> list[_Found]:
    try:
        entries = msgspec.json.decode(_read(archive, "manifest.json"), type=list[_SaveEntry])
    except msgspec.DecodeError as e:
        raise ArchiveError(f"manifest.json: {e}") from None
    out: list[_Found] = []
    for entry in entries[:MAX_IMAGES]:
        config_bytes = _read(archive, entry.config)
        layers: list[tuple[Descriptor, str]] = []
        for name in entry.layers:
            with archive.opener(name)() as f:
                media = {"gzip": OCI_LAYER_GZIP, "zstd": OCI_LAYER_ZSTD}.get(
                    detect_compression(f.read(4)), OCI_LAYER
                )
            digest, size = await store.ingest_unknown(archive.opener(name))
            store.pin([digest])
            pins.append(digest)
            layers.append((Descriptor(media, digest, size), name))
        manifest = Manifest(
            schema_version=2,
            media_type=OCI_MANIFEST,
            config=Descriptor(OCI_CONFIG, sha256_digest(config_bytes), len(config_bytes)),
            layers=[d for d, _ in layers],
        )
        names = []
        for tag in entry.repo_tags or []:
            try:
                names.append(parse_reference(tag).canonical())
            except InvalidReferenceError as e:
                raise ArchiveError(f"manifest.json: {e.message}") from None
        out.append(_Found(encode(manifest), manifest, config_bytes, names, layers))
    return out


async def import_archive(
    path: Path,
    *,
    store: ContentStore,
    unpacker: LayerUnpacker,
    commit: Callable[[ImageRecord], Awaitable[ImageRecord]],
    platform: Platform | None = None,
    tag: str | None = None,
    touched: set[str] | None = None,
) -> list[ImageRecord]:
    """Import every image of the archive at ``path`` (a layout dir or a tar).

    ``tag`` (a reference) names the image when the archive holds exactly one.
    ``touched`` collects the digests stored (see :func:`~podd.images.puller.pull_image`).
    """
    touched = touched if touched is not None else set()
    # indexing a tar reads every header: a worker thread, not the event loop
    archive: _Archive = (
        _DirArchive(path) if path.is_dir() else await asyncio.to_thread(_TarArchive, path)
    )
    pins: list[str] = []
    try:
        if archive.exists("oci-layout") and archive.exists("index.json"):
            found, kind = _scan_oci(archive, platform), "oci"
        elif archive.exists("manifest.json"):
            found, kind = await _scan_docker(archive, store, pins), "docker"
            touched.update(pins)
        elif archive.exists("repositories"):
            raise ArchiveError("legacy docker save archive (no manifest.json) is not supported")
        else:
            raise ArchiveError(f"{path}: neither an OCI image layout nor a docker save archive")
        if tag is not None:
            if len(found) != 1:
                raise ArchiveError(f"a tag names one image; the archive holds {len(found)}")
            found[0].names = [parse_reference(tag, field="tag").canonical()]
        records = []
        for f in found:
            records.append(await _store_one(f, kind, archive, store, unpacker, commit, touched))
        return records
    finally:
        store.unpin(pins)
        archive.close()


async def _store_one(
    f: _Found,
    kind: str,
    archive: _Archive,
    store: ContentStore,
    unpacker: LayerUnpacker,
    commit: Callable[[ImageRecord], Awaitable[ImageRecord]],
    touched: set[str],
) -> ImageRecord:
    config = parse_image_config(f.config_bytes)
    check_layers(f.manifest, config)
    manifest_digest = sha256_digest(f.manifest_bytes)
    index_digest = sha256_digest(f.index_bytes) if f.index_bytes else None
    pins = [manifest_digest, f.manifest.config.digest, *config.rootfs.diff_ids]
    pins += [d.digest for d, _ in f.layer_openers] + ([index_digest] if index_digest else [])
    touched.update(pins)
    with store.pinned(pins):
        await store.put_bytes(f.config_bytes, f.manifest.config.digest)
        reports = []
        for (desc, name), diff_id in zip(f.layer_openers, config.rootfs.diff_ids, strict=True):
            if kind == "oci":
                await store.ingest(archive.opener(name), desc.digest, desc.size)
            report, _ = await ensure_layer(store, unpacker, desc, diff_id)
            reports.append(report)
        await store.put_bytes(f.manifest_bytes, manifest_digest)
        if f.index_bytes:
            await store.put_bytes(f.index_bytes)
        record = build_record(
            config_digest=f.manifest.config.digest,
            config=config,
            manifest_digest=manifest_digest,
            manifest=f.manifest,
            reports=reports,
            names=f.names,
            digests=[],
            index_digest=index_digest,
            source="import",
        )
        await store.sync()
        return await commit(record)
