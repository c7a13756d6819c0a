"""OCI / Docker manifests, indexes and image configs as msgspec Structs.

Four manifest media types are pulled: the OCI index and Docker manifest list
(a list of per-platform manifests) and the OCI manifest and Docker schema 2
manifest (a config and a layer list). Docker schema 1 is refused with a clear
message; so is anything whose config is not an image config (artifacts).
"""

from __future__ import annotations

import msgspec

from podd.images.digest import is_digest
from podd.images.errors import ManifestError, PlatformNotFoundError, UnsupportedManifestError
from podd.images.platform import Platform, best_match, host_platform

OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json"
DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar"
OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"
OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd"
DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip"
DOCKER_FOREIGN_LAYER = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"

INDEX_TYPES = frozenset({OCI_INDEX, DOCKER_MANIFEST_LIST})
MANIFEST_TYPES = frozenset({OCI_MANIFEST, DOCKER_MANIFEST})
SCHEMA1_TYPES = frozenset({DOCKER_SCHEMA1, DOCKER_SCHEMA1_SIGNED})
CONFIG_TYPES = frozenset({OCI_CONFIG, DOCKER_CONFIG})

#: The ``Accept`` header of a manifest request: all four pullable kinds.
ACCEPT_MANIFESTS = ", ".join([OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST])

#: Layer media type → compression ("none", "gzip", "zstd").
LAYER_COMPRESSION: dict[str, str] = {
    OCI_LAYER: "none",
    OCI_LAYER_GZIP: "gzip",
    OCI_LAYER_ZSTD: "zstd",
    "application/vnd.oci.image.layer.nondistributable.v1.tar": "none",
    "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip": "gzip",
    "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd": "zstd",
    DOCKER_LAYER_GZIP: "gzip",
    "application/vnd.docker.image.rootfs.diff.tar": "none",
}

MAX_MANIFEST_BYTES = 4 << 20
MAX_CONFIG_BYTES = 16 << 20


class Descriptor(msgspec.Struct, rename="camel", omit_defaults=True):
    """A content descriptor: what a blob is, its digest and size."""

    media_type: str
    digest: str
    size: int
    urls: list[str] | None = None
    annotations: dict[str, str] | None = None
    platform: Platform | None = None
    artifact_type: str | None = None


class Manifest(msgspec.Struct, rename="camel", omit_defaults=True):
    """An OCI image manifest or a Docker schema 2 manifest."""

    schema_version: int
    config: Descriptor
    layers: list[Descriptor]
    media_type: str | None = None
    annotations: dict[str, str] | None = None
    subject: Descriptor | None = None


class Index(msgspec.Struct, rename="camel", omit_defaults=True):
    """An OCI image index or a Docker manifest list."""

    schema_version: int
    manifests: list[Descriptor]
    media_type: str | None = None
    annotations: dict[str, str] | None = None


class ContainerConfig(msgspec.Struct, rename="pascal", omit_defaults=True):
    """The ``config`` section of an image config: how to run the image."""

    user: str | None = None
    exposed_ports: dict[str, dict[str, object]] | None = None
    env: list[str] | None = None
    entrypoint: list[str] | None = None
    cmd: list[str] | None = None
    volumes: dict[str, dict[str, object]] | None = None
    working_dir: str | None = None
    labels: dict[str, str] | None = None
    stop_signal: str | None = None


class RootFS(msgspec.Struct, omit_defaults=True):
    """The uncompressed layer digests (diff_ids), bottom first."""

    diff_ids: list[str] = msgspec.field(default_factory=list)
    type: str = "layers"


class History(msgspec.Struct, omit_defaults=True):
    """One build step of the image."""

    created: str | None = None
    created_by: str | None = None
    author: str | None = None
    comment: str | None = None
    empty_layer: bool = False


class ImageConfig(msgspec.Struct, omit_defaults=True):
    """An image config (OCI or Docker), normalised: never-null sections."""

    architecture: str = ""
    os: str = ""
    variant: str | None = None
    os_version: str | None = msgspec.field(default=None, name="os.version")
    created: str | None = None
    author: str | None = None
    config: ContainerConfig = msgspec.field(default_factory=ContainerConfig)
    rootfs: RootFS = msgspec.field(default_factory=RootFS)
    history: list[History] = msgspec.field(default_factory=list)

    @property
    def platform(self) -> Platform:
        return Platform(self.architecture or "unknown", os=self.os or "linux", variant=self.variant)


class _WireConfig(msgspec.Struct):
    architecture: str | None = None
    os: str | None = None
    variant: str | None = None
    os_version: str | None = msgspec.field(default=None, name="os.version")
    created: str | None = None
    author: str | None = None
    config: ContainerConfig | None = None
    rootfs: RootFS | None = None
    history: list[History] | None = None


class _Probe(msgspec.Struct, rename="camel"):
    schema_version: int | None = None
    media_type: str | None = None
    manifests: list[msgspec.Raw] | None = None
    fs_layers: list[msgspec.Raw] | None = None


