"""The content-addressed store under ``<data>/storage``.

::

    storage/blobs/sha256/<hex>            verified blobs (manifests, configs, layers)
    storage/layers/sha256/<hex>/          one unpacked layer per diff_id (overlay lowerdir)
    storage/layers/sha256/<hex>.json      its UnpackReport
    storage/tmp/                          downloads in progress
    storage/layers/sha256/.tmp-*, .trash-*  layers being extracted or removed

A blob is written to ``tmp/``, fsync'd, verified and renamed into place, so
only complete, verified blobs are ever visible; a failed or tampered download
leaves nothing. Work on one digest is single-flight: two pulls needing the
same blob (or layer) share one download (or extraction), and the second sees
the first's progress. Digests in use by a running pull are *pinned*; garbage
collection never removes a pinned or referenced digest.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO, Generic, TypeVar

import msgspec

from podd.images.digest import digest_hex, sha256_digest
from podd.images.errors import DigestMismatchError, SizeMismatchError, StoreError
from podd.images.unpack import UnpackReport

T = TypeVar("T")
Progress = Callable[[int], None]


class _Flight(Generic[T]):
    def __init__(self) -> None:
        self.listeners: list[Progress] = []
        self.done_bytes = 0
        self.waiters = 0
        self.task: asyncio.Task[T] | None = None

    def report(self, n: int) -> None:
        self.done_bytes = n
        for cb in list(self.listeners):
            cb(n)


class SingleFlight(Generic[T]):
    """At most one running task per key; later callers join it.

    The task is shielded: a caller that is cancelled does not cancel the
    shared work for the others. With ``cancel_abandoned`` the work is
    cancelled (and awaited, so its cleanup is done) when its last caller is.
    """

    def __init__(self, *, cancel_abandoned: bool = False) -> None:
        self._flights: dict[str, _Flight[T]] = {}
        self._cancel_abandoned = cancel_abandoned

    def running(self, key: str) -> bool:
        return key in self._flights

    async def settle(self, keys: Iterable[str], timeout: float = 600.0) -> None:
        """Wait (bounded) until no work for ``keys`` runs; results are not raised."""
        tasks = [f.task for k in keys if (f := self._flights.get(k)) and f.task is not None]
        if tasks:
            await asyncio.wait(tasks, timeout=timeout)

    async def run(
        self,
        key: str,
        work: Callable[[Progress], Awaitable[T]],
        progress: Progress | None = None,
    ) -> tuple[T, bool]:
        """Run ``work(report)`` once for ``key``; returns (result, joined_existing)."""
        flight = self._flights.get(key)
        joined = flight is not None
        if flight is None:
            new: _Flight[T] = _Flight()
            self._flights[key] = new

            async def runner() -> T:
                try:
                    return await work(new.report)
                finally:
                    self._flights.pop(key, None)

            new.task = asyncio.ensure_future(runner())
            flight = new
        if progress is not None:
            flight.listeners.append(progress)
            if flight.done_bytes:
                progress(flight.done_bytes)
        task = flight.task
        assert task is not None
        flight.waiters += 1
        try:
            return await asyncio.shield(task), joined
        except asyncio.CancelledError:
            if flight.waiters == 1 and self._cancel_abandoned and not task.done():
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
            raise
        finally:
            flight.waiters -= 1
            if progress is not None and progress in flight.listeners:
                flight.listeners.remove(progress)


class ContentStore:
    """Blobs and unpacked layers under ``<root>`` (usually ``<data>/storage``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.blobs_dir = root / "blobs" / "sha256"
        self.layers_dir = root / "layers" / "sha256"
        self.tmp_dir = root / "tmp"
        for d in (self.blobs_dir, self.layers_dir, self.tmp_dir):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.blob_flights: SingleFlight[None] = SingleFlight(cancel_abandoned=True)
        self.layer_flights: SingleFlight[UnpackReport] = SingleFlight()
        self._pins: Counter[str] = Counter()
        self.downloads = 0

    # -- paths ----------------------------------------------------------------

    def blob_path(self, digest: str) -> Path:
        return self.blobs_dir / digest_hex(digest)

    def layer_path(self, diff_id: str) -> Path:
        return self.layers_dir / digest_hex(diff_id)

    def has_blob(self, digest: str) -> bool:
        return self.blob_path(digest).is_file()

    def has_layer(self, diff_id: str) -> bool:
        return self.layer_path(diff_id).is_dir()

    def layer_report(self, diff_id: str) -> UnpackReport | None:
        p = self.layers_dir / (digest_hex(diff_id) + ".json")
        try:
            return msgspec.json.decode(p.read_bytes(), type=UnpackReport)
        except (OSError, msgspec.DecodeError):
            return None

    def temp_path(self, label: str) -> Path:
        return self.tmp_dir / f"{label}.{secrets.token_hex(6)}.partial"

    # -- pins -----------------------------------------------------------------

    @contextmanager
    def pinned(self, digests: Iterable[str]) -> Iterator[None]:
        """Protect ``digests`` (blobs or diff_ids) from garbage collection."""
        keys = list(digests)
        self._pins.update(keys)
        try:
            yield
        finally:
            self._pins.subtract(keys)
            self._pins += Counter()  # drop zero counts

    def pin(self, digests: Iterable[str]) -> None:
        self._pins.update(digests)

    def unpin(self, digests: Iterable[str]) -> None:
        self._pins.subtract(digests)
        self._pins += Counter()

    def is_pinned(self, digest: str) -> bool:
        return self._pins[digest] > 0

    # -- writing blobs --------------------------------------------------------

    async def ensure_blob(
        self,
        digest: str,
        size: int,
        fetch: Callable[[BinaryIO, Progress], Awaitable[None]],
        progress: Progress | None = None,
    ) -> bool:
        """Make blob ``digest`` present; True if this call (or one it joined) fetched it.

        ``fetch(file, report)`` writes the verified content into an empty
        temp file; the file is then fsync'd, its size checked and renamed.
        """
        if self.has_blob(digest):
            return False

        async def work(report: Progress) -> None:
            if self.has_blob(digest):
                return
            self.downloads += 1
            tmp = self.temp_path(digest_hex(digest))
            try:
                with open(tmp, "wb") as f:
                    await fetch(f, report)
                    f.flush()
                    await asyncio.to_thread(os.fsync, f.fileno())
                actual = tmp.stat().st_size
                if actual != size:
                    raise SizeMismatchError(f"blob {digest}: expected {size} bytes, got {actual}")
                await self._commit(tmp, self.blob_path(digest))
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise

        await self.blob_flights.run(digest, work, progress)
        return True

    async def _commit(self, tmp: Path, final: Path) -> None:
        os.replace(tmp, final)
        await asyncio.to_thread(_fsync_dir, final.parent)

    async def put_bytes(self, data: bytes, digest: str | None = None) -> str:
        """Store small content (manifests, configs); verify it against ``digest``."""
        actual = sha256_digest(data)
        if digest is not None and actual != digest:
            raise DigestMismatchError(
                f"content {digest}: digest mismatch (got {actual})", expected=digest, actual=actual
            )
        if self.has_blob(actual):
            return actual
        tmp = self.temp_path(digest_hex(actual))
        try:
            await asyncio.to_thread(_write_synced, tmp, data)
            await self._commit(tmp, self.blob_path(actual))
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return actual

    async def ingest(
        self, src: Callable[[], IO[bytes]], digest: str, size: int | None = None
    ) -> bool:
        """Copy a local stream (an archive member) in, verifying it; True if new."""
        if self.has_blob(digest):
            return False

        async def work(report: Progress) -> None:
            if self.has_blob(digest):
                return
            tmp = self.temp_path(digest_hex(digest))
            try:
                actual, n = await asyncio.to_thread(_copy_hashing, src, tmp)
                if size is not None and n != size:
                    raise SizeMismatchError(f"blob {digest}: expected {size} bytes, got {n}")
                if actual != digest:
                    raise DigestMismatchError(
                        f"blob {digest}: digest mismatch (got {actual})",
                        expected=digest,
                        actual=actual,
                    )
                await self._commit(tmp, self.blob_path(digest))
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise

        await self.blob_flights.run(digest, work)
        return True

    async def ingest_unknown(self, src: Callable[[], IO[bytes]]) -> tuple[str, int]:
        """Copy a local stream in under the digest it turns out to have; (digest, size)."""
        tmp = self.temp_path("import")
        try:
            digest, n = await asyncio.to_thread(_copy_hashing, src, tmp)
            if self.has_blob(digest):
                tmp.unlink()
            else:
                await self._commit(tmp, self.blob_path(digest))
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return digest, n

    async def sync(self) -> None:
        """Flush the store's filesystem (once per pull, before its record is
        written: a committed image's layers are on disk; unreferenced content
        after a crash is removed by garbage collection)."""
        from podd.images.unpack_helper import syncfs

        def run() -> None:
            fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
            try:
                syncfs(fd)
            finally:
                os.close(fd)

        await asyncio.to_thread(run)

    def read_blob(self, digest: str) -> bytes:
        try:
            return self.blob_path(digest).read_bytes()
        except FileNotFoundError:
            raise StoreError(f"blob {digest} is missing from the store") from None

    # -- listing and garbage ----------------------------------------------------

    def list_blobs(self) -> set[str]:
        return {
            "sha256:" + p.name
            for p in self.blobs_dir.iterdir()
            if len(p.name) == 64 and not p.name.startswith(".")
        }

    def list_layers(self) -> set[str]:
        return {
            "sha256:" + p.name
            for p in self.layers_dir.iterdir()
            if len(p.name) == 64 and p.is_dir()
        }

    def trash_blob(self, digest: str) -> int:
        """Remove an unreferenced blob now (synchronous, cheap); bytes freed."""
        p = self.blob_path(digest)
        try:
            n = p.stat().st_size
            p.unlink()
        except FileNotFoundError:
            return 0
        return n

    def trash_layer(self, diff_id: str) -> Path | None:
        """Rename a layer dir out of sight (synchronous); the caller removes the result."""
        p = self.layer_path(diff_id)
        # same parent: renaming a directory elsewhere needs write access to it,
        # and its owner may be a subordinate id
        trash = self.layers_dir / f".trash-{p.name}-{secrets.token_hex(4)}"
        try:
            os.rename(p, trash)
        except FileNotFoundError:
            return None
        (p.with_name(p.name + ".json")).unlink(missing_ok=True)
        return trash

    def leftovers(self) -> list[Path]:
        """Temp files and trash left by a crash (safe to remove when no pull runs)."""
        out = list(self.tmp_dir.iterdir())
        out += [p for p in self.layers_dir.iterdir() if p.name.startswith((".tmp-", ".trash-"))]
        return out


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _copy_hashing(src: Callable[[], IO[bytes]], dest: Path) -> tuple[str, int]:
    import hashlib

    h = hashlib.sha256()
    n = 0
    with src() as r, open(dest, "wb") as w:
        for _ in range(1 << 40):
            chunk = r.read(1 << 20)
            if not chunk:
                break
            h.update(chunk)
            w.write(chunk)
            n += len(chunk)
        w.flush()
        os.fsync(w.fileno())
    return "sha256:" + h.hexdigest(), n
