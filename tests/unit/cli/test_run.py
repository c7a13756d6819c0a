"""``podd run``'s pure parts: flags as kubectl parses them (words after
NAME and after ``--``), the pod it makes, when it waits, and how a pod's
end becomes the exit code."""

from __future__ import annotations

import argparse

import pytest

from podd.cli.main import build_parser
from podd.cli.podwait import completed, container_started, exit_code, succeeded
from podd.cli.request import CommandError
from podd.cli.run import build_pod, restart_policy, split_words, waits


def parse(*argv: str) -> argparse.Namespace:
    args = build_parser().parse_args(["run", *argv])
    split_words(args)
    return args


def test_words_after_dash_dash_are_the_containers() -> None:
    args = parse("--rm", "t", "--image=busybox", "--", "sh", "-c", "exit 3", "-n", "x")
    assert (args.name, args.image, args.rm) == ("t", "busybox", True)
    assert args.words == ["sh", "-c", "exit 3", "-n", "x"]
    assert args.namespace == "default"


def test_options_after_the_name_still_count() -> None:
    args = parse("t", "--image", "busybox", "-n", "ci", "--env", "A=1", "--env=B=2", "sleep", "9")
    assert (args.image, args.namespace, args.env) == ("busybox", "ci", ["A=1", "B=2"])
    assert args.words == ["sleep", "9"]
    assert parse("t", "--image=i", "--pod-running-timeout=1m30s").pod_running_timeout == 90.0


def test_restart_policy_defaults() -> None:
    assert restart_policy(None, rm=False, interactive=False) == "Always"
    assert restart_policy(None, rm=False, interactive=True) == "OnFailure"  # kubectl's
    assert restart_policy(None, rm=True, interactive=True) == "Never"  # removed: cannot restart
    assert restart_policy("OnFailure", rm=True, interactive=False) == "OnFailure"
    with pytest.raises(CommandError, match="invalid restart policy: Sometimes"):
        restart_policy("Sometimes", rm=False, interactive=False)


def test_when_run_waits() -> None:
    assert not waits("Always", rm=False, interactive=False, attach=False)
    assert waits("Never", rm=False, interactive=False, attach=False)
    assert waits("OnFailure", rm=False, interactive=False, attach=False)
    assert waits("Always", rm=True, interactive=False, attach=False)
    assert waits("Always", rm=False, interactive=True, attach=False)
    assert waits("Always", rm=False, interactive=False, attach=True)


def test_the_pod_kubectl_run_makes() -> None:
    args = parse("web", "--image=nginx", "--port=80", "--env=A=1", "-i", "-t", "--", "sh")
    assert build_pod(args, "OnFailure") == {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web", "labels": {"run": "web"}},
        "spec": {
            "containers": [
                {
                    "name": "web",
                    "image": "nginx",
                    "resources": {},
                    "args": ["sh"],
                    "env": [{"name": "A", "value": "1"}],
                    "ports": [{"containerPort": 80}],
                    "stdin": True,
                    "stdinOnce": True,
                    "tty": True,
                }
            ],
            "restartPolicy": "OnFailure",
            "dnsPolicy": "ClusterFirst",
        },
    }
    cmd = build_pod(parse("j", "--image=i", "-l", "a=b,c=d", "--command", "--", "true"), "Never")
    assert cmd["metadata"]["labels"] == {"a": "b", "c": "d"}
    assert cmd["spec"]["containers"][0]["command"] == ["true"]
    with pytest.raises(CommandError, match="invalid env 'NOVALUE'"):
        build_pod(parse("j", "--image=i", "--env", "NOVALUE"), "Never")


def test_devices_become_the_cdi_annotation() -> None:
    args = parse("g", "--image=i", "--device", "nvidia.com/gpu=all", "--device", "x.io/y=z")
    pod = build_pod(args, "Never")
    assert pod["metadata"]["annotations"] == {"cdi.k8s.io/podd-run": "nvidia.com/gpu=all,x.io/y=z"}
    assert "annotations" not in build_pod(parse("g", "--image=i"), "Never")["metadata"]


def _pod(phase: str, **state: object) -> dict[str, object]:
    return {
        "metadata": {"name": "t", "namespace": "default"},
        "status": {"phase": phase, "containerStatuses": [{"name": "t", "state": state}]},
    }


def test_the_conditions_run_waits_for() -> None:
    assert not container_started(_pod("Pending", waiting={"reason": "ContainerCreating"}))
    assert container_started(_pod("Running", running={}))
    assert container_started(_pod("Failed", terminated={"exitCode": 3}))
    assert completed(_pod("Failed")) and completed(_pod("Succeeded"))
    assert not completed(_pod("Running")) and not succeeded(_pod("Failed"))


def test_exit_codes_as_kubectl_run_returns_them() -> None:
    assert exit_code(_pod("Succeeded", terminated={"exitCode": 0})) == (0, "")
    failed = _pod("Failed", terminated={"exitCode": 3, "reason": "Error"})
    assert exit_code(failed) == (3, "pod default/t terminated (Error)\n")
    assert exit_code(_pod("Failed", terminated={"exitCode": 0}))[0] == 1
    assert exit_code(_pod("Failed", waiting={}))[1] == "pod default/t failed with unknown exit code"
    assert exit_code(_pod("Running")) == (1, "pod default/t left in phase Running")
