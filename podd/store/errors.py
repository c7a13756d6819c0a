"""Store errors, mapped to Kubernetes Status objects at the API boundary.

StoreError
├── NotFoundError        the object does not exist (404 NotFound)
├── AlreadyExistsError   an object with that name exists (409 AlreadyExists)
├── ConflictError        stale resourceVersion or failed precondition (409 Conflict)
└── ExpiredError         watch from a resourceVersion older than the change log (410 Expired)
"""

from __future__ import annotations


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