def _bare(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def parse_manifest(data: bytes, content_type: str | None = None) -> Manifest | Index:
    """Decode manifest bytes into a :class:`Manifest` or an :class:`Index`.

    The kind comes from the body's ``mediaType`` (else the ``Content-Type``
    header, else the shape). Schema 1 and unknown kinds raise
    :class:`UnsupportedManifestError`; malformed JSON raises
    :class:`ManifestError`.
    """
    if len(data) > MAX_MANIFEST_BYTES:
        raise ManifestError(f"manifest larger than {MAX_MANIFEST_BYTES} bytes")
    try:
        probe = msgspec.json.decode(data, type=_Probe)
    except msgspec.DecodeError as e:
        raise ManifestError(f"malformed manifest: {e}") from None
    kind = probe.media_type or _bare(content_type)
    if kind in SCHEMA1_TYPES or probe.schema_version == 1 or probe.fs_layers is not None:
        raise UnsupportedManifestError(
            "Docker schema 1 manifests are deprecated and not supported: "
            "push the image again with a current client (schema 2 or OCI)"
        )
    if kind not in INDEX_TYPES | MANIFEST_TYPES:
        if kind in (None, "application/json", "application/octet-stream"):
            kind = OCI_INDEX if probe.manifests is not None else OCI_MANIFEST
        else:
            raise UnsupportedManifestError(f"unsupported manifest media type {kind!r}")
    try:
        if kind in INDEX_TYPES:
            index = msgspec.json.decode(data, type=Index)
            for d in index.manifests:
                _check_descriptor(d)
            return index
        manifest = msgspec.json.decode(data, type=Manifest)
    except msgspec.ValidationError as e:
        raise ManifestError(f"malformed {kind}: {e}") from None
    _check_descriptor(manifest.config)
    for d in manifest.layers:
        _check_descriptor(d)
    if manifest.config.media_type not in CONFIG_TYPES:
        raise UnsupportedManifestError(
            f"not a container image: config media type {manifest.config.media_type!r}"
        )
    return manifest


def _check_descriptor(d: Descriptor) -> None:
    if not is_digest(d.digest):
        raise ManifestError(f"descriptor with an unsupported or malformed digest {d.digest!r}")
    if d.size < 0:
        raise ManifestError(f"descriptor {d.digest} with a negative size")


def layer_compression(d: Descriptor) -> str:
    """``"none"``, ``"gzip"`` or ``"zstd"`` for a layer descriptor, else raise."""
    if d.media_type == DOCKER_FOREIGN_LAYER:
        raise UnsupportedManifestError(f"foreign (Windows) layer {d.digest} is not supported")
    try:
        return LAYER_COMPRESSION[d.media_type]
    except KeyError:
        raise UnsupportedManifestError(
            f"layer {d.digest} has an unsupported media type {d.media_type!r}"
        ) from None


def parse_image_config(data: bytes) -> ImageConfig:
    """Decode an image config; raise :class:`ManifestError` when malformed."""
    if len(data) > MAX_CONFIG_BYTES:
        raise ManifestError(f"image config larger than {MAX_CONFIG_BYTES} bytes")
    try:
        w = msgspec.json.decode(data, type=_WireConfig)
    except msgspec.DecodeError as e:
        raise ManifestError(f"malformed image config: {e}") from None
    rootfs = w.rootfs or RootFS()
    if rootfs.type != "layers":
        raise ManifestError(f"image config rootfs type {rootfs.type!r} is not 'layers'")
    for d in rootfs.diff_ids:
        if not is_digest(d):
            raise ManifestError(f"image config has a malformed diff_id {d!r}")
    return ImageConfig(
        architecture=w.architecture or "",
        os=w.os or "",
        variant=w.variant,
        os_version=w.os_version,
        created=w.created,
        author=w.author,
        config=w.config or ContainerConfig(),
        rootfs=rootfs,
        history=w.history or [],
    )


def check_layers(manifest: Manifest, config: ImageConfig) -> None:
    """The manifest's layers and the config's diff_ids must pair up one to one."""
    if len(manifest.layers) != len(config.rootfs.diff_ids):
        raise ManifestError(
            f"manifest lists {len(manifest.layers)} layers but the config has "
            f"{len(config.rootfs.diff_ids)} diff_ids"
        )
    for d in manifest.layers:
        layer_compression(d)


def select_manifest(index: Index, platform: Platform | None = None) -> Descriptor:
    """The index entry to pull: for ``platform`` exactly, or the host's best match."""
    entries = [d for d in index.manifests if d.media_type in MANIFEST_TYPES | INDEX_TYPES]
    if not entries:
        raise PlatformNotFoundError("the image index lists no manifests")
    if all(d.platform is None for d in entries) and len(entries) == 1 and platform is None:
        return entries[0]
    want = platform or host_platform()
    i = best_match(want, [d.platform for d in entries], exact=platform is not None)
    if i is None:
        available = sorted({str(d.platform) for d in entries if d.platform is not None})
        raise PlatformNotFoundError(
            f"no image for platform {want} in the index (available: "
            f"{', '.join(available) or 'none'})"
        )
    return entries[i]


def encode(value: Manifest | Index | ImageConfig) -> bytes:
    """Canonical JSON bytes (for manifests podd writes itself, e.g. on import)."""
    return msgspec.json.encode(value)
