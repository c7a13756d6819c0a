"""CDI edits applied to a container's OCI spec (pure)."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from podd.cdi import CDIError, ContainerEdits, DeviceNode, Hook, Mount
from podd.runtime.cdiedits import apply_edits
from podd.runtime.kubesemantics import plan_container, resolve_settings
from podd.runtime.ocispec import (
    EtcFiles,
    Hooks,
    LinuxDevice,
    LinuxDeviceCgroup,
    PodNamespaces,
    Spec,
    build_spec,
    encode_spec,
)
from podd.runtime.ocispec import Hook as OciHook
from podd.runtime.ocispec import Mount as OciMount

from .helpers import IMAGE, USERS, container, pod, sources

ETC = EtcFiles("/run/p/etc/hosts", "/run/p/etc/hostname", "/run/p/etc/resolv.conf")
NULL = DeviceNode(path="/dev/null", host_path="/dev/null", type="c", major=1, minor=3)


def _spec(**c: Any) -> Spec:
    p = pod([{"name": "c", "image": "img", "env": [{"name": "A", "value": "pod"}], **c}])
    s = resolve_settings(p, container(p), IMAGE, USERS, sources(p), hostname="web")
    plan = plan_container(
        s, rootfs="/r", namespaces=PodNamespaces.of_pause(42, False), etc=ETC, nofile=100
    )
    return build_spec(plan)


def test_no_edits_change_nothing_and_new_fields_are_omitted() -> None:
    spec = _spec()
    assert apply_edits(spec, ContainerEdits()) == spec
    body = msgspec.json.decode(encode_spec(spec))
    assert "hooks" not in body and "devices" not in body["linux"]
    assert "resources" not in body["linux"]


def test_env_replaces_in_place_and_appends() -> None:
    spec = _spec()
    before = list(spec.process.env)
    out = apply_edits(spec, ContainerEdits(env=["A=cdi", "NVIDIA_VISIBLE_DEVICES=void"]))
    assert out.process.env[before.index("A=pod")] == "A=cdi"
    assert out.process.env[-1] == "NVIDIA_VISIBLE_DEVICES=void"
    assert len(out.process.env) == len(before) + 1
    assert spec.process.env == before  # input untouched


def test_device_at_its_host_path_is_a_linux_device_with_an_allow_rule() -> None:
    node = DeviceNode(
        path="/dev/nvidia0", type="c", major=195, minor=0, file_mode=0o666, permissions="rw"
    )
    out = apply_edits(_spec(), ContainerEdits(device_nodes=[node, NULL]))
    assert out.linux.devices == [
        LinuxDevice("/dev/nvidia0", "c", 195, 0, file_mode=0o666),
        LinuxDevice("/dev/null", "c", 1, 3),
    ]
    assert out.linux.resources is not None
    assert out.linux.resources.devices == [
        LinuxDeviceCgroup(True, "c", 195, 0, "rw"),
        LinuxDeviceCgroup(True, "c", 1, 3, "rwm"),
    ]
    body = msgspec.json.decode(encode_spec(out))
    assert body["linux"]["devices"][0] == {
        "path": "/dev/nvidia0",
        "type": "c",
        "major": 195,
        "minor": 0,
        "fileMode": 438,
    }
    assert body["linux"]["resources"] == {
        "devices": [
            {"allow": True, "type": "c", "major": 195, "minor": 0, "access": "rw"},
            {"allow": True, "type": "c", "major": 1, "minor": 3, "access": "rwm"},
        ]
    }


def test_device_from_another_host_path_is_a_plain_bind() -> None:
    node = DeviceNode(path="/dev/fake0", host_path="/dev/null", type="c", major=1, minor=3)
    spec = _spec()
    out = apply_edits(spec, ContainerEdits(device_nodes=[node]))
    assert out.linux.devices == []
    [added] = [m for m in out.mounts if m not in spec.mounts]
    assert added == OciMount("/dev/fake0", "bind", "/dev/null", ["bind"])
    # after /dev's tmpfs, which it lies on
    dests = [m.destination for m in out.mounts]
    assert dests.index("/dev") < dests.index("/dev/fake0")
    assert out.linux.resources is not None
    assert out.linux.resources.devices == [LinuxDeviceCgroup(True, "c", 1, 3, "rwm")]


def test_unfilled_device_is_refused() -> None:
    with pytest.raises(CDIError, match="/dev/x: type/major/minor unknown"):
        apply_edits(_spec(), ContainerEdits(device_nodes=[DeviceNode(path="/dev/x")]))


def test_a_later_node_replaces_the_same_path() -> None:
    first = apply_edits(_spec(), ContainerEdits(device_nodes=[NULL]))
    zero = DeviceNode(path="/dev/null", type="c", major=1, minor=5)
    again = apply_edits(first, ContainerEdits(device_nodes=[zero]))
    assert again.linux.devices == [LinuxDevice("/dev/null", "c", 1, 5)]
    assert again.linux.resources is not None and len(again.linux.resources.devices) == 2


MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
25 22 0:23 / /run rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw
"""


