"""Ephemeral containers on a real podd with the official Python client
(``patch_namespaced_pod_ephemeral_containers``): started once, in the target
container's PID namespace, with events, statuses, exec and attach, never
restarted, adopted after a SIGKILL of podd, stopped with the pod."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kubernetes import client, config
from kubernetes.client.exceptions import ApiException
from kubernetes.stream import stream

from tests.e2e.conftest import write_kubeconfig
from tests.integration.containers.helpers import pod, wait_running
from tests.integration.pods.helpers import PODS, wait_for
from tests.podd_process import PoddProcess
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

NS = "default"
SMP = "application/strategic-merge-patch+json"


class Env:
    def __init__(self, proc: PoddProcess, api: client.CoreV1Api, registry: Registry) -> None:
        self.proc = proc
        self.api = api
        self.image = f"{registry.host}/library/busybox:1.36"
        self.other_image = f"{registry.host}/podd/busybox-docker:v1"  # pulled on first use

    def connect(self) -> None:
        kc = write_kubeconfig(self.proc, self.proc.base / "kubeconfig")
        self.api = client.CoreV1Api(config.new_client_from_config(config_file=str(kc.path)))


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Env]:
    base = tmp_path_factory.mktemp("podd-ephemeral")
    proc = PoddProcess(base, "--listen", "127.0.0.1:0", "--insecure-registry", registry.host)
    proc.start()
    try:
        e = Env(proc, client.CoreV1Api(), registry)
        e.connect()
        with proc.client(timeout=60) as c:
            spec = pod(
                "web",
                e.image,
                {"name": "app", "command": ["sleep", "3600"]},
                {"name": "side", "command": ["sleep", "7200"]},
            )
            assert c.post(PODS, json=spec).status_code == 201
            wait_running(c, "web", "app")
            wait_running(c, "web", "side")
        yield e
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


def add(env: Env, pod_name: str, **container: Any) -> Any:
    body = {"spec": {"ephemeralContainers": [container]}}
    return env.api.patch_namespaced_pod_ephemeralcontainers(pod_name, NS, body, _content_type=SMP)


def ephemeral_status(env: Env, pod_name: str, name: str) -> dict[str, Any] | None:
    p = env.api.read_namespaced_pod(pod_name, NS).to_dict()
    for s in p["status"].get("ephemeral_container_statuses") or []:
        if s["name"] == name:
            return dict(s)
    return None


def wait_state(env: Env, pod_name: str, name: str, state: str, timeout: float = 60) -> Any:
    def check() -> dict[str, Any] | None:
        s = ephemeral_status(env, pod_name, name)
        return s if s and s["state"].get(state) else None

    return wait_for(f"{pod_name}/{name} {state}", check, timeout)


def events_of(env: Env, pod_name: str, name: str) -> list[tuple[str, str]]:
    field = f"spec.ephemeralContainers{{{name}}}"
    evs = env.api.list_namespaced_event(NS, field_selector=f"involvedObject.name={pod_name}")
    return [
        (e.reason or "", e.message or "")
        for e in evs.items
        if e.involved_object.field_path == field
    ]


def test_targeted_debug_container_sees_the_target_processes(env: Env) -> None:
    made = add(
        env, "web", name="dbg", image=env.other_image, command=["ps"], targetContainerName="app"
    )
    assert [c.name for c in made.spec.ephemeral_containers] == ["dbg"]
    s = wait_state(env, "web", "dbg", "terminated")
    assert s["state"]["terminated"]["exit_code"] == 0
    assert s["state"]["terminated"]["reason"] == "Completed"
    assert s["ready"] is False and s["restart_count"] == 0
    out = env.api.read_namespaced_pod_log("web", NS, container="dbg")
    assert "sleep 3600" in out  # the target's process, in its PID namespace
    assert "sleep 7200" not in out  # not the other container's
    reasons = [r for r, _ in events_of(env, "web", "dbg")]
    for reason in ("Pulling", "Pulled", "Created", "Started"):
        assert reason in reasons, events_of(env, "web", "dbg")
    assert ("Started", "Started container dbg") in events_of(env, "web", "dbg")
    p = env.api.read_namespaced_pod("web", NS).to_dict()["status"]
    assert p["phase"] == "Running"
    assert [c["name"] for c in p["container_statuses"]] == ["app", "side"]
    ready = next(c for c in p["conditions"] if c["type"] == "Ready")
    assert ready["status"] == "True"


def test_without_a_target_it_has_a_pid_namespace_of_its_own(env: Env) -> None:
    add(env, "web", name="plain", image=env.image, command=["ps"])
    wait_state(env, "web", "plain", "terminated")
    out = env.api.read_namespaced_pod_log("web", NS, container="plain")
    assert "ps" in out and "sleep" not in out


def test_exited_ones_are_never_restarted(env: Env) -> None:
    """The pod's restartPolicy is Always; a later add makes the worker sync again."""
    add(env, "web", name="once", image=env.image, command=["sh", "-c", "exit 3"])
    first = wait_state(env, "web", "once", "terminated")
    assert first["state"]["terminated"]["exit_code"] == 3
    add(env, "web", name="later", image=env.image, command=["true"])
    wait_state(env, "web", "later", "terminated")
    again = ephemeral_status(env, "web", "once")
    assert again is not None and again["restart_count"] == 0
    assert again["container_id"] == first["container_id"]
    started = [r for r, _ in events_of(env, "web", "once") if r == "Started"]
    assert started == ["Started"]


