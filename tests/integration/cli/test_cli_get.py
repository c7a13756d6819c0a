"""``podd get``, ``describe``, ``get -w`` and ``images pull``: the real CLI
as a process against a live podd with real pods; what it prints checked
against what podd holds (the pod's IP, its events, the image id)."""

from __future__ import annotations

import json
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from tests.integration.cli.cli_helpers import cli_env, podd_cli, with_socket
from tests.integration.containers.helpers import pod, wait_running
from tests.podd_process import PoddProcess
from tests.support.fixtures import registry, test_images  # noqa: F401
from tests.support.registry import Registry

pytestmark = pytest.mark.integration

PODS = "/api/v1/namespaces/default/pods"
WATCH_WAIT = 90.0


class Env:
    def __init__(self, proc: PoddProcess, image: str) -> None:
        self.proc = proc
        self.image = image

    def pod(self, name: str) -> dict[str, Any]:
        with self.proc.client() as c:
            return dict(c.get(f"{PODS}/{name}").json())


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Iterator[Env]:  # noqa: F811
    proc = PoddProcess(
        tmp_path_factory.mktemp("podd-cli-get"), "--insecure-registry", registry.host
    )
    proc.start()
    image = f"{registry.host}/library/busybox:1.36"
    try:
        with proc.client(timeout=60) as c:
            web = pod("web", image, {"name": "main", "command": ["sleep", "3600"]})
            web["metadata"]["labels"] = {"app": "web"}
            assert c.post(PODS, json=web).status_code == 201
            wait_running(c, "web", "main")
        yield Env(proc, image)
    finally:
        proc.stop()
    assert not proc.leftovers, f"processes left in podd's cgroup: {proc.leftovers}"


def _lines(out: subprocess.CompletedProcess[str]) -> list[list[str]]:
    assert out.returncode == 0, out.stderr
    return [line.split() for line in out.stdout.splitlines()]


def test_get_pods_prints_kubectls_columns(env: Env) -> None:
    rows = _lines(podd_cli(env.proc, "get", "pods"))
    assert rows[0] == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    assert rows[1][:4] == ["web", "1/1", "Running", "0"]
    header = podd_cli(env.proc, "get", "pods").stdout.splitlines()[0]
    assert header.startswith("NAME   READY   STATUS    RESTARTS   AGE")  # tabwriter's padding


def test_wide_adds_the_ip_and_node(env: Env) -> None:
    out = podd_cli(env.proc, "get", "pods", "web", "-o", "wide")
    rows = _lines(out)
    assert re.split(r"\s{2,}", out.stdout.splitlines()[0])[-4:] == [
        "IP",
        "NODE",
        "NOMINATED NODE",
        "READINESS GATES",
    ]
    pod_ = env.pod("web")
    assert rows[1][5] == pod_["status"]["podIP"]
    assert rows[1][-3:] == [pod_["spec"].get("nodeName") or "<none>", "<none>", "<none>"]


def test_json_yaml_and_name(env: Env) -> None:
    one = json.loads(podd_cli(env.proc, "get", "pod", "web", "-o", "json").stdout)
    assert (one["kind"], one["metadata"]["name"]) == ("Pod", "web")
    listed = yaml.safe_load(podd_cli(env.proc, "get", "pods", "-o", "yaml").stdout)
    assert listed["kind"] == "List"
    assert [(p["kind"], p["apiVersion"], p["metadata"]["name"]) for p in listed["items"]] == [
        ("Pod", "v1", "web")
    ]
    assert podd_cli(env.proc, "get", "po", "-o", "name").stdout == "pod/web\n"


def test_label_selectors_and_nothing_found(env: Env) -> None:
    assert _lines(podd_cli(env.proc, "get", "pods", "-l", "app=web"))[1][0] == "web"
    none = podd_cli(env.proc, "get", "pods", "-l", "app=db")
    assert (none.returncode, none.stdout) == (0, "")
    assert none.stderr == "No resources found in default namespace.\n"
    missing = podd_cli(env.proc, "get", "pods", "nope")
    assert missing.returncode == 1
    assert 'Error from server (NotFound): pods "nope" not found' in missing.stderr
    unknown = podd_cli(env.proc, "get", "widgets")
    assert 'the server doesn\'t have a resource type "widgets"' in unknown.stderr


