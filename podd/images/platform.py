"""Platforms (os/architecture/variant): the host's, parsing, and index matching.

Normalisation follows containerd's ``platforms`` package: ``x86_64`` →
``amd64``, ``aarch64`` → ``arm64`` (variant ``v8``), ``armv7l`` → ``arm/v7``,
``i686`` → ``386``. A host matches index entries in order of preference: an
``arm/v7`` host also runs ``v6`` and ``v5`` images; ``arm64`` with no variant
is ``arm64/v8``.
"""

from __future__ import annotations

import platform as _platform
import sys

import msgspec

from podd.images.errors import InvalidReferenceError

_ARCH_ALIASES: dict[str, tuple[str, str | None]] = {
    "x86_64": ("amd64", None),
    "x86-64": ("amd64", None),
    "amd64": ("amd64", None),
    "aarch64": ("arm64", "v8"),
    "arm64": ("arm64", "v8"),
    "armhf": ("arm", "v7"),
    "armel": ("arm", "v6"),
    "armv8l": ("arm", "v8"),
    "armv7l": ("arm", "v7"),
    "armv7": ("arm", "v7"),
    "armv6l": ("arm", "v6"),
    "armv6": ("arm", "v6"),
    "armv5tel": ("arm", "v5"),
    "armv5l": ("arm", "v5"),
    "arm": ("arm", "v7"),
    "i386": ("386", None),
    "i486": ("386", None),
    "i586": ("386", None),
    "i686": ("386", None),
    "386": ("386", None),
    "ppc64le": ("ppc64le", None),
    "s390x": ("s390x", None),
    "riscv64": ("riscv64", None),
    "mips64": ("mips64", None),
    "mips64le": ("mips64le", None),
    "loongarch64": ("loong64", None),
    "loong64": ("loong64", None),
}


class Platform(msgspec.Struct, frozen=True, rename="camel"):
    """An OCI platform; JSON field names as in image indexes (``os.version``)."""

    architecture: str
    os: str = "linux"
    variant: str | None = None
    os_version: str | None = msgspec.field(default=None, name="os.version")
    os_features: list[str] | None = msgspec.field(default=None, name="os.features")

    def __str__(self) -> str:
        out = f"{self.os}/{self.architecture}"
        return f"{out}/{self.variant}" if self.variant else out


def normalize(p: Platform) -> Platform:
    """Canonical spelling of a platform (``aarch64`` → ``arm64/v8`` and so on)."""
    arch, default_variant = _ARCH_ALIASES.get(p.architecture.lower(), (p.architecture, None))
    variant = p.variant or default_variant
    if arch == "arm64" and variant in ("8", "v8", None):
        variant = "v8"
    elif arch == "arm" and variant is not None and not variant.startswith("v"):
        variant = f"v{variant}"
    elif arch == "amd64" and variant == "v1":
        variant = None
    return Platform(arch, os=p.os.lower(), variant=variant)


def host_platform() -> Platform:
    """The platform of this machine, from ``platform.machine()``."""
    os_name = "linux" if sys.platform.startswith("linux") else sys.platform
    return normalize(Platform(_platform.machine() or "amd64", os=os_name))


def parse_platform(value: str, *, field: str = "platform") -> Platform:
    """Parse ``os/arch[/variant]`` or ``arch`` (``linux/arm64/v8``, ``arm64``)."""
    parts = value.strip().split("/")
    if not value.strip() or len(parts) > 3 or any(not p for p in parts):
        raise InvalidReferenceError(
            f"invalid platform {value!r}: expected os/arch[/variant], e.g. linux/arm64",
            value=value,
            field=field,
        )
    if len(parts) == 1:
        return normalize(Platform(parts[0]))
    return normalize(Platform(parts[1], os=parts[0], variant=parts[2] if len(parts) == 3 else None))


def compatible(host: Platform) -> list[Platform]:
    """The platforms ``host`` runs, most preferred first."""
    host = normalize(host)
    out = [host]
    if host.architecture == "arm" and host.variant:
        for v in ("v8", "v7", "v6", "v5"):
            if v < host.variant:
                out.append(Platform("arm", os=host.os, variant=v))
    if host.architecture == "amd64" and host.os == "linux":
        out.append(Platform("386", os=host.os))
    return out


def matches(want: Platform, candidate: Platform) -> bool:
    """True when ``candidate`` (an index entry's platform) is exactly ``want``."""
    a, b = normalize(want), normalize(candidate)
    if a.os != b.os or a.architecture != b.architecture:
        return False
    return a.variant == b.variant or (b.variant is None and a.architecture != "arm")


def best_match(
    want: Platform, candidates: list[Platform | None], *, exact: bool = False
) -> int | None:
    """Index of the entry to pull for ``want`` (``None`` if nothing fits).

    With ``exact`` (an explicit platform override) only ``want`` itself
    matches; otherwise (the host platform) what it can also run is accepted
    (:func:`compatible`), closest first.
    """
    for pref in [normalize(want)] if exact else compatible(want):
        for i, c in enumerate(candidates):
            if c is not None and matches(pref, c):
                return i
    return None
