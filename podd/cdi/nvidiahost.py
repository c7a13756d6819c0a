"""What an NVIDIA GPU host has that a container needs (blocking reads): the
GPUs, their control nodes, the driver's user-space libraries of the loaded
driver version, its tools, firmware and IPC sockets -- the inputs of
``nvidia-ctk cdi generate``, gathered without it.

Sources, in order: ``/proc/driver/nvidia/gpus/*/information`` and
``/proc/driver/nvidia/version`` (the kernel module's own view), else
``nvidia-smi --query-gpu``; the libraries from the multiarch library dirs
plus the dirs ``ldconfig -p`` names for them. Every root is a parameter, so
tests run on a fake tree.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import subprocess
from collections.abc import Sequence
from pathlib import Path

import msgspec

__all__ = [
    "BINARIES",
    "CONTROL_NODES",
    "DEFAULT_LIB_DIRS",
    "LIBRARIES",
    "Gpu",
    "NvidiaHost",
    "gather_nvidia_host",
    "library_links",
]

#: Driver libraries a CUDA/compute/video container may load (nvidia-ctk's
#: compute, utility, video and graphics lists; only those present are taken).
LIBRARIES = (
    "libcuda.so",
    "libcudadebugger.so",
    "libnvidia-allocator.so",
    "libnvidia-cfg.so",
    "libnvidia-gpucomp.so",
    "libnvidia-ml.so",
    "libnvidia-nscq.so",
    "libnvidia-nvvm.so",
    "libnvidia-opencl.so",
    "libnvidia-pkcs11.so",
    "libnvidia-pkcs11-openssl3.so",
    "libnvidia-ptxjitcompiler.so",
    "libnvidia-encode.so",
    "libnvidia-opticalflow.so",
    "libnvcuvid.so",
    "libnvidia-fbc.so",
    "libnvidia-eglcore.so",
    "libnvidia-glcore.so",
    "libnvidia-glsi.so",
    "libnvidia-glvkspirv.so",
    "libnvidia-tls.so",
    "libnvidia-rtcore.so",
    "libnvoptix.so",
    "libEGL_nvidia.so",
    "libGLESv1_CM_nvidia.so",
    "libGLESv2_nvidia.so",
    "libGLX_nvidia.so",
)
BINARIES = (
    "nvidia-smi",
    "nvidia-debugdump",
    "nvidia-persistenced",
    "nvidia-cuda-mps-control",
    "nvidia-cuda-mps-server",
)
CONTROL_NODES = ("nvidiactl", "nvidia-uvm", "nvidia-uvm-tools", "nvidia-modeset")
DEFAULT_LIB_DIRS = (
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/usr/lib64",
    "/usr/lib",
    "/lib/x86_64-linux-gnu",
    "/lib64",
)
_IPC_SOCKETS = ("nvidia-persistenced/socket", "nvidia-fabricmanager/socket")
_VERSION = re.compile(r"\b(\d+\.\d+(?:\.\d+)?)\b")


class Gpu(msgspec.Struct, frozen=True):
    index: int
    uuid: str
    minor: int
    name: str


class NvidiaHost(msgspec.Struct, frozen=True):
    """The host's NVIDIA view; paths are host paths (also the container's)."""

    gpus: list[Gpu]
    control_nodes: list[str]
    libraries: list[str]
    binaries: list[str]
    firmware: list[str]
    ipc: list[str]
    driver_version: str
    dev: str = "/dev"
    #: real library file -> the links ldconfig made to it (``libcuda.so.1``)
    library_links: dict[str, list[str]] = {}


# -- GPUs -----------------------------------------------------------------------


def _information(text: str) -> dict[str, str]:
    fields = {}
    for line in text.splitlines():
        key, colon, value = line.partition(":")
        if colon:
            fields[key.strip()] = value.strip()
    return fields


def _gpus_from_proc(proc: Path) -> list[Gpu]:
    """One Gpu per ``gpus/<bus>/information``, indexed in PCI bus order (the
    order nvidia-smi and CUDA_DEVICE_ORDER=PCI_BUS_ID number them)."""
    found: list[tuple[str, str, int, str]] = []
    for info in sorted((proc / "driver/nvidia/gpus").glob("*/information")):
        fields = _information(info.read_text(errors="replace"))
        try:
            minor = int(fields["Device Minor"])
            uuid = fields["GPU UUID"]
        except (KeyError, ValueError):
            continue
        bus = fields.get("Bus Location", info.parent.name).lower()
        found.append((bus, uuid, minor, fields.get("Model", "")))
    found.sort()
    return [Gpu(i, uuid, minor, name) for i, (_, uuid, minor, name) in enumerate(found)]


def _run(argv: list[str]) -> str | None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _gpus_from_smi(smi: str, dev: Path) -> list[Gpu]:
    """nvidia-smi's CSV; it does not print the device minor, so the minor is
    taken as the index when ``/dev/nvidia<index>`` exists (true unless GPUs
    were hot-removed)."""
    out = _run([smi, "--query-gpu=index,uuid,name,pci.bus_id", "--format=csv,noheader"])
    gpus = []
    for line in (out or "").splitlines():
        cols = [c.strip() for c in line.split(",")]
        if len(cols) < 3 or not cols[0].isdigit():
            continue
        index = int(cols[0])
        if (dev / f"nvidia{index}").exists():
            gpus.append(Gpu(index, cols[1], index, cols[2]))
    return gpus


def _driver_version(proc: Path, smi: str | None) -> str:
    with contextlib.suppress(OSError):
        for line in (proc / "driver/nvidia/version").read_text().splitlines():
            if line.startswith("NVRM version"):
                found = _VERSION.search(line.partition(":")[2])
                if found:
                    return found.group(1)
    if smi:
        out = _run([smi, "--query-gpu=driver_version", "--format=csv,noheader"]) or ""
        return out.strip().splitlines()[0].strip() if out.strip() else ""
    return ""


# -- files --------------------------------------------------------------------


def _which(name: str, path: str) -> str | None:
    for d in path.split(os.pathsep):
        candidate = Path(d or ".") / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def _ldconfig_dirs(ldconfig: str | None) -> list[str]:
    """The dirs ``ldconfig -p`` lists our libraries in."""
    if not ldconfig:
        return []
    out = _run([ldconfig, "-p"]) or ""
    dirs = []
    for line in out.splitlines():
        name, _, target = line.strip().partition(" => ")
        if target and name.split()[0].startswith(LIBRARIES):
            d = os.path.dirname(target.strip())
            if d not in dirs:
                dirs.append(d)
    return dirs


def _is_real_file(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return stat.S_ISREG(path.lstat().st_mode)
    return False


def _libraries(dirs: Sequence[str], version: str) -> list[str]:
    """Real files ``<lib>.<version>`` (any version-suffixed real file when the
    version is unknown), one per real path."""
    seen: set[str] = set()
    out = []
    for d in dirs:
        base = Path(d)
        if not base.is_dir() or os.path.realpath(d) in seen:
            continue
        seen.add(os.path.realpath(d))
        for lib in LIBRARIES:
            pattern = f"{lib}.{version}" if version else f"{lib}.*[0-9]"
            out += [str(p) for p in sorted(base.glob(pattern)) if _is_real_file(p)]
    return out


def library_links(library: str) -> list[str]:
    """The links beside ``library`` that lead to it (``libcuda.so.1`` and
    ``libcuda.so`` for ``libcuda.so.550.54.15``), as ldconfig made them."""
    lib = Path(library)
    stem = lib.name.split(".so")[0] + ".so"
    links = []
    for cand in sorted(lib.parent.glob(stem + "*")):
        if cand == lib or not cand.is_symlink():
            continue
        with contextlib.suppress(OSError):
            if os.path.realpath(cand) == os.path.realpath(lib):
                links.append(str(cand))
    return links


def gather_nvidia_host(
    dev: str | Path = "/dev",
    proc: str | Path = "/proc",
    *,
    lib_dirs: Sequence[str] = DEFAULT_LIB_DIRS,
    ldconfig: str | None = "/sbin/ldconfig",
    path: str | None = None,
    firmware: str | Path = "/lib/firmware/nvidia",
    run: str | Path = "/run",
) -> NvidiaHost | None:
    """The host's NVIDIA view, or None when it has no NVIDIA GPU (blocking)."""
    dev, proc = Path(dev), Path(proc)
    search = os.environ.get("PATH", "/usr/bin:/bin") if path is None else path
    smi = _which("nvidia-smi", search)
    gpus = [g for g in _gpus_from_proc(proc) if (dev / f"nvidia{g.minor}").exists()]
    if not gpus and smi:
        gpus = _gpus_from_smi(smi, dev)
    if not gpus:
        return None
    version = _driver_version(proc, smi)
    dirs = [*lib_dirs, *_ldconfig_dirs(ldconfig if ldconfig and Path(ldconfig).exists() else None)]
    binaries = [b for b in (_which(name, search) for name in BINARIES) if b]
    fw_dir = Path(firmware) / version
    fw = [str(p) for p in sorted(fw_dir.glob("*.bin"))] if version else []
    ipc = []
    for rel in _IPC_SOCKETS:
        sock = Path(run) / rel
        with contextlib.suppress(OSError):
            if stat.S_ISSOCK(sock.stat().st_mode):
                ipc.append(str(sock))
    libraries = _libraries(dirs, version)
    return NvidiaHost(
        gpus=gpus,
        control_nodes=[str(dev / n) for n in CONTROL_NODES if (dev / n).exists()],
        libraries=libraries,
        binaries=binaries,
        firmware=fw,
        ipc=ipc,
        driver_version=version,
        dev=str(dev),
        library_links={lib: library_links(lib) for lib in libraries},
    )