def test_get_events_lists_the_pods_events(env: Env) -> None:
    out = podd_cli(env.proc, "get", "events")
    rows = _lines(out)
    assert rows[0] == ["LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    reasons = {r[2] for r in rows[1:] if r[3] == "pod/web"}
    assert {"Pulled", "Created", "Started"} <= reasons, out.stdout


def test_describe_pod_in_kubectls_layout(env: Env) -> None:
    out = podd_cli(env.proc, "describe", "pod", "web")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    lines = text.splitlines()
    pod_ = env.pod("web")
    assert lines[0].split() == ["Name:", "web"]
    assert lines[1].split() == ["Namespace:", "default"]
    # kubectl's tabwriter aligns the values of the top block on one column
    top = {line.split(":")[0]: line for line in lines[: lines.index("IPs:")]}
    column = top["Name"].index("web")
    assert top["Status"].index("Running") == column
    assert top["IP"].index(pod_["status"]["podIP"]) == column
    assert top["Labels"][column:] == "app=web"

    def at(prefix: str) -> int:
        return next(i for i, line in enumerate(lines) if line.startswith(prefix))

    order = ["IPs:", "Containers:", "Conditions:", "Volumes:", "QoS Class:", "Tolerations:"]
    assert [at(p) for p in order] == sorted(at(p) for p in order)
    assert at("Events:") > at("Tolerations:")
    assert "    Command:" in lines and "      sleep" in lines
    assert any(line.split() == ["State:", "Running"] for line in lines)
    events_at = lines.index("Events:")
    assert lines[events_at + 1].split() == ["Type", "Reason", "Age", "From", "Message"]
    reasons = [line.split()[1] for line in lines[events_at + 3 :] if line.strip()]
    assert {"Pulled", "Created", "Started"} <= set(reasons), text


def _reader(proc: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.put(line)
    lines.put(None)


def test_watch_sees_a_pod_go_running(env: Env) -> None:
    watch = with_socket(env.proc, ("get", "pods", "-w", "-l", "app=late"))
    watcher = subprocess.Popen(
        [sys.executable, "-m", "podd.cli.main", *watch],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_reader, args=(watcher, lines), daemon=True).start()
    seen: list[str] = []
    try:
        late = pod("late", env.image, {"name": "main", "command": ["sleep", "3600"]})
        late["metadata"]["labels"] = {"app": "late"}
        with env.proc.client() as c:
            assert c.post(PODS, json=late).status_code == 201
        deadline = time.monotonic() + WATCH_WAIT
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=max(deadline - time.monotonic(), 0.1))
            except queue.Empty:
                break
            if line is None:
                break
            seen.append(line)
            if line.split()[:3] == ["late", "1/1", "Running"]:
                break
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)
        with env.proc.client() as c:
            c.delete(f"{PODS}/late", params={"gracePeriodSeconds": "0"})
    assert seen and seen[0].split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], seen
    assert seen[-1].split()[:3] == ["late", "1/1", "Running"], seen
    statuses = [line.split()[2] for line in seen[1:]]
    assert statuses[0] in ("Pending", "ContainerCreating", "Running"), seen


def test_images_pull_prints_progress_and_the_id(env: Env, registry: Registry) -> None:  # noqa: F811
    ref = f"{registry.host}/podd/multilayer:v1"
    out = podd_cli(env.proc, "images", "pull", ref)
    assert out.returncode == 0, out.stderr
    image_id = out.stdout.strip()
    with env.proc.client() as c:
        assert c.get(f"/podd/v1/images/{ref}").json()["id"] == image_id
    progress = out.stderr.splitlines()
    assert progress[0].startswith(f"Resolved {ref} (")
    assert progress[-1].startswith(f"Pulled {ref} (")
    layers = [line for line in progress if line.startswith("Layer ")]
    assert layers and all(line.split()[2] for line in layers)
    # a line per state change, never one per byte
    assert len(layers) == len(set(layers))
    failed = podd_cli(env.proc, "images", "pull", f"{registry.host}/podd/nothing:v1")
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert "podd: pulling" in failed.stderr


def test_several_kinds_at_once(env: Env) -> None:
    svc = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "web"},
        "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]},
    }
    with env.proc.client() as c:
        assert c.post("/api/v1/namespaces/default/services", json=svc).status_code == 201
    try:
        out = podd_cli(env.proc, "get", "pods,svc")
        assert out.returncode == 0, out.stderr
        pods, services = out.stdout.split("\n\n")
        assert pods.splitlines()[1].split()[:3] == ["pod/web", "1/1", "Running"]
        header, row = services.splitlines()
        assert header.split()[:3] == ["NAME", "TYPE", "CLUSTER-IP"]
        assert row.split()[:2] == ["service/web", "ClusterIP"]
        names = podd_cli(env.proc, "get", "svc,po", "-o", "name")
        assert names.stdout == "service/web\npod/web\n"
        listed = json.loads(podd_cli(env.proc, "get", "svc,po", "-o", "json").stdout)
        assert [i["kind"] for i in listed["items"]] == ["Service", "Pod"]
        refused = podd_cli(env.proc, "get", "svc,po", "-w")
        assert refused.returncode == 1 and "watch is only supported" in refused.stderr
    finally:
        with env.proc.client() as c:
            c.delete("/api/v1/namespaces/default/services/web")
