"""A stand-in for conmon's k8s-file writer: same record format, same rotation.

conmon 2.1.6 opens the log ``O_APPEND|O_CREAT``; when the next record would
take the bytes written since its last rotation past ``--log-size-max``, it
closes the fd, opens ``<log>.tmp`` with ``O_CREAT|O_TRUNC`` (following a
symlink) and renames it over ``<log>``. :meth:`ConmonSim.read` writes what one
``read()`` of the container's pipe returned as conmon does: every record of
it with one timestamp, the text after its last newline as a ``P`` record.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from podd.logs.crilog import Stream, encode_record

BASE_TIME = datetime(2026, 11, 22, 10, 0, 0, tzinfo=UTC)


class ConmonSim:
    def __init__(self, log_path: Path, size_max: int = -1, start: datetime = BASE_TIME) -> None:
        self.path = log_path
        self.size_max = size_max
        self.fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
        self.written = 0
        self.rotations = 0
        self.now = start

    def tick(self, seconds: float = 1.0) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now

    def rotate(self) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        os.close(self.fd)
        self.fd = os.open(tmp, os.O_WRONLY | os.O_TRUNC | os.O_CREAT | os.O_CLOEXEC, 0o600)
        os.rename(tmp, self.path)
        self.written = 0
        self.rotations += 1

    def write(self, stream: Stream, text: bytes, *, partial: bool = False) -> None:
        record = encode_record(stream, text, partial=partial, when=self.tick())
        if self.size_max > 0 and self.written + len(record) > self.size_max:
            self.rotate()
        os.write(self.fd, record)
        self.written += len(record)

    def read(self, stream: Stream, data: bytes) -> None:
        """One read of the container's pipe (at most 8 KiB in conmon 2.1.6)."""
        when = self.tick()
        lines = data.splitlines(keepends=True)
        for line in lines:
            full = line.endswith(b"\n")
            text = line[:-1] if full else line
            record = encode_record(stream, text, partial=not full, when=when)
            if self.size_max > 0 and self.written + len(record) > self.size_max:
                self.rotate()
            os.write(self.fd, record)
            self.written += len(record)

    def out(self, text: str) -> None:
        self.write("stdout", text.encode())

    def err(self, text: str) -> None:
        self.write("stderr", text.encode())

    def close(self) -> None:
        os.close(self.fd)
