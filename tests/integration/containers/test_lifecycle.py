"""Issue 6 through the service: restart policies and CrashLoopBackOff, init
containers, native sidecars, probes, hooks, graceful termination, recovery.
podd runs with the backoff shrunk: initial 1 s, max 4 s, reset after 5 s."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx

from tests.integration.containers.helpers import (
    exec_,
    get,
    pod,
    status_of,
    wait_phase,
    wait_running,
)
from tests.integration.pods.helpers import PODS, events_for, wait_for
from tests.podd_process import PoddProcess


def restarts(c: httpx.Client, name: str, container: str = "main") -> int:
    s = status_of(get(c, name), container)
    return int(s["restartCount"]) if s else 0


def test_crash_loop_backoff_is_reported(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(
            PODS, json=pod("crash", busybox, {"name": "main", "command": ["sh", "-c", "exit 1"]})
        )
        seen_backoff = False
        counts: list[int] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not counts or counts[-1] < 4):
            s = status_of(get(c, "crash"), "main")
            if s:
                counts.append(s["restartCount"])
                waiting = s["state"].get("waiting") or {}
                if waiting.get("reason") == "CrashLoopBackOff":
                    seen_backoff = True
                    assert waiting["message"].startswith("back-off ")
                    assert s["lastState"]["terminated"]["exitCode"] == 1
            time.sleep(0.05)
        assert seen_backoff and counts == sorted(counts) and counts[-1] >= 4
        reasons = {e["reason"]: e for e in events_for(c, "crash")}
        assert reasons["BackOff"]["type"] == "Warning" and reasons["BackOff"]["count"] >= 1
        assert reasons["Started"]["count"] >= 4  # deduplicated, counted
        assert get(c, "crash")["status"]["phase"] == "Running"


def test_backoff_delays_are_measured(podd: PoddProcess, busybox: str) -> None:
    """restartCount 1, 2, 3, 4 at delays 0, 1, 2, 4 (then 4: the max)."""
    with podd.client() as c:
        c.post(
            PODS, json=pod("delays", busybox, {"name": "main", "command": ["sh", "-c", "exit 1"]})
        )
        seen: dict[int, float] = {}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(seen) < 6:
            n = restarts(c, "delays")
            seen.setdefault(n, time.monotonic())
            s = status_of(get(c, "delays"), "main")
            if s and (w := s["state"].get("waiting")) and w["reason"] == "CrashLoopBackOff":
                assert "back-off" in w["message"]
            time.sleep(0.05)
        gaps = [seen[i + 1] - seen[i] for i in range(1, 5) if i + 1 in seen]
        # between restart k and k+1: backoff(k) = 1, 2, 4, 4 seconds (+ run time)
        assert len(gaps) >= 3, seen
        assert 0.5 < gaps[0] < 2.5 and 1.5 < gaps[1] < 3.5 and 3.0 < gaps[2] < 6.0, gaps


def test_backoff_resets_after_a_clean_run(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        # Crashes quickly twice, then runs 6 s (longer than the 5 s reset) and crashes.
        script = (
            "n=$(cat /data/n 2>/dev/null || echo 0); echo $((n+1)) > /data/n; "
            "[ $n -ge 2 ] && sleep 6; exit 1"
        )
        c.post(
            PODS,
            json=pod(
                "reset",
                busybox,
                {
                    "name": "main",
                    "command": ["sh", "-c", script],
                    "volumeMounts": [{"name": "data", "mountPath": "/data"}],
                },
                volumes=[{"name": "data", "emptyDir": {}}],
            ),
        )
        wait_for("the long run to end", lambda: restarts(c, "reset") >= 3, timeout=60)
        t3 = time.monotonic()
        # After the long run, the restart is immediate again (no 4 s backoff).
        wait_for("restart 4", lambda: restarts(c, "reset") >= 4, timeout=20)
        assert time.monotonic() - t3 < 9  # 6 s run + ~0 s backoff, not + 4 s


def test_on_failure_and_never(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(
            PODS,
            json=pod(
                "ok", busybox, {"name": "main", "command": ["true"]}, restartPolicy="OnFailure"
            ),
        )
        c.post(
            PODS,
            json=pod(
                "retry",
                busybox,
                {"name": "main", "command": ["sh", "-c", "exit 1"]},
                restartPolicy="OnFailure",
            ),
        )
        c.post(
            PODS,
            json=pod(
                "never",
                busybox,
                {"name": "main", "command": ["sh", "-c", "exit 7"]},
                restartPolicy="Never",
            ),
        )
        wait_phase(c, "ok", "Succeeded")
        wait_for("a retry", lambda: restarts(c, "retry") >= 1, timeout=30)
        p = wait_phase(c, "never", "Failed")
        assert status_of(p, "main")["state"]["terminated"]["exitCode"] == 7  # type: ignore[index]
        assert restarts(c, "never") == 0


def test_init_containers_in_order(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        body = pod(
            "inits",
            busybox,
            {
                "name": "main",
                "command": ["sleep", "3600"],
                "volumeMounts": [{"name": "w", "mountPath": "/w"}],
            },
            initContainers=[
                {
                    "name": "first",
                    "image": busybox,
                    "command": ["sh", "-c", "echo first > /w/order"],
                    "volumeMounts": [{"name": "w", "mountPath": "/w"}],
                },
                {
                    "name": "second",
                    "image": busybox,
                    "command": ["sh", "-c", "cat /w/order && echo second >> /w/order"],
                    "volumeMounts": [{"name": "w", "mountPath": "/w"}],
                },
            ],
            volumes=[{"name": "w", "emptyDir": {}}],
        )
        c.post(PODS, json=body)
        wait_running(c, "inits", "main")
        assert exec_(c, "inits", "cat", "/w/order")["stdout"] == "first\nsecond\n"


def test_failing_init_blocks_app(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(
            PODS,
            json=pod(
                "badinit",
                busybox,
                {"name": "main", "command": ["sleep", "3600"]},
                initContainers=[
                    {"name": "init", "image": busybox, "command": ["sh", "-c", "exit 2"]}
                ],
            ),
        )
        wait_for("init restarts", lambda: restarts(c, "badinit", "init") >= 2, timeout=40)
        p = get(c, "badinit")
        assert p["status"]["phase"] == "Pending"
        main = status_of(p, "main")
        assert main and main["state"]["waiting"]["reason"] == "PodInitializing"
        never = pod(
            "badinit2",
            busybox,
            {"name": "main", "command": ["sleep", "3600"]},
            initContainers=[{"name": "init", "image": busybox, "command": ["sh", "-c", "exit 2"]}],
            restartPolicy="Never",
        )
        c.post(PODS, json=never)
        wait_phase(c, "badinit2", "Failed")


def test_native_sidecars(podd: PoddProcess, busybox: str) -> None:
    trap = (
        "trap 'echo {n} >> /w/stopped; exit 0' TERM; echo {n} >> /w/started; "
        "while true; do sleep 0.2; done"
    )
    with podd.client() as c:
        body = pod(
            "sidecars",
            busybox,
            {
                "name": "main",
                "command": ["sh", "-c", "sleep 2; cat /w/started; echo main done"],
                "volumeMounts": [{"name": "w", "mountPath": "/w"}],
            },
            initContainers=[
                {
                    "name": "side1",
                    "image": busybox,
                    "restartPolicy": "Always",
                    "command": ["sh", "-c", trap.format(n="side1")],
                    "volumeMounts": [{"name": "w", "mountPath": "/w"}],
                },
                {
                    "name": "side2",
                    "image": busybox,
                    "restartPolicy": "Always",
                    "command": ["sh", "-c", trap.format(n="side2")],
                    "volumeMounts": [{"name": "w", "mountPath": "/w"}],
                },
            ],
            volumes=[{"name": "w", "emptyDir": {}}],
            restartPolicy="Never",
        )
        c.post(PODS, json=body)
        p = wait_phase(c, "sidecars", "Succeeded", timeout=60)
        assert status_of(p, "main")["state"]["terminated"]["exitCode"] == 0  # type: ignore[index]
        main_log = c.get(f"{PODS}/sidecars/log", params={"container": "main"}).text
        assert main_log.splitlines()[:2] == ["side1", "side2"]  # both started before main
        # Succeeded only once both sidecars stopped, in reverse order of definition.
        uid = p["metadata"]["uid"]
    stopped = podd.data_dir / "volumes" / uid / "w" / "stopped"
    assert stopped.read_text().split() == ["side2", "side1"]


def test_http_liveness_restarts_and_readiness_flips(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        body = pod(
            "probed",
            busybox,
            {
                "name": "main",
                "command": [
                    "sh",
                    "-c",
                    "mkdir -p /www && echo ok > /www/healthz && "
                    "echo ok > /www/ready && exec httpd -f -p 8080 -h /www",
                ],
                "livenessProbe": {
                    "httpGet": {"path": "/healthz", "port": 8080},
                    "periodSeconds": 1,
                    "failureThreshold": 2,
                },
                "readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}, "periodSeconds": 1},
            },
        )
        c.post(PODS, json=body)

        def ready() -> bool:
            return bool((s := status_of(get(c, "probed"), "main")) and s["ready"])

        def ready_pod() -> dict[str, Any] | None:
            # One read: the probe runs every second and may flip between reads.
            p = get(c, "probed")
            s = status_of(p, "main")
            return p if s and s["ready"] else None

        seen = wait_for("ready", ready_pod, timeout=30)
        assert {x["type"]: x["status"] for x in seen["status"]["conditions"]}["Ready"] == "True"
        exec_(c, "probed", "rm", "/www/ready")
        wait_for("not ready", lambda: not ready(), timeout=20)
        conds = {x["type"]: x["status"] for x in get(c, "probed")["status"]["conditions"]}
        assert conds["Ready"] == "False" and conds["ContainersReady"] == "False"
        exec_(c, "probed", "rm", "/www/healthz")
        wait_for("a liveness restart", lambda: restarts(c, "probed") >= 1, timeout=30)
        reasons = [e["reason"] for e in events_for(c, "probed")]
        assert "Unhealthy" in reasons and "Killing" in reasons


def test_startup_probe_delays_liveness(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        body = pod(
            "slow",
            busybox,
            {
                "name": "main",
                "command": ["sh", "-c", "sleep 3; touch /tmp/up; sleep 3600"],
                "startupProbe": {
                    "exec": {"command": ["test", "-e", "/tmp/up"]},
                    "periodSeconds": 1,
                    "failureThreshold": 10,
                },
                "livenessProbe": {
                    "exec": {"command": ["test", "-e", "/tmp/up"]},
                    "periodSeconds": 1,
                    "failureThreshold": 1,
                },
            },
        )
        c.post(PODS, json=body)
        wait_for(
            "started", lambda: (s := status_of(get(c, "slow"), "main")) and s["started"], timeout=30
        )
        time.sleep(2)
        assert restarts(c, "slow") == 0  # liveness did not kill it while starting


def test_prestop_then_sigterm(podd: PoddProcess, busybox: str, tmp_path: Path) -> None:
    # The markers go to a hostPath directory, which outlives the pod.
    marks = tmp_path / "marks"
    marks.mkdir()
    with podd.client() as c:
        body = pod(
            "hooks",
            busybox,
            {
                "name": "main",
                "command": [
                    "sh",
                    "-c",
                    "trap 'echo term >> /w/log; exit 0' TERM; while true; do sleep 0.2; done",
                ],
                "lifecycle": {
                    "preStop": {"exec": {"command": ["sh", "-c", "echo prestop >> /w/log"]}},
                    "postStart": {"exec": {"command": ["sh", "-c", "echo poststart >> /w/log"]}},
                },
                "volumeMounts": [{"name": "w", "mountPath": "/w"}],
            },
            volumes=[{"name": "w", "hostPath": {"path": str(marks), "type": "Directory"}}],
            terminationGracePeriodSeconds=10,
        )
        c.post(PODS, json=body)
        wait_running(c, "hooks", "main")
        log = marks / "log"
        wait_for("postStart", lambda: log.exists() and "poststart" in log.read_text())
        c.delete(f"{PODS}/hooks")
        wait_for("gone", lambda: c.get(f"{PODS}/hooks").status_code == 404, timeout=30)
    assert log.read_text().split() == ["poststart", "prestop", "term"]


def test_sigterm_ignored_gets_sigkill_after_grace(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(
            PODS,
            json=pod(
                "stubborn",
                busybox,
                {
                    "name": "main",
                    "command": ["sh", "-c", "trap '' TERM; while true; do sleep 0.1; done"],
                },
                terminationGracePeriodSeconds=3,
            ),
        )
        wait_running(c, "stubborn", "main")
        t0 = time.monotonic()
        c.delete(f"{PODS}/stubborn")
        wait_for("gone", lambda: c.get(f"{PODS}/stubborn").status_code == 404, timeout=30)
        took = time.monotonic() - t0
        assert 2.5 <= took <= 4.5, took  # the 3 s grace period, ±1 s
        c.post(
            PODS,
            json=pod(
                "now",
                busybox,
                {
                    "name": "main",
                    "command": ["sh", "-c", "trap '' TERM; while true; do sleep 0.1; done"],
                },
                terminationGracePeriodSeconds=30,
            ),
        )
        wait_running(c, "now", "main")
        r = c.delete(f"{PODS}/now", params={"gracePeriodSeconds": "0"})
        assert r.status_code == 200 and c.get(f"{PODS}/now").status_code == 404


def test_active_deadline(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        c.post(
            PODS,
            json=pod(
                "deadline",
                busybox,
                {"name": "main", "command": ["sleep", "3600"]},
                activeDeadlineSeconds=3,
            ),
        )
        p = wait_phase(c, "deadline", "Failed", timeout=30)
        assert p["status"]["reason"] == "DeadlineExceeded"


def test_recovery_of_ten_pods(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        for i in range(9):
            c.post(
                PODS, json=pod(f"keep{i}", busybox, {"name": "main", "command": ["sleep", "3600"]})
            )
        c.post(
            PODS,
            json=pod(
                "dies",
                busybox,
                {
                    "name": "main",
                    "command": ["sh", "-c", "while [ ! -e /tmp/die ]; do sleep 0.2; done; exit 5"],
                },
                restartPolicy="OnFailure",
            ),
        )
        for i in range(9):
            wait_running(c, f"keep{i}", "main")
        wait_running(c, "dies", "main")
        before = {
            f"keep{i}": status_of(get(c, f"keep{i}"), "main")["containerID"]  # type: ignore[index]
            for i in range(9)
        }
        exec_(c, "dies", "touch", "/tmp/die")
    podd.kill()
    time.sleep(1.0)  # the container exits while podd is down
    podd.start()
    with podd.client() as c:
        for name, cid in before.items():
            s = status_of(get(c, name), "main")
            assert s and s["containerID"] == cid and s["restartCount"] == 0
            assert s["state"].get("running")

        def restarted() -> dict[str, Any] | None:
            s = status_of(get(c, "dies"), "main")
            return s if s and s["restartCount"] >= 1 else None

        s = wait_for("the exited one restarted", restarted, timeout=30)
        assert s["lastState"]["terminated"]["exitCode"] == 5


def test_image_pull_errors_and_backoff(podd: PoddProcess, busybox: str) -> None:
    missing = busybox.rsplit(":", 1)[0] + ":no-such-tag"
    with podd.client() as c:
        c.post(
            PODS, json=pod("pull", busybox, {"name": "main", "image": missing, "command": ["true"]})
        )

        def reason() -> str | None:
            s = status_of(get(c, "pull"), "main")
            w = (s or {}).get("state", {}).get("waiting") or {}
            return w.get("reason")

        wait_for("ErrImagePull", lambda: reason() == "ErrImagePull", timeout=30)
        wait_for("ImagePullBackOff", lambda: reason() == "ImagePullBackOff", timeout=30)
        # The BackOff event follows the status write that shows ImagePullBackOff.
        wanted = {"Pulling", "Failed", "BackOff"}
        wait_for(
            "the pull events",
            lambda: wanted <= {e["reason"] for e in events_for(c, "pull")},
            timeout=10,
        )
        c.post(PODS, json=pod("pulled", busybox, {"name": "main", "command": ["sleep", "60"]}))
        wait_running(c, "pulled", "main")
        pulled = [e for e in events_for(c, "pulled") if e["reason"] == "Pulled"]
        assert pulled and "Successfully pulled image" in pulled[0]["message"]
