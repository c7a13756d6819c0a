"""Containers run, log both streams, exit with their code; identity and
hardening are what the pod spec says."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from podd.runtime import VolumeSource
from podd.runtime.errors import CreateContainerConfigError, ExecutableNotFoundError
from podd.sandbox.cgroups import cgroup_pids

from .conftest import Harness, log_lines, make_pod

pytestmark = pytest.mark.integration


def _sh(name: str, script: str, **extra: object) -> dict[str, object]:
    return {"name": name, "image": "busybox", "command": ["sh", "-c", script], **extra}


async def _output(harness: Harness, box: object, pod: object, name: str) -> list[str]:
    handle = await harness.run(box, pod, name)  # type: ignore[arg-type]
    status = await harness.wait_exit(handle)
    lines = log_lines(Path(handle.log_path))
    assert status.exit_code == 0, (status, lines)
    return [text for _, text in lines]


async def test_logs_and_exit_code(harness: Harness) -> None:
    box = await harness.sandbox("logs")
    pod = make_pod(box.uid, "logs", [_sh("hello", "echo hi; echo err >&2"), _sh("three", "exit 3")])
    hello = await harness.run(box, pod, "hello")
    three = await harness.run(box, pod, "three")
    st = await harness.wait_exit(hello)
    assert st.state == "exited" and st.exit_code == 0, st
    lines = log_lines(harness.log_path(box, "hello"))
    assert ("stdout", "hi") in lines and ("stderr", "err") in lines
    st3 = await harness.wait_exit(three)
    assert (st3.state, st3.exit_code, st3.oom_killed) == ("exited", 3, False)
    assert st3.finished_at and st3.finished_at.endswith("Z")


async def test_run_as_user_and_group(harness: Harness) -> None:
    box = await harness.sandbox("ids")
    sc = {"runAsUser": 1000, "runAsGroup": 3000}
    pod = make_pod(
        box.uid,
        "ids",
        [_sh("ids", "id -u; id -g; id -G", securityContext=sc)],
        securityContext={"supplementalGroups": [4000], "fsGroup": 2000},
    )
    uid, gid, groups = await _output(harness, box, pod, "ids")
    assert (uid, gid, sorted(groups.split())) == ("1000", "3000", ["2000", "3000", "4000"])


async def test_image_user_by_name(harness: Harness) -> None:
    box = await harness.sandbox("named")
    # a pod-level runAsUser: the name and primary group come from /etc/passwd
    pod = make_pod(
        box.uid, "named", [_sh("app", "id -un; id -u; id -g")], securityContext={"runAsUser": 101}
    )
    assert await _output(harness, box, pod, "app") == ["app", "101", "101"]


async def test_read_only_root_with_a_writable_volume(harness: Harness) -> None:
    box = await harness.sandbox("ro")
    data = Path(tempfile.mkdtemp(prefix="podd-rt-vol-", dir=box.runtime_dir))
    script = "echo x > /x || echo root-ro; echo ok > /data/f; cat /data/f"
    pod = make_pod(
        box.uid,
        "ro",
        [
            _sh(
                "ro",
                script,
                securityContext={"readOnlyRootFilesystem": True},
                volumeMounts=[{"name": "data", "mountPath": "/data"}],
            )
        ],
    )
    handle = await harness.run(box, pod, "ro", volumes={"data": VolumeSource(str(data))})
    st = await harness.wait_exit(handle)
    assert st.exit_code == 0
    lines = log_lines(Path(handle.log_path))
    assert ("stderr", "sh: can't create /x: Read-only file system") in lines
    assert [t for s, t in lines if s == "stdout"] == ["root-ro", "ok"]
    assert (data / "f").read_text() == "ok\n"


async def test_capabilities_and_no_new_privileges(harness: Harness) -> None:
    box = await harness.sandbox("caps")
    status = "grep -E '^(CapEff|NoNewPrivs|Seccomp):' /proc/self/status"
    pod = make_pod(
        box.uid,
        "caps",
        [
            _sh("dropped", status, securityContext={"capabilities": {"drop": ["ALL"]}}),
            _sh("nnp", status, securityContext={"allowPrivilegeEscalation": False}),
            _sh("default", status),
            _sh("unconfined", status, securityContext={"seccompProfile": {"type": "Unconfined"}}),
        ],
    )
    dropped = dict(line.split(":\t") for line in await _output(harness, box, pod, "dropped"))
    assert dropped["CapEff"] == "0000000000000000"
    nnp = dict(line.split(":\t") for line in await _output(harness, box, pod, "nnp"))
    assert nnp["NoNewPrivs"] == "1"
    default = dict(line.split(":\t") for line in await _output(harness, box, pod, "default"))
    assert default["NoNewPrivs"] == "0"  # Kubernetes: unset allowPrivilegeEscalation
    assert int(default["CapEff"], 16) == 0xA80425FB  # the 14 default capabilities
    if harness.rt.seccomp_profile is not None:
        assert default["Seccomp"] == "2"
    unconfined = dict(line.split(":\t") for line in await _output(harness, box, pod, "unconfined"))
    assert unconfined["Seccomp"] == "0"


async def test_env_from_sources_and_hostname(harness: Harness) -> None:
    from podd.runtime import PodEnvSources

    box = await harness.sandbox("envs")
    env = [
        {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
        {"name": "IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
        {"name": "COLOR", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "color"}}},
        {"name": "PASS", "valueFrom": {"secretKeyRef": {"name": "sec", "key": "pw"}}},
        {"name": "GREETING", "value": "hello $(POD) $$(POD)"},
    ]
    env_from = [{"configMapRef": {"name": "cfg"}, "prefix": "CFG_"}]
    pod = make_pod(
        box.uid,
        "envs",
        [_sh("e", "env | sort", env=env, envFrom=env_from)],
    )
    sources = PodEnvSources(
        pod,
        pod_ip=box.pod_ip,
        config_maps={"cfg": {"color": "blue", "bad key": "x"}},
        secrets={"sec": {"pw": "s3cret"}},
    )
    handle = await harness.run(box, pod, "e", sources=sources)
    await harness.wait_exit(handle)
    out = [t for _, t in log_lines(Path(handle.log_path))]
    for expected in (
        "POD=envs",
        f"IP={box.pod_ip}",
        "COLOR=blue",
        "PASS=s3cret",
        "GREETING=hello envs $(POD)",
        "CFG_color=blue",
        "HOSTNAME=envs",
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    ):
        assert expected in out, (expected, out)
    assert handle.warnings and "CFG_bad key" in handle.warnings[0]


async def test_config_errors(harness: Harness) -> None:
    box = await harness.sandbox("errs")
    env = [{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "nope"}}}]
    pod = make_pod(
        box.uid,
        "errs",
        [
            _sh("missing", "true", env=env),
            _sh("root", "true", securityContext={"runAsNonRoot": True}),
            {"name": "noexec", "image": "busybox", "command": ["does-not-exist"]},
        ],
    )
    sources = harness_sources(pod, {"cfg": {"color": "blue"}})
    with pytest.raises(CreateContainerConfigError, match="couldn't find key nope in ConfigMap"):
        await harness.create(box, pod, "missing", sources=sources)
    with pytest.raises(CreateContainerConfigError, match="image will run as root"):
        await harness.create(box, pod, "root")
    with pytest.raises(ExecutableNotFoundError) as info:
        await harness.create(box, pod, "noexec")
    assert info.value.reason == "StartError" and "does-not-exist" in str(info.value)
    bundles = Path(box.runtime_dir) / "containers"
    assert not bundles.exists() or not os.listdir(bundles)  # failed creates left nothing


def harness_sources(pod: object, cms: dict[str, dict[str, str]]) -> object:
    from podd.runtime import PodEnvSources

    return PodEnvSources(pod, config_maps=cms)  # type: ignore[arg-type]


async def test_volumes_sub_path_and_read_only(harness: Harness) -> None:
    box = await harness.sandbox("vols")
    vol = Path(tempfile.mkdtemp(prefix="podd-rt-vol-", dir=box.runtime_dir))
    (vol / "conf").mkdir()
    (vol / "conf" / "app.ini").write_text("key=value\n")
    os.symlink("/etc", vol / "escape")
    script = (
        "cat /cfg/app.ini; cat /one.ini; echo w > /sub/new && echo sub-ok;"
        " echo x > /ro/x || echo ro-refused"
    )
    mounts = [
        {"name": "v", "mountPath": "/cfg", "subPath": "conf"},
        {"name": "v", "mountPath": "/one.ini", "subPath": "conf/app.ini"},
        {"name": "v", "mountPath": "/sub", "subPathExpr": "made/$(POD)"},
        {"name": "v", "mountPath": "/ro", "readOnly": True},
    ]
    env = [{"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]
    pod = make_pod(
        box.uid,
        "vols",
        [
            _sh("c", script, volumeMounts=mounts, env=env),
            _sh(
                "bad", "true", volumeMounts=[{"name": "v", "mountPath": "/x", "subPath": "escape"}]
            ),
            _sh("nov", "true", volumeMounts=[{"name": "missing", "mountPath": "/x"}]),
        ],
    )
    volumes = {"v": VolumeSource(str(vol))}
    handle = await harness.run(box, pod, "c", volumes=volumes)
    assert (await harness.wait_exit(handle)).exit_code == 0
    out = [t for s, t in log_lines(Path(handle.log_path)) if s == "stdout"]
    assert out == ["key=value", "key=value", "sub-ok", "ro-refused"]
    assert (vol / "made" / "vols" / "new").read_text() == "w\n"
    with pytest.raises(CreateContainerConfigError, match="not within volume path"):
        await harness.create(box, pod, "bad", volumes=volumes)
    with pytest.raises(CreateContainerConfigError, match='cannot find volume "missing"'):
        await harness.create(box, pod, "nov", volumes=volumes)


async def test_container_limits_are_applied_or_reported(harness: Harness) -> None:
    box = await harness.sandbox("limits")
    resources = {"limits": {"memory": "64Mi", "cpu": "500m"}}
    pod = make_pod(box.uid, "limits", [_sh("c", "sleep 1000", resources=resources)])
    handle = await harness.run(box, pod, "c")
    assert handle.cgroup is not None
    leaf = Path(handle.cgroup)
    # unified cgroup v2: the container has its own cgroup apart from conmon (cgroupleaf)
    own = leaf / "ctr" if (leaf / "ctr").is_dir() else leaf
    offered = (own / "cgroup.controllers").read_text().split()
    for ctrl, file, value in (("memory", "memory.max", "67108864"), ("cpu", "cpu.max", "50000")):
        if ctrl in offered:
            assert (own / file).read_text().split()[0] == value
        else:
            assert any(
                w.startswith(f"{ctrl} limit") and "not enforced" in w for w in handle.warnings
            )
    # conmon and the container live in the container's own leaf
    assert handle.init is not None and handle.conmon is not None
    procs = [str(p) for p in cgroup_pids(leaf)]
    assert str(handle.init.pid) in procs and str(handle.conmon.pid) in procs
    if own != leaf:  # split: an OOM kills the container whole, never conmon
        assert str(handle.init.pid) in (own / "cgroup.procs").read_text().split()
        assert str(handle.conmon.pid) in (leaf / "conmon" / "cgroup.procs").read_text().split()
        if "memory" in offered:
            assert (own / "memory.oom.group").read_text().strip() == "1"
    elif "memory" in offered:  # shared with conmon: a group kill would take conmon too
        assert (own / "memory.oom.group").read_text().strip() == "0"


async def test_tty(harness: Harness) -> None:
    box = await harness.sandbox("tty")
    pod = make_pod(box.uid, "tty", [_sh("t", "tty; echo $TERM; exit 4", tty=True)])
    handle = await harness.run(box, pod, "t")
    assert (await harness.wait_exit(handle)).exit_code == 4
    assert log_lines(Path(handle.log_path)) == [("stdout", "/dev/pts/0"), ("stdout", "xterm")]
