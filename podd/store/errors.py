"""Store errors, mapped to Kubernetes Status objects at the API boundary.

StoreError
├── NotFoundError        the object does not exist (404 NotFound)
├── AlreadyExistsError   an object with that name exists (409 AlreadyExists)
├── ConflictError        stale resourceVersion or failed precondition (409 Conflict)
├── ExpiredError         watch from a resourceVersion older than the change log (410 Expired)
└── StorageFullError     the disk holding the database is full (507 InsufficientStorage)
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import AsyncIterator

_SQLITE_FULL = 13
_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)


class StoreError(Exception):
    def __init__(self, kind: str, name: str, message: str = "") -> None:
        super().__init__(message or f"{kind} {name!r}")
        self.kind = kind
        self.name = name
        self.message = message


class NotFoundError(StoreError):
    pass


class AlreadyExistsError(StoreError):
    pass


class ConflictError(StoreError):
    pass


class ExpiredError(StoreError):
    pass


class StorageFullError(StoreError):
    """A write found no room (SQLITE_FULL, ENOSPC, EDQUOT); it was rolled back
    whole, and the next write succeeds once there is space again."""

    def __init__(self) -> None:
        super().__init__(
            "",
            "",
            "the disk holding podd's data is full: nothing was written; free space and retry",
        )


def is_disk_full(exc: BaseException) -> bool:
    """``exc`` (or the DB-API error SQLAlchemy wraps in it) says the disk is full."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        exc = orig
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        return code is not None and code & 0xFF == _SQLITE_FULL
    return isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS


@contextlib.asynccontextmanager
async def disk_full() -> AsyncIterator[None]:
    """Around a write transaction: a full disk becomes :class:`StorageFullError`."""
    try:
        yield
    except Exception as exc:
        if is_disk_full(exc):
            raise StorageFullError() from exc
        raise
