"""Changes to a running pod's spec reach its containers, as the kubelet's:
a changed image restarts the container from the new image (through a JSON
patch, a strategic-merge patch and a PUT); activeDeadlineSeconds takes effect
at once; a fresh pod's events come out in the order they happened."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from tests.integration.containers.helpers import exec_, get, pod, status_of, wait_running
from tests.integration.pods.helpers import PODS, wait_for
from tests.podd_process import PoddProcess
from tests.support.registry import Registry

# Exits at once on SIGTERM, so the restart does not wait out the grace period.
LOOP = ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"]


def _json_patch(c: httpx.Client, image: str) -> httpx.Response:
    return c.patch(
        f"{PODS}/web",
        content=f'[{{"op":"replace","path":"/spec/containers/0/image","value":"{image}"}}]',
        headers={"Content-Type": "application/json-patch+json"},
    )


def _strategic(c: httpx.Client, image: str) -> httpx.Response:
    # What `kubectl set image pod/web app=…` sends.
    return c.patch(
        f"{PODS}/web",
        json={"spec": {"containers": [{"name": "app", "image": image}]}},
        headers={"Content-Type": "application/strategic-merge-patch+json"},
    )


def _put(c: httpx.Client, image: str) -> httpx.Response:
    current = get(c, "web")
    current["spec"]["containers"][0]["image"] = image
    return c.put(f"{PODS}/web", json=current)


def _events(c: httpx.Client, name: str) -> list[dict[str, Any]]:
    r = c.get(
        "/api/v1/namespaces/default/events",
        params={"fieldSelector": f"involvedObject.name={name}"},
    )
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


@pytest.mark.parametrize("change", [_json_patch, _strategic, _put], ids=["json", "smp", "put"])
def test_changed_image_restarts_the_container(
    podd: PoddProcess, busybox: str, registry: Registry, change: Any
) -> None:
    other = f"{registry.host}/podd/multilayer:v1"  # busybox + /data/keep.txt
    with podd.client() as c:
        assert c.post(PODS, json=pod("web", busybox, {"name": "app", "command": LOOP})).is_success
        before = wait_running(c, "web", "app")
        assert before["restartCount"] == 0
        t0 = time.monotonic()
        r = change(c, other)
        assert r.status_code == 200, r.text

        def restarted() -> dict[str, Any] | None:
            s = status_of(get(c, "web"), "app")
            return s if s and s["restartCount"] == 1 and s["state"].get("running") else None

        after = wait_for("the restart from the new image", restarted, timeout=15)
        took = time.monotonic() - t0
        assert after["image"] == other
        assert after["imageID"] != before["imageID"]
        assert after["containerID"] != before["containerID"]
        assert after["lastState"]["terminated"]["containerID"] == before["containerID"]
        # The new container runs the new image.
        assert exec_(c, "web", "cat", "/data/keep.txt")["stdout"] == "keep\n"
        killing = [
            e["message"]
            for e in _events(c, "web")
            if e["reason"] == "Killing" and e["involvedObject"].get("fieldPath")
        ]
        assert killing == ["Container app definition changed, will be restarted"]
        print(f"restarted from the new image {took:.2f}s after the {change.__name__} write")


def test_active_deadline_set_on_a_running_pod_takes_effect_at_once(
    podd: PoddProcess, busybox: str
) -> None:
    with podd.client() as c:
        assert c.post(PODS, json=pod("web", busybox, {"name": "app", "command": LOOP})).is_success
        wait_running(c, "web", "app")
        time.sleep(1.1)  # the pod has been active for longer than the deadline below
        r = c.patch(
            f"{PODS}/web",
            json={"spec": {"activeDeadlineSeconds": 1}},
            headers={"Content-Type": "application/merge-patch+json"},
        )
        assert r.status_code == 200, r.text
        done = wait_for(
            "DeadlineExceeded",
            lambda: (p := get(c, "web"))["status"].get("reason") == "DeadlineExceeded" and p,
            timeout=15,
        )
        assert done["status"]["phase"] == "Failed"


def test_fresh_pod_events_are_listed_in_time_order(podd: PoddProcess, busybox: str) -> None:
    with podd.client() as c:
        body = pod("web", busybox, {"name": "app", "command": LOOP, "imagePullPolicy": "Always"})
        assert c.post(PODS, json=body).is_success
        wait_running(c, "web", "app")
        wanted = ["Scheduled", "SandboxCreated", "Pulling", "Pulled", "Created", "Started"]

        def listed() -> list[str] | None:
            got = [e["reason"] for e in _events(c, "web") if e["reason"] in wanted]
            return got if len(got) == len(wanted) else None

        assert wait_for("six events", listed, timeout=10) == wanted
        names = [e["metadata"]["name"] for e in _events(c, "web")]
        assert names == sorted(names) and all(n.startswith("web.") for n in names)
