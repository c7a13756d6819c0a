"""What every container shares, discovered once when the service starts: the
OCI runtime and why, conmon, podd-pause, the seccomp profile, the rootfs
mode (probed on first use), limits and paths."""

from __future__ import annotations

import contextlib
import resource
import shutil
import subprocess
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from podd.runtime.capabilities import ALL_CAPABILITIES
from podd.runtime.errors import CreateContainerConfigError, RuntimeNotFoundError, SeccompError
from podd.runtime.oci import RuntimeInfo, detect_runtime
from podd.runtime.rootfs import RootfsInfo, RootfsProbe, probe_overlay
from podd.runtime.seccomp import DEFAULT_PROFILE_PATHS, load_profile
from podd.sandbox import binaries
from podd.sandbox.cgroups import read_mode
from podd.sandbox.userns import IdMapping

__all__ = ["EnvInfo", "JoinPrefix", "RuntimeEnv"]

JoinPrefix = Callable[[], Awaitable[list[str]]]
MAX_NOFILE = 1048576


class EnvInfo(msgspec.Struct, frozen=True):
    """The runtime part of ``/podd/v1/info``."""

    runtime: RuntimeInfo
    conmon: str
    conmon_version: str
    rootfs: RootfsInfo
    seccomp_profile: str | None
    cgroup_mode: str
    warnings: list[str] = []


def _version(path: Path) -> str:
    try:
        out = subprocess.run(
            [str(path), "--version"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    lines = (out.stdout or out.stderr).strip().splitlines()
    return lines[0] if lines else ""


def _cap_last(proc_root: Path) -> int:
    with contextlib.suppress(OSError, ValueError):
        return int((proc_root / "sys/kernel/cap_last_cap").read_text())
    return len(ALL_CAPABILITIES) - 1


def _gid_mapped(mapping: IdMapping | None, gid: int) -> bool:
    if mapping is None:
        return True
    return any(m.container_id <= gid < m.container_id + m.size for m in mapping.gid_maps)


@dataclass(frozen=True)
class RuntimeEnv:
    """Settings shared by every container (built once by the service)."""

    runtime: RuntimeInfo
    conmon: Path
    pause: Path
    exits_dir: Path
    storage_dir: Path
    conmon_version: str = ""
    cgroup_mode: str = "unified"
    seccomp_profile: Mapping[str, Any] | None = None
    seccomp_path: str | None = None
    seccomp_dir: Path | None = None
    seccomp_sub_arches: bool = True
    nofile: int = MAX_NOFILE
    devpts_gid5: bool = True
    available_caps: tuple[str, ...] = ALL_CAPABILITIES
    userns_join: JoinPrefix | None = None
    log_size_max: int | None = None
    proc_root: Path = Path("/proc")
    create_timeout: float = 30.0
    runtime_timeout: float = 30.0
    kill_timeout: float = 10.0
    memory_qos: bool = True  # memory.min/memory.high as the kubelet's MemoryQoS
    warnings: list[str] = field(default_factory=list)
    rootfs: RootfsProbe = field(default_factory=RootfsProbe)

    def storage_for(self, pod_uid: str) -> Path:
        return self.storage_dir / pod_uid

    def runtime_for(self, runtime_class: str | None) -> RuntimeInfo:
        """The runtime a pod's ``runtimeClassName`` names (its handler: crun
        or runc, side by side), else the one chosen for all."""
        if not runtime_class or runtime_class == self.runtime.name:
            return self.runtime
        for c in self.runtime.candidates:
            if c.name == runtime_class and c.usable:
                reason = f"runtimeClassName {runtime_class!r}"
                return RuntimeInfo(c.name, c.path, c.version, reason, self.runtime.candidates)
        have = ", ".join(c.name for c in self.runtime.candidates if c.usable)
        raise CreateContainerConfigError(
            f'RuntimeHandler "{runtime_class}" not supported: no usable OCI runtime of that'
            f" name here (usable: {have or 'none'})"
        )

    def info(self) -> EnvInfo:
        return EnvInfo(
            runtime=self.runtime,
            conmon=str(self.conmon),
            conmon_version=self.conmon_version,
            rootfs=self.rootfs.info,
            seccomp_profile=self.seccomp_path,
            cgroup_mode=self.cgroup_mode,
            warnings=list(self.warnings),
        )

    async def rootfs_mode(self, anchor: int, runtime_dir: Path, pod_uid: str) -> RootfsInfo:
        """overlay or copy: probed once, in the first pod's namespaces."""
        if self.rootfs.info.mode != "unknown":
            return self.rootfs.info
        async with self.rootfs.lock:
            if self.rootfs.info.mode == "unknown":
                scratch = self.storage_for(pod_uid) / ".overlay-probe"
                self.rootfs.info = await probe_overlay(
                    self.pause, anchor, scratch, runtime_dir / ".overlay-probe"
                )
        return self.rootfs.info

    @classmethod
    def discover(
        cls,
        *,
        exits_dir: str | Path,
        storage_dir: str | Path,
        runtime: str = "",
        conmon: str | None = None,
        pause: str | Path | None = None,
        id_mapping: IdMapping | None = None,
        seccomp_paths: Sequence[str | Path] = DEFAULT_PROFILE_PATHS,
        seccomp_dir: str | Path | None = None,
        proc_root: str | Path = "/proc",
        **settings: Any,
    ) -> RuntimeEnv:
        """Find everything (blocking, once: run it in a thread).

        ``id_mapping`` is the pods' mapping (``SandboxEnv.id_mapping``):
        devpts gets ``gid=5`` only when gid 5 is mapped. Raises
        RuntimeNotFoundError when the runtime, conmon or a tool is missing.
        """
        mode = read_mode(Path(proc_root) / "self/mountinfo").mode.value
        info = detect_runtime(runtime, mode)
        try:
            conmon_path = binaries.find_tool("conmon", conmon)
            pause_path = Path(pause) if pause else binaries.find_pause()
        except Exception as exc:  # BinaryNotFoundError
            raise RuntimeNotFoundError(str(exc)) from exc
        for tool in ("mount", "umount", "rm"):
            if shutil.which(tool) is None:
                raise RuntimeNotFoundError(f"{tool} not found on PATH")
        warnings: list[str] = []
        profile: tuple[Path, dict] | None = None
        try:
            profile = load_profile(seccomp_paths)
        except SeccompError as exc:
            warnings.append(f"{exc}; containers run without the default seccomp profile")
        if profile is None:
            warnings.append("no default seccomp profile installed (containers-common)")
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        nofile = MAX_NOFILE if hard == resource.RLIM_INFINITY else min(MAX_NOFILE, hard)
        last = _cap_last(Path(proc_root))
        return cls(
            runtime=info,
            conmon=conmon_path,
            pause=pause_path,
            exits_dir=Path(exits_dir),
            storage_dir=Path(storage_dir),
            conmon_version=_version(conmon_path),
            cgroup_mode=mode,
            seccomp_profile=profile[1] if profile else None,
            seccomp_path=str(profile[0]) if profile else None,
            seccomp_dir=Path(seccomp_dir) if seccomp_dir else None,
            nofile=nofile,
            devpts_gid5=_gid_mapped(id_mapping, 5),
            available_caps=ALL_CAPABILITIES[: last + 1],
            proc_root=Path(proc_root),
            warnings=warnings,
            **settings,
        )
