"""Issue 5 through the service: real containers (conmon + runc) in real
rootless sandboxes, images pulled from a real local registry."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx

from tests.integration.containers.helpers import (
    exec_,
    get,
    logs,
    pod,
    status_of,
    wait_phase,
    wait_running,
)
from tests.integration.pods.helpers import PODS, free_port, pid_alive, sandbox, wait_for
from tests.podd_process import PoddProcess


def seed_pod(image: str, port: int, share: bool = True) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {
            "shareProcessNamespace": share,
            "terminationGracePeriodSeconds": 2,
            "volumes": [{"name": "html", "emptyDir": {}}, {"name": "logs", "emptyDir": {}}],
            "initContainers": [
                {
                    "name": "content",
                    "image": image,
                    "command": ["sh", "-c", "echo hello from podd > /html/index.html"],
                    "volumeMounts": [{"name": "html", "mountPath": "/html"}],
                }
            ],
            "containers": [
                {
                    "name": "web",
                    "image": image,
                    "command": [
                        "sh",
                        "-c",
                        "exec httpd -f -v -p 80 -h /html 2>>/var/log/web/access.log",
                    ],
                    "ports": [{"containerPort": 80, "hostPort": port}],
                    "volumeMounts": [
                        {"name": "html", "mountPath": "/html", "readOnly": True},
                        {"name": "logs", "mountPath": "/var/log/web"},
                    ],
                },
                {
                    "name": "sidecar",
                    "image": image,
                    "command": ["sleep", "3600"],
                    "volumeMounts": [{"name": "logs", "mountPath": "/logs", "readOnly": True}],
                },
            ],
        },
    }


def fetch(port: int, path: str = "/") -> str | None:
    try:
        r = httpx.get(f"http://127.0.0.1:{port}{path}", timeout=3)
        return r.text if r.status_code == 200 else None
    except httpx.HTTPError:
        return None


def test_seed_pod(podd: PoddProcess, busybox: str) -> None:
    port = free_port()
    with podd.client() as c:
        assert c.post(PODS, json=seed_pod(busybox, port)).status_code == 201
        wait_running(c, "web", "web")
        wait_running(c, "web", "sidecar")
        p = wait_phase(c, "web", "Running")
        init = status_of(p, "content")
        assert init and init["state"]["terminated"]["exitCode"] == 0
        assert init["state"]["terminated"]["reason"] == "Completed"
        conds = {x["type"]: x["status"] for x in p["status"]["conditions"]}
        assert conds["Initialized"] == "True" and conds["Ready"] == "True"
        # The sidecar reaches the web server on localhost.
        out = exec_(c, "web", "wget", "-q", "-O", "-", "http://127.0.0.1:80/", container="sidecar")
        assert out["exitCode"] == 0 and out["stdout"] == "hello from podd\n"
        # … and reads its log from the shared emptyDir.
        out = exec_(c, "web", "cat", "/logs/access.log", container="sidecar")
        assert "GET /" in out["stdout"] or "127.0.0.1" in out["stdout"]
        # One PID namespace: the pause is PID 1, httpd is visible.
        ps = exec_(c, "web", "ps", container="sidecar")["stdout"]
        first = ps.splitlines()[1].split()
        assert first[0] == "1" and "pause" in ps.splitlines()[1]
        assert "httpd" in ps
        # From the host, through the port forward.
        assert wait_for("the page from the host", lambda: fetch(port)) == "hello from podd\n"


def test_without_shared_pid_namespace(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(PODS, json=seed_pod(busybox, free_port(), share=False))
        wait_running(c, "web", "sidecar")
        wait_running(c, "web", "web")
        ps = exec_(c, "web", "ps", container="sidecar")["stdout"]
        assert "httpd" not in ps and "pause" not in ps
        assert "sleep" in ps


def test_second_bind_of_port_80_fails(podd: PoddProcess, busybox: str) -> None:
    port = free_port()
    httpd = ["httpd", "-f", "-p", "80", "-h", "/etc"]
    with podd.client() as c:
        body = pod(
            "dup",
            busybox,
            {"name": "first", "command": httpd, "ports": [{"containerPort": 80, "hostPort": port}]},
            {"name": "second", "command": ["sh", "-c", "sleep 2; exec httpd -f -p 80"]},
            restartPolicy="Never",
        )
        c.post(PODS, json=body)
        wait_running(c, "dup", "first")

        def second_failed() -> dict[str, Any] | None:
            s = status_of(get(c, "dup"), "second")
            return s if s and s["state"].get("terminated") else None

        term = wait_for("second to fail", second_failed)["state"]["terminated"]
        assert term["exitCode"] != 0 and term["reason"] == "Error"
        assert "Address already in use" in logs(c, "dup", container="second")
        assert wait_running(c, "dup", "first")
        assert wait_for("first still serves", lambda: fetch(port, "/hostname")) == "dup\n"


def test_security_context(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        body = pod(
            "sec",
            busybox,
            {
                "name": "ids",
                "command": ["sleep", "3600"],
                "securityContext": {"runAsUser": 1000, "runAsGroup": 3000},
            },
            {
                "name": "ro",
                "command": ["sleep", "3600"],
                "securityContext": {"readOnlyRootFilesystem": True},
                "volumeMounts": [{"name": "scratch", "mountPath": "/scratch"}],
            },
            {
                "name": "nocaps",
                "command": ["sleep", "3600"],
                "securityContext": {
                    "capabilities": {"drop": ["ALL"]},
                    "allowPrivilegeEscalation": False,
                },
            },
            volumes=[{"name": "scratch", "emptyDir": {}}],
        )
        c.post(PODS, json=body)
        for name in ("ids", "ro", "nocaps"):
            wait_running(c, "sec", name)
        out = exec_(c, "sec", "id", container="ids")["stdout"]
        assert "uid=1000" in out and "gid=3000" in out
        assert exec_(c, "sec", "touch", "/x", container="ro")["exitCode"] != 0
        assert exec_(c, "sec", "touch", "/scratch/x", container="ro")["exitCode"] == 0
        status = exec_(c, "sec", "cat", "/proc/self/status", container="nocaps")["stdout"]
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        assert fields["CapEff"].strip() == "0000000000000000"
        assert fields["NoNewPrivs"].strip() == "1"


def test_run_as_non_root_with_root_user_is_a_config_error(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(
            PODS,
            json=pod(
                "nonroot",
                busybox,
                {
                    "name": "main",
                    "command": ["sleep", "3600"],
                    "securityContext": {"runAsNonRoot": True},
                },
            ),
        )

        def waiting() -> dict[str, Any] | None:
            s = status_of(get(c, "nonroot"), "main")
            w = s["state"].get("waiting") if s else None
            return w if w and w.get("reason") == "CreateContainerConfigError" else None

        w = wait_for("CreateContainerConfigError", waiting)
        assert "runAsNonRoot" in w["message"]


def test_env_sources(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        assert (
            c.post(
                "/api/v1/namespaces/default/configmaps",
                json={
                    "apiVersion": "v1",
                    "kind": "ConfigMap",
                    "metadata": {"name": "cfg"},
                    "data": {"color": "blue", "size": "L"},
                },
            ).status_code
            == 201
        )
        assert (
            c.post(
                "/api/v1/namespaces/default/secrets",
                json={
                    "apiVersion": "v1",
                    "kind": "Secret",
                    "metadata": {"name": "sec"},
                    "stringData": {"password": "s3cret"},
                },
            ).status_code
            == 201
        )
        c.post(
            PODS,
            json=pod(
                "env",
                busybox,
                {
                    "name": "main",
                    "command": ["sh", "-c", "env; sleep 3600"],
                    "env": [
                        {
                            "name": "POD_NAME",
                            "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}},
                        },
                        {
                            "name": "POD_IP",
                            "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}},
                        },
                        {
                            "name": "COLOR",
                            "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "color"}},
                        },
                        {
                            "name": "PASSWORD",
                            "valueFrom": {"secretKeyRef": {"name": "sec", "key": "password"}},
                        },
                        {"name": "GREETING", "value": "hi $(POD_NAME) $$(POD_NAME)"},
                    ],
                    "envFrom": [{"configMapRef": {"name": "cfg"}, "prefix": "CFG_"}],
                },
            ),
        )
        wait_running(c, "env", "main")
        env = exec_(c, "env", "env")["stdout"]
        for expected in (
            "POD_NAME=env",
            f"POD_IP={get(c, 'env')['status']['podIP']}",
            "COLOR=blue",
            "PASSWORD=s3cret",
            "CFG_color=blue",
            "CFG_size=L",
            "GREETING=hi env $(POD_NAME)",
        ):
            assert expected in env.splitlines(), (expected, env)


def test_missing_config_key_is_named(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(
            PODS,
            json=pod(
                "nokey",
                busybox,
                {
                    "name": "main",
                    "command": ["sleep", "3600"],
                    "env": [
                        {
                            "name": "X",
                            "valueFrom": {"configMapKeyRef": {"name": "absent", "key": "k"}},
                        }
                    ],
                },
            ),
        )

        def waiting() -> dict[str, Any] | None:
            s = status_of(get(c, "nokey"), "main")
            w = s["state"].get("waiting") if s else None
            return w if w and w.get("reason") == "CreateContainerConfigError" else None

        assert "absent" in wait_for("config error", waiting)["message"]


def test_exit_code(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(
            PODS,
            json=pod(
                "exit3",
                busybox,
                {"name": "main", "command": ["sh", "-c", "exit 3"]},
                restartPolicy="Never",
            ),
        )
        p = wait_phase(c, "exit3", "Failed")
        term = status_of(p, "main")["state"]["terminated"]  # type: ignore[index]
        assert term["exitCode"] == 3 and term["reason"] == "Error"
        assert term["finishedAt"] and term["containerID"].startswith("runc://")


def test_logs_options(podd: PoddProcess, busybox: str) -> None:
    script = "for i in 1 2 3 4 5; do echo line$i; done; echo err >&2; sleep 3600"
    with podd.client() as c:
        c.post(PODS, json=pod("logs", busybox, {"name": "main", "command": ["sh", "-c", script]}))
        wait_running(c, "logs", "main")
        wait_for("all lines", lambda: "err" in logs(c, "logs"))
        out = logs(c, "logs").splitlines()
        assert out[:5] == [f"line{i}" for i in range(1, 6)] and "err" in out
        assert len(logs(c, "logs", tailLines="2").splitlines()) == 2
        stamped = logs(c, "logs", timestamps="true").splitlines()[0]
        assert stamped.split(" ", 1)[1] == "line1" and stamped[:4].isdigit()
        assert logs(c, "logs", sinceSeconds="3600").count("line") == 5
        assert logs(c, "logs", limitBytes="6") == "line1\n"
        r = c.get(f"{PODS}/logs/log", params={"previous": "true"})
        assert r.status_code == 400


def test_follow_gets_new_lines(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(
            PODS,
            json=pod(
                "follow",
                busybox,
                {
                    "name": "main",
                    "command": [
                        "sh",
                        "-c",
                        "echo start; while [ ! -e /tmp/go ]; do sleep 0.2; done; "
                        "echo after; sleep 3600",
                    ],
                },
            ),
        )
        wait_running(c, "follow", "main")
        got: list[str] = []
        ready = threading.Event()

        def reader() -> None:
            with (
                podd.client(timeout=30) as fc,
                fc.stream("GET", f"{PODS}/follow/log", params={"follow": "true"}) as r,
            ):
                for line in r.iter_lines():
                    got.append(line)
                    ready.set()
                    if line == "after":
                        return

        t = threading.Thread(target=reader, daemon=True)
        t.start()
        assert ready.wait(20) and got[0] == "start"
        exec_(c, "follow", "touch", "/tmp/go")
        t.join(20)
        assert got[-1] == "after"


def test_sigkill_podd_keeps_containers(podd: PoddProcess, busybox: str) -> None:
    port = free_port()
    with podd.client() as c:
        c.post(PODS, json=seed_pod(busybox, port))
        wait_running(c, "web", "web")
        wait_running(c, "web", "sidecar")
        before = {s["name"]: s["containerID"] for s in get(c, "web")["status"]["containerStatuses"]}
        pids_before = exec_(c, "web", "ps", container="sidecar")["stdout"]
    podd.kill()
    assert fetch(port) == "hello from podd\n"  # pods survive podd
    podd.start()
    with podd.client() as c:
        after = {s["name"]: s["containerID"] for s in get(c, "web")["status"]["containerStatuses"]}
        assert after == before
        for s in get(c, "web")["status"]["containerStatuses"]:
            assert s["restartCount"] == 0 and s["state"].get("running")
        assert _procs(exec_(c, "web", "ps", container="sidecar")["stdout"]) == _procs(pids_before)
        assert (
            "hello from podd"
            in exec_(
                c, "web", "wget", "-q", "-O", "-", "http://127.0.0.1:80/", container="sidecar"
            )["stdout"]
        )
        assert logs(c, "web", container="sidecar") == ""


def test_delete_leaves_nothing(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(PODS, json=seed_pod(busybox, free_port()))
        wait_running(c, "web", "web")
        state = sandbox(c, "web")
        uid = get(c, "web")["metadata"]["uid"]
        assert c.delete(f"{PODS}/web").status_code == 200
        wait_for("pod removal", lambda: c.get(f"{PODS}/web").status_code == 404, timeout=60)
    assert not pid_alive(state["pause"]["pid"], state["pause"]["start_time"])
    assert not Path(state["cgroup_path"]).exists()
    assert not Path(state["runtime_dir"]).exists()
    data = podd.data_dir
    assert not list((data / "logs").glob(f"*_{uid}"))
    assert not (data / "volumes" / uid).exists()
    assert not (data / "storage" / "containers" / uid).exists()
    mounts = Path("/proc/self/mountinfo").read_text()
    assert uid not in mounts
    leftovers = [p for p in Path("/proc").iterdir() if p.name.isdigit() and uid in _cmdline(p)]
    assert leftovers == []


def _cmdline(p: Path) -> str:
    try:
        return (p / "cmdline").read_text()
    except OSError:
        return ""


def _procs(ps: str) -> set[tuple[str, str]]:
    """(PID, command) of the long-running processes in a ``ps`` listing."""
    out = set()
    for line in ps.splitlines()[1:]:
        fields = line.split(None, 3)
        if len(fields) == 4 and not fields[3].startswith("ps"):
            out.add((fields[0], fields[3]))
    return out
