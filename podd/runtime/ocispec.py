"""The OCI runtime spec (``config.json``) of a container, as msgspec Structs,
built from a fully resolved :class:`ContainerPlan` (pure: no I/O).

What :func:`build_spec` writes, for a runtime that runs *inside* the pod's
user namespace (RUNTIME-NOTES.md):

* no ``user`` namespace and no id mappings (the runtime is already in it);
* ``network``/``ipc``/``uts`` by path, the pause's; ``pid`` the pause's when
  the pod shares its process namespace, else new; ``mount`` and ``cgroup``
  new; no ``hostname`` (UTS is pod-level);
* ``/proc``, ``/dev`` (tmpfs), ``/dev/pts`` (``newinstance``, ``gid=5`` only
  when gid 5 is mapped), ``/dev/shm``, ``/dev/mqueue``, a read-only
  ``sysfs`` (not the host's ``/sys`` rbind) and a read-only
  ``/sys/fs/cgroup``; a volume mounted on one of these replaces it;
* the pod's ``/etc/hosts``, ``/etc/hostname``, ``/etc/resolv.conf``
  bind-mounted read-only (unless a volume is mounted there), then the
  volumes, parents before children;
* masked and read-only kernel paths, seccomp, rlimits, ``cgroupsPath`` only
  where the runtime can use one.
"""

from __future__ import annotations

import msgspec

from podd.runtime.users import UserIds

__all__ = [
    "DEFAULT_MASKED_PATHS",
    "DEFAULT_READONLY_PATHS",
    "OCI_VERSION",
    "BindMount",
    "ContainerPlan",
    "EtcFiles",
    "Hook",
    "Hooks",
    "LinuxCapabilities",
    "LinuxDevice",
    "LinuxDeviceCgroup",
    "LinuxResources",
    "LinuxSeccomp",
    "Mount",
    "Namespace",
    "PodNamespaces",
    "Process",
    "Rlimit",
    "Root",
    "SeccompArg",
    "SeccompSyscall",
    "Spec",
    "User",
    "build_spec",
    "decode_spec",
    "encode_spec",
    "exec_process",
]

OCI_VERSION = "1.0.2-dev"

#: containerd's / Kubernetes' default masked paths (``procMount: Default``).
DEFAULT_MASKED_PATHS: tuple[str, ...] = (
    "/proc/acpi",
    "/proc/asound",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
    "/sys/devices/virtual/powercap",
)

#: containerd's / Kubernetes' default read-only paths.
DEFAULT_READONLY_PATHS: tuple[str, ...] = (
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
)


class _Oci(msgspec.Struct, rename="camel", omit_defaults=True):
    """Base of the OCI Structs: camelCase names, defaults left out."""


class User(_Oci):
    uid: int = 0
    gid: int = 0
    additional_gids: list[int] | None = None


class LinuxCapabilities(_Oci):
    bounding: list[str] = []
    effective: list[str] = []
    inheritable: list[str] = []
    permitted: list[str] = []
    ambient: list[str] = []


class Rlimit(_Oci):
    type: str
    hard: int
    soft: int


class Process(_Oci):
    args: list[str]
    cwd: str  # required by runtimes: never omitted
    env: list[str] = []
    terminal: bool = False
    user: User = msgspec.field(default_factory=User)
    capabilities: LinuxCapabilities | None = None
    rlimits: list[Rlimit] = []
    no_new_privileges: bool = False
    oom_score_adj: int | None = None


class Root(_Oci):
    path: str
    readonly: bool = False


class Mount(_Oci):
    destination: str
    type: str | None = None
    source: str | None = None
    options: list[str] = []


class Namespace(_Oci):
    type: str
    path: str | None = None


class SeccompArg(_Oci):
    index: int
    value: int
    op: str
    value_two: int = 0


class SeccompSyscall(_Oci):
    names: list[str]
    action: str
    errno_ret: int | None = None
    args: list[SeccompArg] = []


class LinuxSeccomp(_Oci):
    default_action: str
    default_errno_ret: int | None = None
    architectures: list[str] = []
    flags: list[str] = []
    syscalls: list[SeccompSyscall] = []


