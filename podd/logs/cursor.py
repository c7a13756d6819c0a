"""An open log data file, read forward one record (line) at a time.

Positions are ``(index, offset)``: the file's index in the reader's list and
the byte offset of a record, comparable across files (see podd.logs.tail).
"""

from __future__ import annotations

import os
from pathlib import Path

from podd.logs.tail import CHUNK_SIZE, Position

__all__ = ["Cursor", "identity_of"]


class Cursor:
    """An open data file, read forward record by record."""

    def __init__(self, index: int, path: Path, offset: int) -> None:
        self.index = index
        self.path = path
        self.fh = open(path, "rb")  # noqa: SIM115 - closed by close()
        st = os.fstat(self.fh.fileno())
        self.identity = (st.st_dev, st.st_ino)
        self.fh.seek(offset)
        self.offset = offset
        self.carry = b""

    def read_records(self, *, final: bool) -> list[tuple[Position, bytes]]:
        """Complete lines up to the end of the file (with ``final``, also an unterminated one)."""
        out: list[tuple[Position, bytes]] = []
        data = self.fh.read(CHUNK_SIZE)
        if data:
            buf = self.carry + data
            base = self.offset - len(self.carry)
            self.offset += len(data)
            lo = 0
            while True:
                hi = buf.find(b"\n", lo)
                if hi < 0:
                    break
                out.append(((self.index, base + lo), buf[lo : hi + 1]))
                lo = hi + 1
            self.carry = buf[lo:]
        elif final and self.carry:
            out.append(((self.index, self.offset - len(self.carry)), self.carry))
            self.carry = b""
        return out

    def at_eof(self) -> bool:
        return os.fstat(self.fh.fileno()).st_size <= self.offset

    def deleted(self) -> bool:
        return os.fstat(self.fh.fileno()).st_nlink == 0

    def truncated(self) -> bool:
        return os.fstat(self.fh.fileno()).st_size < self.offset

    def rewind(self) -> None:
        self.fh.seek(0)
        self.offset = 0
        self.carry = b""

    def close(self) -> None:
        self.fh.close()


def identity_of(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino)
