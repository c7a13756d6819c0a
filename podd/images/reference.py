"""Image references, parsed and normalised as Docker and containerd do.

``busybox`` → ``docker.io/library/busybox:latest``; ``registry:5000/a/b:tag``;
``name@sha256:…``; ``name:tag@sha256:…``; ``localhost/x``; ``[::1]:5000/x``.
The first path component is a registry host when it contains ``.`` or ``:``,
is ``localhost``, or has an uppercase letter (distribution's
``splitDockerDomain``); otherwise the registry is ``docker.io`` and one-word
names live under ``library/``.
"""

from __future__ import annotations

import re

import msgspec

from podd.images.digest import validate_digest
from podd.images.errors import InvalidReferenceError

DEFAULT_REGISTRY = "docker.io"
LEGACY_DEFAULT_REGISTRY = "index.docker.io"
DEFAULT_TAG = "latest"
NAME_TOTAL_LENGTH_MAX = 255

_ALNUM = r"[a-z0-9]+"
_SEPARATOR = r"(?:[._]|__|[-]+)"
_PATH_COMPONENT = rf"{_ALNUM}(?:{_SEPARATOR}{_ALNUM})*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN_NAME = rf"{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*"
_IPV6 = r"\[[a-fA-F0-9:]+\]"
_DOMAIN = rf"(?:{_DOMAIN_NAME}|{_IPV6})(?::[0-9]+)?"

_DOMAIN_RE = re.compile(rf"^{_DOMAIN}$")
_REPOSITORY_RE = re.compile(rf"^{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*$")
_TAG_RE = re.compile(r"^[\w][\w.-]{0,127}$")
_ID_RE = re.compile(r"^[a-f0-9]{64}$")


class ImageReference(msgspec.Struct, frozen=True):
    """A normalised image reference.

    ``tag`` is ``"latest"`` when neither a tag nor a digest was given; a
    reference with a digest may also keep the tag it was written with (the
    digest wins when pulling).
    """

    registry: str
    repository: str
    tag: str | None = None
    digest: str | None = None

    @property
    def name(self) -> str:
        """``registry/repository`` without tag or digest."""
        return f"{self.registry}/{self.repository}"

    @property
    def target(self) -> str:
        """What to ask the registry's manifest endpoint for: the digest, else the tag."""
        return self.digest or self.tag or DEFAULT_TAG

    def canonical(self) -> str:
        """The full form: ``docker.io/library/busybox:latest``."""
        out = self.name
        if self.tag:
            out += f":{self.tag}"
        if self.digest:
            out += f"@{self.digest}"
        return out

    def familiar(self) -> str:
        """The short form Docker prints: ``busybox:latest``, ``quay.io/a/b:t``."""
        name = self.name
        if self.registry == DEFAULT_REGISTRY:
            name = self.repository
            rest = name.removeprefix("library/")
            if rest != name and "/" not in rest:
                name = rest
        if self.tag:
            name += f":{self.tag}"
        if self.digest:
            name += f"@{self.digest}"
        return name

    def __str__(self) -> str:
        return self.canonical()


def _split_domain(name: str) -> tuple[str, str]:
    first, sep, rest = name.partition("/")
    is_domain = bool(sep) and (
        "." in first or ":" in first or first == "localhost" or first.lower() != first
    )
    if is_domain:
        domain, remainder = first, rest
    else:
        domain, remainder = DEFAULT_REGISTRY, name
    if domain == LEGACY_DEFAULT_REGISTRY:
        domain = DEFAULT_REGISTRY
    if domain == DEFAULT_REGISTRY and "/" not in remainder:
        remainder = f"library/{remainder}"
    return domain, remainder


def parse_reference(value: str, *, field: str = "image") -> ImageReference:
    """Parse and normalise an image reference; raise :class:`InvalidReferenceError`.

    ``field`` names the input in the error (the API reports it in a 422).
    """

    def bad(why: str) -> InvalidReferenceError:
        return InvalidReferenceError(
            f"invalid image reference {value!r}: {why}", value=value, field=field
        )

    if not isinstance(value, str) or not value:
        raise bad("must be a non-empty string")
    if value != value.strip() or any(c.isspace() for c in value):
        raise bad("must not contain whitespace")
    if _ID_RE.match(value):
        raise bad("a 64-character hex string is an image id, not a repository name")
    rest, at, digest = value.partition("@")
    if at:
        if "@" in digest:
            raise bad("more than one '@'")
        try:
            validate_digest(digest, field=field)
        except InvalidReferenceError as e:
            raise bad(e.message) from None
    tag: str | None = None
    slash = rest.rfind("/")
    colon = rest.rfind(":")
    if colon > slash:
        rest, tag = rest[:colon], rest[colon + 1 :]
        if not _TAG_RE.match(tag):
            raise bad(f"invalid tag {tag!r} (letters, digits, '_', '.', '-'; at most 128)")
    if not rest:
        raise bad("missing repository name")
    if len(rest) > NAME_TOTAL_LENGTH_MAX:
        raise bad(f"repository name longer than {NAME_TOTAL_LENGTH_MAX} characters")
    domain, repository = _split_domain(rest)
    if not _DOMAIN_RE.match(domain):
        raise bad(f"invalid registry host {domain!r}")
    if repository.lower() != repository:
        raise bad("repository name must be lowercase")
    if not _REPOSITORY_RE.match(repository):
        raise bad(
            f"invalid repository name {repository!r} (lowercase letters, digits and "
            "separators '.', '_', '__', '-' between them, components joined by '/')"
        )
    if tag is None and not at:
        tag = DEFAULT_TAG
    return ImageReference(domain, repository, tag=tag, digest=digest if at else None)


def registry_host(registry: str) -> str:
    """The host:port to contact for a registry name (``docker.io`` → Docker Hub's)."""
    if registry == DEFAULT_REGISTRY:
        return "registry-1.docker.io"
    return registry
