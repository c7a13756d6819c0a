"""The exceptions of podd's image subsystem.

Every error raised by ``podd.images`` is an :class:`ImageError`. Each class
carries a short ``reason`` (a CamelCase word, stable, for events, NDJSON error
lines and API ``Status`` reasons) and a ``retryable`` flag (a later retry may
succeed: the kubelet-style pull backoff uses it). The API maps them once at
its boundary: ``InvalidReferenceError`` → 422 naming ``field``,
``ImageNotFoundError`` → 404, ``ImageInUseError`` → 409, other errors → 4xx/5xx
by class.

The tree::

    ImageError
     ├── InvalidReferenceError        malformed image reference (``field`` names the input)
     ├── ImageNotFoundError           no such image in the local store
 │    └── ImageNeverPullError         not present and the pull policy is Never
     ├── ImageInUseError              remove without force of an image a pod uses
     ├── ManifestError                a manifest or config podd cannot use
     │    ├── UnsupportedManifestError    schema 1, unknown media type, foreign layer
     │    └── PlatformNotFoundError       no entry of an index matches the platform
     ├── RegistryError                talking to a registry failed (``status``, ``registry``)
     │    ├── RegistryUnavailableError    connection errors, timeouts, 5xx/429 after retries
     │    ├── AuthenticationError         401/403, a refused token or bad credentials
     │    ├── RegistryNotFoundError       404: unknown repository, tag, manifest or blob
     │    └── InsecureRegistryError       plain http to a registry not listed as insecure
     ├── ContentError                 bytes that are not what their descriptor says
     │    ├── DigestMismatchError         sha256 of the bytes differs from the digest
     │    ├── SizeMismatchError           length differs from the descriptor's size
     │    └── DiffIDMismatchError         uncompressed layer differs from the config's diff_id
     ├── UnpackError                  a layer could not be extracted
     │    └── TarSafetyError              ``..``, absolute path, symlink or hardlink escape
     ├── ArchiveError                 a malformed OCI layout or ``docker save`` archive
     └── StoreError                   the local content store is inconsistent or unwritable
"""

from __future__ import annotations


class ImageError(Exception):
    """Base class of every error of ``podd.images``."""

    reason: str = "ImageError"
    retryable: bool = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidReferenceError(ImageError, ValueError):
    """A malformed image reference; ``field`` names the input that held it."""

    reason = "InvalidImageName"

    def __init__(self, message: str, *, value: str = "", field: str = "image") -> None:
        super().__init__(message)
        self.value = value
        self.field = field


# The name used by the design notes; kept as an alias so both spellings work
# (the class itself avoids shadowing the builtin ``ReferenceError``).
ReferenceError = InvalidReferenceError


class ImageNotFoundError(ImageError):
    """No image with that name or id in the local store."""

    reason = "ImageNotFound"


class ImageNeverPullError(ImageNotFoundError):
    """The image is not present and ``imagePullPolicy: Never`` forbids pulling it."""

    reason = "ErrImageNeverPull"


class ImageInUseError(ImageError):
    """The image is used by a pod; removing it needs ``force``."""

    reason = "ImageInUse"


class ManifestError(ImageError):
    """A manifest, index or image config podd cannot use."""

    reason = "InvalidManifest"


class UnsupportedManifestError(ManifestError):
    """A manifest kind podd does not pull (schema 1, unknown media type, ...)."""

    reason = "UnsupportedManifest"


class PlatformNotFoundError(ManifestError):
    """An index without an entry for the wanted platform."""

    reason = "PlatformNotFound"


class RegistryError(ImageError):
    """A registry request failed."""

    reason = "RegistryError"

    def __init__(self, message: str, *, registry: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.registry = registry
        self.status = status


class RegistryUnavailableError(RegistryError):
    """Connection errors, timeouts, 5xx or 429 that outlasted the retries."""

    reason = "RegistryUnavailable"
    retryable = True


class AuthenticationError(RegistryError):
    """The registry or its token server refused us (401/403)."""

    reason = "Unauthorized"


class RegistryNotFoundError(RegistryError):
    """404: the repository, tag, manifest or blob does not exist."""

    reason = "NotFound"


class InsecureRegistryError(RegistryError):
    """Plain http to (or a redirect downgrade for) a registry not listed as insecure."""

    reason = "InsecureRegistry"


class ContentError(ImageError):
    """Bytes that are not what their descriptor says they are."""

    reason = "ContentError"
    retryable = True


class DigestMismatchError(ContentError):
    """The sha256 of the received bytes differs from the expected digest."""

    reason = "DigestMismatch"

    def __init__(self, message: str, *, expected: str = "", actual: str = "") -> None:
        super().__init__(message)
        self.expected = expected
        self.actual = actual


class SizeMismatchError(ContentError):
    """The received length differs from the descriptor's size."""

    reason = "SizeMismatch"


class DiffIDMismatchError(ContentError):
    """The uncompressed layer's sha256 differs from the config's diff_id."""

    reason = "DiffIDMismatch"

    def __init__(self, message: str, *, expected: str = "", actual: str = "") -> None:
        super().__init__(message)
        self.expected = expected
        self.actual = actual


class UnpackError(ImageError):
    """A layer could not be extracted."""

    reason = "UnpackFailed"


class TarSafetyError(UnpackError):
    """A tar entry that would write outside the layer or through a link."""

    reason = "UnsafeLayer"


class ArchiveError(ImageError):
    """A malformed OCI image layout or ``docker save`` archive."""

    reason = "InvalidArchive"


class StoreError(ImageError):
    """The local content store is inconsistent or cannot be written."""

    reason = "StoreError"


def error_by_reason(reason: str) -> type[ImageError]:
    """The most specific class with that ``reason`` (for errors crossing a process)."""
    stack: list[type[ImageError]] = [ImageError]
    while stack:
        cls = stack.pop()
        if cls.reason == reason:
            return cls
        stack.extend(cls.__subclasses__())
    return ImageError