class LinuxDevice(_Oci):
    """A device node the runtime makes at ``path`` (in a user namespace runc
    and crun bind-mount the host's node at that same path: cdiedits.py)."""

    path: str
    type: str
    major: int | None = None
    minor: int | None = None
    file_mode: int | None = None
    uid: int | None = None
    gid: int | None = None


class LinuxDeviceCgroup(_Oci):
    allow: bool
    type: str | None = None
    major: int | None = None
    minor: int | None = None
    access: str | None = None


class LinuxResources(_Oci):
    """Only the device cgroup rules (limits go through podd's cgroup leaf)."""

    devices: list[LinuxDeviceCgroup] = []


class Linux(_Oci):
    namespaces: list[Namespace] = []
    masked_paths: list[str] = []
    readonly_paths: list[str] = []
    seccomp: LinuxSeccomp | None = None
    cgroups_path: str | None = None
    sysctl: dict[str, str] = {}
    devices: list[LinuxDevice] = []
    resources: LinuxResources | None = None


class Hook(_Oci):
    path: str
    args: list[str] = []
    env: list[str] = []
    timeout: int | None = None


class Hooks(_Oci):
    prestart: list[Hook] = []
    create_runtime: list[Hook] = []
    create_container: list[Hook] = []
    start_container: list[Hook] = []
    poststart: list[Hook] = []
    poststop: list[Hook] = []


class Spec(_Oci):
    process: Process
    root: Root
    oci_version: str = msgspec.field(default_factory=lambda: OCI_VERSION)  # always encoded
    hostname: str | None = None
    mounts: list[Mount] = []
    linux: Linux = msgspec.field(default_factory=Linux)
    annotations: dict[str, str] = {}
    hooks: Hooks | None = None


# -- the input ------------------------------------------------------------------


class PodNamespaces(msgspec.Struct, frozen=True):
    """Namespace paths of the pause (``/proc/<pid>/ns/...``); ``pid`` only when
    the pod shares its process namespace."""

    net: str
    ipc: str
    uts: str
    pid: str | None = None

    @classmethod
    def of_pause(cls, pid: int, share_pid: bool, proc: str = "/proc") -> PodNamespaces:
        ns = f"{proc}/{pid}/ns"
        return cls(f"{ns}/net", f"{ns}/ipc", f"{ns}/uts", f"{ns}/pid" if share_pid else None)


class EtcFiles(msgspec.Struct, frozen=True):
    """The pod's generated files, bind-mounted read-only into each container."""

    hosts: str | None = None
    hostname: str | None = None
    resolv_conf: str | None = None


class BindMount(msgspec.Struct, frozen=True):
    """A volume (or subPath of one) bound at ``destination``; ``flags`` are the
    source mount's locked flags (nosuid, nodev, noexec) that a read-only
    remount inside a user namespace must repeat."""

    destination: str
    source: str
    read_only: bool = False
    flags: list[str] = []


