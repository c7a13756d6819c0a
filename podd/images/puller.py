"""Pull = registry → content store → unpacked layers → image record.

:func:`pull_image` is the numbered script; :class:`~podd.images.manager.ImageManager`
runs it as a task per pull (so it goes on when a progress consumer leaves)
and commits the record. :func:`ensure_layer` (one extraction per diff_id) is
shared with the importer. The pull policy and backoff helpers live in
:mod:`podd.images.policy` and are re-exported here.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import BinaryIO

from podd.images.auth import Credential
from podd.images.errors import ManifestError, PlatformNotFoundError
from podd.images.manifest import (
    Descriptor,
    ImageConfig,
    Index,
    Manifest,
    check_layers,
    parse_image_config,
    parse_manifest,
    select_manifest,
)
from podd.images.platform import Platform, matches
from podd.images.policy import PullBackoff, PullPolicy, default_pull_policy, needs_pull
from podd.images.progress import LayerProgress, LayerState, PullEvent, PullResolved
from podd.images.records import ImageRecord, LayerRecord
from podd.images.reference import ImageReference
from podd.images.registry import RegistryClient
from podd.images.store import ContentStore
from podd.images.unpack import UnpackReport
from podd.images.unpacker import LayerUnpacker

__all__ = [
    "PullBackoff",
    "PullPolicy",
    "build_record",
    "default_pull_policy",
    "ensure_layer",
    "needs_pull",
    "pull_image",
]

Emit = Callable[[PullEvent], None]
Commit = Callable[[ImageRecord], Awaitable[ImageRecord]]
PROGRESS_INTERVAL = 0.1


def now_rfc3339() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


async def ensure_layer(
    store: ContentStore, unpacker: LayerUnpacker, desc: Descriptor, diff_id: str
) -> tuple[UnpackReport, bool]:
    """Unpack blob ``desc`` as layer ``diff_id`` unless present; (report, was_present)."""
    if store.has_layer(diff_id):
        report = store.layer_report(diff_id)
        if report is not None:
            return report, True

    async def work(_report: Callable[[int], None]) -> UnpackReport:
        return await unpacker.extract(
            store.blob_path(desc.digest), desc.media_type, store.layer_path(diff_id), diff_id
        )

    report, _ = await store.layer_flights.run(diff_id, work)
    return report, False


def build_record(
    *,
    config_digest: str,
    config: ImageConfig,
    manifest_digest: str,
    manifest: Manifest,
    reports: list[UnpackReport],
    names: list[str],
    digests: list[str],
    index_digest: str | None,
    source: str,
) -> ImageRecord:
    layers = [
        LayerRecord(d.digest, diff_id, d.size, d.media_type, r.uncompressed_size)
        for d, diff_id, r in zip(manifest.layers, config.rootfs.diff_ids, reports, strict=True)
    ]
    return ImageRecord(
        id=config_digest,
        names=names,
        digests=digests,
        manifest_digest=manifest_digest,
        manifest_media_type=manifest.media_type or "application/vnd.oci.image.manifest.v1+json",
        index_digest=index_digest,
        config=config,
        layers=layers,
        size=sum(layer.uncompressed_size for layer in layers),
        created=config.created,
        stored_at=now_rfc3339(),
        source="import" if source == "import" else "pull",
        platform=str(config.platform),
    )


class _LayerReporter:
    """Throttled per-layer progress events."""

    def __init__(self, emit: Emit, desc: Descriptor) -> None:
        self.emit = emit
        self.desc = desc
        self._last = 0.0

    def state(self, state: LayerState, current: int = 0, message: str | None = None) -> None:
        self.emit(LayerProgress(self.desc.digest, state, current, self.desc.size, message))

    def bytes(self, n: int) -> None:
        t = time.monotonic()
        if n >= self.desc.size or t - self._last >= PROGRESS_INTERVAL:
            self._last = t
            self.state("downloading", n)


async def pull_image(
    ref: ImageReference,
    *,
    registry: RegistryClient,
    store: ContentStore,
    unpacker: LayerUnpacker,
    commit: Commit,
    emit: Emit,
    platform: Platform | None = None,
    credentials: Mapping[str, Credential] | None = None,
    slots: asyncio.Semaphore | None = None,
    touched: set[str] | None = None,
) -> ImageRecord:
    """Pull ``ref``; return the committed record.

    ``touched`` collects every blob digest and diff_id the pull may have
    stored, so a caller can remove what a failed pull left unreferenced.

    Step 1: resolve the reference to a manifest (verified digest).
    Step 2: an index → the platform's manifest (verified against the index).
    Step 3: the config blob (verified), parsed; layers and diff_ids paired.
    Step 4: pin every digest against garbage collection until committed.
    Step 5: layers in parallel — download (bounded by ``slots``, one per
            blob across pulls) then unpack (one per diff_id).
    Step 6: store the manifest(s), build the record, commit it.
    """
    cred = registry.credential_for(ref, credentials)
    # Step 1
    top = await registry.get_manifest(ref, cred=cred)
    parsed = parse_manifest(top.data, top.media_type)
    index_digest: str | None = None
    manifest_bytes, manifest_digest = top.data, top.digest
    # Step 2
    for _ in range(3):
        if not isinstance(parsed, Index):
            break
        index_digest = index_digest or top.digest
        entry = select_manifest(parsed, platform)
        child = await registry.get_manifest(ref, entry.digest, cred=cred)
        manifest_bytes, manifest_digest = child.data, child.digest
        parsed = parse_manifest(child.data, entry.media_type)
    if not isinstance(parsed, Manifest):
        raise ManifestError(f"{ref}: indexes nested too deep")
    manifest = parsed
    # Step 3
    config_desc = manifest.config
    if store.has_blob(config_desc.digest):
        config_bytes = store.read_blob(config_desc.digest)
    else:
        config_bytes = await registry.get_blob_bytes(ref, config_desc, cred=cred)
    config = parse_image_config(config_bytes)
    check_layers(manifest, config)
    if platform is not None and not matches(platform, config.platform):
        raise PlatformNotFoundError(
            f"{ref} is an image for {config.platform}, not for the requested {platform}"
        )
    emit(
        PullResolved(
            ref.canonical(),
            manifest_digest,
            str(config.platform),
            len(manifest.layers),
            sum(d.size for d in manifest.layers),
        )
    )
    # Step 4
    pins = [config_desc.digest, manifest_digest, *(d.digest for d in manifest.layers)]
    pins += config.rootfs.diff_ids + ([index_digest] if index_digest else [])
    if touched is not None:
        touched.update(pins)
    with store.pinned(pins):
        await store.put_bytes(config_bytes, config_desc.digest)
        # Step 5
        reports = await _layers(ref, cred, manifest, config, registry, store, unpacker, emit, slots)
        # Step 6
        await store.put_bytes(manifest_bytes, manifest_digest)
        if index_digest:
            await store.put_bytes(top.data, index_digest)
        record = build_record(
            config_digest=config_desc.digest,
            config=config,
            manifest_digest=manifest_digest,
            manifest=manifest,
            reports=reports,
            names=[ref.canonical()] if ref.tag and not ref.digest else [],
            digests=[f"{ref.name}@{top.digest}"],
            index_digest=index_digest,
            source="pull",
        )
        await store.sync()
        return await commit(record)


async def _layers(
    ref: ImageReference,
    cred: Credential | None,
    manifest: Manifest,
    config: ImageConfig,
    registry: RegistryClient,
    store: ContentStore,
    unpacker: LayerUnpacker,
    emit: Emit,
    slots: asyncio.Semaphore | None,
) -> list[UnpackReport]:
    async def one(desc: Descriptor, diff_id: str) -> UnpackReport:
        rep = _LayerReporter(emit, desc)
        try:
            if store.has_blob(desc.digest) and store.has_layer(diff_id):
                report, _ = await ensure_layer(store, unpacker, desc, diff_id)
                rep.state("exists", desc.size)
                return report
            rep.state("waiting")

            async def fetch(out: BinaryIO, report: Callable[[int], None]) -> None:
                async with slots or _NO_LIMIT:
                    await registry.fetch_blob(ref, desc, out, cred=cred, progress=report)
                rep.state("verifying", desc.size)

            await store.ensure_blob(desc.digest, desc.size, fetch, rep.bytes)
            rep.state("extracting", desc.size)
            report, _ = await ensure_layer(store, unpacker, desc, diff_id)
            rep.state("done", desc.size)
            return report
        except Exception as e:
            rep.state("error", message=str(e))
            raise

    tasks = [
        asyncio.ensure_future(one(d, diff_id))
        for d, diff_id in zip(manifest.layers, config.rootfs.diff_ids, strict=True)
    ]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for t in tasks:
            exc = t.exception() if t in done else None
            if exc is not None:
                raise exc
        return [t.result() for t in tasks]
    finally:
        for t in tasks:
            if not t.done():
                t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


class _NoLimit:
    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc: object) -> None:
        return None


_NO_LIMIT = _NoLimit()