def test_a_missing_image_waits_in_image_pull_backoff(env: Env) -> None:
    missing = env.image.rsplit("/", 2)[0] + "/podd/no-such-image:v1"
    add(env, "web", name="nopull", image=missing, command=["true"])

    def backing_off() -> dict[str, Any] | None:
        s = ephemeral_status(env, "web", "nopull")
        waiting = (s or {}).get("state", {}).get("waiting") or {}
        return s if waiting.get("reason") == "ImagePullBackOff" else None

    s = wait_for("nopull in ImagePullBackOff", backing_off, timeout=60)
    assert s["state"]["waiting"]["message"] == f'Back-off pulling image "{missing}"'
    reasons = [r for r, _ in events_of(env, "web", "nopull")]
    assert "Pulling" in reasons and "Failed" in reasons
    wait_for("BackOff event", lambda: "BackOff" in dict(events_of(env, "web", "nopull")), 30)
    p = env.api.read_namespaced_pod("web", NS).to_dict()["status"]
    assert p["phase"] == "Running"
    assert next(c for c in p["conditions"] if c["type"] == "Ready")["status"] == "True"


def test_a_target_that_does_not_run_is_a_config_error(env: Env) -> None:
    with env.proc.client(timeout=60) as c:
        spec = pod(
            "half",
            env.image,
            {"name": "done", "command": ["true"]},
            {"name": "side", "command": ["sleep", "3600"]},
            restartPolicy="Never",
        )
        assert c.post(PODS, json=spec).status_code == 201
        wait_running(c, "half", "side")
    add(env, "half", name="lost", image=env.image, command=["ps"], targetContainerName="done")

    def config_error() -> dict[str, Any] | None:
        s = ephemeral_status(env, "half", "lost")
        waiting = (s or {}).get("state", {}).get("waiting") or {}
        return s if waiting.get("reason") == "CreateContainerConfigError" else None

    s = wait_for("lost in CreateContainerConfigError", config_error, timeout=60)
    assert s["state"]["waiting"]["message"] == "unable to find target container done"
    failed = [m for r, m in events_of(env, "half", "lost") if r == "Failed"]
    assert "Error: unable to find target container done" in failed
    env.api.delete_namespaced_pod("half", NS, grace_period_seconds=0)