def test_mounts_default_to_rbind_and_repeat_locked_flags() -> None:
    spec = _spec()
    edits = ContainerEdits(
        mounts=[
            Mount("/usr/lib/libcuda.so.1", "/usr/lib/libcuda.so.1", options=["ro", "nosuid"]),
            Mount("/run/nvidia-persistenced/socket", "/run/nvidia-persistenced/socket"),
            Mount("/srv/x", "/x", options=["bind"]),
            Mount("tmp", "/scratch", type="tmpfs", options=["size=1m"]),
        ]
    )
    out = apply_edits(spec, edits, mountinfo=MOUNTINFO)
    added = {m.destination: m for m in out.mounts if m not in spec.mounts}
    assert added == {
        "/usr/lib/libcuda.so.1": OciMount(
            "/usr/lib/libcuda.so.1", "bind", "/usr/lib/libcuda.so.1", ["ro", "nosuid", "rbind"]
        ),
        "/run/nvidia-persistenced/socket": OciMount(
            "/run/nvidia-persistenced/socket",
            "bind",
            "/run/nvidia-persistenced/socket",
            ["rbind", "nosuid", "nodev", "noexec"],
        ),
        "/x": OciMount("/x", "bind", "/srv/x", ["bind"]),
        "/scratch": OciMount("/scratch", "tmpfs", "tmp", ["size=1m"]),
    }
    # parents before children, the spec's own order kept among equals
    depths = [len(m.destination.strip("/").split("/")) for m in out.mounts]
    assert depths == sorted(depths)
    kept = [m for m in out.mounts if m in spec.mounts]
    assert [m.destination for m in kept] == [
        m.destination for m in sorted(spec.mounts, key=lambda m: m.destination.count("/"))
    ]


def test_hooks_by_name() -> None:
    hooks = [
        Hook("createContainer", "/bin/a", ["a", "-x"], ["E=1"], 5),
        Hook("poststop", "/bin/b"),
        Hook("createContainer", "/bin/c"),
    ]
    out = apply_edits(_spec(), ContainerEdits(hooks=hooks))
    assert out.hooks == Hooks(
        create_container=[OciHook("/bin/a", ["a", "-x"], ["E=1"], 5), OciHook("/bin/c")],
        poststop=[OciHook("/bin/b")],
    )
    body = msgspec.json.decode(encode_spec(out))
    assert body["hooks"] == {
        "createContainer": [
            {"path": "/bin/a", "args": ["a", "-x"], "env": ["E=1"], "timeout": 5},
            {"path": "/bin/c"},
        ],
        "poststop": [{"path": "/bin/b"}],
    }
    more = apply_edits(out, ContainerEdits(hooks=[Hook("prestart", "/bin/d")]))
    assert more.hooks is not None and len(more.hooks.create_container) == 2
    assert more.hooks.prestart == [OciHook("/bin/d")]
    with pytest.raises(CDIError, match="invalid hookName 'preStop'"):
        apply_edits(_spec(), ContainerEdits(hooks=[Hook("preStop", "/bin/x")]))


def test_additional_gids_are_added_once() -> None:
    spec = _spec(securityContext={"runAsUser": 1000, "runAsGroup": 1000})
    out = apply_edits(spec, ContainerEdits(additional_gids=[44, 0, 44, 107]))
    assert out.process.user.additional_gids is not None
    assert out.process.user.additional_gids[-2:] == [44, 107]
    assert 0 not in out.process.user.additional_gids[-2:]
    again = apply_edits(out, ContainerEdits(additional_gids=[107]))
    assert again.process.user.additional_gids == out.process.user.additional_gids
