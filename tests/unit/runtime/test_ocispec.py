"""config.json generation against expected JSON."""

from __future__ import annotations

from typing import Any

import msgspec

from podd.runtime.kubesemantics import plan_container, resolve_settings
from podd.runtime.ocispec import (
    BindMount,
    EtcFiles,
    PodNamespaces,
    Process,
    build_spec,
    decode_spec,
    encode_spec,
    exec_process,
)

from .helpers import IMAGE, USERS, container, pod, sources

ETC = EtcFiles("/run/p/etc/hosts", "/run/p/etc/hostname", "/run/p/etc/resolv.conf")
DEFAULT_CAPS = [
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_RAW",
    "CAP_SYS_CHROOT",
    "CAP_MKNOD",
    "CAP_AUDIT_WRITE",
    "CAP_SETFCAP",
]


def spec_json(
    c: dict[str, Any], *, mounts: list[BindMount] | None = None, share: bool = False, **kw: Any
) -> dict[str, Any]:
    p = pod([{"name": "c", "image": "img", **c}], shareProcessNamespace=share)
    s = resolve_settings(p, container(p), IMAGE, USERS, sources(p), hostname="web")
    plan = plan_container(
        s,
        rootfs="/run/p/rootfs/c",
        namespaces=PodNamespaces.of_pause(4242, share),
        etc=ETC,
        mounts=mounts or [],
        nofile=20000,
        **kw,
    )
    return msgspec.json.decode(encode_spec(build_spec(plan)))