class ContainerPlan(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the spec is made of, resolved (see kubesemantics.plan_container)."""

    args: list[str]
    env: list[str]
    cwd: str
    user: UserIds
    capabilities: list[str]
    no_new_privileges: bool
    readonly_rootfs: bool
    rootfs: str
    namespaces: PodNamespaces
    terminal: bool = False
    etc: EtcFiles = EtcFiles()
    mounts: list[BindMount] = []
    masked_paths: list[str] = msgspec.field(default_factory=lambda: list(DEFAULT_MASKED_PATHS))
    readonly_paths: list[str] = msgspec.field(default_factory=lambda: list(DEFAULT_READONLY_PATHS))
    seccomp: LinuxSeccomp | None = None
    hostname: str | None = None
    cgroups_path: str | None = None
    nofile: int = 1048576
    devpts_gid5: bool = True
    sysctls: dict[str, str] = {}
    annotations: dict[str, str] = {}


# -- building ---------------------------------------------------------------------


def _default_mounts(devpts_gid5: bool) -> list[Mount]:
    pts = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]
    if devpts_gid5:
        pts.append("gid=5")
    return [
        Mount("/proc", "proc", "proc", ["nosuid", "noexec", "nodev"]),
        Mount("/dev", "tmpfs", "tmpfs", ["nosuid", "strictatime", "mode=755", "size=65536k"]),
        Mount("/dev/pts", "devpts", "devpts", pts),
        Mount(
            "/dev/shm", "tmpfs", "shm", ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]
        ),
        Mount("/dev/mqueue", "mqueue", "mqueue", ["nosuid", "noexec", "nodev"]),
        Mount("/sys", "sysfs", "sysfs", ["nosuid", "noexec", "nodev", "ro"]),
        Mount(
            "/sys/fs/cgroup", "cgroup", "cgroup", ["nosuid", "noexec", "nodev", "relatime", "ro"]
        ),
    ]


def _bind(destination: str, source: str, read_only: bool, flags: list[str]) -> Mount:
    options = ["rbind", "rprivate"]
    options += [f for f in flags if f not in options]
    if read_only:
        options.append("ro")
    return Mount(destination, "bind", source, options)


def _depth(path: str) -> int:
    return len([p for p in path.split("/") if p])


def _mounts(plan: ContainerPlan) -> list[Mount]:
    taken = {m.destination.rstrip("/") or "/" for m in plan.mounts}
    out = [m for m in _default_mounts(plan.devpts_gid5) if m.destination not in taken]
    for dest, source in (
        ("/etc/hosts", plan.etc.hosts),
        ("/etc/hostname", plan.etc.hostname),
        ("/etc/resolv.conf", plan.etc.resolv_conf),
    ):
        if source is not None and dest not in taken and "/etc" not in taken:
            out.append(_bind(dest, source, True, []))
    volumes = sorted(plan.mounts, key=lambda m: _depth(m.destination))
    out += [_bind(m.destination, m.source, m.read_only, m.flags) for m in volumes]
    return out


def _namespaces(ns: PodNamespaces) -> list[Namespace]:
    return [
        Namespace("pid", ns.pid),
        Namespace("network", ns.net),
        Namespace("ipc", ns.ipc),
        Namespace("uts", ns.uts),
        Namespace("mount"),
        Namespace("cgroup"),
    ]


def build_process(plan: ContainerPlan) -> Process:
    caps = list(plan.capabilities)
    user = plan.user
    return Process(
        args=list(plan.args),
        cwd=plan.cwd,
        env=list(plan.env),
        terminal=plan.terminal,
        user=User(user.uid, user.gid, list(user.additional_gids) or None),
        capabilities=LinuxCapabilities(bounding=caps, effective=caps, permitted=caps),
        rlimits=[Rlimit("RLIMIT_NOFILE", plan.nofile, plan.nofile)],
        no_new_privileges=plan.no_new_privileges,
    )


def build_spec(plan: ContainerPlan) -> Spec:
    """The container's ``config.json`` (pure)."""
    return Spec(
        process=build_process(plan),
        root=Root(plan.rootfs, plan.readonly_rootfs),
        hostname=plan.hostname,
        mounts=_mounts(plan),
        linux=Linux(
            namespaces=_namespaces(plan.namespaces),
            masked_paths=list(plan.masked_paths),
            readonly_paths=list(plan.readonly_paths),
            seccomp=plan.seccomp,
            cgroups_path=plan.cgroups_path,
            sysctl=dict(plan.sysctls),
        ),
        annotations=dict(plan.annotations),
    )


def exec_process(base: Process, args: list[str], *, terminal: bool = False) -> Process:
    """The process of an exec: the container's identity, env, cwd and
    capabilities with another command."""
    return msgspec.structs.replace(base, args=list(args), terminal=terminal)


_encoder = msgspec.json.Encoder()


def encode_spec(obj: Spec | Process) -> bytes:
    return _encoder.encode(obj)


def decode_spec(data: bytes) -> Spec:
    return msgspec.json.decode(data, type=Spec)
