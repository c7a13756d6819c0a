"""containers-common seccomp profiles → OCI linux.seccomp."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podd.runtime.errors import SeccompError
from podd.runtime.seccomp import go_arch, load_profile, to_oci

PROFILE = {
    "defaultAction": "SCMP_ACT_ERRNO",
    "defaultErrnoRet": 38,
    "archMap": [
        {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},  # noqa: E501
        {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]},
    ],
    "syscalls": [
        {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW", "args": [], "includes": {}, "excludes": {}},  # noqa: E501
        {"names": ["bdflush"], "action": "SCMP_ACT_ERRNO", "errno": "EPERM", "errnoRet": 1},
        {"names": ["vhangup"], "action": "SCMP_ACT_ERRNO", "errno": "EPERM"},
        {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64", "x32"]}},  # noqa: E501
        {"names": ["chroot"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_CHROOT"]}},
        {"names": ["chroot"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "excludes": {"caps": ["CAP_SYS_CHROOT"]}},  # noqa: E501
        {"names": ["newfeature"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "6.20"}},
        {"names": ["oldfeature"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "4.8"}},
        {
            "names": ["socket"],
            "action": "SCMP_ACT_ERRNO",
            "errnoRet": 22,
            "args": [{"index": 0, "value": 16, "valueTwo": 0, "op": "SCMP_CMP_EQ"}],
            "excludes": {"caps": ["CAP_AUDIT_WRITE"]},
        },
    ],
}  # fmt: skip


def names(seccomp: object) -> list[str]:
    return [n for rule in seccomp.syscalls for n in rule.names]  # type: ignore[attr-defined]


def test_conversion_for_a_default_container() -> None:
    out = to_oci(PROFILE, ["CAP_SYS_CHROOT", "CAP_AUDIT_WRITE"], arch="amd64", kernel="6.18.0-1")
    assert out.default_action == "SCMP_ACT_ERRNO" and out.default_errno_ret == 38
    assert out.architectures == ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"]
    assert names(out) == [
        "read",
        "write",
        "bdflush",
        "vhangup",
        "arch_prctl",
        "chroot",
        "oldfeature",
    ]
    by_name = {r.names[0]: r for r in out.syscalls}
    assert by_name["vhangup"].errno_ret == 1  # from the errno name
    assert by_name["chroot"].action == "SCMP_ACT_ALLOW"


def test_conditions_follow_capabilities_arch_and_kernel() -> None:
    out = to_oci(PROFILE, [], arch="arm64", kernel="6.30")
    assert out.architectures == ["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"]
    rules = {(r.names[0], r.action) for r in out.syscalls}
    assert ("arch_prctl", "SCMP_ACT_ALLOW") not in rules
    assert ("chroot", "SCMP_ACT_ERRNO") in rules and ("chroot", "SCMP_ACT_ALLOW") not in rules
    assert ("newfeature", "SCMP_ACT_ALLOW") in rules
    socket = next(r for r in out.syscalls if r.names == ["socket"])
    assert (
        socket.errno_ret == 22 and socket.args[0].index == 0 and socket.args[0].op == "SCMP_CMP_EQ"
    )


def test_native_arch_only() -> None:
    out = to_oci(PROFILE, [], arch="amd64", sub_arches=False)
    assert out.architectures == ["SCMP_ARCH_X86_64"]


def test_oci_profiles_pass_through() -> None:
    oci = {
        "defaultAction": "SCMP_ACT_ALLOW",
        "architectures": ["SCMP_ARCH_X86_64"],
        "syscalls": [{"names": ["mount"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}],
        "flags": ["SECCOMP_FILTER_FLAG_LOG"],
    }
    out = to_oci(oci, [], arch="arm64")
    assert out.architectures == ["SCMP_ARCH_X86_64"] and out.flags == ["SECCOMP_FILTER_FLAG_LOG"]
    assert [(r.names, r.action, r.errno_ret) for r in out.syscalls] == [
        (["mount"], "SCMP_ACT_ERRNO", 1)
    ]


def test_bad_profiles() -> None:
    with pytest.raises(SeccompError, match="unknown errno"):
        to_oci({"defaultAction": "SCMP_ACT_ERRNO", "defaultErrno": "EBOGUS"}, [])
    with pytest.raises(SeccompError, match="cannot be converted"):
        to_oci({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["x"]}]}, [])


def test_load_profile(tmp_path: Path) -> None:
    assert load_profile([tmp_path / "none.json"]) is None
    good = tmp_path / "p.json"
    good.write_text(json.dumps(PROFILE))
    path, profile = load_profile([tmp_path / "none.json", good]) or (None, None)
    assert path == good and profile == PROFILE
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(SeccompError, match="not valid JSON"):
        load_profile([tmp_path / "bad.json"])
    (tmp_path / "empty.json").write_text("{}")
    with pytest.raises(SeccompError, match="no defaultAction"):
        load_profile([tmp_path / "empty.json"])


def test_the_installed_profile_converts() -> None:
    found = load_profile()
    if found is None:
        pytest.skip("no containers-common seccomp profile installed")
    out = to_oci(found[1], ["CAP_CHOWN", "CAP_KILL"])
    assert out.default_action and out.architectures and len(names(out)) > 300
    assert "read" in names(out)


def test_go_arch() -> None:
    assert go_arch("x86_64") == "amd64" and go_arch("aarch64") == "arm64"
    assert go_arch("weird") == "weird"
