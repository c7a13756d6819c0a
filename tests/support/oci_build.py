"""Build small OCI images in Python for tests and benchmarks, and push them.

Everything is deterministic (fixed mtimes, gzip mtime 0), so digests are
stable within a run of the same inputs. Images are kept in memory — they are
small, except :func:`big_image`, sized by the caller.

* entries: :func:`file`, :func:`directory`, :func:`symlink`, :func:`hardlink`,
  :func:`whiteout`, :func:`opaque`, :func:`chardev`, :func:`fifo`;
* :func:`make_layer` (tar + gzip / zstd / none, with its diff_id),
  :func:`make_image` (OCI or Docker schema 2), :func:`make_index`;
* ready-made: :func:`busybox_image`, :func:`multilayer_image`,
  :func:`multiarch_index`, :func:`big_image`, :func:`wget_image` (busybox +
  the host's GNU wget, which resolves names);
* writers: :func:`write_oci_layout`, :func:`write_oci_tar`, :func:`write_docker_save`;
* :func:`push` — the distribution push API (POST upload, PUT ?digest=, PUT manifest).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import platform
import subprocess
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import zstandard

MTIME = 1_700_000_000
CREATED = "2023-11-14T22:13:20Z"
BUSYBOX = Path("/bin/busybox")
WGET = Path("/usr/bin/wget")
APPLETS = (  # noqa: SIM905
    "sh ash cat echo sleep ls id ps httpd nc wget mkdir rm cp mv chmod chown env grep sed "
    "awk head tail false test [ stat touch ln hostname ip kill date uname whoami printf "
    "find xargs tee wc sort uniq cut tr nslookup ping top vi tar gzip gunzip du df pwd "
    "readlink basename dirname seq timeout yes usleep pidof free dd md5sum sha256sum od "
    "hexdump expr diff mount umount sync less more ifconfig netstat"
).split()

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
LAYER_TYPES = {
    ("oci", "gzip"): "application/vnd.oci.image.layer.v1.tar+gzip",
    ("oci", "zstd"): "application/vnd.oci.image.layer.v1.tar+zstd",
    ("oci", "none"): "application/vnd.oci.image.layer.v1.tar",
    ("docker", "gzip"): "application/vnd.docker.image.rootfs.diff.tar.gzip",
}


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def host_arch() -> str:
    m = platform.machine()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(m, m)


# -- tar entries ---------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    kind: str
    path: str
    data: bytes = b""
    mode: int = 0o644
    uid: int = 0
    gid: int = 0
    target: str = ""
    xattrs: tuple[tuple[str, str], ...] = ()
    major: int = 0
    minor: int = 0


def file(
    path: str,
    data: bytes | str = b"",
    mode: int = 0o644,
    uid: int = 0,
    gid: int = 0,
    xattrs: dict[str, str] | None = None,
) -> Entry:
    raw = data.encode() if isinstance(data, str) else data
    return Entry("file", path, raw, mode, uid, gid, xattrs=tuple((xattrs or {}).items()))


def directory(path: str, mode: int = 0o755, uid: int = 0, gid: int = 0) -> Entry:
    return Entry("dir", path, mode=mode, uid=uid, gid=gid)


def symlink(path: str, target: str) -> Entry:
    return Entry("symlink", path, mode=0o777, target=target)


def hardlink(path: str, target: str, mode: int = 0o755) -> Entry:
    # A hard link's header carries the inode's mode: tar extractors (Go's,
    # which podman uses) chmod the shared inode to it.
    return Entry("hardlink", path, target=target, mode=mode)


def whiteout(path: str) -> Entry:
    d, _, name = path.rpartition("/")
    return file(f"{d}/.wh.{name}" if d else f".wh.{name}", mode=0o600)


def opaque(dir_path: str) -> Entry:
    return file(f"{dir_path.rstrip('/')}/.wh..wh..opq", mode=0o600)


def chardev(path: str, major: int, minor: int) -> Entry:
    return Entry("chardev", path, mode=0o666, major=major, minor=minor)


def fifo(path: str) -> Entry:
    return Entry("fifo", path, mode=0o644)


def tar_bytes(entries: list[Entry], *, mtime: int = MTIME) -> bytes:
    """An uncompressed PAX tar of ``entries`` in order."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tf:
        for e in entries:
            ti = tarfile.TarInfo(e.path)
            ti.mtime, ti.mode, ti.uid, ti.gid = mtime, e.mode, e.uid, e.gid
            ti.uname = ti.gname = ""
            if e.xattrs:
                ti.pax_headers = {f"SCHILY.xattr.{k}": v for k, v in e.xattrs}
            data = None
            if e.kind == "file":
                ti.type, ti.size, data = tarfile.REGTYPE, len(e.data), io.BytesIO(e.data)
            elif e.kind == "dir":
                ti.type = tarfile.DIRTYPE
            elif e.kind == "symlink":
                ti.type, ti.linkname = tarfile.SYMTYPE, e.target
            elif e.kind == "hardlink":
                ti.type, ti.linkname = tarfile.LNKTYPE, e.target
            elif e.kind == "chardev":
                ti.type, ti.devmajor, ti.devminor = tarfile.CHRTYPE, e.major, e.minor
            elif e.kind == "fifo":
                ti.type = tarfile.FIFOTYPE
            else:
                raise ValueError(e.kind)
            tf.addfile(ti, data)
    return buf.getvalue()


