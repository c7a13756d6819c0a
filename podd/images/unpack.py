"""Layer extraction: a tar stream (gzip, zstd or plain) into an overlay lower dir.

:func:`extract_layer` is the core, a plain blocking function run by the
unpack helper process (``python -m podd.images.unpack_helper``) — as root
inside a user namespace with the pods' mapping, so ``lchown`` gives the
image's owners, whiteout device nodes can be made, and ``security.capability``
xattrs are namespaced. It:

* decompresses by sniffing the magic (the media type is a hint) and hashes
  the uncompressed stream, which must equal the config's diff_id;
* never follows a symlink and never leaves the layer: every entry is created
  relative to a directory fd reached component by component with
  ``O_NOFOLLOW``; ``..`` and absolute names are refused, hardlinks must point
  at an entry already in this layer;
* turns ``.wh.NAME`` into an overlay whiteout (char device 0:0) and
  ``.wh..wh..opq`` into ``user.overlay.opaque=y`` (overlay's ``userxattr``
  mode); drops ``*.overlay.*`` xattrs coming from the tar;
* skips device nodes (rootless cannot make them; the runtime provides /dev)
  and records a note;
* sets owner, mode, xattrs and mtime; directories' mode and mtime last.

Not running as uid 0 (tests without a namespace), ownership it cannot give and
whiteouts it cannot make become notes instead of errors.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tarfile
from pathlib import Path
from typing import BinaryIO, Protocol

import zstandard

from podd.images.errors import DiffIDMismatchError, UnpackError
from podd.images.layerfs import (
    DIR_FLAGS,
    MAX_NOTES,
    LayerWriter,
    UnpackReport,
    remove_tree,
)

__all__ = ["UnpackReport", "detect_compression", "extract_layer", "remove_tree"]

DEFAULT_MAX_BYTES = 1 << 40
_CHUNK = 1 << 20


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def detect_compression(head: bytes) -> str:
    """``"gzip"``, ``"zstd"`` or ``"none"`` from a stream's first bytes."""
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    if head[:4] == b"\x28\xb5\x2f\xfd":
        return "zstd"
    return "none"


class _HashingReader:
    """Decompresses ``raw`` and hashes what it hands out (the diff_id)."""

    def __init__(self, raw: BinaryIO, compression: str, max_bytes: int) -> None:
        self._inner: _Readable
        if compression == "gzip":
            self._inner = gzip.GzipFile(fileobj=raw, mode="rb")
        elif compression == "zstd":
            self._inner = zstandard.ZstdDecompressor().stream_reader(
                raw, read_size=_CHUNK, read_across_frames=True
            )
        else:
            self._inner = raw
        self.hash = hashlib.sha256()
        self.size = 0
        self._max = max_bytes

    def read(self, n: int = -1) -> bytes:
        try:
            data = self._inner.read(n if n >= 0 else _CHUNK)
        except (OSError, EOFError, zstandard.ZstdError) as e:
            raise UnpackError(f"corrupt compressed layer stream: {e}") from None
        self.hash.update(data)
        self.size += len(data)
        if self.size > self._max:
            raise UnpackError(f"layer expands beyond {self._max} bytes")
        return data

    def drain(self) -> None:
        for _ in range(1 << 40):
            if not self.read(_CHUNK):
                return


def extract_layer(
    stream_path: Path | str,
    media_type: str,
    dest: Path | str,
    expected_diff_id: str | None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> UnpackReport:
    """Extract the layer blob at ``stream_path`` into ``dest`` (created, must not exist).

    ``media_type`` is informational: the compression is sniffed. Raises
    :class:`DiffIDMismatchError` when the uncompressed stream does not hash to
    ``expected_diff_id`` and :class:`TarSafetyError` for unsafe entries; on
    any failure ``dest`` is removed.
    """
    dest = Path(dest)
    os.mkdir(dest, 0o755)
    root_fd = os.open(dest, DIR_FLAGS)
    try:
        with open(stream_path, "rb") as raw:
            compression = detect_compression(raw.read(4))
            raw.seek(0)
            reader = _HashingReader(raw, compression, max_bytes)
            report = UnpackReport(
                diff_id="", uncompressed_size=0, entries=0, compression=compression
            )
            ex = LayerWriter(root_fd, report)
            try:
                _run(reader, ex, report)
            finally:
                ex.close()
        report.diff_id = "sha256:" + reader.hash.hexdigest()
        report.uncompressed_size = reader.size
        if expected_diff_id and report.diff_id != expected_diff_id:
            raise DiffIDMismatchError(
                f"layer {stream_path} ({media_type}): uncompressed digest {report.diff_id} "
                f"differs from the config's diff_id {expected_diff_id}",
                expected=expected_diff_id,
                actual=report.diff_id,
            )
        if report.notes and len(report.notes) >= MAX_NOTES:
            report.notes.append("(more notes omitted)")
        return report
    except BaseException:
        os.close(root_fd)
        root_fd = -1
        remove_tree(dest)
        raise
    finally:
        if root_fd >= 0:
            os.close(root_fd)


def _run(reader: _HashingReader, ex: LayerWriter, report: UnpackReport) -> None:
    try:
        tf = tarfile.open(fileobj=reader, mode="r|")  # type: ignore[call-overload]  # noqa: SIM115
    except tarfile.ReadError as e:
        if reader.size == 0:
            return  # an empty layer blob
        raise UnpackError(f"not a tar stream: {e}") from None
    with tf:
        for _ in range(1 << 32):
            try:
                m = tf.next()
            except tarfile.TarError as e:
                raise UnpackError(f"malformed tar stream: {e}") from None
            if m is None:
                break
            ex.entry(tf, m)
            report.entries += 1
            tf.members.clear()
    ex.finish_dirs()
    reader.drain()
