"""The unpack helper process: ``python -m podd.images.unpack_helper``.

podd runs it as root inside the pods' user namespace (through ``podd-pause
--join <holder> --ns user,mnt --``), because ``setns`` into a user namespace
needs a single-threaded process and podd itself never enters one. Commands:

``extract --blob B --dest D [--media-type T] [--diff-id X]``
    extract one layer into ``D`` (through a temp dir beside it, then a
    rename); the :class:`~podd.images.unpack.UnpackReport` as JSON on stdout.
``remove PATH...``
    remove trees (layers, trash) whose files belong to subordinate ids.
``serve``
    jobs as NDJSON on stdin (:data:`Job`), one :class:`JobResult` line per
    job on stdout, until stdin closes (so the helper dies with podd).

Errors are reported as JSON (``ok: false``, ``reason``, ``error``) and exit 1.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import secrets
import sys
from pathlib import Path

import msgspec

from podd.images.errors import ImageError
from podd.images.unpack import UnpackReport, extract_layer, remove_tree


class ExtractJob(msgspec.Struct, tag="extract"):
    """Extract ``blob`` into ``dest`` (a layer dir that must not exist yet)."""

    blob: str
    dest: str
    media_type: str = ""
    diff_id: str | None = None
    sync: bool = False


class RemoveJob(msgspec.Struct, tag="remove"):
    """Remove these trees."""

    paths: list[str]


Job = ExtractJob | RemoveJob


class JobResult(msgspec.Struct, omit_defaults=True):
    """One helper answer."""

    ok: bool
    report: UnpackReport | None = None
    reason: str | None = None
    error: str | None = None


_encoder = msgspec.json.Encoder()
_job_decoder = msgspec.json.Decoder(Job)


def syncfs(fd: int) -> None:
    """Flush the filesystem holding ``fd`` (syncfs(2); sync(2) if unavailable)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syncfs(fd)
    except (OSError, AttributeError):
        os.sync()


def report_path(dest: Path) -> Path:
    """Where a layer's report is kept: ``<dest>.json`` beside the layer dir."""
    return dest.with_name(dest.name + ".json")


def install_layer(job: ExtractJob) -> UnpackReport:
    """Extract to ``.tmp-…`` beside ``dest``, write ``dest.json``, rename into place."""
    dest = Path(job.dest)
    if dest.exists():
        try:
            return msgspec.json.decode(report_path(dest).read_bytes(), type=UnpackReport)
        except (OSError, msgspec.DecodeError):
            remove_tree(dest)
    tmp = dest.with_name(f".tmp-{dest.name}-{secrets.token_hex(4)}")
    report = extract_layer(job.blob, job.media_type, tmp, job.diff_id)
    try:
        meta_tmp = tmp.with_name(tmp.name + ".json")
        meta_tmp.write_bytes(_encoder.encode(report))
        if job.sync:
            fd = os.open(tmp, os.O_RDONLY | os.O_DIRECTORY)
            try:
                syncfs(fd)
            finally:
                os.close(fd)
        os.replace(meta_tmp, report_path(dest))
        try:
            os.rename(tmp, dest)
        except OSError:
            if not dest.is_dir():
                raise
            remove_tree(tmp)  # another extraction of the same diff_id won
    except BaseException:
        remove_tree(tmp)
        tmp.with_name(tmp.name + ".json").unlink(missing_ok=True)
        raise
    return report


def run_job(job: Job) -> JobResult:
    """Run one job; every failure becomes a result, never an exception."""
    try:
        if isinstance(job, ExtractJob):
            return JobResult(ok=True, report=install_layer(job))
        for p in job.paths:
            remove_tree(p)
            Path(p + ".json").unlink(missing_ok=True)
        return JobResult(ok=True)
    except ImageError as e:
        return JobResult(ok=False, reason=e.reason, error=e.message)
    except OSError as e:
        return JobResult(ok=False, reason="UnpackFailed", error=f"{type(e).__name__}: {e}")


def serve() -> int:
    """NDJSON job loop on stdin/stdout until EOF."""
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            job = _job_decoder.decode(line)
        except msgspec.DecodeError as e:
            result = JobResult(ok=False, reason="BadJob", error=str(e))
        else:
            result = run_job(job)
        out.write(_encoder.encode(result) + b"\n")
        out.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    os.umask(0o022)
    p = argparse.ArgumentParser(prog="python -m podd.images.unpack_helper")
    sub = p.add_subparsers(dest="cmd", required=True)
    x = sub.add_parser("extract")
    x.add_argument("--blob", required=True)
    x.add_argument("--dest", required=True)
    x.add_argument("--media-type", default="")
    x.add_argument("--diff-id")
    x.add_argument("--no-sync", action="store_true")
    r = sub.add_parser("remove")
    r.add_argument("paths", nargs="+")
    sub.add_parser("serve")
    args = p.parse_args(argv)
    if args.cmd == "serve":
        return serve()
    job: Job
    if args.cmd == "extract":
        job = ExtractJob(
            blob=args.blob,
            dest=args.dest,
            media_type=args.media_type,
            diff_id=args.diff_id,
            sync=not args.no_sync,
        )
    else:
        job = RemoveJob(paths=args.paths)
    result = run_job(job)
    sys.stdout.buffer.write(_encoder.encode(result) + b"\n")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