# -- blobs, layers, images -----------------------------------------------------


@dataclass(frozen=True)
class Blob:
    media_type: str
    data: bytes

    @property
    def digest(self) -> str:
        return sha256(self.data)

    @property
    def size(self) -> int:
        return len(self.data)

    def descriptor(self, **extra: object) -> dict[str, object]:
        return {"mediaType": self.media_type, "digest": self.digest, "size": self.size, **extra}


@dataclass(frozen=True)
class Layer:
    blob: Blob
    diff_id: str
    tar: bytes


def compress(data: bytes, compression: str) -> bytes:
    if compression == "gzip":
        return gzip.compress(data, compresslevel=6, mtime=0)
    if compression == "zstd":
        return zstandard.ZstdCompressor(level=3).compress(data)
    return data


def make_layer(entries: list[Entry] | bytes, compression: str = "gzip", fmt: str = "oci") -> Layer:
    tar = entries if isinstance(entries, bytes) else tar_bytes(entries)
    return Layer(
        Blob(LAYER_TYPES[(fmt, compression)], compress(tar, compression)), sha256(tar), tar
    )


@dataclass(frozen=True)
class Image:
    manifest: Blob
    config: Blob
    layers: list[Layer]
    arch: str
    variant: str | None = None

    @property
    def digest(self) -> str:
        return self.manifest.digest

    @property
    def id(self) -> str:
        return self.config.digest

    def blobs(self) -> list[Blob]:
        return [self.config, *(layer.blob for layer in self.layers)]


@dataclass(frozen=True)
class Index:
    manifest: Blob
    images: list[Image] = field(default_factory=list)

    @property
    def digest(self) -> str:
        return self.manifest.digest


def make_image(
    layers: list[Layer],
    *,
    config: dict[str, object] | None = None,
    arch: str | None = None,
    variant: str | None = None,
    fmt: str = "oci",
) -> Image:
    arch = arch or host_arch()
    cfg: dict[str, object] = {
        "created": CREATED,
        "architecture": arch,
        "os": "linux",
        "config": config or {"Cmd": ["sh"]},
        "rootfs": {"type": "layers", "diff_ids": [layer.diff_id for layer in layers]},
        "history": [{"created": CREATED, "created_by": "podd tests"} for _ in layers],
    }
    if variant:
        cfg["variant"] = variant
    config_blob = Blob(OCI_CONFIG if fmt == "oci" else DOCKER_CONFIG, _json(cfg))
    mt = OCI_MANIFEST if fmt == "oci" else DOCKER_MANIFEST
    manifest = {
        "schemaVersion": 2,
        "mediaType": mt,
        "config": config_blob.descriptor(),
        "layers": [layer.blob.descriptor() for layer in layers],
    }
    return Image(Blob(mt, _json(manifest)), config_blob, list(layers), arch, variant)


