"""Kubernetes semantics of a container over its image (pure)."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from podd.images.manifest import ContainerConfig
from podd.runtime.errors import CreateContainerConfigError, CreateContainerError
from podd.runtime.kubesemantics import (
    DEFAULT_PATH,
    ContainerSettings,
    build_argv,
    parse_signal,
    resolve_settings,
)
from podd.runtime.mounts import MountRequest
from podd.runtime.users import UserIds

from .helpers import IMAGE, USERS, container, pod, sources


def settings(c: dict[str, Any], image: ContainerConfig = IMAGE, **spec: Any) -> ContainerSettings:
    p = pod([{"name": "c", "image": "img", **c}], **spec)
    return resolve_settings(p, container(p), image, USERS, sources(p), hostname="web")


def env_of(s: ContainerSettings) -> dict[str, str]:
    return dict(item.split("=", 1) for item in s.env)


# -- command and args: the table of the Kubernetes docs ("Notes") -------------------

EP, CMD = ["/ep-1"], ["foo", "bar"]
ARGV_TABLE = [
    ("image defaults", None, None, ["/ep-1", "foo", "bar"]),
    ("command replaces entrypoint and drops cmd", ["/ep-2"], None, ["/ep-2"]),
    ("args replace cmd", None, ["zoo", "boo"], ["/ep-1", "zoo", "boo"]),
    ("command and args", ["/ep-2"], ["zoo", "boo"], ["/ep-2", "zoo", "boo"]),
]


@pytest.mark.parametrize(
    ("name", "command", "args", "expected"), ARGV_TABLE, ids=[r[0] for r in ARGV_TABLE]
)
def test_command_and_args(
    name: str, command: list[str] | None, args: list[str] | None, expected: list[str]
) -> None:
    assert build_argv(command, args, EP, CMD, {}) == expected
    image = ContainerConfig(entrypoint=EP, cmd=CMD)
    c: dict[str, Any] = {}
    if command is not None:
        c["command"] = command
    if args is not None:
        c["args"] = args
    assert settings(c, image).args == expected


def test_command_without_an_image_entrypoint() -> None:
    assert build_argv(None, None, None, ["sh"], {}) == ["sh"]
    assert build_argv(None, ["-c", "x"], None, ["sh"], {}) == ["-c", "x"]


def test_no_command_at_all() -> None:
    with pytest.raises(CreateContainerError, match="no command specified"):
        settings({}, ContainerConfig())


def test_args_are_expanded_with_the_container_env_only() -> None:
    # docs: "Use environment variables to define arguments"
    s = settings(
        {
            "command": ["/bin/echo"],
            "args": ["$(MESSAGE)", "$(PATH)", "$$(MESSAGE)"],
            "env": [{"name": "MESSAGE", "value": "hello world"}],
        }
    )
    # PATH comes from the image: not visible to $(VAR) references
    assert s.args == ["/bin/echo", "hello world", "$(PATH)", "$(MESSAGE)"]


def test_dependent_environment_variables() -> None:
    # docs: "Define Dependent Environment Variables"
    s = settings(
        {
            "command": ["sh"],
            "env": [
                {"name": "SERVICE_PORT", "value": "80"},
                {"name": "SERVICE_IP", "value": "172.17.0.1"},
                {
                    "name": "UNCHANGED_REFERENCE",
                    "value": "$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)",
                },
                {"name": "PROTOCOL", "value": "https"},
                {"name": "SERVICE_ADDRESS", "value": "$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"},
                {
                    "name": "ESCAPED_REFERENCE",
                    "value": "$$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)",
                },
            ],
        }
    )
    env = env_of(s)
    assert env["UNCHANGED_REFERENCE"] == "$(PROTOCOL)://172.17.0.1:80"
    assert env["SERVICE_ADDRESS"] == "https://172.17.0.1:80"
    assert env["ESCAPED_REFERENCE"] == "$(PROTOCOL)://172.17.0.1:80"


def test_env_order_and_defaults() -> None:
    s = settings(
        {
            "command": ["sh"],
            "env": [{"name": "LANG", "value": "C.UTF-8"}, {"name": "A", "value": "1"}],
        }
    )
    # image variables first, replaced in place; new ones after; HOSTNAME added
    assert s.env == [f"PATH={DEFAULT_PATH}", "LANG=C.UTF-8", "A=1", "HOSTNAME=web"]
    s = settings({"command": ["sh"], "tty": True}, ContainerConfig(cmd=["sh"]))
    assert s.env == [f"PATH={DEFAULT_PATH}", "HOSTNAME=web", "TERM=xterm"]


def test_working_dir() -> None:
    assert settings({"command": ["sh"]}).cwd == "/"
    assert (
        settings({"command": ["sh"]}, ContainerConfig(cmd=["sh"], working_dir="/srv")).cwd == "/srv"
    )
    assert settings({"command": ["sh"], "workingDir": "/app"}, IMAGE).cwd == "/app"
    assert settings({"command": ["sh"]}, ContainerConfig(cmd=["sh"])).cwd == "/"


# -- users --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("image_user", "sc", "pod_sc", "expected"),
    [
        (None, {}, {}, UserIds(0, 0, [])),
        ("app", {}, {}, UserIds(101, 101, [33, 29])),
        ("101", {}, {}, UserIds(101, 101, [33, 29])),
        ("www:audio", {}, {}, UserIds(33, 29, [])),
        ("1234:5678", {}, {}, UserIds(1234, 5678, [])),
        ("app", {"runAsUser": 33}, {}, UserIds(33, 33, [29])),
        ("app", {}, {"runAsUser": 1000}, UserIds(1000, 0, [])),
        ("app", {"runAsUser": 1000, "runAsGroup": 3000}, {"runAsUser": 5}, UserIds(1000, 3000, [])),
        ("app", {"runAsGroup": 3000}, {}, UserIds(101, 3000, [33, 29])),
        (None, {"runAsUser": 1000}, {"supplementalGroups": [4000, 5000], "fsGroup": 2000},
         UserIds(1000, 0, [4000, 5000, 2000])),
    ],
)  # fmt: skip
def test_user(image_user: str | None, sc: dict, pod_sc: dict, expected: UserIds) -> None:
    image = ContainerConfig(cmd=["sh"], user=image_user)
    s = settings({"securityContext": sc}, image, securityContext=pod_sc)
    assert s.user == expected


def test_unknown_image_user() -> None:
    with pytest.raises(CreateContainerError, match="unable to find user ghost"):
        settings({}, ContainerConfig(cmd=["sh"], user="ghost"))
    with pytest.raises(CreateContainerError, match="unable to find group ghosts"):
        settings({}, ContainerConfig(cmd=["sh"], user="app:ghosts"))


@pytest.mark.parametrize(
    ("image_user", "sc", "error"),
    [
        (None, {"runAsNonRoot": True}, "container has runAsNonRoot and image will run as root"),
        ("0", {"runAsNonRoot": True}, "container has runAsNonRoot and image will run as root"),
        ("app", {"runAsNonRoot": True},
         "container has runAsNonRoot and image has non-numeric user (app), cannot verify user is non-root"),  # noqa: E501
        ("101", {"runAsNonRoot": True, "runAsUser": 0}, "container's runAsUser breaks non-root policy"),  # noqa: E501
        ("101", {"runAsNonRoot": True}, None),
        ("app", {"runAsNonRoot": True, "runAsUser": 101}, None),
        (None, {"runAsNonRoot": False}, None),
    ],
)  # fmt: skip
def test_run_as_non_root(image_user: str | None, sc: dict, error: str | None) -> None:
    image = ContainerConfig(cmd=["sh"], user=image_user)
    if error is None:
        settings({"securityContext": sc}, image)
        return
    with pytest.raises(CreateContainerConfigError) as info:
        settings({"securityContext": sc}, image)
    assert str(info.value).startswith(error)
    assert str(info.value).endswith('(pod: "web_default(u-1)", container: c)')
    assert info.value.reason == "CreateContainerConfigError"


def test_pod_level_run_as_non_root() -> None:
    with pytest.raises(CreateContainerConfigError, match="image will run as root"):
        settings({}, securityContext={"runAsNonRoot": True})
    # the container may opt out
    settings({"securityContext": {"runAsNonRoot": False}}, securityContext={"runAsNonRoot": True})


# -- security -----------------------------------------------------------------------


def test_security_defaults() -> None:
    s = settings({"command": ["sh"]})
    assert s.no_new_privileges is False  # Kubernetes: allowPrivilegeEscalation unset
    assert s.readonly_rootfs is False and s.terminal is False and s.unmasked is False
    assert s.seccomp.type == "RuntimeDefault"
    assert len(s.capabilities) == 14 and "CAP_NET_RAW" in s.capabilities
    assert s.stop_signal == "SIGTERM"


def test_security_context_variants() -> None:
    sc = {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]},
        "seccompProfile": {"type": "Unconfined"},
        "procMount": "Unmasked",
    }
    s = settings({"command": ["sh"], "securityContext": sc})
    assert s.no_new_privileges and s.readonly_rootfs and s.unmasked
    assert s.capabilities == ["CAP_NET_BIND_SERVICE"]
    assert s.seccomp.type == "Unconfined"
    assert (
        settings({"securityContext": {"allowPrivilegeEscalation": True}}).no_new_privileges is False
    )


def test_pod_seccomp_profile_and_container_override() -> None:
    pod_sc = {"seccompProfile": {"type": "Localhost", "localhostProfile": "p.json"}}
    s = settings({}, securityContext=pod_sc)
    assert (s.seccomp.type, s.seccomp.localhost_profile) == ("Localhost", "p.json")
    s = settings(
        {"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}, securityContext=pod_sc
    )
    assert s.seccomp.type == "RuntimeDefault"
    with pytest.raises(CreateContainerConfigError, match="unknown seccompProfile type"):
        settings({"securityContext": {"seccompProfile": {"type": "Bogus"}}})


def test_privileged_is_refused() -> None:
    with pytest.raises(CreateContainerError, match="privileged containers are not supported"):
        settings({"securityContext": {"privileged": True}})


def test_unknown_capability() -> None:
    with pytest.raises(CreateContainerError, match="unknown capability 'BOGUS'"):
        settings({"securityContext": {"capabilities": {"add": ["BOGUS"]}}})


@pytest.mark.parametrize(
    ("given", "expected"),
    [(None, "SIGTERM"), ("", "SIGTERM"), ("SIGQUIT", "SIGQUIT"), ("quit", "SIGQUIT"), ("9", "SIGKILL"),  # noqa: E501
     ("SIGRTMIN+3", None), ("nope", None)],
)  # fmt: skip
def test_parse_signal(given: str | None, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(CreateContainerError):
            parse_signal(given)
    else:
        assert parse_signal(given) == expected


def test_stop_signal_from_lifecycle_over_image() -> None:
    image = ContainerConfig(cmd=["sh"], stop_signal="SIGQUIT")
    assert settings({}, image).stop_signal == "SIGQUIT"
    assert settings({"lifecycle": {"stopSignal": "SIGUSR1"}}, image).stop_signal == "SIGUSR1"


def test_mount_requests_and_sub_path_expr() -> None:
    s = settings(
        {
            "env": [{"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}],
            "volumeMounts": [
                {"name": "a", "mountPath": "/a", "readOnly": True},
                {"name": "a", "mountPath": "/b", "subPath": "x/y"},
                {"name": "a", "mountPath": "/c", "subPathExpr": "logs/$(POD)/$(NOPE)"},
            ],
        }
    )
    assert s.mounts == [
        MountRequest("a", "/a", "", True),
        MountRequest("a", "/b", "x/y", False),
        MountRequest("a", "/c", "logs/web/$(NOPE)", False),
    ]


def test_pod_sysctls() -> None:
    s = settings(
        {},
        securityContext={
            "sysctls": [{"name": "net.ipv4.ip_unprivileged_port_start", "value": "0"}]
        },
    )
    assert s.sysctls == {"net.ipv4.ip_unprivileged_port_start": "0"}


def test_settings_are_plain_data() -> None:
    s = settings({"command": ["sh"]})
    assert msgspec.json.decode(msgspec.json.encode(s), type=ContainerSettings) == s
