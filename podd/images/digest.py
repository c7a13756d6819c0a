"""Content digests (``sha256:<64 hex>``): validation and hashing helpers.

podd verifies and stores content by sha256 only; other algorithms the OCI
spec allows (sha512) are rejected with a clear message rather than trusted.
"""

from __future__ import annotations

import hashlib
import re

from podd.images.errors import InvalidReferenceError

_DIGEST_RE = re.compile(r"^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")
_SHA256_RE = re.compile(r"^sha256:[a-f0-9]{64}$")


def validate_digest(value: str, *, field: str = "digest") -> str:
    """Return ``value`` if it is a ``sha256:<64 lowercase hex>`` digest, else raise."""
    if _SHA256_RE.match(value):
        return value
    if _DIGEST_RE.match(value):
        algorithm = value.split(":", 1)[0]
        if algorithm != "sha256":
            raise InvalidReferenceError(
                f"unsupported digest algorithm {algorithm!r} in {value!r}: "
                "only sha256 is supported",
                value=value,
                field=field,
            )
    raise InvalidReferenceError(
        f"invalid digest {value!r}: expected sha256: followed by 64 lowercase hex digits",
        value=value,
        field=field,
    )


def is_digest(value: str) -> bool:
    """True for a well-formed ``sha256:<hex>`` digest."""
    return bool(_SHA256_RE.match(value))


def digest_hex(digest: str) -> str:
    """The hex part of a validated sha256 digest."""
    return validate_digest(digest).split(":", 1)[1]


def sha256_digest(data: bytes) -> str:
    """The ``sha256:<hex>`` digest of ``data``."""
    return "sha256:" + hashlib.sha256(data).hexdigest()
