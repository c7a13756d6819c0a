"""The OCI runtime adapter: choice, argv builders, error texts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from podd.runtime import errors as e
from podd.runtime.oci import (
    RuntimeCandidate,
    choose_runtime,
    classify,
    delete_argv,
    exec_argv,
    key_quota_hint,
    kill_argv,
    probe_candidate,
    start_argv,
    state_argv,
)

RUNC = RuntimeCandidate("runc", "/usr/sbin/runc", "runc version 1.1.5", True)
CRUN = RuntimeCandidate("crun", "/usr/bin/crun", "crun version 1.8.1", True)


def test_probe_candidate() -> None:
    assert probe_candidate("crun", "/usr/bin/crun", "crun version 1.8.1", "hybrid") == RuntimeCandidate(  # noqa: E501
        "crun", "/usr/bin/crun", "crun version 1.8.1", False,
        "crun refuses hybrid cgroups (cgroups in hybrid mode not supported)",
    )  # fmt: skip
    assert probe_candidate("crun", "/usr/bin/crun", "v", "unified").usable
    assert probe_candidate("runc", "/usr/sbin/runc", "v", "hybrid").usable
    broken = probe_candidate("runc", "/x/runc", None, "unified")
    assert not broken.usable and "--version failed" in (broken.why or "")


def test_choose_prefers_crun_then_runc() -> None:
    both = choose_runtime("", [RUNC, CRUN])
    assert both.name == "crun" and both.id_prefix == "crun"
    assert both.reason.startswith("crun detected; preferred over runc: it starts containers")
    refused = probe_candidate("crun", "/usr/bin/crun", "crun 1.8.1", "hybrid")
    info = choose_runtime("", [RUNC, refused])
    assert info.name == "runc" and info.path == "/usr/sbin/runc"
    assert (
        info.reason
        == "runc detected; not crun: crun refuses hybrid cgroups (cgroups in hybrid mode not supported)"  # noqa: E501
    )
    assert info.id_prefix == "runc"
    assert choose_runtime("", [RUNC]).reason == "runc detected"


def test_choose_configured() -> None:
    assert choose_runtime("runc", [RUNC, CRUN]).name == "runc"
    assert choose_runtime("/usr/bin/crun", [RUNC, CRUN]).name == "crun"
    assert "configured" in choose_runtime("crun", [CRUN]).reason
    with pytest.raises(e.RuntimeNotFoundError, match="not installed"):
        choose_runtime("crun", [RUNC])
    with pytest.raises(e.RuntimeNotFoundError, match="no usable OCI runtime"):
        choose_runtime("", [])


def test_argv_builders() -> None:
    r, root, cid = "/usr/sbin/runc", "/run/p/runc", "abc"
    assert start_argv(r, root, cid) == [r, "--root", root, "start", cid]
    assert state_argv(r, root, cid) == [r, "--root", root, "state", cid]
    assert kill_argv(r, root, cid, "SIGTERM") == [r, "--root", root, "kill", cid, "TERM"]
    assert kill_argv(r, root, cid, "KILL", all_processes=True) == [
        r, "--root", root, "kill", "--all", cid, "KILL",
    ]  # fmt: skip
    assert delete_argv(r, root, cid) == [r, "--root", root, "delete", "--force", cid]
    assert delete_argv(r, root, cid, force=False) == [r, "--root", root, "delete", cid]
    assert exec_argv(r, root, cid, "/b/p.json", pid_file="/b/p.pid") == [
        r, "--root", root, "exec", "--process", "/b/p.json", "--pid-file", "/b/p.pid", cid,
    ]  # fmt: skip


KNOWN = [
    ('container "abc" does not exist', e.ContainerNotFoundError),
    ("container does not exist", e.ContainerNotFoundError),
    (
        'time="2026-11-22T10:00:00Z" level=error msg="container does not exist"',
        e.ContainerNotFoundError,
    ),
    ("container with id exists: abc", e.ContainerExistsError),
    ("container `abc` already exists", e.ContainerExistsError),
    ("container not running", e.ContainerNotRunningError),
    ("exec failed: cannot exec in a stopped container", e.ContainerNotRunningError),
    (
        'runc create failed: unable to start container process: exec: "does-not-exist": '
        "executable file not found in $PATH",
        e.ExecutableNotFoundError,
    ),
    (
        'runc create failed: unable to start container process: exec: "/nope": stat /nope: '
        "no such file or directory",
        e.ExecutableNotFoundError,
    ),
    (
        "executable file `nope` not found in $PATH: No such file or directory",
        e.ExecutableNotFoundError,
    ),
    (
        'runc create failed: unable to start container process: exec: "/etc/passwd": permission denied',  # noqa: E501
        e.PermissionDeniedError,
    ),
    (
        "runc create failed: unable to start container process: error during container init: "
        'chdir to cwd ("/nope") set in config.json failed: no such file or directory',
        e.StartError,
    ),
    (
        'runc create failed: unable to start container process: exec: "/bin/bad": exec format error',  # noqa: E501
        e.StartError,
    ),
    (
        "runc create failed: unable to start container process: unable to apply cgroup "
        "configuration: mkdir /sys/fs/cgroup/cpuset/x: permission denied",
        e.CgroupsError,
    ),
    ("cgroups in hybrid mode not supported", e.CgroupsError),
]


@pytest.mark.parametrize(
    ("stderr", "cls"), KNOWN, ids=[k[1].__name__ + str(i) for i, k in enumerate(KNOWN)]
)
def test_classify_known_texts(stderr: str, cls: type[e.OCIRuntimeError]) -> None:
    err = classify(stderr, "runtime create")
    assert type(err) is cls
    assert err.stderr == stderr and str(err).startswith("runtime create: ")


def test_start_errors_carry_the_kubernetes_reason() -> None:
    err = classify('exec: "x": executable file not found in $PATH')
    assert isinstance(err, e.StartError) and err.reason == "StartError" and err.exit_code == 128
    assert classify("container does not exist").reason == "RunContainerError"


def test_address_in_use_is_not_a_runtime_error() -> None:
    # the application fails (its log says so); the runtime did its job
    err = classify("listen tcp :80: bind: address already in use")
    assert type(err) is e.OCIRuntimeError


def test_summary_of_logfmt() -> None:
    err = classify('time="x" level=warning msg="a"\ntime="y" level=error msg="say \\"no\\""\n')
    assert str(err) == 'runtime: say "no"'
    assert str(classify("")) == "runtime: failed without a message"


def test_key_quota_is_named_with_its_fix(tmp_path: Path) -> None:
    text = (
        'time="2026-12-04T10:00:00Z" level=error msg="runc create failed: unable to start '
        "container process: unable to join session keyring: unable to create session key: "
        'disk quota exceeded"'
    )
    err = classify(text, "runtime create")
    assert isinstance(err, e.KeyQuotaError) and isinstance(err, e.StartError)
    assert "disk quota exceeded" in str(err)
    assert "kernel.keys.maxkeys" in str(err) and "one session keyring per container" in str(err)
    users = tmp_path / "key-users"
    users.write_text(
        f"    0:     9 8/8 3/1000000 48/25000000\n {os.getuid()}:   200 200/200 200/200 3/20000\n"
    )
    assert "(200/200 keys in use)" in key_quota_hint(str(users))


def test_runtime_class_picks_a_usable_runtime_side_by_side(tmp_path: Path) -> None:
    from podd.runtime.env import RuntimeEnv
    from podd.runtime.errors import CreateContainerConfigError

    refused = probe_candidate("crun", "/usr/bin/crun", "crun 1.8.1", "hybrid")
    both = RuntimeEnv(choose_runtime("", [CRUN, RUNC]), tmp_path, tmp_path, tmp_path, tmp_path)
    assert both.runtime_for(None) is both.runtime and both.runtime.name == "crun"
    runc = both.runtime_for("runc")
    assert (runc.name, runc.path, runc.id_prefix) == ("runc", "/usr/sbin/runc", "runc")
    assert runc.reason == "runtimeClassName 'runc'"
    hybrid = RuntimeEnv(choose_runtime("", [refused, RUNC]), tmp_path, tmp_path, tmp_path, tmp_path)
    with pytest.raises(CreateContainerConfigError, match=r'"crun" not supported.*usable: runc'):
        hybrid.runtime_for("crun")
    with pytest.raises(CreateContainerConfigError, match='"kata" not supported'):
        hybrid.runtime_for("kata")