EXPECTED_DEFAULT: dict[str, Any] = {
    "process": {
        "args": ["sh", "-c", "echo hi"],
        "cwd": "/",
        "env": [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG=C",
            "HOSTNAME=web",
        ],
        "user": {},
        "capabilities": {
            "bounding": DEFAULT_CAPS,
            "effective": DEFAULT_CAPS,
            "permitted": DEFAULT_CAPS,
        },
        "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 20000, "soft": 20000}],
    },
    "root": {"path": "/run/p/rootfs/c"},
    "ociVersion": "1.0.2-dev",
    "mounts": [
        {"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid", "noexec", "nodev"]},  # noqa: E501
        {"destination": "/dev", "type": "tmpfs", "source": "tmpfs",
         "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
        {"destination": "/dev/pts", "type": "devpts", "source": "devpts",
         "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
        {"destination": "/dev/shm", "type": "tmpfs", "source": "shm",
         "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
        {"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue",
         "options": ["nosuid", "noexec", "nodev"]},
        {"destination": "/sys", "type": "sysfs", "source": "sysfs",
         "options": ["nosuid", "noexec", "nodev", "ro"]},
        {"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup",
         "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]},
        {"destination": "/etc/hosts", "type": "bind", "source": "/run/p/etc/hosts",
         "options": ["rbind", "rprivate", "ro"]},
        {"destination": "/etc/hostname", "type": "bind", "source": "/run/p/etc/hostname",
         "options": ["rbind", "rprivate", "ro"]},
        {"destination": "/etc/resolv.conf", "type": "bind", "source": "/run/p/etc/resolv.conf",
         "options": ["rbind", "rprivate", "ro"]},
    ],
    "linux": {
        "namespaces": [
            {"type": "pid"},
            {"type": "network", "path": "/proc/4242/ns/net"},
            {"type": "ipc", "path": "/proc/4242/ns/ipc"},
            {"type": "uts", "path": "/proc/4242/ns/uts"},
            {"type": "mount"},
            {"type": "cgroup"},
        ],
        "maskedPaths": [
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
        ],
        "readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
    },
}  # fmt: skip


def test_defaults() -> None:
    got = spec_json({"command": ["sh", "-c", "echo hi"]})
    assert got == EXPECTED_DEFAULT
    # no user namespace, no id mappings, no hostname: the runtime runs inside the pod's
    assert "hostname" not in got and "uidMappings" not in got["linux"]


def test_security_context_variants() -> None:
    sc = {
        "runAsUser": 1000,
        "runAsGroup": 3000,
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]},
        "procMount": "Unmasked",
    }
    got = spec_json({"command": ["sh"], "securityContext": sc, "tty": True})
    proc = got["process"]
    assert proc["user"] == {"uid": 1000, "gid": 3000}
    assert proc["noNewPrivileges"] is True and proc["terminal"] is True
    assert proc["capabilities"] == {
        "bounding": ["CAP_NET_BIND_SERVICE"],
        "effective": ["CAP_NET_BIND_SERVICE"],
        "permitted": ["CAP_NET_BIND_SERVICE"],
    }
    assert got["root"] == {"path": "/run/p/rootfs/c", "readonly": True}
    assert "maskedPaths" not in got["linux"] and "readonlyPaths" not in got["linux"]
    drop_all = spec_json(
        {"command": ["sh"], "securityContext": {"capabilities": {"drop": ["ALL"]}}}
    )
    assert drop_all["process"]["capabilities"] == {}


def test_share_process_namespace() -> None:
    got = spec_json({"command": ["sh"]}, share=True)
    assert got["linux"]["namespaces"][0] == {"type": "pid", "path": "/proc/4242/ns/pid"}


def test_volumes_sub_path_and_overrides() -> None:
    mounts = [
        BindMount("/data/logs", "/vol/logs/sub", True, ["nosuid", "nodev"]),
        BindMount("/data", "/vol/data"),
        BindMount("/dev/shm", "/vol/shm"),
        BindMount("/etc/hosts", "/vol/hosts", True),
    ]
    got = spec_json({"command": ["sh"]}, mounts=mounts)
    dests = [m["destination"] for m in got["mounts"]]
    # a volume on /dev/shm or /etc/hosts replaces the default; parents before children
    assert dests == [
        "/proc", "/dev", "/dev/pts", "/dev/mqueue", "/sys", "/sys/fs/cgroup",
        "/etc/hostname", "/etc/resolv.conf", "/data", "/data/logs", "/dev/shm", "/etc/hosts",
    ]  # fmt: skip
    by_dest = {m["destination"]: m for m in got["mounts"]}
    assert by_dest["/data/logs"] == {
        "destination": "/data/logs",
        "type": "bind",
        "source": "/vol/logs/sub",
        "options": ["rbind", "rprivate", "nosuid", "nodev", "ro"],
    }
    assert by_dest["/data"]["options"] == ["rbind", "rprivate"]


def test_volume_on_etc_hides_the_pod_files() -> None:
    got = spec_json({"command": ["sh"]}, mounts=[BindMount("/etc", "/vol/etc")])
    assert [m["destination"] for m in got["mounts"]][-1] == "/etc"
    assert "/etc/hosts" not in [m["destination"] for m in got["mounts"]]


def test_seccomp_rlimits_sysctls_annotations_cgroups_path() -> None:
    profile = {
        "defaultAction": "SCMP_ACT_ERRNO",
        "defaultErrnoRet": 38,
        "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]}],
        "syscalls": [{"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"}],
    }
    got = spec_json(
        {"command": ["sh"]},
        seccomp_profile=profile,
        cgroups_path="/podd/pods/u-1/ctr-c",
        annotations={"io.kubernetes.pod.uid": "u-1"},
        devpts_gid5=False,
    )
    seccomp = got["linux"]["seccomp"]
    assert seccomp["defaultAction"] == "SCMP_ACT_ERRNO" and seccomp["defaultErrnoRet"] == 38
    assert seccomp["syscalls"] == [{"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"}]
    assert got["linux"]["cgroupsPath"] == "/podd/pods/u-1/ctr-c"
    assert got["annotations"] == {"io.kubernetes.pod.uid": "u-1"}
    pts = next(m for m in got["mounts"] if m["destination"] == "/dev/pts")
    assert "gid=5" not in pts["options"]
    unconfined = spec_json(
        {"command": ["sh"], "securityContext": {"seccompProfile": {"type": "Unconfined"}}},
        seccomp_profile=profile,
    )
    assert "seccomp" not in unconfined["linux"]


def test_roundtrip_and_exec_process() -> None:
    p = pod([{"name": "c", "command": ["sleep", "1"], "securityContext": {"runAsUser": 7}}])
    s = resolve_settings(p, container(p), IMAGE, USERS, sources(p))
    spec = build_spec(plan_container(s, rootfs="/r", namespaces=PodNamespaces.of_pause(1, False)))
    again = decode_spec(encode_spec(spec))
    assert again == spec
    proc = exec_process(again.process, ["ls", "-l"], terminal=False)
    assert isinstance(proc, Process)
    assert proc.args == ["ls", "-l"] and proc.user == spec.process.user
    assert proc.env == spec.process.env and proc.capabilities == spec.process.capabilities