def make_index(images: list[Image], fmt: str = "oci", *, attestation: bool = False) -> Index:
    mt = OCI_INDEX if fmt == "oci" else DOCKER_LIST
    entries = []
    for im in images:
        plat: dict[str, str] = {"architecture": im.arch, "os": "linux"}
        if im.variant:
            plat["variant"] = im.variant
        entries.append(im.manifest.descriptor(platform=plat))
    if attestation and images:
        entries.append(
            images[0].manifest.descriptor(
                platform={"architecture": "unknown", "os": "unknown"},
                annotations={"vnd.docker.reference.type": "attestation-manifest"},
            )
        )
    return Index(
        Blob(mt, _json({"schemaVersion": 2, "mediaType": mt, "manifests": entries})), list(images)
    )


def _json(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


# -- ready-made images ---------------------------------------------------------


def busybox_entries() -> list[Entry]:
    out = [
        directory("bin"),
        file("bin/busybox", BUSYBOX.read_bytes(), mode=0o755),
        hardlink("bin/true", "bin/busybox"),
        *(symlink(f"bin/{a}", "busybox") for a in APPLETS),
        directory("dev"),
        directory("etc"),
        file(
            "etc/passwd",
            "root:x:0:0:root:/root:/bin/sh\napp:x:101:101:app:/home/app:/bin/sh\n"
            "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
        ),
        file("etc/group", "root:x:0:\napp:x:101:\nnogroup:x:65534:\n"),
        directory("home"),
        directory("proc"),
        directory("root", mode=0o700),
        directory("sys"),
        directory("tmp", mode=0o1777),
        directory("var"),
        directory("var/www"),
        file("var/www/index.html", "hello from podd\n"),
    ]
    return out


BUSYBOX_CONFIG: dict[str, object] = {
    "Cmd": ["sh"],
    "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
    "WorkingDir": "/",
    "Labels": {"org.podd.test": "busybox"},
}


def busybox_image(compression: str = "gzip", fmt: str = "oci") -> Image:
    """busybox-static with applet symlinks, /etc/passwd (app = uid 101) and /var/www."""
    layer = make_layer(busybox_entries(), compression, fmt)
    return make_image([layer], config=BUSYBOX_CONFIG, fmt=fmt)


def multilayer_image(compression: str = "gzip") -> Image:
    """busybox + a layer with files + a layer that whiteouts, makes /opq opaque, adds uid 101."""
    base = make_layer(busybox_entries(), compression)
    middle = make_layer(
        [
            directory("data"),
            file("data/keep.txt", "keep\n"),
            file("data/old.txt", "old\n"),
            directory("opq"),
            file("opq/a", "a\n"),
            file("opq/b", "b\n"),
        ],
        compression,
    )
    top = make_layer(
        [
            whiteout("data/old.txt"),
            opaque("opq"),
            file("opq/new.txt", "new\n"),
            directory("home/app", mode=0o750, uid=101, gid=101),
            file(
                "home/app/owned.txt",
                "mine\n",
                mode=0o640,
                uid=101,
                gid=101,
                xattrs={"user.podd": "yes"},
            ),
        ],
        compression,
    )
    config = dict(
        BUSYBOX_CONFIG,
        User="",
        ExposedPorts={"8080/tcp": {}},
        StopSignal="SIGTERM",
        Volumes={"/data": {}},
        Entrypoint=["/bin/sh", "-c"],
        Cmd=["echo hi"],
    )
    return make_image([base, middle, top], config=config)


def arch_image(arch: str, variant: str | None = None, with_busybox: bool = False) -> Image:
    layers = [make_layer(busybox_entries())] if with_busybox else []
    layers.append(make_layer([file("arch.txt", f"{arch}\n")]))
    return make_image(layers, arch=arch, variant=variant)


def multiarch_index(fmt: str = "oci") -> Index:
    """The host's arch (busybox + /arch.txt) and arm64/v8 or amd64 (just /arch.txt)."""
    host = arch_image(host_arch(), with_busybox=True)
    other = arch_image("arm64", "v8") if host_arch() != "arm64" else arch_image("amd64")
    return make_index([other, host], fmt, attestation=True)


def big_image(megabytes: int, compression: str = "none", seed: int = 0) -> Image:
    """One layer holding ``megabytes`` MiB of incompressible data (and busybox below)."""
    import random

    rnd = random.Random(seed)
    data = rnd.randbytes(megabytes << 20)
    top = make_layer([directory("blob"), file("blob/random.bin", data)], compression)
    return make_image([make_layer(busybox_entries()), top], config=BUSYBOX_CONFIG)


def ldd_closure(binary: Path) -> list[str]:
    """The shared objects ``binary`` loads (the dynamic loader included), as
    the host's loader finds them: absolute paths, sorted."""
    out = subprocess.run(
        ["ldd", str(binary)], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    # "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)", "/lib64/ld-linux-x86-64.so.2 (0x...)";
    # the vDSO has no path.
    return sorted({t for line in out.splitlines() for t in line.split() if t.startswith("/")})


def wget_entries(binary: Path = WGET) -> list[Entry]:
    """The host's dynamic GNU wget at /usr/bin/wget with its libraries at the
    paths its loader looks in, and an nsswitch.conf: unlike busybox-static's
    wget (static glibc, whose getaddrinfo crashes without its NSS modules),
    it resolves names through /etc/hosts and /etc/resolv.conf."""
    if not binary.exists():
        raise FileNotFoundError(f"{binary}: install wget (scripts/host-setup.sh does)")
    files = {"usr/bin/wget": binary, **{p.lstrip("/"): Path(p) for p in ldd_closure(binary)}}
    dirs = {str(parent) for rel in files for parent in Path(rel).parents if str(parent) != "."}
    return [
        *(directory(d) for d in sorted(dirs | {"etc"})),
        # symlinks resolved: each library lands as a file under its soname
        *(file(rel, src.resolve().read_bytes(), mode=0o755) for rel, src in sorted(files.items())),
        file("etc/nsswitch.conf", "hosts: files dns\n"),
    ]


def wget_image() -> Image:
    """busybox (its applets stay in /bin) and, in a second layer, GNU wget at
    /usr/bin/wget, first on PATH. About 10 MB, 4 MB gzipped."""
    layers = [make_layer(busybox_entries()), make_layer(wget_entries())]
    config = dict(BUSYBOX_CONFIG, Labels={"org.podd.test": "busybox-wget"})
    return make_image(layers, config=config)


# -- writers -------------------------------------------------------------------


def _layout_files(items: list[tuple[Image | Index, str | None]]) -> dict[str, bytes]:
    files: dict[str, bytes] = {"oci-layout": b'{"imageLayoutVersion":"1.0.0"}'}
    entries = []
    for item, name in items:
        images = item.images if isinstance(item, Index) else [item]
        blobs = [item.manifest] + [b for im in images for b in [im.manifest, *im.blobs()]]
        for b in blobs:
            files[f"blobs/sha256/{b.digest.split(':')[1]}"] = b.data
        ann = {}
        if name:
            ann = {
                "io.containerd.image.name": name,
                "org.opencontainers.image.ref.name": name.rsplit(":", 1)[-1],
            }
        entries.append(item.manifest.descriptor(**({"annotations": ann} if ann else {})))
    files["index.json"] = _json({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": entries})
    return files


def write_oci_layout(dest: Path, items: list[tuple[Image | Index, str | None]]) -> Path:
    for rel, data in _layout_files(items).items():
        p = dest / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return dest


def _write_tar(dest: Path, files: dict[str, bytes]) -> Path:
    with tarfile.open(dest, "w", format=tarfile.PAX_FORMAT) as tf:
        for rel, data in files.items():
            ti = tarfile.TarInfo(rel)
            ti.size, ti.mtime, ti.mode = len(data), MTIME, 0o644
            tf.addfile(ti, io.BytesIO(data))
    return dest


def write_oci_tar(dest: Path, items: list[tuple[Image | Index, str | None]]) -> Path:
    return _write_tar(dest, _layout_files(items))


def write_docker_save(dest: Path, image: Image, repo_tags: list[str]) -> Path:
    """A ``docker save`` archive: manifest.json, <id>.json, <layer>/layer.tar, repositories."""
    files: dict[str, bytes] = {}
    config_name = image.id.split(":")[1] + ".json"
    files[config_name] = image.config.data
    layer_paths = []
    for layer in image.layers:
        lid = layer.diff_id.split(":")[1]
        files[f"{lid}/VERSION"] = b"1.0"
        files[f"{lid}/json"] = _json({"id": lid})
        files[f"{lid}/layer.tar"] = layer.tar
        layer_paths.append(f"{lid}/layer.tar")
    files["manifest.json"] = _json(
        [{"Config": config_name, "RepoTags": repo_tags, "Layers": layer_paths}]
    )
    repos: dict[str, dict[str, str]] = {}
    for t in repo_tags:
        repo, _, tag = t.rpartition(":")
        repos.setdefault(repo, {})[tag] = layer_paths[-1].split("/")[0]
    files["repositories"] = _json(repos)
    return _write_tar(dest, files)


# -- push ----------------------------------------------------------------------


def _push_blob(c: httpx.Client, base: str, repo: str, blob: Blob) -> None:
    if c.head(f"{base}/v2/{repo}/blobs/{blob.digest}").status_code == 200:
        return
    r = c.post(f"{base}/v2/{repo}/blobs/uploads/")
    r.raise_for_status()
    loc = httpx.URL(base).join(r.headers["location"])
    r = c.put(
        loc.copy_merge_params({"digest": blob.digest}),
        content=blob.data,
        headers={"Content-Type": "application/octet-stream"},
    )
    r.raise_for_status()


def _push_manifest(c: httpx.Client, base: str, repo: str, ref: str, blob: Blob) -> None:
    r = c.put(
        f"{base}/v2/{repo}/manifests/{ref}",
        content=blob.data,
        headers={"Content-Type": blob.media_type},
    )
    if r.status_code >= 400:
        raise RuntimeError(f"push manifest {repo}:{ref}: {r.status_code} {r.text}")


def push(
    base_url: str,
    repository: str,
    tag: str,
    item: Image | Index,
    auth: tuple[str, str] | None = None,
) -> str:
    """Push an image or index (and its images) to ``base_url``; returns its digest."""
    with httpx.Client(auth=auth, timeout=60) as c:
        images = item.images if isinstance(item, Index) else [item]
        for im in images:
            for b in im.blobs():
                _push_blob(c, base_url, repository, b)
            if isinstance(item, Index):
                _push_manifest(c, base_url, repository, im.digest, im.manifest)
        _push_manifest(c, base_url, repository, tag, item.manifest)
    return item.digest


def tree_listing(root: Path) -> dict[str, tuple[str, int, int, int]]:
    """{relative path: (kind, mode, uid, gid)} of a directory tree (no symlinks followed)."""
    out = {}
    for dirpath, dirs, files in os.walk(root):
        for name in dirs + files:
            p = Path(dirpath, name)
            st = p.lstat()
            kind = (
                "dir"
                if p.is_dir() and not p.is_symlink()
                else ("link" if p.is_symlink() else "other")
            )
            out[str(p.relative_to(root))] = (kind, st.st_mode, st.st_uid, st.st_gid)
    return out
