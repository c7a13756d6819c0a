"""The image service podd's API and controller call: pull, import, list,
inspect, remove, prune — over one content store, one registry client, one
unpacker and an :class:`~podd.images.records.ImageIndex`.

Pulls run as tasks (:meth:`ImageManager.start_pull` → :class:`PullHandle`);
a second pull of the same reference joins the running one. Records are
committed, and garbage collected, under one lock, so a blob is never deleted
between a pull finding it present and the pull's record being written.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect as _inspect
import re
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path

import msgspec

from podd.images.auth import Credential, CredentialStore
from podd.images.digest import validate_digest
from podd.images.errors import (
    ImageError,
    ImageInUseError,
    ImageNotFoundError,
    InvalidReferenceError,
)
from podd.images.importer import import_archive
from podd.images.platform import parse_platform
from podd.images.progress import (
    ProgressCallback,
    PullComplete,
    PullHandle,
    failure_event,
)
from podd.images.puller import pull_image
from podd.images.records import ImageIndex, ImageRecord
from podd.images.reference import parse_reference
from podd.images.registry import RegistryClient, RegistryOptions
from podd.images.store import ContentStore
from podd.images.unpacker import LayerUnpacker
from podd.images.userns_holder import UsernsHolder

InUse = Callable[[str], bool | Awaitable[bool]]
_HEX_PREFIX = re.compile(r"^(?:sha256:)?[0-9a-f]{4,64}$")


class RemoveReport(msgspec.Struct):
    """What a remove or prune did."""

    untagged: list[str] = msgspec.field(default_factory=list)
    deleted: list[str] = msgspec.field(default_factory=list)
    blobs_removed: int = 0
    layers_removed: int = 0
    bytes_freed: int = 0


class ImageManager:
    """podd's images: one per service, shared by the API and the controller."""

    def __init__(
        self,
        data_dir: Path,
        index: ImageIndex,
        *,
        registry: RegistryClient | None = None,
        registry_options: RegistryOptions | None = None,
        credentials: CredentialStore | None = None,
        unpacker: LayerUnpacker | None = None,
        holder: UsernsHolder | None = None,
        in_use: InUse | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.index = index
        self.store = ContentStore(data_dir / "storage")
        self.credentials = credentials or CredentialStore.default(data_dir)
        self.registry = registry or RegistryClient(registry_options, self.credentials)
        self.holder = holder
        self.unpacker = unpacker or LayerUnpacker(holder.join_prefix if holder else None)
        self._in_use = in_use
        self._slots = asyncio.Semaphore(self.registry.options.max_concurrent_downloads)
        self._pulls: dict[tuple[str, str, str], PullHandle] = {}
        self._gc_lock = asyncio.Lock()

    @classmethod
    def create(
        cls,
        data_dir: Path,
        index: ImageIndex,
        *,
        insecure_registries: list[str] | None = None,
        in_use: InUse | None = None,
        userns: bool = True,
        holder_state: Path | None = None,
    ) -> ImageManager:
        """The service's configuration: layers unpacked in a held user namespace."""
        holder = UsernsHolder(state_file=holder_state) if userns else None
        options = RegistryOptions(insecure_registries=list(insecure_registries or []))
        return cls(data_dir, index, registry_options=options, holder=holder, in_use=in_use)

    async def close(self) -> None:
        """Cancel running pulls, stop helpers and the namespace holder."""
        for handle in list(self._pulls.values()):
            if handle.task is not None:
                handle.task.cancel()
        tasks = [h.task for h in self._pulls.values() if h.task is not None]
        await asyncio.gather(*tasks, return_exceptions=True)
        await self.unpacker.close()
        await self.registry.aclose()
        if self.holder is not None:
            await self.holder.stop()

    # -- pull -------------------------------------------------------------------

    def start_pull(
        self,
        image: str,
        *,
        platform: str | None = None,
        credentials: Mapping[str, Credential] | None = None,
    ) -> PullHandle:
        """Start (or join) a pull; it runs to the end whoever listens.

        Raises :class:`InvalidReferenceError` at once for a bad reference or
        platform (field ``image`` / ``platform``).
        """
        ref = parse_reference(image)
        plat = parse_platform(platform) if platform else None
        cred = self.registry.credential_for(ref, credentials)
        key = (ref.canonical(), str(plat), cred.fingerprint() if cred else "")
        running = self._pulls.get(key)
        if running is not None:
            return running
        handle = PullHandle(ref.canonical())

        async def run() -> ImageRecord:
            touched: set[str] = set()
            try:
                record = await pull_image(
                    ref,
                    registry=self.registry,
                    store=self.store,
                    unpacker=self.unpacker,
                    commit=self._commit,
                    emit=handle.emit,
                    platform=plat,
                    credentials=credentials,
                    slots=self._slots,
                    touched=touched,
                )
            except BaseException as e:
                await self._discard(touched)
                handle.emit(failure_event(ref.canonical(), e))
                raise
            handle.emit(
                PullComplete(ref.canonical(), record.id, record.manifest_digest, record.size)
            )
            return record

        def done(task: asyncio.Task[ImageRecord]) -> None:
            if self._pulls.get(key) is handle:
                del self._pulls[key]
            if not task.cancelled():
                task.exception()  # retrieved: errors reach waiters and the error event

        handle.task = asyncio.ensure_future(run())
        handle.task.add_done_callback(done)
        self._pulls[key] = handle
        return handle

    async def pull(
        self,
        image: str,
        *,
        platform: str | None = None,
        credentials: Mapping[str, Credential] | None = None,
        progress: ProgressCallback | None = None,
    ) -> ImageRecord:
        """Pull and return the record; ``progress`` gets every event."""
        handle = self.start_pull(image, platform=platform, credentials=credentials)
        unsubscribe: Callable[[], None] | None = None
        if progress is not None:
            for event in handle.snapshot():
                progress(event)
            unsubscribe = handle.subscribe(progress)
        try:
            return await handle.wait()
        finally:
            if unsubscribe is not None:
                unsubscribe()

    async def _commit(self, record: ImageRecord) -> ImageRecord:
        async with self._gc_lock:
            existing = await self.index.get(record.id)
            if existing is not None:
                record.names = list(dict.fromkeys(existing.names + record.names))
                record.digests = list(dict.fromkeys(existing.digests + record.digests))
            await self.index.put(record)
            return record

    # -- import -----------------------------------------------------------------

    async def import_archive(
        self, path: Path, *, tag: str | None = None, platform: str | None = None
    ) -> list[ImageRecord]:
        """Import an OCI layout (dir or tar) or a ``docker save`` tar."""
        touched: set[str] = set()
        try:
            return await import_archive(
                path,
                store=self.store,
                unpacker=self.unpacker,
                commit=self._commit,
                platform=parse_platform(platform) if platform else None,
                tag=tag,
                touched=touched,
            )
        except BaseException:
            await self._discard(touched)
            raise

    # -- queries ----------------------------------------------------------------

    async def list_images(self) -> list[ImageRecord]:
        return await self.index.list()

    async def resolve(self, image: str) -> ImageRecord | None:
        """The record for a name, repo digest, image id or unique id prefix."""
        s = image.strip()
        if s.startswith("sha256:") and len(s) == 71:
            validate_digest(s, field="image")
            return await self.index.get(s)
        ref = None
        with contextlib.suppress(InvalidReferenceError):
            ref = parse_reference(s)
        if ref is not None:
            key = f"{ref.name}@{ref.digest}" if ref.digest else ref.canonical()
            found = await self.index.find(key)
            if found is not None:
                return found
        if _HEX_PREFIX.match(s):
            prefix = s if s.startswith("sha256:") else f"sha256:{s}"
            hits = [r for r in await self.index.list() if r.id.startswith(prefix)]
            if len(hits) > 1:
                raise ImageNotFoundError(f"image id prefix {s!r} is ambiguous")
            return hits[0] if hits else None
        if ref is None:
            parse_reference(s)  # raises the reference error
        return None

    async def inspect(self, image: str) -> ImageRecord:
        found = await self.resolve(image)
        if found is None:
            raise ImageNotFoundError(f"image {image!r} not found")
        return found

    async def is_present(self, image: str) -> bool:
        """True when the image's record and all its layers are in the store."""
        found = await self.resolve(image)
        return found is not None and all(self.store.has_layer(d) for d in found.diff_ids)

    def layer_dirs(self, record: ImageRecord) -> list[Path]:
        """The overlay ``lowerdir`` list for ``record``: top layer first."""
        return [self.store.layer_path(d) for d in reversed(record.diff_ids)]

    # -- remove and prune -------------------------------------------------------

    async def _used(self, image_id: str) -> bool:
        if self._in_use is None:
            return False
        answer = self._in_use(image_id)
        if _inspect.isawaitable(answer):
            answer = await answer
        return bool(answer)

    async def remove(self, image: str, *, force: bool = False) -> RemoveReport:
        """Untag ``image`` (a name of an image with other names) or delete the image.

        Deleting an image a pod uses (``in_use``) needs ``force``.
        Unreferenced blobs and layers are removed afterwards.
        """
        report = RemoveReport()
        async with self._gc_lock:
            record = await self.resolve(image)
            if record is None:
                raise ImageNotFoundError(f"image {image!r} not found")
            name = None
            with contextlib.suppress(InvalidReferenceError):
                name = parse_reference(image).canonical()
            if name in record.names and len(record.names) > 1:
                record.names.remove(name)
                await self.index.put(record)
                report.untagged.append(name)
                return report
            if not force and await self._used(record.id):
                raise ImageInUseError(
                    f"image {image!r} ({record.id[:19]}) is used by a pod; use force to remove it"
                )
            await self.index.delete(record.id)
            report.untagged += record.names + record.digests
            report.deleted.append(record.id)
            await self._collect(report)
        return report

    async def prune(self, *, all: bool = False) -> RemoveReport:
        """Delete unused images without names (``all``: every unused image), then GC."""
        report = RemoveReport()
        async with self._gc_lock:
            for record in await self.index.list():
                if (all or record.dangling) and not await self._used(record.id):
                    await self.index.delete(record.id)
                    report.untagged += record.names + record.digests
                    report.deleted.append(record.id)
            await self._collect(report)
            if not self._pulls:
                await self.unpacker.remove(self.store.leftovers())
        return report

    async def _discard(self, digests: set[str]) -> None:
        """After a failed pull or import: remove what it stored that nothing uses
        (once its layers still being extracted are done)."""
        if not digests:
            return
        with contextlib.suppress(Exception):
            await self.store.layer_flights.settle(digests)
            async with self._gc_lock:
                await self._collect(RemoveReport(), only=digests)

    async def cleanup_leftovers(self) -> int:
        """Recover after a crash; call once at service start, before any pull.

        Removes temp files and half-extracted or trashed layers, and every
        blob and layer no record references (a crash before a pull's commit
        may have left layers that were never flushed to disk). Returns how
        many leftovers were removed.
        """
        async with self._gc_lock:
            if self._pulls:
                return 0
            leftovers = self.store.leftovers()
            await self.unpacker.remove(leftovers)
            await self._collect(RemoveReport())
            return len(leftovers)

    async def _collect(self, report: RemoveReport, only: set[str] | None = None) -> None:
        """Delete blobs and layers no record references (caller holds the GC lock);
        with ``only``, just those among these digests."""
        blobs: set[str] = set()
        layers: set[str] = set()
        for r in await self.index.list():
            blobs |= r.blobs
            layers.update(r.diff_ids)
        store = self.store
        present_blobs = store.list_blobs() if only is None else store.list_blobs() & only
        present_layers = store.list_layers() if only is None else store.list_layers() & only
        for digest in present_blobs - blobs:
            if not store.is_pinned(digest) and not store.blob_flights.running(digest):
                report.bytes_freed += store.trash_blob(digest)
                report.blobs_removed += 1
        trash: list[Path] = []
        for diff_id in present_layers - layers:
            if store.is_pinned(diff_id) or store.layer_flights.running(diff_id):
                continue
            unpacked = store.layer_report(diff_id)
            moved = store.trash_layer(diff_id)
            if moved is not None:
                trash.append(moved)
                report.layers_removed += 1
                report.bytes_freed += unpacked.uncompressed_size if unpacked else 0
        # on failure the trash stays under layers/.trash-*; the next prune retries
        with contextlib.suppress(ImageError):
            await self.unpacker.remove(trash)