def test_exec_and_attach_reach_a_running_one(env: Env) -> None:
    add(
        env,
        "web",
        name="shell",
        image=env.image,
        command=["sh", "-c", "while read -r l; do echo got:$l; done"],
        stdin=True,
        targetContainerName="app",
    )
    wait_state(env, "web", "shell", "running")
    out = stream(
        env.api.connect_get_namespaced_pod_exec,
        "web",
        NS,
        container="shell",
        command=["cat", "/proc/1/cmdline"],
        stdin=False,
        stdout=True,
        stderr=True,
        tty=False,
    )
    assert out.replace("\0", " ").strip() == "sleep 3600"  # PID 1 is the target's
    ws = stream(
        env.api.connect_get_namespaced_pod_attach,
        "web",
        NS,
        container="shell",
        stdin=True,
        stdout=True,
        stderr=True,
        tty=False,
        _preload_content=False,
    )
    try:
        ws.write_stdin("hello\n")
        assert ws.readline_stdout(timeout=30) == "got:hello"
    finally:
        ws.close()


def test_the_subresource_refuses_changes_and_stale_writes(env: Env) -> None:
    add(env, "web", name="keep", image=env.image, command=["true"])
    with pytest.raises(ApiException) as changed:
        add(env, "web", name="keep", image=env.image, command=["false"])
    assert changed.value.status == 422
    message = json.loads(changed.value.body or "{}")["message"]
    assert 'existing ephemeral containers "keep" may not be changed' in message
    with pytest.raises(ApiException) as ported:
        add(env, "web", name="ports", image=env.image, ports=[{"containerPort": 80}])
    assert ported.value.status == 422
    causes = json.loads(ported.value.body or "{}")["details"]["causes"]
    (cause,) = causes  # the new one is last in the merged list
    assert re.fullmatch(r"spec\.ephemeralContainers\[\d+\]\.ports", cause["field"])
    assert cause["reason"] == "FieldValueForbidden"
    current = env.api.read_namespaced_pod_ephemeralcontainers("web", NS)
    add(env, "web", name="bump", image=env.image, command=["true"])  # current is stale now
    with pytest.raises(ApiException) as stale:
        env.api.replace_namespaced_pod_ephemeralcontainers("web", NS, current)
    assert stale.value.status == 409


def kill_process(argv: list[str]) -> None:
    """SIGKILL the one process of ours whose command line is ``argv``."""
    want = "\0".join(argv).encode() + b"\0"
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "cmdline").read_bytes() == want:
                    found.append(int(entry.name))
    assert len(found) == 1, found
    os.kill(found[0], signal.SIGKILL)


def test_adopted_after_podd_is_killed_and_stopped_with_the_pod(env: Env) -> None:
    """One keeps running and one ends while podd is away: the next podd
    adopts both as they are, and starts neither again."""
    with env.proc.client(timeout=60) as c:
        spec = pod("hold", env.image, {"name": "app", "command": ["sleep", "3600"]})
        assert c.post(PODS, json=spec).status_code == 201
        wait_running(c, "hold", "app")
    add(env, "hold", name="stay", image=env.image, command=["sleep", "3601"])
    add(env, "hold", name="ends", image=env.image, command=["sleep", "3602"])
    stay = wait_state(env, "hold", "stay", "running")
    ends = wait_state(env, "hold", "ends", "running")
    env.proc.kill()
    kill_process(["sleep", "3602"])
    env.proc.start()
    env.connect()
    ended = wait_state(env, "hold", "ends", "terminated")
    assert ended["state"]["terminated"]["exit_code"] == 137
    assert ended["container_id"] == ends["container_id"]
    # A status written after the restart (the worker synced since), still the same runs.
    add(env, "hold", name="probe", image=env.image, command=["true"])
    wait_state(env, "hold", "probe", "terminated")
    after = ephemeral_status(env, "hold", "stay")
    assert after is not None and after["state"].get("running")
    assert after["container_id"] == stay["container_id"]
    again = ephemeral_status(env, "hold", "ends")
    assert again is not None and again["state"].get("terminated")
    assert again["container_id"] == ends["container_id"]
    for name in ("stay", "ends"):
        started = [r for r, _ in events_of(env, "hold", name) if r == "Started"]
        assert started == ["Started"], name
    env.api.delete_namespaced_pod("hold", NS, grace_period_seconds=1)

    def gone() -> bool:
        try:
            env.api.read_namespaced_pod("hold", NS)
        except ApiException as exc:
            return exc.status == 404
        return False

    wait_for("hold deleted", gone, timeout=60)
